import "server-only";
// Reads of the run log for the auditor: filtered, keyset-paginated on `seq` (never OFFSET, so page 500
// costs what page 1 costs), and the same WHERE clause for the streamed export.
import type pg from "pg";
import { actionMatcher, escapeLike, isUuid, pageBound, type TAuditFilters, type TAuditPageQuery } from "@/lib/audit/filters";
import { eventToView, type AuditEvent, type AuditEventView } from "@/lib/audit/event-view";
import { getPool } from "@/server/db/client";

/** The columns every read selects; time as an ISO string straight from PostgreSQL (no timezone drift). */
export const AUDIT_COLUMNS = `seq, id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
  actor_id, actor_name, actor_role, actor_team_roles, action, outcome, target_type, target_id, target_label,
  run_id, plan_id, before, after, reason, ip, user_agent, request_id, prev_hash, hash`;

export type SqlWhere = { clauses: string[]; params: unknown[] };

/** Builds the WHERE clauses for the filters with numbered parameters. */
export function auditWhere(filters: TAuditFilters): SqlWhere {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filters.actor) {
    // A UUID is a user id (btree on actor_id). Anything else is part of a name (trigram index), or a
    // non-UUID id such as a system actor's "system:canary".
    if (isUuid(filters.actor)) clauses.push(`actor_id = ${p(filters.actor.toLowerCase())}`);
    else clauses.push(`(actor_name ILIKE ${p(`%${escapeLike(filters.actor)}%`)} OR actor_id = ${p(filters.actor)})`);
  }
  if (filters.action) {
    const match = actionMatcher(filters.action);
    if (match.kind === "exact") clauses.push(`action = ${p(match.value)}`);
    // LIKE with a fixed prefix uses the text_pattern_ops index whatever the database collation.
    else clauses.push(`action LIKE ${p(`${escapeLike(match.value)}%`)}`);
  }
  if (filters.outcome) clauses.push(`outcome = ${p(filters.outcome)}`);
  if (filters.targetType) clauses.push(`target_type = ${p(filters.targetType)}`);
  if (filters.targetId) clauses.push(`target_id = ${p(filters.targetId)}`);
  if (filters.runId) clauses.push(`run_id = ${p(filters.runId.toLowerCase())}`);
  if (filters.from) clauses.push(`occurred_at >= ${p(filters.from)}`);
  if (filters.to) clauses.push(`occurred_at < ${p(filters.to)}`);
  return { clauses, params };
}

function whereSql(where: SqlWhere, extra: string[] = []): string {
  const all = [...where.clauses, ...extra];
  return all.length ? `WHERE ${all.join(" AND ")}` : "";
}

/**
 * A row read with AUDIT_COLUMNS, exactly as stored: the verifier hashes these values, so nothing here may
 * normalize them (a tampered outcome must still fail the hash).
 */
export function rowToEvent(row: Record<string, unknown>): AuditEvent {
  return {
    seq: Number(row.seq),
    id: String(row.id),
    occurredAt: String(row.occurred_at),
    actorId: (row.actor_id as string | null) ?? null,
    actorName: String(row.actor_name),
    actorRole: String(row.actor_role),
    actorTeamRoles: (row.actor_team_roles as string[] | null) ?? [],
    action: String(row.action),
    outcome: row.outcome as "ok" | "denied",
    targetType: (row.target_type as string | null) ?? null,
    targetId: (row.target_id as string | null) ?? null,
    targetLabel: (row.target_label as string | null) ?? null,
    runId: (row.run_id as string | null) ?? null,
    planId: (row.plan_id as string | null) ?? null,
    before: row.before ?? null,
    after: row.after ?? null,
    reason: (row.reason as string | null) ?? null,
    ip: (row.ip as string | null) ?? null,
    userAgent: (row.user_agent as string | null) ?? null,
    requestId: (row.request_id as string | null) ?? null,
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

export function rowToView(row: Record<string, unknown>): AuditEventView {
  return eventToView(rowToEvent(row));
}

export type AuditPage = {
  events: AuditEventView[];
  order: "desc" | "asc";
  /** Whether newer (larger seq) / older (smaller seq) events match beyond this page. */
  hasNewer: boolean;
  hasOlder: boolean;
  /** Use as `after=` to read the newer neighbour page, `before=` for the older one. */
  newerCursor: number | null;
  olderCursor: number | null;
  /** Continues in the reading direction (`cursor=`); null on the last page. */
  nextCursor: string | null;
};

/**
 * One page of events matching the filters. The scan runs away from the cursor (seq < before descending,
 * seq > after ascending) with LIMIT n+1, so "is there more" costs one extra row; the other side is one
 * EXISTS probe. Events come back in the requested order either way.
 */
export async function listAuditEvents(filters: TAuditFilters, page: TAuditPageQuery, pool: pg.Pool = getPool()): Promise<AuditPage> {
  const where = auditWhere(filters);
  const bound = pageBound(page);
  const limit = page.limit;
  const scanAsc = bound.after !== undefined ? true : bound.before !== undefined ? false : page.order === "asc";
  const extra: string[] = [];
  const params = [...where.params];
  if (bound.after !== undefined) {
    params.push(bound.after);
    extra.push(`seq > $${params.length}`);
  } else if (bound.before !== undefined) {
    params.push(bound.before);
    extra.push(`seq < $${params.length}`);
  }
  params.push(limit + 1);
  const text = `SELECT ${AUDIT_COLUMNS} FROM audit_events ${whereSql({ clauses: where.clauses, params }, extra)} ORDER BY seq ${scanAsc ? "ASC" : "DESC"} LIMIT $${params.length}`;
  const result = await pool.query(text, params);
  const rows = result.rows.map(rowToView);
  const moreInScan = rows.length > limit;
  if (moreInScan) rows.pop();

  // Beyond the cursor, on the side the scan came from: anything matching there?
  let moreBehind = false;
  const cursorSeq = bound.after ?? bound.before;
  if (cursorSeq !== undefined) {
    const probeParams = [...where.params, cursorSeq];
    const op = bound.after !== undefined ? "<=" : ">=";
    const probe = await pool.query(`SELECT EXISTS (SELECT 1 FROM audit_events ${whereSql({ clauses: where.clauses, params: probeParams }, [`seq ${op} $${probeParams.length}`])}) AS more`, probeParams);
    moreBehind = Boolean(probe.rows[0]?.more);
  }

  const hasNewer = scanAsc ? moreInScan : moreBehind;
  const hasOlder = scanAsc ? moreBehind : moreInScan;
  const events = (page.order === "asc") === scanAsc ? rows : rows.reverse();
  const seqs = events.map((e) => e.seq);
  const maxSeq = seqs.length ? Math.max(...seqs) : null;
  const minSeq = seqs.length ? Math.min(...seqs) : null;
  const newerCursor = hasNewer && maxSeq !== null ? maxSeq : null;
  const olderCursor = hasOlder && minSeq !== null ? minSeq : null;
  const nextCursor = page.order === "asc" ? (newerCursor !== null ? `after:${newerCursor}` : null) : olderCursor !== null ? `before:${olderCursor}` : null;
  return { events, order: page.order, hasNewer, hasOlder, newerCursor, olderCursor, nextCursor };
}

/** The export's query: every matching event, in the requested order, for a streaming cursor. */
export function auditExportQuery(filters: TAuditFilters, order: "asc" | "desc" = "desc"): { text: string; values: unknown[] } {
  const where = auditWhere(filters);
  return { text: `SELECT ${AUDIT_COLUMNS} FROM audit_events ${whereSql(where)} ORDER BY seq ${order === "asc" ? "ASC" : "DESC"}`, values: where.params };
}

/** How many events match (for the page heading); capped so a count never scans the whole log twice. */
export async function countAuditEvents(filters: TAuditFilters, cap = 10_000, pool: pg.Pool = getPool()): Promise<{ count: number; capped: boolean }> {
  const where = auditWhere(filters);
  const params = [...where.params, cap + 1];
  const result = await pool.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_events ${whereSql(where)} LIMIT $${params.length}) t`, params);
  const n = Number(result.rows[0]?.n ?? 0);
  return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
}
