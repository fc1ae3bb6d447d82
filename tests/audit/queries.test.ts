import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { getDb, getPool } from "@/server/db/client";
import { appendAuditEvent } from "@/server/audit/append";
import { bulkSeedAuditEvents } from "@/server/audit/bulk-seed";
import { listAuditEvents, countAuditEvents } from "@/server/audit/queries";
import { streamAuditExport, type AuditExportFormat } from "@/server/audit/export";
import { verifyAuditChain } from "@/server/audit/verify";
import { parseAuditQuery, type TAuditFilters } from "@/lib/audit/filters";
import { AUDIT_CSV_COLUMNS, type AuditEventView } from "@/lib/audit/event-view";
import type { Actor } from "@/lib/auth/permissions";
import { parseCsv } from "./csv";

let database: TestDatabase;
let all: AuditEventView[] = [];
let runIds: string[] = [];

const odd: Actor = { kind: "user", id: "11111111-2222-4333-8444-555555555555", name: "Pat 100%_Percent", productRole: "engineer", teamRoles: ["QA Engineer"] };

function query(params: Record<string, string>) {
  const parsed = parseAuditQuery(params);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
  return parsed;
}

async function page(params: Record<string, string>) {
  const { filters, page } = query(params);
  return listAuditEvents(filters, page);
}

/** Reads every page in the reading direction through nextCursor. */
async function walk(params: Record<string, string>): Promise<number[]> {
  const seqs: number[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const result = await page({ ...params, ...(cursor ? { cursor } : {}) });
    seqs.push(...result.events.map((e) => e.seq));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return seqs;
}

async function exportText(filters: TAuditFilters, format: AuditExportFormat, order: "asc" | "desc" = "desc") {
  const exported = await streamAuditExport(filters, format, { order, batchSize: 37 });
  const chunks: Buffer[] = [];
  for await (const chunk of exported.stream) chunks.push(Buffer.from(chunk));
  return { text: Buffer.concat(chunks).toString("utf8"), count: await exported.done };
}

describe("auditor queries on PostgreSQL", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    const seeded = await bulkSeedAuditEvents(getPool(), 600, { spanDays: 10, seed: 7 });
    runIds = seeded.runIds;
    // Events with text a filter must match literally, and text a spreadsheet would run as a formula.
    await getDb().transaction((tx) => appendAuditEvent(tx, { actor: odd, action: "tasks.note", target: { type: "task", id: "task-x", label: "=HYPERLINK(\"http://evil\")" }, reason: "'; DROP TABLE audit_events; --" }));
    await getDb().transaction((tx) => appendAuditEvent(tx, { actor: odd, action: "tasksXnote", outcome: "denied", reason: "=SUM(1,2) <script>alert(1)</script>" }));
    const everything = await page({ limit: "200", order: "asc" });
    expect(everything.events).toHaveLength(200);
    all = [];
    let cursor: string | null = null;
    do {
      const result = await page({ limit: "200", order: "asc", ...(cursor ? { cursor } : {}) });
      all.push(...result.events);
      cursor = result.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(602);
  });
  afterAll(async () => database.drop());

  it("pages newest first by default and walks the whole log without gaps or repeats", async () => {
    const first = await page({});
    expect(first.events).toHaveLength(50);
    expect(first.events[0].seq).toBe(602);
    expect(first.hasNewer).toBe(false);
    expect(first.hasOlder).toBe(true);
    expect(first.nextCursor).toBe("before:553");
    const seqs = await walk({ limit: "37" });
    expect(seqs).toEqual(all.map((e) => e.seq).reverse());
  });

  it("walks oldest first with order=asc", async () => {
    expect(await walk({ order: "asc", limit: "111" })).toEqual(all.map((e) => e.seq));
  });

  it("navigates newer and older pages by before/after and reports both edges", async () => {
    const older = await page({ before: "300", limit: "10" });
    expect(older.events.map((e) => e.seq)).toEqual([299, 298, 297, 296, 295, 294, 293, 292, 291, 290]);
    expect(older).toMatchObject({ hasNewer: true, hasOlder: true, newerCursor: 299, olderCursor: 290 });
    const newer = await page({ after: "299", limit: "10" });
    // Still newest first on screen, though the scan ran upwards from the cursor.
    expect(newer.events.map((e) => e.seq)).toEqual([309, 308, 307, 306, 305, 304, 303, 302, 301, 300]);
    expect(newer).toMatchObject({ hasNewer: true, hasOlder: true });
    const top = await page({ after: "590", limit: "50" });
    expect(top.events[0].seq).toBe(602);
    expect(top).toMatchObject({ hasNewer: false, hasOlder: true, newerCursor: null });
    const bottom = await page({ before: "5" });
    expect(bottom.events.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(bottom).toMatchObject({ hasOlder: false, olderCursor: null, nextCursor: null, hasNewer: true });
  });

  const cases: Array<[string, Record<string, string>, (e: AuditEventView) => boolean]> = [
    ["actor by id", { actor: "6f1c1e1a-0000-4000-8000-000000000003" }, (e) => e.actor.id === "6f1c1e1a-0000-4000-8000-000000000003"],
    ["actor by part of a name, any case", { actor: "qUiNn" }, (e) => e.actor.name.toLowerCase().includes("quinn")],
    ["actor name with LIKE wildcards taken literally", { actor: "100%_p" }, (e) => e.actor.name === odd.name],
    ["actor by a system id", { actor: "system:canary" }, (e) => e.actor.id === "system:canary"],
    ["action exact", { action: "tasks.note" }, (e) => e.action === "tasks.note"],
    ["action prefix with a dot", { action: "tasks." }, (e) => e.action.startsWith("tasks.")],
    ["action prefix with a star", { action: "runs*" }, (e) => e.action.startsWith("runs")],
    ["outcome denied", { outcome: "denied" }, (e) => e.outcome === "denied"],
    ["target type and id", { targetType: "task", targetId: "task-42" }, (e) => e.target?.type === "task" && e.target.id === "task-42"],
    ["one run", { runId: "RUN" }, (e) => e.runId === runIds[2]],
    ["run + prefix + outcome", { runId: "RUN", action: "tasks.", outcome: "ok" }, (e) => e.runId === runIds[2] && e.action.startsWith("tasks.") && e.outcome === "ok"],
  ];

  it.each(cases)("filters: %s", async (_name, params, predicate) => {
    const withRun = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v === "RUN" ? runIds[2] : v]));
    const expected = all.filter(predicate).map((e) => e.seq).reverse();
    expect(expected.length).toBeGreaterThan(0);
    expect(await walk({ ...withRun, limit: "25" })).toEqual(expected);
    const { filters } = query(withRun);
    expect((await countAuditEvents(filters)).count).toBe(expected.length);
  });

  it("filters by time range: from inclusive, to exclusive, zone-less input read as UTC", async () => {
    const from = all[100].occurredAt;
    const to = all[200].occurredAt;
    const expected = all.filter((e) => e.occurredAt >= from && e.occurredAt < to).map((e) => e.seq).reverse();
    expect(await walk({ from, to, limit: "40" })).toEqual(expected);
    const local = from.slice(0, 16); // "YYYY-MM-DDTHH:MM", as a datetime-local field sends it
    const parsed = query({ from: local });
    expect(parsed.filters.from).toBe(`${local}:00.000Z`);
  });

  it("refuses bad filters with field-level messages", () => {
    const parsed = parseAuditQuery({ limit: "500", runId: "nope", outcome: "maybe", from: "2026-05-02T00:00Z", to: "2026-05-01T00:00Z", before: "-3" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fields).sort()).toEqual(["before", "limit", "outcome", "runId"]);
    expect(parseAuditQuery({ from: "2026-05-02T00:00Z", to: "2026-05-01T00:00Z" })).toMatchObject({ ok: false, fields: { to: ["“From” must be before “to”."] } });
    expect(parseAuditQuery({ before: "5", after: "3" }).ok).toBe(false);
    expect(parseAuditQuery({ from: "yesterday" }).ok).toBe(false);
    // Empty form fields mean "no filter".
    expect(parseAuditQuery({ actor: "", action: "", outcome: "", from: "", limit: "" })).toMatchObject({ ok: true, page: { limit: 50 } });
  });

  it("exports the filtered log as CSV with the documented columns, newest first, formulas neutralized", async () => {
    const { filters } = query({ actor: "pat" });
    const { text, count } = await exportText(filters, "csv");
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(count).toBe(2);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual([602, 601]);
    const byColumn = (row: string[], name: (typeof AUDIT_CSV_COLUMNS)[number]) => row[AUDIT_CSV_COLUMNS.indexOf(name)];
    const note = rows[2];
    expect(byColumn(note, "actor")).toBe(`${odd.name} <${odd.id}>`);
    expect(byColumn(note, "team roles")).toBe("QA Engineer");
    expect(byColumn(note, "reason")).toBe("'; DROP TABLE audit_events; --");
    expect(byColumn(note, "target")).toBe(`task:task-x (=HYPERLINK("http://evil"))`);
    expect(byColumn(note, "hash")).toBe(all[600].hash);
    expect(byColumn(rows[1], "outcome")).toBe("denied");
  });

  it("a cell that starts like a formula is prefixed with a quote in CSV", async () => {
    const { filters } = query({ actor: "pat", outcome: "denied" });
    const rows = parseCsv((await exportText(filters, "csv")).text);
    expect(rows[1][AUDIT_CSV_COLUMNS.indexOf("reason")]).toBe("'=SUM(1,2) <script>alert(1)</script>");
    // JSON keeps the text exactly as written.
    const json = JSON.parse((await exportText(filters, "json")).text) as AuditEventView[];
    expect(json[0].reason).toBe("=SUM(1,2) <script>alert(1)</script>");
  });

  it("exports every event as one JSON array and as NDJSON, matching the pages", async () => {
    const json = await exportText({}, "json", "asc");
    const parsed = JSON.parse(json.text) as AuditEventView[];
    expect(parsed.map((e) => e.seq)).toEqual(all.map((e) => e.seq));
    expect(parsed[17]).toEqual(all[17]);
    const ndjson = await exportText({ outcome: "denied" }, "ndjson");
    const lines = ndjson.text.trim().split("\n").map((l) => JSON.parse(l) as AuditEventView);
    expect(lines.map((e) => e.seq)).toEqual(all.filter((e) => e.outcome === "denied").map((e) => e.seq).reverse());
    const empty = await exportText({ actor: "nobody-at-all" }, "json");
    expect(JSON.parse(empty.text)).toEqual([]);
  });

  it("an export abandoned half-way gives its connection back and the pool keeps working", async () => {
    const before = getPool().totalCount;
    const exported = await streamAuditExport({}, "csv", { batchSize: 10 });
    for await (const chunk of exported.stream) {
      void chunk;
      break; // the consumer goes away (a closed browser tab)
    }
    await expect(exported.done).rejects.toBeTruthy();
    expect(getPool().totalCount).toBeLessThanOrEqual(before + 1);
    expect((await page({ limit: "1" })).events[0].seq).toBe(602);
  });

  it("the bulk-seeded chain verifies", async () => {
    expect(await verifyAuditChain()).toEqual({ intact: true, count: 602 });
  });
});
