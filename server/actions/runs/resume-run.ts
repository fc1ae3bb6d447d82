import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { applyRunEvent } from "@/server/runs/run-transition";
import { ZRunCommand } from "./schemas";

export const resumeRunAction = defineAction({
  name: "runs.resume",
  permission: "runs.resume",
  summary: "Resume a paused run.",
  input: ZRunCommand,
  rest: { method: "POST", path: "/api/v1/runs/{runId}/resume" },
  handler: (args) => applyRunEvent(args, { ...args.input, event: "resume", action: "runs.resume" }),
});
