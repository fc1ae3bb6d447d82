import "server-only";
import { defineAction } from "@/server/actions/pipeline";
import { applyTaskEvent } from "@/server/runs/task-event";
import { ZReason, ZTaskCommand } from "./schemas";

export const reopenTaskAction = defineAction({
  name: "tasks.reopen",
  permission: "tasks.reopen",
  summary: "Reopen a finished, failed or blocked task (lead); clears its actual times and any override.",
  input: ZTaskCommand.extend({ reason: ZReason.optional() }),
  rest: { method: "POST", path: "/api/v1/tasks/{taskId}/reopen" },
  handler: (args) => applyTaskEvent(args, { ...args.input, event: "reopen", action: "tasks.reopen" }),
});
