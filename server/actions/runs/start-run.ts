import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { applyRunEvent } from "@/server/runs/run-transition";
import { ZRunCommand } from "./schemas";

export const startRunAction = defineAction({
  name: "runs.start",
  permission: "runs.start",
  summary: "Start a scheduled run; records the actual start.",
  input: ZRunCommand,
  rest: { method: "POST", path: "/api/v1/runs/{runId}/start" },
  handler: (args) => applyRunEvent(args, { ...args.input, event: "start", action: "runs.start" }),
});
