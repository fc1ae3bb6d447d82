import "server-only";
// The sanitized view the status page shows. Built from the run and the task statuses only; task titles,
// owners, actions, notes and metric values never enter it.
import { asc, desc, eq } from "drizzle-orm";
import { runs, statusUpdates, taskStates } from "@/db/schema";
import { currentFocus, isRunState, runProgress, PUBLIC_STATE_WORDS, publicState, type RunState } from "@/lib/runs";
import type { TPublicStatus } from "@/lib/runs/dto";
import type { Db, Tx } from "@/server/db/client";

type RunRow = typeof runs.$inferSelect;

export async function buildPublicStatus(db: Db | Tx, run: RunRow, now = new Date()): Promise<TPublicStatus> {
  const [tasks, updates] = await Promise.all([
    db
      .select({ key: taskStates.key, title: taskStates.key, status: taskStates.status, phaseName: taskStates.phaseName, phasePosition: taskStates.phasePosition, position: taskStates.position, ownerRole: taskStates.ownerRole, plannedStart: taskStates.plannedStart, plannedEnd: taskStates.plannedEnd, actualStart: taskStates.actualStart, actualEnd: taskStates.actualEnd, dependsOn: taskStates.dependsOn, overrideReason: taskStates.overrideReason })
      .from(taskStates)
      .where(eq(taskStates.runId, run.id))
      .orderBy(asc(taskStates.phasePosition), asc(taskStates.position)),
    db.select().from(statusUpdates).where(eq(statusUpdates.runId, run.id)).orderBy(desc(statusUpdates.createdAt)).limit(50),
  ]);
  const state = (isRunState(run.state) ? run.state : "draft") as RunState;
  const pub = publicState(state, tasks.map((t) => t.status));
  const words = PUBLIC_STATE_WORDS[pub];
  const progress = runProgress(tasks, now);
  const focus = currentFocus(tasks);
  const active = state === "in_progress" || state === "paused" || state === "rolling_back";
  // Expected end: the window's end, pushed out by how far the open work is behind.
  const expectedEnd = run.windowEnd ? new Date(run.windowEnd.getTime() + (active ? progress.behindMs : 0)) : null;
  return {
    slug: run.slug,
    title: run.title,
    state: pub,
    label: words.label,
    sentence: words.sentence,
    symbol: words.symbol,
    phaseName: active ? focus.phaseName : null,
    percentDone: progress.percentDone,
    scheduledStart: (run.windowStart ?? run.scheduledStart)?.toISOString() ?? null,
    startedAt: run.startedAt?.toISOString() ?? null,
    expectedEnd: expectedEnd?.toISOString() ?? null,
    endedAt: run.endedAt?.toISOString() ?? null,
    timezone: run.timezone,
    // A finished run's notice is moot: the page says it is over.
    maintenanceNotice: run.maintenanceNotice && !["completed", "aborted", "rolled_back"].includes(state),
    // People's names are internal: the page signs updates as the team.
    updates: updates.map((u) => ({ id: u.id, bodyMarkdown: u.bodyMarkdown, authorName: "The deployment team", createdAt: u.createdAt.toISOString() })),
  };
}
