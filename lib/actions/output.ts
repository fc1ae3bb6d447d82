// The shapes a step execution travels in (REST answers, realtime events, the client cache), and the
// stored output format: one line per output line, "<seq> <ISO time> <o|e|s> <text>" — stdout, stderr,
// or a line the runner itself wrote ("$ node …", "exit 0"). The seq lets a client merge the stored tail
// with lines it received live, without duplicates, even after the cap dropped the oldest lines.

export const EXECUTION_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "timed_out", "interrupted"] as const;
export type TExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export const LIVE_EXECUTION_STATUSES: ReadonlySet<string> = new Set(["queued", "running"]);

export const EXECUTION_STATUS_LABELS: Record<TExecutionStatus, { label: string; symbol: string }> = {
  queued: { label: "Queued", symbol: "◷" },
  running: { label: "Running", symbol: "▶" },
  succeeded: { label: "Succeeded", symbol: "✓" },
  failed: { label: "Failed", symbol: "✕" },
  cancelled: { label: "Cancelled", symbol: "⊘" },
  timed_out: { label: "Timed out", symbol: "⌛" },
  interrupted: { label: "Interrupted", symbol: "⚠" },
};

export type TOutputStream = "stdout" | "stderr" | "system";
export type TOutputLine = { seq: number; stream: TOutputStream; at: string; text: string };

const CODE: Record<TOutputStream, string> = { stdout: "o", stderr: "e", system: "s" };
const STREAM: Record<string, TOutputStream> = { o: "stdout", e: "stderr", s: "system" };

export function formatOutputLine(line: TOutputLine): string {
  return `${line.seq} ${line.at} ${CODE[line.stream]} ${line.text}`;
}

/** Reads stored output back into lines; a line in another format counts as stdout. */
export function parseOutput(text: string): TOutputLine[] {
  if (!text) return [];
  let previous = -1;
  return text.split("\n").map((raw) => {
    const m = /^(\d+) (\d{4}-\d\d-\d\dT[\d:.]+Z) ([oes]) ?(.*)$/.exec(raw);
    previous = m ? Number(m[1]) : previous + 1;
    return m ? { seq: previous, at: m[2], stream: STREAM[m[3]], text: m[4] } : { seq: previous, at: "", stream: "stdout" as const, text: raw };
  });
}

export type TStepExecutionDto = {
  id: string;
  runId: string;
  taskStateId: string;
  status: TExecutionStatus;
  kind: string;
  /** What ran: the action as it was when the execution was queued (secrets masked). */
  spec: unknown;
  exitCode: number | null;
  output: string;
  outputTruncated: boolean;
  queuedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  actorName: string | null;
  currentStep: number | null;
  error: string | null;
  cancelRequested: boolean;
  cancelRequestedBy: string | null;
  resolution: string | null;
  resolutionReason: string | null;
  resolvedBy: string | null;
  retryOf: string | null;
};

/** Realtime events on run:<id> for the step runner. */
export const STEP_EVENTS_WIRE = {
  /** A TStepExecutionDto without its output (status, exit code, cancel request…). */
  execution: "step.execution",
  /** { executionId, taskStateId, lines: TOutputLine[] } — new output, redacted. */
  output: "step.output",
  /** { taskId, checklistDone } */
  checklist: "step.checklist",
  /** { runId, roles, message, from, at } — an in-app notification. */
  notification: "notification",
} as const;

export type TStepOutputEvent = { executionId: string; taskStateId: string; lines: TOutputLine[] };

/** The last few lines of output, for "why it failed" beside a failed task. */
export function outputTail(output: string, lines = 12): string {
  return parseOutput(output)
    .slice(-lines)
    .map((l) => (l.stream === "stderr" ? `! ${l.text}` : l.text))
    .join("\n");
}

/** A task's action panel (GET /api/v1/executions/task/:taskId). */
export type TTaskPanelDto = {
  task: { id: string; runId: string; key: string; title: string; ownerRole: string; status: string; version: number; reason: string | null; checklistDone: number[] };
  runState: string;
  /** The task's action, secrets masked; null for a plain task. */
  action: import("./schema").TTaskAction | null;
  /** Newest first; the newest carries its output, the others not (fetch them one by one). */
  executions: TStepExecutionDto[];
  /** What the reader may do here (the server checks again on every request). */
  may: { run: boolean; cancel: boolean; resolve: boolean; tick: boolean; decide: boolean; editAction: boolean };
};
