import "server-only";
import { ownsTask } from "@/lib/auth/permissions";
import { formatOutputLine, STEP_EVENTS_WIRE } from "@/lib/actions/output";
import { readTaskAction } from "@/lib/actions/schema";
import { ActionError } from "@/server/actions/errors";
import { defineAction } from "@/server/actions/pipeline";
import { activityItem, loadRun, publishRunChange, runSnapshot, updateRunVersioned } from "@/server/runs/mutations";
import { applyTaskEvent } from "@/server/runs/task-event";
import { recordNotification } from "@/server/notifications/notifications";
import { enqueueExecution } from "@/server/engine/queue";
import { executionTarget, publishExecution, readSpec, toExecutionDto } from "@/server/engine/executions";
import { insertExecution, lockTask, refuseWhileLive, startTaskForStep } from "./shared";
import { ZRunStep } from "./schemas";

/**
 * Runs the task's own action. Command and http steps are queued for a worker (the job is inserted in
 * this transaction, so a refused or failed request enqueues nothing); notify and maintenance happen
 * here and complete the task. Checklists and gates have their own actions.
 */
export const runStepAction = defineAction({
  name: "steps.run",
  permission: "steps.run",
  rest: { method: "POST", path: "/api/v1/executions", successStatus: 201 },
  summary: "Run the action stored on a task (owner of the task or the lead). Refused with 409 while a step of the task is queued, running or interrupted.",
  input: ZRunStep,
  handler: async (args) => {
    const { input, actor, tx, audit, publish, deny } = args;
    const task = await lockTask(tx, input.taskId);
    const target = { type: "task", id: task.id, label: task.title };
    if (!ownsTask(actor, task.ownerRole)) {
      throw deny(`Only someone holding the "${task.ownerRole}" role (or the lead) can run "${task.title}".`, target, { runId: task.runId });
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== task.version) {
      throw new ActionError("conflict", `"${task.title}" changed since you loaded it (by ${task.updatedByName ?? "someone"}). Here is its current state.`);
    }
    const action = readTaskAction(task.action);
    if (!action) throw new ActionError("conflict", `"${task.title}" has no action to run. A lead can add one.`);
    if (action.kind === "manual") throw new ActionError("conflict", `"${task.title}" is a checklist: tick its items, then complete the task.`);
    if (action.kind === "gate") throw new ActionError("conflict", `"${task.title}" is a go/no-go decision for the ${action.role}.`);
    await refuseWhileLive(tx, task);
    await startTaskForStep(args, task);

    if (action.kind === "command" || action.kind === "http") {
      const row = await insertExecution(tx, { task, action, actor, status: "queued" });
      const jobId = await enqueueExecution(tx, row.id, action.timeoutSeconds);
      await audit({ action: "steps.run", target: executionTarget(row, readSpec(row)), runId: task.runId, after: { status: "queued", kind: action.kind, task: task.title, jobId } });
      publishExecution(publish, row);
      return { execution: toExecutionDto(row) };
    }

    const at = new Date().toISOString();
    if (action.kind === "notify") {
      const text = `Notified ${action.roles.join(", ")}: ${action.message}`;
      const row = await insertExecution(tx, { task, action, actor, status: "succeeded", ended: true, output: formatOutputLine({ seq: 0, at, stream: "system", text }) });
      await audit({ action: "steps.run", target: executionTarget(row, readSpec(row)), runId: task.runId, after: { status: "succeeded", kind: "notify", roles: action.roles, message: action.message } });
      publish({ room: `run:${task.runId}`, event: STEP_EVENTS_WIRE.notification, payload: { runId: task.runId, roles: action.roles, message: action.message, from: actor.name, at } });
      await recordNotification(tx, { runId: task.runId, taskId: task.id, roles: action.roles, message: action.message, fromName: actor.name }, publish);
      publishExecution(publish, row);
      await applyTaskEvent(args, { taskId: task.id, event: "complete", action: "tasks.complete" });
      return { execution: toExecutionDto(row) };
    }

    // maintenance: the status page's notice on or off.
    const run = await loadRun(tx, task.runId);
    const updated = await updateRunVersioned(tx, run, actor, { maintenanceNotice: action.enabled });
    const text = `Maintenance notice ${action.enabled ? "switched on" : "switched off"} on the status page`;
    const row = await insertExecution(tx, { task, action, actor, status: "succeeded", ended: true, output: formatOutputLine({ seq: 0, at, stream: "system", text }) });
    await audit({ action: "runs.maintenance", target: { type: "run", id: run.id, label: run.title }, runId: run.id, before: { ...runSnapshot(run), maintenanceNotice: run.maintenanceNotice }, after: { ...runSnapshot(updated), maintenanceNotice: updated.maintenanceNotice } });
    await publishRunChange(tx, publish, run, { run: updated, activity: activityItem(actor, "runs.maintenance", run.title, text), statusRelevant: true });
    publishExecution(publish, row);
    await applyTaskEvent(args, { taskId: task.id, event: "complete", action: "tasks.complete" });
    return { execution: toExecutionDto(row) };
  },
});
