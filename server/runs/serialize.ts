import "server-only";
import type { runs, taskStates, statusUpdates, auditEvents } from "@/db/schema";
import type { TActivityItem, TRunDto, TStatusUpdateDto, TTaskDto } from "@/lib/runs/dto";

type RunRow = typeof runs.$inferSelect;
type TaskRow = typeof taskStates.$inferSelect;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toRunDto(row: RunRow, plan: { title: string; version: number }): TRunDto {
  return {
    id: row.id,
    slug: row.slug,
    planVersionId: row.planVersionId,
    planTitle: plan.title,
    planVersion: plan.version,
    title: row.title,
    state: row.state,
    timezone: row.timezone,
    scheduledStart: iso(row.scheduledStart),
    windowStart: iso(row.windowStart),
    windowEnd: iso(row.windowEnd),
    statusPublic: row.statusPublic,
    maintenanceNotice: row.maintenanceNotice,
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    createdAt: row.createdAt.toISOString(),
    version: row.version,
    updatedByName: row.updatedByName,
    updatedAt: iso(row.updatedAt),
  };
}

export function toTaskDto(row: TaskRow): TTaskDto {
  return {
    id: row.id,
    runId: row.runId,
    key: row.key,
    phaseName: row.phaseName,
    phasePosition: row.phasePosition,
    position: row.position,
    title: row.title,
    ownerRole: row.ownerRole,
    status: row.status,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName,
    plannedStart: row.plannedStart.toISOString(),
    plannedEnd: row.plannedEnd.toISOString(),
    actualStart: iso(row.actualStart),
    actualEnd: iso(row.actualEnd),
    dependsOn: row.dependsOn,
    note: row.note,
    notes: row.notes,
    reason: row.reason,
    overrideReason: row.overrideReason,
    overrideBy: row.overrideBy,
    hasAction: row.action !== null && row.action !== undefined,
    version: row.version,
    updatedByName: row.updatedByName,
    updatedAt: iso(row.updatedAt),
  };
}

export function toStatusUpdateDto(row: typeof statusUpdates.$inferSelect): TStatusUpdateDto {
  return { id: row.id, runId: row.runId, bodyMarkdown: row.bodyMarkdown, authorName: row.authorName, createdAt: row.createdAt.toISOString() };
}

export function toActivityItem(row: Pick<typeof auditEvents.$inferSelect, "id" | "occurredAt" | "actorName" | "actorRole" | "action" | "outcome" | "targetLabel" | "reason">): TActivityItem {
  return {
    id: row.id,
    at: row.occurredAt.toISOString(),
    actorName: row.actorName,
    actorRole: row.actorRole,
    action: row.action,
    outcome: row.outcome,
    targetLabel: row.targetLabel,
    reason: row.reason,
  };
}
