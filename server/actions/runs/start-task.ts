import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { applyTaskEvent } from "@/server/runs/task-event";
import { ZTaskCommand } from "./schemas";

export const startTaskAction = defineAction({
  name: "tasks.start",
  permission: "tasks.start",
  summary: "Start a task (its predecessors must be finished, unless the lead overrode the wait).",
  input: ZTaskCommand,
  rest: { method: "POST", path: "/api/v1/tasks/{taskId}/start" },
  handler: (args) => applyTaskEvent(args, { ...args.input, event: "start", action: "tasks.start" }),
});
