import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { applyRunEvent } from "@/server/runs/run-transition";
import { ZRunCommand } from "./schemas";

export const scheduleRunAction = defineAction({
  name: "runs.schedule",
  permission: "runs.edit",
  summary: "Move a draft run to scheduled.",
  input: ZRunCommand,
  rest: { method: "POST", path: "/api/v1/runs/{runId}/schedule" },
  handler: (args) => applyRunEvent(args, { ...args.input, event: "schedule", action: "runs.schedule" }),
});
