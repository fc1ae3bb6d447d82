import "server-only";
import { z } from "zod";
import { defineAction } from "@/server/actions/pipeline";
import { applyRunEvent } from "@/server/runs/run-transition";
import { ZRunCommandWithReason } from "./schemas";

export const rollbackRunAction = defineAction({
  name: "runs.rollback",
  permission: "runs.rollback",
  summary: "Start rolling a run back (state only for now), or with finished=true mark the rollback done.",
  input: ZRunCommandWithReason.extend({ finished: z.boolean().default(false) }),
  rest: { method: "POST", path: "/api/v1/runs/{runId}/rollback" },
  handler: (args) => applyRunEvent(args, { ...args.input, event: args.input.finished ? "finish_rollback" : "rollback", action: "runs.rollback" }),
});
