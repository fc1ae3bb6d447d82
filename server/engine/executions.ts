import "server-only";
// Step executions as the rest of the app sees them: the DTO (secrets masked), loading with a clear 404,
// the realtime messages, and the runner's system actors.
import { and, desc, eq, inArray, isNull, or } from "drizzle-orm";
import { stepExecutions } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { maskActionSecrets, readTaskAction, type TTaskAction } from "@/lib/actions/schema";
import { STEP_EVENTS_WIRE, type TExecutionStatus, type TStepExecutionDto } from "@/lib/actions/output";
import { ActionError } from "@/server/actions/errors";
import type { HandlerArgs } from "@/server/actions/pipeline";
import type { Db, Tx } from "@/server/db/client";

export type ExecutionRow = typeof stepExecutions.$inferSelect;

/** What an execution ran: the task's action as it was when queued (a later edit changes nothing). */
export type ExecutionSpec = { action: TTaskAction; taskKey: string; taskTitle: string };

function systemActor(id: string, name: string): Actor {
  return { kind: "system", id: `system:${id}`, name, productRole: "system", teamRoles: [] };
}

/** The step runner: claims, finishes, and moves tasks when a step ends. */
export const RUNNER_ACTOR = systemActor("runner", "Step runner");
/** Crash recovery: marks executions of dead workers interrupted. */
export const RECOVERY_ACTOR = systemActor("recovery", "Step runner recovery");

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function readSpec(row: Pick<ExecutionRow, "spec">): ExecutionSpec | null {
  const spec = row.spec as Partial<ExecutionSpec> | null;
  const action = readTaskAction(spec?.action);
  if (!spec || !action) return null;
  return { action, taskKey: String(spec.taskKey ?? ""), taskTitle: String(spec.taskTitle ?? "") };
}

export function toExecutionDto(row: ExecutionRow, options: { withOutput?: boolean } = {}): TStepExecutionDto {
  const spec = readSpec(row);
  return {
    id: row.id,
    runId: row.runId,
    taskStateId: row.taskStateId,
    status: row.status as TExecutionStatus,
    kind: row.kind,
    spec: spec ? { ...spec, action: maskActionSecrets(spec.action) } : null,
    exitCode: row.exitCode,
    output: options.withOutput === false ? "" : row.output,
    outputTruncated: row.outputTruncated,
    queuedAt: row.queuedAt.toISOString(),
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    durationMs: row.durationMs,
    actorName: row.actorName,
    currentStep: row.currentStep,
    error: row.error,
    cancelRequested: row.cancelRequested,
    cancelRequestedBy: row.cancelRequestedBy,
    resolution: row.resolution,
    resolutionReason: row.resolutionReason,
    resolvedBy: row.resolvedBy,
    retryOf: row.retryOf,
  };
}

export async function loadExecution(tx: Tx | Db, id: string, options: { lock?: boolean } = {}): Promise<ExecutionRow> {
  const query = tx.select().from(stepExecutions).where(eq(stepExecutions.id, id)).limit(1);
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw new ActionError("not_found", "No step execution with this id.");
  return row;
}

/** An execution that keeps the task from running again: queued, running, or interrupted and unresolved. */
export async function blockingExecution(tx: Tx | Db, taskStateId: string): Promise<ExecutionRow | null> {
  const [row] = await tx
    .select()
    .from(stepExecutions)
    .where(
      and(
        eq(stepExecutions.taskStateId, taskStateId),
        or(inArray(stepExecutions.status, ["queued", "running"]), and(eq(stepExecutions.status, "interrupted"), isNull(stepExecutions.resolution))),
      ),
    )
    .orderBy(desc(stepExecutions.queuedAt))
    .limit(1);
  return row ?? null;
}

/** The message for everyone watching the run: the execution without its (possibly large) output. */
export function publishExecution(publish: HandlerArgs<unknown>["publish"], row: ExecutionRow) {
  publish({ room: `run:${row.runId}`, event: STEP_EVENTS_WIRE.execution, payload: toExecutionDto(row, { withOutput: false }) });
}

export function executionTarget(row: Pick<ExecutionRow, "id">, spec: ExecutionSpec | null) {
  return { type: "step_execution", id: row.id, label: spec?.taskTitle ?? null };
}
