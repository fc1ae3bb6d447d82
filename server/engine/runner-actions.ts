import "server-only";
// The runner's own writes, through the same pipeline as everyone's (audited, published after commit),
// as system actors. They are not REST actions: only a worker or the recovery sweep fires them, so they
// are not listed in the registry.
import { and, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { stepExecutions } from "@/db/schema";
import { ActionError, isActionError } from "@/server/actions/errors";
import { defineAction, type HandlerArgs } from "@/server/actions/pipeline";
import { applyTaskEvent } from "@/server/runs/task-event";
import { logger } from "@/server/logger";
import { executionTarget, publishExecution, readSpec, type ExecutionRow } from "./executions";

/** Takes a queued execution for one worker. The WHERE status='queued' makes it happen once, whoever asks. */
export const claimExecutionAction = defineAction({
  name: "steps.started",
  permission: "steps.run",
  input: z.object({ executionId: z.uuid(), workerId: z.string().min(1).max(200) }),
  handler: async ({ input, tx, audit, publish }) => {
    const now = new Date();
    const [row] = await tx
      .update(stepExecutions)
      .set({ status: "running", workerId: input.workerId, startedAt: now, heartbeatAt: now, version: sql`${stepExecutions.version} + 1` })
      .where(and(eq(stepExecutions.id, input.executionId), eq(stepExecutions.status, "queued"), eq(stepExecutions.cancelRequested, false)))
      .returning();
    if (!row) throw new ActionError("conflict", "The execution is not queued any more (already claimed, cancelled or resolved).");
    const spec = readSpec(row);
    await audit({ action: "steps.started", target: executionTarget(row, spec), runId: row.runId, after: { status: "running", workerId: input.workerId, actor: row.actorName } });
    publishExecution(publish, row);
    return row;
  },
});

export const ZFinish = z.object({
  executionId: z.uuid(),
  workerId: z.string().min(1),
  status: z.enum(["succeeded", "failed", "cancelled", "timed_out"]),
  exitCode: z.number().int().nullable(),
  error: z.string().nullable(),
  output: z.string(),
  outputTruncated: z.boolean(),
  durationMs: z.number().int().min(0),
  /** The last lines of output, for the task's failure reason. */
  tail: z.array(z.string()).max(50),
});

/** Records how a step ended and moves its task: completed on success, failed otherwise. */
export const finishExecutionAction = defineAction({
  name: "steps.finished",
  permission: "steps.run",
  input: ZFinish,
  handler: async (args) => {
    const { input, tx, audit, publish } = args;
    const [row] = await tx
      .update(stepExecutions)
      .set({
        status: input.status,
        exitCode: input.exitCode,
        error: input.error,
        output: input.output,
        outputTruncated: input.outputTruncated,
        endedAt: new Date(),
        durationMs: input.durationMs,
        pid: null,
        version: sql`${stepExecutions.version} + 1`,
      })
      .where(and(eq(stepExecutions.id, input.executionId), eq(stepExecutions.status, "running"), eq(stepExecutions.workerId, input.workerId)))
      .returning();
    if (!row) throw new ActionError("conflict", "This worker no longer holds the execution (it was marked interrupted).");
    const spec = readSpec(row);
    await audit({
      action: "steps.finished",
      target: executionTarget(row, spec),
      runId: row.runId,
      after: { status: row.status, exitCode: row.exitCode, durationMs: row.durationMs, startedBy: row.actorName, outputTruncated: row.outputTruncated },
      reason: row.error,
    });
    publishExecution(publish, row);
    await moveTaskAfter(args, row, input.status === "succeeded" ? null : failureReason(row, input.tail));
    return row;
  },
});

function failureReason(row: ExecutionRow, tail: string[]): string {
  const what = row.status === "cancelled" ? "Step cancelled" : row.status === "timed_out" ? "Step timed out" : "Step failed";
  const text = `${what}: ${row.error ?? "no detail"}${tail.length ? `\nLast output:\n${tail.join("\n")}` : ""}`;
  return text.length > 1900 ? `${text.slice(0, 1900)}…` : text;
}

/**
 * Moves the task through the task state machine as the runner: completed when the step succeeded,
 * failed (with the reason and output tail) otherwise. If the task cannot move (the run is paused, or
 * someone already completed it by hand), the execution's record stands and the refusal is logged.
 */
export async function moveTaskAfter(args: HandlerArgs<unknown>, row: ExecutionRow, failure: string | null) {
  try {
    await applyTaskEvent(args, failure === null ? { taskId: row.taskStateId, event: "complete", action: "tasks.complete" } : { taskId: row.taskStateId, event: "fail", reason: failure, action: "tasks.fail" });
  } catch (error) {
    if (!isActionError(error)) throw error;
    logger.warn({ executionId: row.id, taskId: row.taskStateId, reason: error.message }, "step ended but its task did not move");
  }
}

/**
 * Marks a running execution interrupted: its worker died (stale heartbeat) or shut down mid-step. It
 * is never re-run by itself; the lead resolves it (retry, mark done, mark failed).
 */
export const markInterruptedAction = defineAction({
  name: "steps.interrupted",
  permission: "steps.run",
  input: z.object({
    executionId: z.uuid(),
    message: z.string().min(1).max(2000),
    /** Only if its heartbeat is older than this (recovery of a dead worker)… */
    staleSeconds: z.number().min(0).optional(),
    /** …or only if this worker holds it (a worker shutting down). */
    workerId: z.string().optional(),
    output: z.string().optional(),
  }),
  handler: async ({ input, tx, audit, publish }) => {
    const conditions = [eq(stepExecutions.id, input.executionId), eq(stepExecutions.status, "running")];
    if (input.staleSeconds !== undefined) conditions.push(lt(stepExecutions.heartbeatAt, sql`now() - make_interval(secs => ${input.staleSeconds})`));
    if (input.workerId !== undefined) conditions.push(eq(stepExecutions.workerId, input.workerId));
    const now = new Date();
    const [row] = await tx
      .update(stepExecutions)
      .set({
        status: "interrupted",
        error: input.message,
        endedAt: now,
        durationMs: sql`(extract(epoch from (${now.toISOString()}::timestamptz - coalesce(${stepExecutions.startedAt}, ${stepExecutions.queuedAt}))) * 1000)::int`,
        ...(input.output !== undefined ? { output: input.output } : {}),
        version: sql`${stepExecutions.version} + 1`,
      })
      .where(and(...conditions))
      .returning();
    if (!row) throw new ActionError("conflict", "The execution is not running (or its worker is alive).");
    await audit({ action: "steps.interrupted", target: executionTarget(row, readSpec(row)), runId: row.runId, after: { status: "interrupted", workerId: row.workerId }, reason: input.message });
    publishExecution(publish, row);
    return row;
  },
});
