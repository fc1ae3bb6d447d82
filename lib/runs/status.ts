// The status page's vocabulary: a run's state in the plain words a stakeholder reads, never internals.
import type { RunState } from "./run-machine";

export const PUBLIC_STATES = ["scheduled", "maintenance_in_progress", "deploying", "degraded", "rolled_back", "completed", "cancelled"] as const;
export type PublicState = (typeof PUBLIC_STATES)[number];

export const PUBLIC_STATE_WORDS: Record<PublicState, { label: string; sentence: string; symbol: string }> = {
  scheduled: { label: "Scheduled", sentence: "Maintenance is scheduled. The service works normally until it begins.", symbol: "◷" },
  maintenance_in_progress: { label: "Maintenance in progress", sentence: "Maintenance is in progress and briefly on hold. Some features may be unavailable.", symbol: "⏸" },
  deploying: { label: "Deploying", sentence: "We are deploying a new release. Some features may be briefly unavailable.", symbol: "▶" },
  degraded: { label: "Degraded", sentence: "The deployment has hit a problem and the team is working on it. Some features may not work.", symbol: "⚠" },
  rolled_back: { label: "Rolled back", sentence: "The release was rolled back. The service runs the previous version.", symbol: "↺" },
  completed: { label: "Completed", sentence: "Maintenance is complete. Everything works normally.", symbol: "✓" },
  cancelled: { label: "Cancelled", sentence: "The maintenance was called off. The service runs as before.", symbol: "✕" },
};

export function publicState(state: RunState, taskStatuses: string[]): PublicState {
  switch (state) {
    case "draft":
    case "scheduled":
      return "scheduled";
    case "paused":
      return "maintenance_in_progress";
    case "in_progress":
      return taskStatuses.some((s) => s === "failed" || s === "blocked") ? "degraded" : "deploying";
    case "rolling_back":
      return "degraded";
    case "rolled_back":
      return "rolled_back";
    case "completed":
      return "completed";
    case "aborted":
      return "cancelled";
  }
}
