import type { Tone } from "@/components/ui/badge";

// Status is always color AND a symbol AND words, so it reads on a wall screen and for color-blind eyes.
export const TASK_LOOK: Record<string, { tone: Tone; symbol: string; label: string; bar: string }> = {
  not_started: { tone: "neutral", symbol: "○", label: "Not started", bar: "bg-slate-500" },
  in_progress: { tone: "info", symbol: "▶", label: "In progress", bar: "bg-sky-500" },
  completed: { tone: "success", symbol: "✓", label: "Completed", bar: "bg-emerald-500" },
  blocked: { tone: "warning", symbol: "■", label: "Blocked", bar: "bg-amber-500" },
  skipped: { tone: "neutral", symbol: "↷", label: "Skipped", bar: "bg-slate-400" },
  failed: { tone: "danger", symbol: "✕", label: "Failed", bar: "bg-rose-500" },
};

export const RUN_LOOK: Record<string, { tone: Tone; symbol: string; label: string }> = {
  draft: { tone: "neutral", symbol: "✎", label: "Draft" },
  scheduled: { tone: "neutral", symbol: "◷", label: "Scheduled" },
  in_progress: { tone: "info", symbol: "▶", label: "In progress" },
  paused: { tone: "warning", symbol: "⏸", label: "Paused" },
  completed: { tone: "success", symbol: "✓", label: "Completed" },
  rolling_back: { tone: "danger", symbol: "↺", label: "Rolling back" },
  rolled_back: { tone: "warning", symbol: "↺", label: "Rolled back" },
  aborted: { tone: "danger", symbol: "✕", label: "Aborted" },
};

export const ACTION_WORDS: Record<string, string> = {
  "runs.create": "created the run",
  "runs.edit": "edited the run",
  "runs.schedule": "scheduled the run",
  "runs.start": "started the run",
  "runs.pause": "paused the run",
  "runs.resume": "resumed the run",
  "runs.complete": "completed the run",
  "runs.abort": "aborted the run",
  "runs.rollback": "moved the rollback on",
  "runs.statusUpdate": "posted a status update",
  "tasks.start": "started",
  "tasks.complete": "completed",
  "tasks.block": "blocked",
  "tasks.fail": "marked failed",
  "tasks.note": "noted on",
  "tasks.skip": "skipped",
  "tasks.reopen": "reopened",
  "tasks.override": "overrode the wait on",
  "tasks.checklist": "ticked the checklist of",
  "tasks.decide": "decided go/no-go on",
  "tasks.editAction": "edited the action of",
  "runs.maintenance": "switched the maintenance notice",
  "steps.run": "ran the step",
  "steps.cancel": "cancelled the step",
  "steps.resolve": "resolved the interrupted step",
  "steps.started": "step started:",
  "steps.finished": "step finished:",
  "steps.interrupted": "step interrupted:",
  "notifications.ack": "read a notification",
};
