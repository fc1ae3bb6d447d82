import "server-only";
import { maskActionSecrets, readTaskAction } from "@/lib/actions/schema";
import { ActionError } from "@/server/actions/errors";
import { defineAction } from "@/server/actions/pipeline";
import { activityItem, loadRun, publishRunChange, updateTaskVersioned } from "@/server/runs/mutations";
import { toTaskDto } from "@/server/runs/serialize";
import { lockTask, refuseWhileLive } from "./shared";
import { ZEditTaskAction } from "./schemas";

/**
 * A lead or admin sets (or removes) the action of a run's task — the only way besides the plan import
 * for an action to appear. Refused while a step of the task is live. Ticked checklist items are kept
 * only if the checklist is unchanged.
 */
export const editTaskActionAction = defineAction({
  name: "tasks.editAction",
  permission: "tasks.editAction",
  rest: { method: "PUT", path: "/api/v1/executions/actions" },
  summary: "Set or remove the action a run's task runs (lead/admin), with a reason. Validated like an imported action.",
  input: ZEditTaskAction,
  handler: async ({ input, actor, tx, audit, publish }) => {
    const task = await lockTask(tx, input.taskId);
    if (input.expectedVersion !== undefined && input.expectedVersion !== task.version) throw new ActionError("conflict", `"${task.title}" changed since you loaded it (by ${task.updatedByName ?? "someone"}).`);
    await refuseWhileLive(tx, task);
    const before = readTaskAction(task.action);
    const sameChecklist = before?.kind === "manual" && input.action?.kind === "manual" && JSON.stringify(before.checklist) === JSON.stringify(input.action.checklist);
    const updated = await updateTaskVersioned(tx, task, actor, { action: input.action, checklistDone: sameChecklist ? task.checklistDone : [] });
    await audit({
      action: "tasks.editAction",
      target: { type: "task", id: task.id, label: task.title },
      runId: task.runId,
      before: { action: before ? maskActionSecrets(before) : null },
      after: { action: input.action ? maskActionSecrets(input.action) : null },
      reason: input.reason,
    });
    const run = await loadRun(tx, task.runId);
    await publishRunChange(tx, publish, run, { task: updated, activity: activityItem(actor, "tasks.editAction", task.title, input.reason), statusRelevant: false });
    return { task: toTaskDto(updated), action: input.action ? maskActionSecrets(input.action) : null };
  },
});
