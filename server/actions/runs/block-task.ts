import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { applyTaskEvent } from "@/server/runs/task-event";
import { ZTaskCommandWithReason } from "./schemas";

export const blockTaskAction = defineAction({
  name: "tasks.block",
  permission: "tasks.block",
  summary: "Mark a task blocked, with the reason.",
  input: ZTaskCommandWithReason,
  rest: { method: "POST", path: "/api/v1/tasks/{taskId}/block" },
  handler: (args) => applyTaskEvent(args, { ...args.input, event: "block", action: "tasks.block" }),
});
