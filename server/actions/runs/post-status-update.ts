import "server-only";
import { z } from "zod";
import { statusUpdates } from "@/db/schema";
import { RUN_EVENTS_WIRE } from "@/lib/runs/dto";
import { defineAction } from "@/server/actions/pipeline";
import { activityItem, loadRun, publishRunChange, runRoom, statusMessage } from "@/server/runs/mutations";
import { toStatusUpdateDto } from "@/server/runs/serialize";
import { ZRunId } from "./schemas";

/** The roster role that, besides the lead, speaks to stakeholders. */
export const SUPPORT_LEAD_ROLE = "Support Lead";

export const postStatusUpdateAction = defineAction({
  name: "runs.statusUpdate",
  permission: "runs.statusUpdate",
  summary: "Post a Markdown update to the run's status page (lead or Support Lead).",
  input: z.object({ runId: ZRunId, bodyMarkdown: z.string().trim().min(3, "Write the update.").max(5000, "Keep updates under 5000 characters.") }),
  rest: { method: "POST", path: "/api/v1/runs/{runId}/status-updates", successStatus: 201 },
  handler: async ({ input, actor, tx, audit, publish, deny }) => {
    const run = await loadRun(tx, input.runId);
    const isLead = actor.productRole === "lead" || actor.productRole === "admin" || actor.productRole === "system";
    const isSupportLead = actor.teamRoles.some((r) => r.toLowerCase() === SUPPORT_LEAD_ROLE.toLowerCase());
    if (!isLead && !isSupportLead) throw deny(`Only the lead or the ${SUPPORT_LEAD_ROLE} posts status updates.`, { type: "run", id: run.id, label: run.title }, { runId: run.id });
    const [row] = await tx.insert(statusUpdates).values({ runId: run.id, bodyMarkdown: input.bodyMarkdown, authorId: actor.kind === "user" ? actor.id : null, authorName: actor.name }).returning();
    await audit({ action: "runs.statusUpdate", target: { type: "status_update", id: row.id, label: run.title }, runId: run.id, after: { bodyMarkdown: row.bodyMarkdown } });
    const dto = toStatusUpdateDto(row);
    publish({ room: runRoom(run.id), event: RUN_EVENTS_WIRE.statusUpdate, payload: dto });
    publish(statusMessage(run, RUN_EVENTS_WIRE.statusUpdate, { id: dto.id, bodyMarkdown: dto.bodyMarkdown, authorName: "The deployment team", createdAt: dto.createdAt }));
    await publishRunChange(tx, publish, run, { activity: activityItem(actor, "runs.statusUpdate", run.title), statusRelevant: false });
    return dto;
  },
});
