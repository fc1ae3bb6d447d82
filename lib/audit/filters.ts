// The auditor's filters, as one schema shared by the page (searchParams), the REST read, the export and
// the OpenAPI document. Filters travel in the URL so a filtered view is a shareable link that works
// without JavaScript.
import { z } from "zod";

export const AUDIT_PAGE_SIZE_DEFAULT = 50;
export const AUDIT_PAGE_SIZE_MAX = 200;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).optional();

/**
 * A point in time. A full ISO 8601 instant is taken as is; a zone-less value (what an HTML
 * datetime-local field sends, e.g. "2026-05-01T10:00") is read as UTC, which is how the log shows time.
 */
const instant = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const trimmed = value.trim();
    const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(trimmed);
    const date = new Date(zoned ? trimmed : `${trimmed}${/T\d{2}:\d{2}/.test(trimmed) ? "" : "T00:00"}Z`);
    if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed) || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "Use a date and time like 2026-05-01T10:00 (UTC) or an ISO 8601 instant." });
      return z.NEVER;
    }
    return date.toISOString();
  })
  .optional();

const seqCursor = z.coerce.number().int("A cursor is a whole sequence number.").positive("A cursor is a positive sequence number.").max(Number.MAX_SAFE_INTEGER).optional();

/** The filter fields, as a plain shape so actions and documents can extend it. */
export const AUDIT_FILTER_SHAPE = {
  /** An actor id (exact) or part of an actor's name (case-insensitive). */
  actor: text(200).describe("An actor id (exact), or part of an actor's name (case-insensitive)."),
  /** An action name ("tasks.complete"), or a prefix ending in "." or "*" ("tasks." → every task action). */
  action: text(200).describe('An action name ("tasks.complete"), or a prefix ending in "." or "*" ("tasks." matches every task action).'),
  outcome: z.enum(["ok", "denied"]).optional().describe("ok: applied; denied: refused attempt."),
  targetType: text(100).describe('Target type, e.g. "task", "run", "user".'),
  targetId: text(200).describe("Target id (exact)."),
  runId: z.string().trim().regex(UUID_RE, "A run id is a UUID.").optional().describe("Events of one run."),
  /** Inclusive lower bound on the event time. */
  from: instant.describe("Inclusive lower bound on the event time (ISO 8601; without a zone, UTC)."),
  /** Exclusive upper bound on the event time. */
  to: instant.describe("Exclusive upper bound on the event time (ISO 8601; without a zone, UTC)."),
};

export function refineTimeRange(f: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (f.from && f.to && f.from >= f.to) ctx.addIssue({ code: "custom", message: "“From” must be before “to”.", path: ["to"] });
}

export const ZAuditFilters = z.object(AUDIT_FILTER_SHAPE).superRefine(refineTimeRange);
export type TAuditFilters = z.infer<typeof ZAuditFilters>;

export const AUDIT_PAGE_SHAPE = {
  before: seqCursor.describe("Events with a smaller sequence number than this (older)."),
  after: seqCursor.describe("Events with a larger sequence number than this (newer)."),
  cursor: z
    .string()
    .regex(/^(before|after):\d{1,16}$/, "Use the nextCursor value of a previous page.")
    .optional()
    .describe("The nextCursor of a previous page: continues in the reading direction."),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(AUDIT_PAGE_SIZE_MAX, `At most ${AUDIT_PAGE_SIZE_MAX} events per page.`)
    .default(AUDIT_PAGE_SIZE_DEFAULT)
    .describe(`Page size, 1–${AUDIT_PAGE_SIZE_MAX}.`),
  order: z.enum(["desc", "asc"]).default("desc").describe("desc: newest first (default)."),
};

export const ZAuditPageQuery = z
  .object(AUDIT_PAGE_SHAPE)
  .refine((q) => [q.before, q.after, q.cursor].filter((v) => v !== undefined).length <= 1, { message: "Give one of before, after or cursor.", path: ["cursor"] });

export type TAuditPageQuery = z.infer<typeof ZAuditPageQuery>;

export const AUDIT_FILTER_KEYS = ["actor", "action", "outcome", "targetType", "targetId", "runId", "from", "to"] as const;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

/** A URL query as a flat record: first value per key, empty values dropped. */
export function queryRecord(source: ParamSource): Record<string, string> {
  const out: Record<string, string> = {};
  if (source instanceof URLSearchParams) {
    for (const [key, value] of source) if (!(key in out) && value.trim() !== "") out[key] = value;
  } else {
    for (const [key, value] of Object.entries(source)) {
      const first = Array.isArray(value) ? value[0] : value;
      // An empty form field means "not filtering by this".
      if (first !== undefined && first.trim() !== "") out[key] = first;
    }
  }
  return out;
}

export type ParsedAuditQuery =
  | { ok: true; filters: TAuditFilters; page: TAuditPageQuery }
  | { ok: false; fields: Record<string, string[]>; raw: Record<string, string> };

/** Reads filters and paging from a URL's query (or Next's searchParams), with field-level errors. */
export function parseAuditQuery(source: ParamSource): ParsedAuditQuery {
  const raw = queryRecord(source);
  const filters = ZAuditFilters.safeParse(raw);
  const page = ZAuditPageQuery.safeParse(raw);
  if (filters.success && page.success) return { ok: true, filters: filters.data, page: page.data };
  const fields: Record<string, string[]> = {};
  for (const issue of [...(filters.error?.issues ?? []), ...(page.error?.issues ?? [])]) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return { ok: false, fields, raw };
}

/** The keyset bound a page starts from: a cursor token wins; else before/after. */
export function pageBound(page: TAuditPageQuery): { before?: number; after?: number } {
  if (page.cursor) {
    const [side, seq] = page.cursor.split(":");
    return side === "before" ? { before: Number(seq) } : { after: Number(seq) };
  }
  return { before: page.before, after: page.after };
}

/** How an action filter matches: exact name, or every action under a prefix. */
export function actionMatcher(action: string): { kind: "exact"; value: string } | { kind: "prefix"; value: string } {
  if (action.endsWith("*")) return { kind: "prefix", value: action.slice(0, -1) };
  if (action.endsWith(".")) return { kind: "prefix", value: action };
  return { kind: "exact", value: action };
}

/** Escapes LIKE wildcards so a user's text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Query string for the given filters plus extra params, dropping empty values (for links and exports). */
export function auditSearchParams(filters: Partial<Record<string, string | number | undefined | null>>, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  return params.toString();
}

/** Only the filter fields of a parsed query, for audit events and links. */
export function pickFilters(filters: TAuditFilters): Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>> {
  const out: Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>> = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
