import "server-only";
// Shared steps of the run and task actions: load with a clear 404, check the optimistic version, write
// with `WHERE version = $v`, and queue the realtime messages that follow a committed change.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { planVersions, runs, taskStates } from "@/db/schema";
import { formatAgo } from "@/lib/runs";
import { RUN_EVENTS_WIRE, type TActivityItem } from "@/lib/runs/dto";
import type { Actor } from "@/lib/auth/permissions";
import { ActionError } from "@/server/actions/errors";
import type { HandlerArgs } from "@/server/actions/pipeline";
import type { Tx } from "@/server/db/client";
import { buildPublicStatus } from "./public-status";
import { toRunDto, toTaskDto } from "./serialize";
import { ANONYMOUS_ROOM, type RealtimeMessage } from "@/server/realtime/publish";

type RunRow = typeof runs.$inferSelect;
type TaskRow = typeof taskStates.$inferSelect;

export const runRoom = (runId: string) => `run:${runId}`;
export const statusRoom = (slug: string) => `status:${slug}`;

export async function loadRun(tx: Tx, runId: string): Promise<RunRow> {
  const [run] = await tx.select().from(runs).where(eq(runs.id, runId)).limit(1);
  if (!run) throw new ActionError("not_found", "No run with this id.");
  return run;
}

export async function loadTask(tx: Tx, taskId: string): Promise<TaskRow> {
  const [task] = await tx.select().from(taskStates).where(eq(taskStates.id, taskId)).limit(1);
  if (!task) throw new ActionError("not_found", "No task with this id.");
  return task;
}

async function planOf(tx: Tx, planVersionId: string) {
  const [plan] = await tx.select({ title: planVersions.title, version: planVersions.version }).from(planVersions).where(eq(planVersions.id, planVersionId)).limit(1);
  return plan ?? { title: "", version: 0 };
}

export async function runDto(tx: Tx, run: RunRow) {
  return toRunDto(run, await planOf(tx, run.planVersionId));
}

function changedBy(name: string | null, at: Date | null): string {
  const who = name ?? "someone else";
  const when = at ? formatAgo(Date.now() - at.getTime()) : "just now";
  return `changed by ${who} ${when === "just now" ? "just now" : when}`;
}

/** The 409 a loser of a race gets: who won, and the current state to show instead of theirs. */
export function taskConflict(current: TaskRow, prefix = "This task was"): ActionError {
  return new ActionError("conflict", `${prefix} ${changedBy(current.updatedByName, current.updatedAt)}. Here is its current state.`, undefined, { task: toTaskDto(current) });
}

export async function runConflict(tx: Tx, current: RunRow): Promise<ActionError> {
  return new ActionError("conflict", `This run was ${changedBy(current.updatedByName, current.updatedAt)}. Here is its current state.`, undefined, { run: await runDto(tx, current) });
}

export function checkTaskVersion(task: TaskRow, expectedVersion: number | undefined) {
  if (expectedVersion !== undefined && expectedVersion !== task.version) throw taskConflict(task);
}

/**
 * Writes a task change only if nobody changed the row since it was read. The row lock makes a
 * concurrent writer wait for this transaction; when it commits, the other's WHERE no longer matches.
 */
export async function updateTaskVersioned(tx: Tx, task: TaskRow, actor: Actor, changes: Partial<TaskRow>): Promise<TaskRow> {
  const [updated] = await tx
    .update(taskStates)
    .set({ ...changes, version: task.version + 1, updatedByName: actor.name, updatedAt: new Date() })
    .where(and(eq(taskStates.id, task.id), eq(taskStates.version, task.version)))
    .returning();
  if (updated) return updated;
  const [current] = await tx.select().from(taskStates).where(eq(taskStates.id, task.id)).limit(1);
  if (!current) throw new ActionError("not_found", "The task no longer exists.");
  throw taskConflict(current);
}

export async function updateRunVersioned(tx: Tx, run: RunRow, actor: Actor, changes: Partial<RunRow>): Promise<RunRow> {
  const [updated] = await tx
    .update(runs)
    .set({ ...changes, version: run.version + 1, updatedByName: actor.name, updatedAt: new Date() })
    .where(and(eq(runs.id, run.id), eq(runs.version, run.version)))
    .returning();
  if (updated) return updated;
  const [current] = await tx.select().from(runs).where(eq(runs.id, run.id)).limit(1);
  if (!current) throw new ActionError("not_found", "The run no longer exists.");
  throw await runConflict(tx, current);
}

export function activityItem(actor: Actor, action: string, targetLabel: string | null, reason: string | null = null): TActivityItem {
  return { id: randomUUID(), at: new Date().toISOString(), actorName: actor.name, actorRole: actor.productRole, action, outcome: "ok", targetLabel, reason };
}

type Publish = HandlerArgs<unknown>["publish"];

/** Queues the messages a run change sends: the entity to run:<id>, the activity line, the public status. */
export async function publishRunChange(
  tx: Tx,
  publish: Publish,
  run: RunRow,
  parts: { run?: RunRow; task?: TaskRow; activity: TActivityItem; statusRelevant: boolean },
) {
  const room = runRoom(run.id);
  if (parts.run) publish({ room, event: RUN_EVENTS_WIRE.run, payload: await runDto(tx, parts.run) });
  if (parts.task) publish({ room, event: RUN_EVENTS_WIRE.task, payload: toTaskDto(parts.task) });
  publish({ room, event: RUN_EVENTS_WIRE.activity, payload: { ...parts.activity, runId: run.id } });
  if (parts.statusRelevant) {
    const current = parts.run ?? run;
    publish(statusMessage(current, RUN_EVENTS_WIRE.status, await buildPublicStatus(tx, current)));
  }
}

/** A message for a run's status room; while the page is private, signed-out followers get nothing. */
export function statusMessage(run: Pick<RunRow, "slug" | "statusPublic">, event: string, payload: unknown): RealtimeMessage {
  return { room: statusRoom(run.slug), event, payload, ...(run.statusPublic ? {} : { except: [ANONYMOUS_ROOM] }) };
}

/** What an audit event records of a task: the fields a change can touch. */
export function taskSnapshot(task: TaskRow) {
  return {
    status: task.status,
    assigneeName: task.assigneeName,
    actualStart: task.actualStart,
    actualEnd: task.actualEnd,
    reason: task.reason,
    note: task.note,
    overrideReason: task.overrideReason,
    version: task.version,
  };
}

export function runSnapshot(run: RunRow) {
  return {
    state: run.state,
    title: run.title,
    scheduledStart: run.scheduledStart,
    windowStart: run.windowStart,
    windowEnd: run.windowEnd,
    statusPublic: run.statusPublic,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    version: run.version,
  };
}
