import "server-only";
import { z } from "zod";
import { ownsTask } from "@/lib/auth/permissions";
import { defineAction } from "@/server/actions/pipeline";
import { activityItem, checkTaskVersion, loadRun, loadTask, publishRunChange, taskSnapshot, updateTaskVersioned } from "@/server/runs/mutations";
import { toTaskDto } from "@/server/runs/serialize";
import { ZTaskId } from "./schemas";

export const noteTaskAction = defineAction({
  name: "tasks.note",
  permission: "tasks.note",
  summary: "Add a note to a task (its owners or the lead). Notes never change the task's status.",
  // No version check by default: notes append, so two people noting at once both keep theirs.
  input: z.object({ taskId: ZTaskId, text: z.string().trim().min(1, "Write the note.").max(4000), expectedVersion: z.number().int().positive().optional() }),
  rest: { method: "POST", path: "/api/v1/tasks/{taskId}/note" },
  handler: async ({ input, actor, tx, audit, publish, deny }) => {
    const task = await loadTask(tx, input.taskId);
    const target = { type: "task", id: task.id, label: task.title };
    if (!ownsTask(actor, task.ownerRole)) throw deny(`Only someone holding the "${task.ownerRole}" role (or the lead) can add notes to "${task.title}".`, target, { runId: task.runId });
    checkTaskVersion(task, input.expectedVersion);
    const run = await loadRun(tx, task.runId);
    const note = { at: new Date().toISOString(), by: actor.name, text: input.text };
    let current = task;
    // Appending must not lose a note to a concurrent one: retry on the fresh row rather than refuse.
    for (let attempt = 0; ; attempt++) {
      try {
        const updated = await updateTaskVersioned(tx, current, actor, { note: input.text, notes: [...current.notes, note] });
        await audit({ action: "tasks.note", target, runId: run.id, before: taskSnapshot(current), after: taskSnapshot(updated), reason: input.text });
        await publishRunChange(tx, publish, run, { task: updated, activity: activityItem(actor, "tasks.note", task.title, input.text), statusRelevant: false });
        return toTaskDto(updated);
      } catch (error) {
        if (input.expectedVersion !== undefined || attempt >= 3) throw error;
        current = await loadTask(tx, task.id);
      }
    }
  },
});
