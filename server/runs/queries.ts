import "server-only";
// Reads of runs for pages, the REST API and the realtime layer.
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { auditEvents, planPhases, planTasks, planVersions, runs, statusUpdates, taskStates } from "@/db/schema";
import { can, ownsTask, type Actor } from "@/lib/auth/permissions";
import { defaultMaintenanceWindow, defaultScheduledStart, runProgress, type RunProgress } from "@/lib/runs";
import type { TActivityItem, TPublicStatus, TRunDetail, TRunDto, TTaskDto } from "@/lib/runs/dto";
import { getDb, type Db, type Tx } from "@/server/db/client";
import { buildPublicStatus } from "./public-status";
import { toActivityItem, toRunDto, toStatusUpdateDto, toTaskDto } from "./serialize";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ACTIVE_RUN_STATES = ["scheduled", "in_progress", "paused", "rolling_back"];

const runColumns = { run: runs, planTitle: planVersions.title, planVersion: planVersions.version };

export type TRunListItem = TRunDto & { progress: Pick<RunProgress, "percentDone" | "total" | "finished"> & { late: number } };

export async function listRuns(db: Db | Tx = getDb()): Promise<TRunListItem[]> {
  const rows = await db.select(runColumns).from(runs).innerJoin(planVersions, eq(planVersions.id, runs.planVersionId)).orderBy(desc(runs.createdAt)).limit(200);
  if (rows.length === 0) return [];
  const tasks = await db
    .select({ runId: taskStates.runId, key: taskStates.key, title: taskStates.title, status: taskStates.status, phaseName: taskStates.phaseName, phasePosition: taskStates.phasePosition, position: taskStates.position, ownerRole: taskStates.ownerRole, plannedStart: taskStates.plannedStart, plannedEnd: taskStates.plannedEnd, actualEnd: taskStates.actualEnd, dependsOn: taskStates.dependsOn })
    .from(taskStates)
    .where(inArray(taskStates.runId, rows.map((r) => r.run.id)));
  const now = Date.now();
  return rows.map((r) => {
    const p = runProgress(tasks.filter((t) => t.runId === r.run.id), now);
    return { ...toRunDto(r.run, { title: r.planTitle, version: r.planVersion }), progress: { percentDone: p.percentDone, total: p.total, finished: p.finished, late: p.late.filter((l) => l.lateness.kind !== "finished_late").length } };
  });
}

export async function getRunRow(idOrSlug: string, db: Db | Tx = getDb()) {
  const [row] = await db.select().from(runs).where(UUID.test(idOrSlug) ? eq(runs.id, idOrSlug) : eq(runs.slug, idOrSlug)).limit(1);
  return row ?? null;
}

export async function getRunTasks(runId: string, db: Db | Tx = getDb()): Promise<TTaskDto[]> {
  const rows = await db.select().from(taskStates).where(eq(taskStates.runId, runId)).orderBy(asc(taskStates.phasePosition), asc(taskStates.position));
  return rows.map(toTaskDto);
}

export async function getRunActivity(runId: string, limit = 100, db: Db | Tx = getDb()): Promise<TActivityItem[]> {
  const rows = await db
    .select({ id: auditEvents.id, occurredAt: auditEvents.occurredAt, actorName: auditEvents.actorName, actorRole: auditEvents.actorRole, action: auditEvents.action, outcome: auditEvents.outcome, targetLabel: auditEvents.targetLabel, reason: auditEvents.reason })
    .from(auditEvents)
    .where(eq(auditEvents.runId, runId))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
  return rows.map(toActivityItem);
}

export async function getRunDetail(idOrSlug: string, db: Db | Tx = getDb()): Promise<TRunDetail | null> {
  const [row] = await db
    .select(runColumns)
    .from(runs)
    .innerJoin(planVersions, eq(planVersions.id, runs.planVersionId))
    .where(UUID.test(idOrSlug) ? eq(runs.id, idOrSlug) : eq(runs.slug, idOrSlug))
    .limit(1);
  if (!row) return null;
  const [tasks, activity, updates] = await Promise.all([
    getRunTasks(row.run.id, db),
    getRunActivity(row.run.id, 100, db),
    db.select().from(statusUpdates).where(eq(statusUpdates.runId, row.run.id)).orderBy(desc(statusUpdates.createdAt)).limit(50),
  ]);
  return { run: toRunDto(row.run, { title: row.planTitle, version: row.planVersion }), tasks, activity, statusUpdates: updates.map(toStatusUpdateDto) };
}

export type TMyTasksRun = { run: TRunDto; mine: TTaskDto[]; all: Array<Pick<TTaskDto, "key" | "title" | "status" | "dependsOn" | "phaseName" | "phasePosition" | "position" | "ownerRole" | "plannedStart" | "plannedEnd">> };

/** Tasks owned by the actor's team roles, across runs that are not finished. */
export async function listMyTasks(actor: Actor, db: Db | Tx = getDb()): Promise<TMyTasksRun[]> {
  const rows = await db
    .select(runColumns)
    .from(runs)
    .innerJoin(planVersions, eq(planVersions.id, runs.planVersionId))
    .where(inArray(runs.state, ACTIVE_RUN_STATES))
    .orderBy(asc(runs.windowStart));
  const result: TMyTasksRun[] = [];
  for (const row of rows) {
    const tasks = await getRunTasks(row.run.id, db);
    // Leads and admins own every task by the ownership rule; their list is the tasks of their own team roles.
    const mine = tasks.filter((t) => (actor.productRole === "engineer" ? ownsTask(actor, t.ownerRole) : actor.teamRoles.some((r) => r.toLowerCase() === t.ownerRole.toLowerCase())));
    if (mine.length === 0) continue;
    result.push({
      run: toRunDto(row.run, { title: row.planTitle, version: row.planVersion }),
      mine,
      all: tasks.map((t) => ({ key: t.key, title: t.title, status: t.status, dependsOn: t.dependsOn, phaseName: t.phaseName, phasePosition: t.phasePosition, position: t.position, ownerRole: t.ownerRole, plannedStart: t.plannedStart, plannedEnd: t.plannedEnd })),
    });
  }
  return result;
}

/** Whether this viewer (null = signed out) may see a run's status page. */
export function maySeeStatus(actor: Actor | null, run: { statusPublic: boolean; state: string }): boolean {
  if (run.statusPublic) return true;
  return !!actor && can(actor, "status.read");
}

export async function getPublicStatus(slug: string, actor: Actor | null, db: Db | Tx = getDb()): Promise<{ status: TPublicStatus } | { denied: "not_found" | "sign_in" | "forbidden" }> {
  const [run] = await db.select().from(runs).where(eq(runs.slug, slug)).limit(1);
  // A private run answers "not found" to strangers, so its slug does not leak its existence.
  if (!run || run.state === "draft") return { denied: "not_found" };
  if (!maySeeStatus(actor, run)) return { denied: actor ? "forbidden" : "sign_in" };
  return { status: await buildPublicStatus(db, run) };
}

export type TStatusListItem = { slug: string; title: string; state: string; label: string; symbol: string; percentDone: number; scheduledStart: string | null; statusPublic: boolean };

export async function listStatusRuns(actor: Actor | null, db: Db | Tx = getDb()): Promise<TStatusListItem[]> {
  const signedIn = !!actor && can(actor, "status.read");
  const rows = await db
    .select()
    .from(runs)
    .where(signedIn ? ne(runs.state, "draft") : and(ne(runs.state, "draft"), eq(runs.statusPublic, true)))
    .orderBy(desc(runs.windowStart))
    .limit(50);
  const out: TStatusListItem[] = [];
  for (const run of rows) {
    const s = await buildPublicStatus(db, run);
    out.push({ slug: s.slug, title: s.title, state: s.state, label: s.label, symbol: s.symbol, percentDone: s.percentDone, scheduledStart: s.scheduledStart, statusPublic: run.statusPublic });
  }
  return out;
}

/**
 * windowStart/windowEnd: the window a new run gets by default (moved to the next 5-minute mark when the
 * plan's date has passed); planWindowStart: the plan's own deployment-day start, to say what moved.
 */
export type TPlanVersionChoice = { id: string; title: string; version: number; timezone: string; windowStart: string | null; windowEnd: string | null; planWindowStart: string | null; movedFromPast: boolean; tasks: number };

/** Plan versions a run can be created from (newest first), each with its default maintenance window. */
export async function listPlanVersionChoices(db: Db | Tx = getDb(), now = new Date()): Promise<TPlanVersionChoice[]> {
  const versions = await db.select({ id: planVersions.id, title: planVersions.title, version: planVersions.version, timezone: planVersions.timezone }).from(planVersions).orderBy(desc(planVersions.importedAt)).limit(50);
  if (versions.length === 0) return [];
  const tasks = await db
    .select({ planVersionId: planTasks.planVersionId, phaseName: planPhases.name, phasePosition: planPhases.position, plannedStart: planTasks.plannedStart, plannedEnd: planTasks.plannedEnd })
    .from(planTasks)
    .innerJoin(planPhases, eq(planPhases.id, planTasks.phaseId))
    .where(inArray(planTasks.planVersionId, versions.map((v) => v.id)));
  return versions.map((v) => {
    const mine = tasks.filter((t) => t.planVersionId === v.id);
    const window = defaultMaintenanceWindow(mine, v.timezone);
    if (!window) return { ...v, windowStart: null, windowEnd: null, planWindowStart: null, movedFromPast: false, tasks: mine.length };
    const { start, movedFromPast } = defaultScheduledStart(window.start, now);
    const end = new Date(window.end.getTime() + (start.getTime() - window.start.getTime()));
    return { ...v, windowStart: start.toISOString(), windowEnd: end.toISOString(), planWindowStart: window.start.toISOString(), movedFromPast, tasks: mine.length };
  });
}
