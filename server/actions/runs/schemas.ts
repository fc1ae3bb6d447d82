import { z } from "zod";

export const ZTaskId = z.uuid({ message: "taskId must be a task's id." });
export const ZRunId = z.uuid({ message: "runId must be a run's id." });
export const ZExpectedVersion = z.number().int().positive().optional();
export const ZReason = z.string().trim().min(3, "Say why in a few words.").max(2000);

export const ZTaskCommand = z.object({ taskId: ZTaskId, expectedVersion: ZExpectedVersion });
export const ZTaskCommandWithReason = ZTaskCommand.extend({ reason: ZReason });
export const ZRunCommand = z.object({ runId: ZRunId, expectedVersion: ZExpectedVersion });
export const ZRunCommandWithReason = ZRunCommand.extend({ reason: ZReason });
