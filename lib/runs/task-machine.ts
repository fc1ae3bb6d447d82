// The task lifecycle, moved by exactly one function. Who may fire an event (lead-only skip/reopen,
// ownership) is the permission table's business; this table only says which moves exist.
import { joinOr } from "./run-machine";

export const TASK_STATUSES = ["not_started", "in_progress", "completed", "blocked", "skipped", "failed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_EVENTS = ["start", "complete", "block", "fail", "skip", "reopen"] as const;
export type TaskEvent = (typeof TASK_EVENTS)[number];

/** A finished task no longer holds up the tasks that wait for it. */
export const FINISHED_TASK_STATUSES: ReadonlySet<TaskStatus> = new Set(["completed", "skipped"]);

const TABLE: Record<TaskStatus, Partial<Record<TaskEvent, TaskStatus>>> = {
  // Completing straight from not started is allowed: a five-minute task is often ticked in one go.
  not_started: { start: "in_progress", complete: "completed", block: "blocked", skip: "skipped" },
  in_progress: { complete: "completed", block: "blocked", fail: "failed", skip: "skipped" },
  // Starting a blocked task again means the blocker is gone.
  blocked: { start: "in_progress", fail: "failed", skip: "skipped", reopen: "not_started" },
  failed: { skip: "skipped", reopen: "not_started" },
  completed: { reopen: "not_started" },
  skipped: { reopen: "not_started" },
};

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  completed: "Completed",
  blocked: "Blocked",
  skipped: "Skipped",
  failed: "Failed",
};

const VERBS: Record<TaskEvent, string> = { start: "start", complete: "complete", block: "block", fail: "mark as failed", skip: "skip", reopen: "reopen" };

/** Events that need a reason from the person firing them. */
export const TASK_EVENTS_NEEDING_REASON: ReadonlySet<TaskEvent> = new Set(["block", "skip", "fail"]);

export function isTaskStatus(value: string): value is TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(value);
}

export function allowedTaskEvents(status: TaskStatus): TaskEvent[] {
  return Object.keys(TABLE[status]) as TaskEvent[];
}

export type TaskTransition = { ok: true; from: TaskStatus; to: TaskStatus } | { ok: false; from: TaskStatus; message: string };

export function transitionTask(status: TaskStatus, event: TaskEvent, reason?: string | null): TaskTransition {
  const to = TABLE[status]?.[event];
  const label = TASK_STATUS_LABELS[status]?.toLowerCase() ?? status;
  if (!to) {
    if (status === "completed" && event === "complete") return { ok: false, from: status, message: "The task is already completed." };
    if (status === "in_progress" && event === "start") return { ok: false, from: status, message: "The task is already in progress." };
    const options = allowedTaskEvents(status).map((e) => VERBS[e]);
    return { ok: false, from: status, message: `Cannot ${VERBS[event]} a task that is ${label}. From ${label} it can be ${options.length ? joinOr(options.map(pastTense)) : "left as is"}.` };
  }
  if (TASK_EVENTS_NEEDING_REASON.has(event) && !reason?.trim()) {
    return { ok: false, from: status, message: `Say why: a reason is required to ${VERBS[event]} a task.` };
  }
  return { ok: true, from: status, to };
}

function pastTense(verb: string): string {
  const map: Record<string, string> = { start: "started", complete: "completed", block: "blocked", "mark as failed": "marked as failed", skip: "skipped", reopen: "reopened" };
  return map[verb] ?? verb;
}

/** Actual start/end bookkeeping for a move: start stamps the start once, finishing stamps the end, reopen clears both. */
export function actualTimesAfter(
  event: TaskEvent,
  current: { actualStart: Date | null; actualEnd: Date | null },
  now: Date,
): { actualStart: Date | null; actualEnd: Date | null } {
  switch (event) {
    case "start":
      return { actualStart: current.actualStart ?? now, actualEnd: null };
    case "complete":
    case "fail":
      return { actualStart: current.actualStart ?? now, actualEnd: now };
    case "skip":
      return { actualStart: current.actualStart, actualEnd: now };
    case "block":
      return { actualStart: current.actualStart, actualEnd: null };
    case "reopen":
      return { actualStart: null, actualEnd: null };
  }
}
