import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { ActionError } from "@/server/actions/errors";
import { activityItem, checkTaskVersion, loadRun, loadTask, publishRunChange, taskSnapshot, updateTaskVersioned } from "@/server/runs/mutations";
import { toTaskDto } from "@/server/runs/serialize";
import { ZReason, ZTaskCommand } from "./schemas";

export const overrideTaskAction = defineAction({
  name: "tasks.override",
  permission: "tasks.override",
  summary: "Let a task start before its predecessors finish (lead), with the reason; the override is audited.",
  input: ZTaskCommand.extend({ reason: ZReason }),
  rest: { method: "POST", path: "/api/v1/tasks/{taskId}/override" },
  handler: async ({ input, actor, tx, audit, publish }) => {
    const task = await loadTask(tx, input.taskId);
    checkTaskVersion(task, input.expectedVersion);
    if (task.status !== "not_started" && task.status !== "blocked") {
      throw new ActionError("conflict", `Only a task that has not started (or is blocked) needs an override; "${task.title}" is ${task.status.replace("_", " ")}.`);
    }
    const run = await loadRun(tx, task.runId);
    const updated = await updateTaskVersioned(tx, task, actor, { overrideReason: input.reason, overrideBy: actor.name });
    const target = { type: "task", id: task.id, label: task.title };
    await audit({ action: "tasks.override", target, runId: run.id, before: taskSnapshot(task), after: taskSnapshot(updated), reason: input.reason });
    await publishRunChange(tx, publish, run, { task: updated, activity: activityItem(actor, "tasks.override", task.title, input.reason), statusRelevant: false });
    return toTaskDto(updated);
  },
});
