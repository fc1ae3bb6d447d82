import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { applyRunEvent } from "@/server/runs/run-transition";
import { ZRunCommand } from "./schemas";

export const scheduleRunAction = defineAction({
  name: "runs.schedule",
  permission: "runs.edit",
  summary: "Move a draft run to scheduled.",
  input: ZRunCommand,
  handler: (args) => applyRunEvent(args, { ...args.input, event: "schedule", action: "runs.schedule" }),
});
