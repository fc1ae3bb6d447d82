import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { applyRunEvent } from "@/server/runs/run-transition";
import { ZRunCommandWithReason } from "./schemas";

export const abortRunAction = defineAction({
  name: "runs.abort",
  permission: "runs.abort",
  summary: "Abort a run, with the reason; a terminal state.",
  input: ZRunCommandWithReason,
  rest: { method: "POST", path: "/api/v1/runs/{runId}/abort" },
  handler: (args) => applyRunEvent(args, { ...args.input, event: "abort", action: "runs.abort" }),
});
