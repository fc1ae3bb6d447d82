import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { applyRunEvent } from "@/server/runs/run-transition";
import { ZRunCommandWithReason } from "./schemas";

export const pauseRunAction = defineAction({
  name: "runs.pause",
  permission: "runs.pause",
  summary: "Pause a run in progress (tasks wait until it resumes), with the reason.",
  input: ZRunCommandWithReason,
  rest: { method: "POST", path: "/api/v1/runs/{runId}/pause" },
  handler: (args) => applyRunEvent(args, { ...args.input, event: "pause", action: "runs.pause" }),
});
