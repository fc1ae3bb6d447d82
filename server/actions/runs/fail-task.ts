import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { applyTaskEvent } from "@/server/runs/task-event";
import { ZTaskCommandWithReason } from "./schemas";

export const failTaskAction = defineAction({
  name: "tasks.fail",
  permission: "tasks.fail",
  summary: "Mark a task failed, with the reason.",
  input: ZTaskCommandWithReason,
  rest: { method: "POST", path: "/api/v1/tasks/{taskId}/fail" },
  handler: (args) => applyTaskEvent(args, { ...args.input, event: "fail", action: "tasks.fail" }),
});
