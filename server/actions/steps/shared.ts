import "server-only";
// What the step actions share: locking the task, refusing while a step is live, moving the task before
// a run (start, or reopen+start for a retry after a failure), and creating execution rows.
import { eq } from "drizzle-orm";
import { stepExecutions, taskStates } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import type { TTaskAction } from "@/lib/actions/schema";
import { isRunState, RUN_STATE_LABELS } from "@/lib/runs";
import { ActionError } from "@/server/actions/errors";
import type { HandlerArgs } from "@/server/actions/pipeline";
import { applyTaskEvent } from "@/server/runs/task-event";
import { loadRun } from "@/server/runs/mutations";
import { toTaskDto } from "@/server/runs/serialize";
import type { Tx } from "@/server/db/client";
import { blockingExecution, toExecutionDto, type ExecutionRow, type ExecutionSpec } from "@/server/engine/executions";

export type TaskRow = typeof taskStates.$inferSelect;

/** Loads the task locked for this transaction, so two run clicks on one task take turns. */
export async function lockTask(tx: Tx, taskId: string): Promise<TaskRow> {
  const [task] = await tx.select().from(taskStates).where(eq(taskStates.id, taskId)).limit(1).for("update");
  if (!task) throw new ActionError("not_found", "No task with this id.");
  return task;
}

export async function refuseWhileLive(tx: Tx, task: TaskRow) {
  const live = await blockingExecution(tx, task.id);
  if (!live) return;
  if (live.status === "interrupted") {
    throw new ActionError("conflict", `"${task.title}" has an interrupted step: the lead must resolve it first (retry, mark done or mark failed).`, undefined, { execution: toExecutionDto(live, { withOutput: false }) });
  }
  throw new ActionError("conflict", `"${task.title}" is already running (started by ${live.actorName ?? "someone"}).`, undefined, { execution: toExecutionDto(live, { withOutput: false }) });
}

export async function requireLiveRun(tx: Tx, runId: string) {
  const run = await loadRun(tx, runId);
  const state = isRunState(run.state) ? run.state : "draft";
  if (state !== "in_progress") {
    throw new ActionError("conflict", state === "paused" ? "The run is paused: steps wait until the lead resumes it." : `The run is ${RUN_STATE_LABELS[state].toLowerCase()}: steps run only while it is in progress.`);
  }
  return run;
}

/**
 * Brings the task to "in progress" before its step runs, through the task state machine (which checks
 * the run is live and the predecessors are done): start from not started or blocked; after a failure,
 * reopen then start — the retry that lets a run carry on from the failed step.
 */
export async function startTaskForStep(args: HandlerArgs<unknown>, task: TaskRow) {
  switch (task.status) {
    case "in_progress":
      await requireLiveRun(args.tx, task.runId);
      return;
    case "not_started":
    case "blocked":
      await applyTaskEvent(args, { taskId: task.id, event: "start", action: "tasks.start" });
      return;
    case "failed":
      await applyTaskEvent(args, { taskId: task.id, event: "reopen", reason: `Retry of the failed step by ${args.actor.name}`, action: "tasks.reopen" });
      await applyTaskEvent(args, { taskId: task.id, event: "start", action: "tasks.start" });
      return;
    default:
      throw new ActionError("conflict", `"${task.title}" is ${task.status === "completed" ? "completed" : task.status}: the lead can reopen it to run its step again.`, undefined, { task: toTaskDto(task) });
  }
}

export async function insertExecution(
  tx: Tx,
  values: { task: TaskRow; action: TTaskAction; actor: Actor; status: string; output?: string; exitCode?: number | null; ended?: boolean; retryOf?: string | null },
): Promise<ExecutionRow> {
  const now = new Date();
  const spec: ExecutionSpec = { action: values.action, taskKey: values.task.key, taskTitle: values.task.title };
  const [row] = await tx
    .insert(stepExecutions)
    .values({
      runId: values.task.runId,
      taskStateId: values.task.id,
      status: values.status,
      kind: values.action.kind,
      spec,
      output: values.output ?? "",
      exitCode: values.exitCode ?? null,
      actorId: values.actor.id,
      actorName: values.actor.name,
      retryOf: values.retryOf ?? null,
      ...(values.ended ? { startedAt: now, endedAt: now, durationMs: 0 } : {}),
    })
    .returning();
  return row;
}
