import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { applyTaskEvent } from "@/server/runs/task-event";
import { ZTaskCommand } from "./schemas";

export const completeTaskAction = defineAction({
  name: "tasks.complete",
  permission: "tasks.complete",
  summary: "Complete a task; records the actual end.",
  input: ZTaskCommand,
  rest: { method: "POST", path: "/api/v1/tasks/{taskId}/complete" },
  handler: (args) => applyTaskEvent(args, { ...args.input, event: "complete", action: "tasks.complete" }),
});
