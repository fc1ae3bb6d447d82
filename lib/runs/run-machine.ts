// The run lifecycle, moved by exactly one function. Every state and every allowed move is in one table,
// so a refusal can say what IS possible from here.

export const RUN_STATES = ["draft", "scheduled", "in_progress", "paused", "completed", "rolling_back", "rolled_back", "aborted"] as const;
export type RunState = (typeof RUN_STATES)[number];

export const RUN_EVENTS = ["schedule", "start", "pause", "resume", "complete", "rollback", "finish_rollback", "abort"] as const;
export type RunEvent = (typeof RUN_EVENTS)[number];

export const TERMINAL_RUN_STATES: ReadonlySet<RunState> = new Set(["completed", "rolled_back", "aborted"]);

const TABLE: Record<RunState, Partial<Record<RunEvent, RunState>>> = {
  draft: { schedule: "scheduled", abort: "aborted" },
  scheduled: { start: "in_progress", abort: "aborted" },
  in_progress: { pause: "paused", complete: "completed", rollback: "rolling_back", abort: "aborted" },
  paused: { resume: "in_progress", rollback: "rolling_back", abort: "aborted" },
  rolling_back: { finish_rollback: "rolled_back", abort: "aborted" },
  completed: {},
  rolled_back: {},
  aborted: {},
};

export const RUN_STATE_LABELS: Record<RunState, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  in_progress: "In progress",
  paused: "Paused",
  completed: "Completed",
  rolling_back: "Rolling back",
  rolled_back: "Rolled back",
  aborted: "Aborted",
};

const EVENT_VERBS: Record<RunEvent, string> = {
  schedule: "schedule",
  start: "start",
  pause: "pause",
  resume: "resume",
  complete: "complete",
  rollback: "roll back",
  finish_rollback: "finish rolling back",
  abort: "abort",
};

export type Transition<S> = { ok: true; from: S; to: S } | { ok: false; from: S; message: string };

export function isRunState(value: string): value is RunState {
  return (RUN_STATES as readonly string[]).includes(value);
}

/** Events allowed from a state, in table order. */
export function allowedRunEvents(state: RunState): RunEvent[] {
  return Object.keys(TABLE[state]) as RunEvent[];
}

export function transitionRun(state: RunState, event: RunEvent): Transition<RunState> {
  const to = TABLE[state]?.[event];
  if (to) return { ok: true, from: state, to };
  const label = RUN_STATE_LABELS[state]?.toLowerCase() ?? state;
  if (TERMINAL_RUN_STATES.has(state)) {
    return { ok: false, from: state, message: `Cannot ${EVENT_VERBS[event]} the run: it is ${label}, and a ${label} run does not change any more.` };
  }
  const options = allowedRunEvents(state).map((e) => EVENT_VERBS[e]);
  return {
    ok: false,
    from: state,
    message: `Cannot ${EVENT_VERBS[event]} the run while it is ${label}. From ${label} you can ${joinOr(options)}.`,
  };
}

export function joinOr(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "nothing";
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
