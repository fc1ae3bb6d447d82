import { z } from "zod";
import { ZTaskAction } from "@/lib/actions/schema";

export const ZTaskId = z.uuid({ message: "taskId must be a task's id." });
export const ZExecutionId = z.uuid({ message: "executionId must be a step execution's id." });
const ZNote = z.string().trim().min(3, "Say why in a few words.").max(2000);

/** A run request names the task only: what runs is the action stored on it, never text from the request. */
export const ZRunStep = z.object({ taskId: ZTaskId, expectedVersion: z.number().int().positive().optional() }).strict();
export const ZCancelStep = z.object({ executionId: ZExecutionId, reason: z.string().trim().max(2000).optional() });
export const ZResolveInterrupted = z
  .object({ executionId: ZExecutionId, resolution: z.enum(["retry", "mark_done", "mark_failed"]), reason: z.string().trim().max(2000).optional() })
  .refine((v) => v.resolution === "retry" || (v.reason?.length ?? 0) >= 3, { message: "Say why in a few words.", path: ["reason"] });
export const ZTickChecklist = z.object({ taskId: ZTaskId, index: z.number().int().min(0).max(99), done: z.boolean() });
export const ZDecideGate = z.object({ taskId: ZTaskId, decision: z.enum(["go", "no_go"]), note: ZNote });
export const ZEditTaskAction = z.object({ taskId: ZTaskId, action: ZTaskAction.nullable(), reason: ZNote, expectedVersion: z.number().int().positive().optional() });
