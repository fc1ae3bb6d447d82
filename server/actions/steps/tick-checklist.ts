import "server-only";
import { ownsTask } from "@/lib/auth/permissions";
import { STEP_EVENTS_WIRE } from "@/lib/actions/output";
import { readTaskAction } from "@/lib/actions/schema";
import { ActionError } from "@/server/actions/errors";
import { defineAction } from "@/server/actions/pipeline";
import { activityItem, loadRun, publishRunChange, updateTaskVersioned } from "@/server/runs/mutations";
import { lockTask } from "./shared";
import { ZTickChecklist } from "./schemas";

/** Ticks (or unticks) one item of a task's checklist. Completing the task stays the owner's call. */
export const tickChecklistAction = defineAction({
  name: "tasks.checklist",
  permission: "tasks.checklist",
  rest: { method: "POST", path: "/api/v1/executions/checklist" },
  summary: "Tick or untick one checklist item of a manual task (owner of the task or the lead).",
  input: ZTickChecklist,
  handler: async ({ input, actor, tx, audit, publish, deny }) => {
    const task = await lockTask(tx, input.taskId);
    const target = { type: "task", id: task.id, label: task.title };
    if (!ownsTask(actor, task.ownerRole)) throw deny(`Only someone holding the "${task.ownerRole}" role (or the lead) can tick "${task.title}".`, target, { runId: task.runId });
    const action = readTaskAction(task.action);
    if (action?.kind !== "manual") throw new ActionError("conflict", `"${task.title}" has no checklist.`);
    if (input.index >= action.checklist.length) throw new ActionError("invalid", "Some fields are not valid.", { index: [`The checklist has ${action.checklist.length} items.`] });
    const run = await loadRun(tx, task.runId);
    if (run.state !== "in_progress" && run.state !== "paused") throw new ActionError("conflict", "Checklists can be ticked only while the run is in progress.");
    const done = new Set(task.checklistDone);
    if (done.has(input.index) === input.done) return { taskId: task.id, checklistDone: [...done].sort((a, b) => a - b) };
    if (input.done) done.add(input.index);
    else done.delete(input.index);
    const checklistDone = [...done].sort((a, b) => a - b);
    const updated = await updateTaskVersioned(tx, task, actor, { checklistDone });
    const item = action.checklist[input.index];
    await audit({ action: "tasks.checklist", target, runId: task.runId, before: { checklistDone: task.checklistDone }, after: { checklistDone, item, done: input.done } });
    publish({ room: `run:${task.runId}`, event: STEP_EVENTS_WIRE.checklist, payload: { taskId: task.id, checklistDone, version: updated.version } });
    await publishRunChange(tx, publish, run, { task: updated, activity: activityItem(actor, "tasks.checklist", task.title, `${input.done ? "✓" : "☐"} ${item}`), statusRelevant: false });
    return { taskId: task.id, checklistDone };
  },
});
