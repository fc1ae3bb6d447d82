import "server-only";
import { eq, sql } from "drizzle-orm";
import { stepExecutions } from "@/db/schema";
import { readTaskAction, RUNNABLE_KINDS } from "@/lib/actions/schema";
import { ActionError } from "@/server/actions/errors";
import { defineAction } from "@/server/actions/pipeline";
import { applyTaskEvent } from "@/server/runs/task-event";
import { enqueueExecution } from "@/server/engine/queue";
import { executionTarget, loadExecution, publishExecution, readSpec, toExecutionDto } from "@/server/engine/executions";
import { insertExecution, lockTask, startTaskForStep } from "./shared";
import { ZResolveInterrupted } from "./schemas";

/**
 * The lead decides what an interrupted step means: run it again (a new execution of the task's action
 * as it is now), call it done (the task completes, with the reason), or call it failed.
 */
export const resolveInterruptedAction = defineAction({
  name: "steps.resolve",
  permission: "steps.resolve",
  rest: { method: "POST", path: "/api/v1/executions/{executionId}/resolve" },
  summary: "Resolve an interrupted step (lead): retry, mark_done (reason) or mark_failed (reason).",
  input: ZResolveInterrupted,
  handler: async (args) => {
    const { input, actor, tx, audit, publish } = args;
    const current = await loadExecution(tx, input.executionId, { lock: true });
    if (current.status !== "interrupted") throw new ActionError("conflict", `Only an interrupted step can be resolved; this one is ${current.status.replace("_", " ")}.`);
    if (current.resolution) throw new ActionError("conflict", `${current.resolvedBy ?? "Someone"} already resolved it (${current.resolution.replace("_", " ")}).`);
    const task = await lockTask(tx, current.taskStateId);
    const reason = input.reason?.trim() || null;
    const [resolved] = await tx
      .update(stepExecutions)
      .set({ resolution: input.resolution === "retry" ? "retried" : input.resolution === "mark_done" ? "marked_done" : "marked_failed", resolutionReason: reason, resolvedBy: actor.name, resolvedAt: new Date(), version: sql`${stepExecutions.version} + 1` })
      .where(eq(stepExecutions.id, current.id))
      .returning();
    await audit({ action: "steps.resolve", target: executionTarget(resolved, readSpec(resolved)), runId: resolved.runId, after: { resolution: resolved.resolution }, reason });
    publishExecution(publish, resolved);

    if (input.resolution === "retry") {
      await startTaskForStep(args, task);
      const action = readTaskAction(task.action) ?? readSpec(current)?.action;
      if (!action || !RUNNABLE_KINDS.has(action.kind)) throw new ActionError("conflict", `"${task.title}" has no command or http action to retry.`);
      const row = await insertExecution(tx, { task, action, actor, status: "queued", retryOf: current.id });
      await enqueueExecution(tx, row.id, action.kind === "command" || action.kind === "http" ? action.timeoutSeconds : 600);
      await audit({ action: "steps.run", target: executionTarget(row, readSpec(row)), runId: row.runId, after: { status: "queued", kind: action.kind, retryOf: current.id } });
      publishExecution(publish, row);
      return { execution: toExecutionDto(resolved, { withOutput: false }), retry: toExecutionDto(row) };
    }
    if (input.resolution === "mark_done") await applyTaskEvent(args, { taskId: task.id, event: "complete", reason, action: "tasks.complete" });
    else await applyTaskEvent(args, { taskId: task.id, event: "fail", reason: `Interrupted step marked failed by ${actor.name}: ${reason}`, action: "tasks.fail" });
    return { execution: toExecutionDto(resolved, { withOutput: false }), retry: null };
  },
});
