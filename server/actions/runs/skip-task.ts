import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { applyTaskEvent } from "@/server/runs/task-event";
import { ZTaskCommandWithReason } from "./schemas";

export const skipTaskAction = defineAction({
  name: "tasks.skip",
  permission: "tasks.skip",
  summary: "Skip a task (lead), with the reason.",
  input: ZTaskCommandWithReason,
  rest: { method: "POST", path: "/api/v1/tasks/{taskId}/skip" },
  handler: (args) => applyTaskEvent(args, { ...args.input, event: "skip", action: "tasks.skip" }),
});
