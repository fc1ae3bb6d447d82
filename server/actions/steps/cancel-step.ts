import "server-only";
import { eq, sql } from "drizzle-orm";
import { stepExecutions } from "@/db/schema";
import { LIVE_EXECUTION_STATUSES } from "@/lib/actions/output";
import { ActionError } from "@/server/actions/errors";
import { defineAction } from "@/server/actions/pipeline";
import { executionTarget, loadExecution, publishExecution, readSpec, toExecutionDto } from "@/server/engine/executions";
import { moveTaskAfter } from "@/server/engine/runner-actions";
import { ZCancelStep } from "./schemas";

/**
 * The lead cancels a step. A queued one is cancelled at once; a running one gets a cancel request that
 * the worker holding it — in whichever process — sees on its next heartbeat (about a second): SIGTERM
 * to the step's process group, SIGKILL after the grace period, then status cancelled and the task failed.
 */
export const cancelStepAction = defineAction({
  name: "steps.cancel",
  permission: "steps.cancel",
  rest: { method: "POST", path: "/api/v1/executions/{executionId}/cancel" },
  summary: "Cancel a queued or running step (lead): SIGTERM to its process group, SIGKILL after a grace period.",
  input: ZCancelStep,
  handler: async (args) => {
    const { input, actor, tx, audit, publish } = args;
    const current = await loadExecution(tx, input.executionId, { lock: true });
    const spec = readSpec(current);
    if (!LIVE_EXECUTION_STATUSES.has(current.status)) {
      throw new ActionError("conflict", `This step is not running (it is ${current.status.replace("_", " ")}).`, undefined, { execution: toExecutionDto(current, { withOutput: false }) });
    }
    if (current.cancelRequested) throw new ActionError("conflict", `A cancel was already requested by ${current.cancelRequestedBy ?? "someone"}.`);
    const now = new Date();
    const queued = current.status === "queued";
    const [row] = await tx
      .update(stepExecutions)
      .set({
        cancelRequested: true,
        cancelRequestedBy: actor.name,
        cancelRequestedAt: now,
        version: sql`${stepExecutions.version} + 1`,
        ...(queued ? { status: "cancelled", endedAt: now, durationMs: 0, error: `Cancelled by ${actor.name} before it started.` } : {}),
      })
      .where(eq(stepExecutions.id, current.id))
      .returning();
    await audit({ action: "steps.cancel", target: executionTarget(row, spec), runId: row.runId, before: { status: current.status }, after: { status: row.status, cancelRequested: true }, reason: input.reason || null });
    publishExecution(publish, row);
    if (queued) await moveTaskAfter(args, row, `Step cancelled by ${actor.name} before it started.${input.reason ? ` ${input.reason}` : ""}`);
    return { execution: toExecutionDto(row, { withOutput: false }) };
  },
});
