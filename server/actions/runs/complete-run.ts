import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { applyRunEvent } from "@/server/runs/run-transition";
import { ZRunCommand } from "./schemas";

export const completeRunAction = defineAction({
  name: "runs.complete",
  permission: "runs.complete",
  summary: "Complete a run whose tasks are all completed or skipped.",
  input: ZRunCommand,
  rest: { method: "POST", path: "/api/v1/runs/{runId}/complete" },
  handler: (args) => applyRunEvent(args, { ...args.input, event: "complete", action: "runs.complete" }),
});
