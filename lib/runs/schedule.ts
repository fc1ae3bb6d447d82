// Turning a plan's timeline into a run's schedule: which phase is the deployment day, what the default
// maintenance window is, and how planned times move when the lead schedules the run for another date.
import { DateTime } from "luxon";

export type ScheduleTask = { phaseName: string; phasePosition: number; plannedStart: Date; plannedEnd: Date };

function isMidnight(date: Date, timezone: string): boolean {
  const local = DateTime.fromJSDate(date, { zone: timezone });
  return local.hour === 0 && local.minute === 0 && local.second === 0;
}

/**
 * The deployment-day phase: among phases whose tasks have times of day (not whole days), the one named
 * like a deployment day or go-live, else the last of them; with no timed phase, the last phase.
 */
export function deploymentPhasePosition(tasks: ScheduleTask[], timezone: string): number | null {
  if (tasks.length === 0) return null;
  const phases = new Map<number, ScheduleTask[]>();
  for (const t of tasks) phases.set(t.phasePosition, [...(phases.get(t.phasePosition) ?? []), t]);
  const timed = [...phases.entries()]
    .filter(([, list]) => list.some((t) => !isMidnight(t.plannedStart, timezone) || !isMidnight(t.plannedEnd, timezone)))
    .sort((a, b) => a[0] - b[0]);
  const named = timed.find(([, list]) => /deploy(ment)?\s*day|go[\s-]?live|cut[\s-]?over|release day/i.test(list[0].phaseName));
  if (named) return named[0];
  if (timed.length) return timed[timed.length - 1][0];
  return Math.max(...phases.keys());
}

/** The maintenance window by default: from the deployment day's first planned start to its last planned end. */
export function defaultMaintenanceWindow(tasks: ScheduleTask[], timezone: string): { start: Date; end: Date } | null {
  const position = deploymentPhasePosition(tasks, timezone);
  if (position === null) return null;
  const day = tasks.filter((t) => t.phasePosition === position);
  return {
    start: new Date(Math.min(...day.map((t) => t.plannedStart.getTime()))),
    end: new Date(Math.max(...day.map((t) => t.plannedEnd.getTime()))),
  };
}

/** True when the span is whole days in `timezone`: starts and ends at local midnight (a date-only task). */
export function isWholeDays(start: Date, end: Date, timezone: string): boolean {
  return end.getTime() > start.getTime() && isMidnight(start, timezone) && isMidnight(end, timezone);
}

/**
 * Moves every planned time by the same offset, keeping the plan's rhythm (used when a run is scheduled for
 * another date). With `calendar`, date-only tasks move by whole days instead — as many calendar days as
 * the anchor (the deployment day's start) moves — so they stay dates rather than "14:35–14:35".
 */
export function shiftTasks<T extends { plannedStart: Date; plannedEnd: Date; allDay?: boolean }>(tasks: T[], offsetMs: number, calendar?: { timezone: string; anchor: Date }): T[] {
  if (offsetMs === 0) return tasks;
  const days = calendar ? calendarDaysMoved(calendar.anchor, offsetMs, calendar.timezone) : 0;
  return tasks.map((t) => {
    const wholeDays = calendar && (t.allDay ?? isWholeDays(t.plannedStart, t.plannedEnd, calendar.timezone));
    if (wholeDays) {
      const move = (d: Date) => DateTime.fromJSDate(d, { zone: calendar.timezone }).plus({ days }).toJSDate();
      return { ...t, plannedStart: move(t.plannedStart), plannedEnd: move(t.plannedEnd) };
    }
    return { ...t, plannedStart: new Date(t.plannedStart.getTime() + offsetMs), plannedEnd: new Date(t.plannedEnd.getTime() + offsetMs) };
  });
}

function calendarDaysMoved(anchor: Date, offsetMs: number, timezone: string): number {
  const from = DateTime.fromJSDate(anchor, { zone: timezone }).startOf("day");
  const to = DateTime.fromJSDate(new Date(anchor.getTime() + offsetMs), { zone: timezone }).startOf("day");
  return Math.round(to.diff(from, "days").days);
}

/** How far ahead of "now" a run whose plan date has passed is scheduled by default: the next 5-minute mark. */
export const START_SLOT_MS = 5 * 60_000;

/** The first 5-minute mark strictly after `now` (14:32:10 → 14:35, 14:35:00 → 14:40). */
export function nextStartSlot(now: Date | number): Date {
  const t = typeof now === "number" ? now : now.getTime();
  return new Date(Math.floor(t / START_SLOT_MS) * START_SLOT_MS + START_SLOT_MS);
}

/**
 * Where a new run's deployment day starts when nobody said: the plan's own date while it is still ahead,
 * else the next 5-minute mark (a plan written for a past date would otherwise start hours overdue).
 */
export function defaultScheduledStart(planWindowStart: Date, now: Date | number): { start: Date; movedFromPast: boolean } {
  const t = typeof now === "number" ? now : now.getTime();
  if (planWindowStart.getTime() >= t) return { start: planWindowStart, movedFromPast: false };
  return { start: nextStartSlot(t), movedFromPast: true };
}

/** A URL slug for a run: the title in lowercase words, plus a short suffix so two runs of one plan differ. */
export function runSlug(title: string, suffix: string): string {
  const base = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
  return `${base || "run"}-${suffix}`;
}

/** Maps a plan's status cell ("Completed", "In Progress") to where a fresh run's task starts. */
export function initialTaskStatus(planStatus: string, carryPlanStatus: boolean): "not_started" | "completed" {
  if (!carryPlanStatus) return "not_started";
  return /^\s*(completed|done|complete)\s*$/i.test(planStatus) ? "completed" : "not_started";
}
