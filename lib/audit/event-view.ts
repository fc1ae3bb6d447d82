// One audit event as the auditor reads it (page, REST, export), and its flat CSV form.
import type { AuditEventBody } from "./chain";

/** An event as stored and chained: the hashed body and its hash. */
export type AuditEvent = AuditEventBody & { hash: string };

/** The stored event with its actor and target grouped; everything else as chained. */
export type AuditEventView = Omit<AuditEvent, "actorId" | "actorName" | "actorRole" | "actorTeamRoles" | "targetType" | "targetId" | "targetLabel"> & {
  actor: { id: string | null; name: string; role: string; teamRoles: string[] };
  target: { type: string; id: string | null; label: string | null } | null;
};

/** Field by field, so JSON exports keep their documented key order. */
export function eventToView(event: AuditEvent): AuditEventView {
  return {
    seq: event.seq,
    id: event.id,
    occurredAt: event.occurredAt,
    actor: { id: event.actorId, name: event.actorName, role: event.actorRole, teamRoles: event.actorTeamRoles },
    action: event.action,
    outcome: event.outcome === "denied" ? "denied" : "ok",
    target: event.targetType ? { type: event.targetType, id: event.targetId, label: event.targetLabel } : null,
    runId: event.runId,
    planId: event.planId,
    before: event.before,
    after: event.after,
    reason: event.reason,
    ip: event.ip,
    userAgent: event.userAgent,
    requestId: event.requestId,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

/** The columns of a CSV export, in order. */
export const AUDIT_CSV_COLUMNS = [
  "seq",
  "time",
  "actor",
  "role",
  "team roles",
  "action",
  "outcome",
  "target",
  "run",
  "reason",
  "ip",
  "user agent",
  "request id",
  "before",
  "after",
  "hash",
] as const;

export function targetText(target: AuditEventView["target"]): string {
  if (!target) return "";
  const id = target.id ?? "";
  const label = target.label && target.label !== target.id ? ` (${target.label})` : "";
  return `${target.type}:${id}${label}`;
}

function jsonCell(value: unknown): string {
  return value === null || value === undefined ? "" : JSON.stringify(value);
}

/** Flattens an event for CSV. Actors are named with their id so two people with one name stay apart. */
export function auditCsvRecord(event: AuditEventView): string[] {
  return [
    String(event.seq),
    event.occurredAt,
    event.actor.id ? `${event.actor.name} <${event.actor.id}>` : event.actor.name,
    event.actor.role,
    event.actor.teamRoles.join("; "),
    event.action,
    event.outcome,
    targetText(event.target),
    event.runId ?? "",
    event.reason ?? "",
    event.ip ?? "",
    event.userAgent ?? "",
    event.requestId ?? "",
    jsonCell(event.before),
    jsonCell(event.after),
    event.hash,
  ];
}

/**
 * Spreadsheet apps run cells that start with = + - @ (and tab/CR) as formulas; an export of text that
 * anyone could type (reasons, labels, user agents) must not become a formula in the auditor's sheet.
 * Prefixing a quote is OWASP's advice for CSV injection.
 */
export function neutralizeSpreadsheetFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
