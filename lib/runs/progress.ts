// Progress, lateness and clocks for a run, computed from its task states and the current time. Pure, so
// the server (status page), the control room and My Tasks all show the same numbers.
import { FINISHED_TASK_STATUSES, type TaskStatus } from "./task-machine";
import { unfinishedPredecessors } from "./dependencies";

type Instant = Date | string | null | undefined;

export type ProgressTask = {
  key: string;
  title: string;
  phaseName: string;
  phasePosition: number;
  position: number;
  ownerRole: string;
  status: string;
  plannedStart: Instant;
  plannedEnd: Instant;
  actualStart?: Instant;
  actualEnd?: Instant;
  dependsOn: string[];
  overrideReason?: string | null;
};

export function toMs(value: Instant): number | null {
  if (value === null || value === undefined) return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function isFinished(status: string): boolean {
  return FINISHED_TASK_STATUSES.has(status as TaskStatus);
}

export type Lateness = { kind: "late_start" | "overdue" | "finished_late"; ms: number } | null;

/**
 * late_start: not started after its planned start; overdue: still open after its planned end;
 * finished_late: done, but after its planned end. A finished task on time is not late.
 */
export function taskLateness(task: ProgressTask, now: Date | number): Lateness {
  const t = typeof now === "number" ? now : now.getTime();
  const ps = toMs(task.plannedStart);
  const pe = toMs(task.plannedEnd);
  if (task.status === "skipped") return null;
  if (task.status === "completed") {
    const ae = toMs(task.actualEnd);
    return ae !== null && pe !== null && ae > pe ? { kind: "finished_late", ms: ae - pe } : null;
  }
  if (pe !== null && t > pe) return { kind: "overdue", ms: t - pe };
  if (task.status === "not_started" && ps !== null && t > ps) return { kind: "late_start", ms: t - ps };
  return null;
}

export type RunProgress = {
  total: number;
  finished: number;
  counts: Record<string, number>;
  /** 0–100, whole number; finished (completed or skipped) out of all tasks. */
  percentDone: number;
  late: Array<{ key: string; title: string; lateness: NonNullable<Lateness> }>;
  /** The largest delay among tasks still open, in ms (0 when on time). */
  behindMs: number;
};

export function runProgress(tasks: ProgressTask[], now: Date | number): RunProgress {
  const counts: Record<string, number> = {};
  let finished = 0;
  const late: RunProgress["late"] = [];
  let behindMs = 0;
  for (const task of tasks) {
    counts[task.status] = (counts[task.status] ?? 0) + 1;
    if (isFinished(task.status)) finished += 1;
    const lateness = taskLateness(task, now);
    if (lateness) {
      late.push({ key: task.key, title: task.title, lateness });
      if (lateness.kind !== "finished_late") behindMs = Math.max(behindMs, lateness.ms);
    }
  }
  return { total: tasks.length, finished, counts, percentDone: tasks.length ? Math.floor((finished / tasks.length) * 100) : 0, late, behindMs };
}

export type RunClockInput = { startedAt: Instant; endedAt: Instant; windowStart: Instant; windowEnd: Instant };

export type RunClock = {
  /** Since the run started (to its end when it has ended); null before it starts. */
  elapsedMs: number | null;
  /** Length of the maintenance window; null when the run has none. */
  plannedMs: number | null;
  /** Until the end of the maintenance window (negative once past it); null when none. */
  countdownMs: number | null;
  /** Until the window opens (negative once open); null when none. */
  untilStartMs: number | null;
};

export function runClock(run: RunClockInput, now: Date | number): RunClock {
  const t = typeof now === "number" ? now : now.getTime();
  const started = toMs(run.startedAt);
  const ended = toMs(run.endedAt);
  const ws = toMs(run.windowStart);
  const we = toMs(run.windowEnd);
  return {
    elapsedMs: started === null ? null : (ended ?? t) - started,
    plannedMs: ws !== null && we !== null ? we - ws : null,
    countdownMs: we === null ? null : we - t,
    untilStartMs: ws === null ? null : ws - t,
  };
}

function byPlan(a: ProgressTask, b: ProgressTask) {
  return a.phasePosition - b.phasePosition || a.position - b.position;
}

/** Whether the task may start now: its predecessors are finished, or the lead overrode the wait. */
export function isStartable(task: ProgressTask, all: ProgressTask[]): boolean {
  if (task.status !== "not_started" && task.status !== "blocked") return false;
  return !!task.overrideReason || unfinishedPredecessors(task, all).length === 0;
}

/** The phase and tasks the run is on now: what is in progress, else the next task that may start. */
export function currentFocus(tasks: ProgressTask[]): { phaseName: string | null; active: ProgressTask[]; next: ProgressTask | null } {
  const ordered = [...tasks].sort(byPlan);
  const active = ordered.filter((t) => t.status === "in_progress" || t.status === "blocked");
  const next = ordered.find((t) => t.status === "not_started" && isStartable(t, ordered)) ?? ordered.find((t) => !isFinished(t.status)) ?? null;
  return { phaseName: active[0]?.phaseName ?? next?.phaseName ?? null, active, next };
}

const RANK: Record<string, number> = { in_progress: 0, blocked: 2, failed: 3, not_started: 4, completed: 6, skipped: 6 };

/**
 * Order for an engineer's list: what they are doing, then what they can start now (earliest planned
 * first), then blocked/failed, then tasks still waiting on others, then finished work.
 */
export function orderForWork<T extends ProgressTask>(mine: T[], all: ProgressTask[]): T[] {
  const rank = (t: T) => (t.status === "not_started" && isStartable(t, all) ? 1 : t.status === "not_started" ? 5 : (RANK[t.status] ?? 7));
  return [...mine].sort((a, b) => rank(a) - rank(b) || (toMs(a.plannedStart) ?? 0) - (toMs(b.plannedStart) ?? 0) || byPlan(a, b));
}

/**
 * "3 d 4 h" (48 h and more), "1 h 05 min", "12 min", "45 s"; a minus sign for negative spans. Callers
 * that can be past their mark word it instead ("ended … ago", see formatCountdown).
 */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? "−" : "";
  let s = Math.floor(Math.abs(ms) / 1000);
  if (s >= 48 * 3600) {
    const d = Math.floor(s / 86_400);
    const h = Math.floor((s - d * 86_400) / 3600);
    return `${sign}${d} d${h ? ` ${h} h` : ""}`;
  }
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (h > 0) return `${sign}${h} h ${String(m).padStart(2, "0")} min`;
  if (m > 0) return `${sign}${m} min${m < 10 && s ? ` ${s} s` : ""}`;
  return `${sign}${s} s`;
}

/**
 * A countdown to a mark in words, never negative: { label: "Window ends in", value: "1 h 05 min" } before
 * it, { label: "Window ended", value: "2 h 10 min ago" } after it.
 */
export function formatCountdown(ms: number, words: { before: string; after: string } = { before: "Window ends in", after: "Window ended" }): { label: string; value: string; past: boolean } {
  if (ms >= 0) return { label: words.before, value: formatDuration(ms), past: false };
  return { label: words.after, value: `${formatDuration(-ms)} ago`, past: true };
}

/** "just now", "12 s ago", "3 min ago", "2 h ago". */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 3) return "just now";
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  if (m < 48 * 60) return `${Math.floor(m / 60)} h ago`;
  return `${Math.floor(m / 1440)} d ago`;
}
