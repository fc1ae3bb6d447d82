import "server-only";
import { z } from "zod";
import { defineAction } from "@/server/actions/pipeline";
import { ActionError } from "@/server/actions/errors";
import { activityItem, loadRun, publishRunChange, runConflict, runDto, runSnapshot, updateRunVersioned } from "@/server/runs/mutations";
import { ZExpectedVersion, ZRunId } from "./schemas";

const ZInstant = z.iso.datetime({ offset: true, message: "Give a date and time with its offset." });

export const editRunAction = defineAction({
  name: "runs.edit",
  permission: "runs.edit",
  summary: "Edit a run's title, schedule, maintenance window or status-page visibility.",
  rest: { method: "PATCH", path: "/api/v1/runs/{runId}" },
  input: z.object({
    runId: ZRunId,
    expectedVersion: ZExpectedVersion,
    title: z.string().trim().min(3, "Give the run a title of at least 3 characters.").max(200).optional(),
    scheduledStart: ZInstant.optional(),
    windowStart: ZInstant.optional(),
    windowEnd: ZInstant.optional(),
    statusPublic: z.boolean().optional(),
  }),
  handler: async ({ input, actor, tx, audit, publish }) => {
    const run = await loadRun(tx, input.runId);
    if (input.expectedVersion !== undefined && input.expectedVersion !== run.version) throw await runConflict(tx, run);
    if (run.state === "completed" || run.state === "aborted" || run.state === "rolled_back") throw new ActionError("conflict", "A finished run cannot be edited.");
    const changes: Partial<typeof run> = {};
    if (input.title !== undefined) changes.title = input.title;
    if (input.scheduledStart !== undefined) changes.scheduledStart = new Date(input.scheduledStart);
    if (input.windowStart !== undefined) changes.windowStart = new Date(input.windowStart);
    if (input.windowEnd !== undefined) changes.windowEnd = new Date(input.windowEnd);
    if (input.statusPublic !== undefined) changes.statusPublic = input.statusPublic;
    const ws = changes.windowStart ?? run.windowStart;
    const we = changes.windowEnd ?? run.windowEnd;
    if (ws && we && we <= ws) throw new ActionError("invalid", "Some fields are not valid.", { windowEnd: ["The window must end after it starts."] });
    if (Object.keys(changes).length === 0) throw new ActionError("invalid", "Nothing to change.", { _: ["Change at least one field."] });
    const updated = await updateRunVersioned(tx, run, actor, changes);
    await audit({ action: "runs.edit", target: { type: "run", id: run.id, label: updated.title }, runId: run.id, before: runSnapshot(run), after: runSnapshot(updated) });
    await publishRunChange(tx, publish, run, { run: updated, activity: activityItem(actor, "runs.edit", updated.title), statusRelevant: true });
    return runDto(tx, updated);
  },
});
