// The auditor's REST surface and the verifier, through the real route handlers (bearer tokens, JSON
// bodies, streamed downloads) and the real CLI as a child process, on a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { NextRequest } from "next/server";
import { and, desc, eq } from "drizzle-orm";
import { auditEvents, runs } from "@/db/schema";
import { getDb } from "@/server/db/client";
import { appendAuditEvent } from "@/server/audit/append";
import { asSuperuser, createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedApiToken, seedUser } from "@/tests/helpers/action-fixtures";
import { runAt } from "@/tests/fixtures/actions/runs";
import { AUDIT_CSV_COLUMNS } from "@/lib/audit/event-view";
import type { Actor } from "@/lib/auth/permissions";
import { GET as listAudit } from "@/app/api/v1/audit/route";
import { GET as exportAudit } from "@/app/api/v1/audit/export/route";
import { POST as verifyAudit } from "@/app/api/v1/audit/verify/route";
import { POST as pauseRun } from "@/app/api/v1/runs/[runId]/pause/route";
import { POST as noteTask } from "@/app/api/v1/tasks/[taskId]/note/route";
import { parseCsv } from "./csv";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

let database: TestDatabase;
const tokens: Record<"auditor" | "stakeholder" | "lead" | "admin", string> = { auditor: "", stakeholder: "", lead: "", admin: "" };
const people: Partial<Record<keyof typeof tokens, Actor>> = {};

type Params = Record<string, string>;
function request(url: string, init: { method?: string; token?: string; body?: string | ReadableStream; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "user-agent": "rest-test/1.0", "x-forwarded-for": "203.0.113.50", ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  return new NextRequest(new URL(url, "http://flightdeck.test"), { method: init.method ?? "GET", headers, body: init.body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
}
const ctx = (params: Params = {}) => ({ params: Promise.resolve(params) });

async function lastEvent(action: string) {
  const [row] = await getDb().select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(desc(auditEvents.seq)).limit(1);
  return row;
}

async function cli(): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [TSX, "--tsconfig", "tsconfig.node.json", "scripts/audit-verify.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "warn" },
      timeout: 60_000,
    });
    return { code: 0, stdout: stdout.trim(), stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout.trim(), stderr: e.stderr };
  }
}

async function verifyOverRest(note?: string) {
  const response = await verifyAudit(request("/api/v1/audit/verify", { method: "POST", token: tokens.auditor, body: JSON.stringify(note ? { note } : {}) }), ctx());
  return { status: response.status, body: (await response.json()) as { data: { intact: boolean; count: number; firstBreak?: { seq: number; reason: string } } } };
}

beforeAll(async () => {
  database = await createTestDatabase("fd_audit_rest");
  for (const role of ["auditor", "stakeholder", "lead", "admin"] as const) {
    people[role] = await seedUser({ name: `Rest ${role}`, productRole: role, teamRoles: role === "lead" ? ["Deployment Lead"] : [] });
    tokens[role] = (await seedApiToken(people[role]!.id)).token;
  }
  for (let i = 0; i < 8; i++) {
    await getDb().transaction((tx) => appendAuditEvent(tx, { actor: people.lead!, action: i % 2 ? "tasks.complete" : "tasks.start", target: { type: "task", id: `t${i}`, label: `Task ${i}` }, after: { i } }));
  }
});
afterAll(async () => database?.drop());

describe("auditor REST routes and the chain verifier", () => {

  describe("a stakeholder's bearer token on a lead action", () => {
    it("gets 403 with the error shape, changes nothing, and leaves a denied event with where it came from", async () => {
      const runId = await runAt("in_progress");
      const [before] = await getDb().select().from(runs).where(eq(runs.id, runId));
      const response = await pauseRun(request(`/api/v1/runs/${runId}/pause`, { method: "POST", token: tokens.stakeholder, body: JSON.stringify({ reason: "I want a break" }) }), ctx({ runId }));
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toMatch(/application\/json/);
      const body = await response.json();
      expect(body).toEqual({ error: { code: "forbidden", message: expect.stringMatching(/stakeholder.*runs\.pause/) } });
      const [after] = await getDb().select().from(runs).where(eq(runs.id, runId));
      expect(after).toEqual(before);
      const denied = await lastEvent("runs.pause");
      expect(denied).toMatchObject({ outcome: "denied", actorId: people.stakeholder!.id, actorRole: "stakeholder", ip: "203.0.113.50", userAgent: "rest-test/1.0" });
    });

    it("the lead's token on the same route pauses the run (the legitimate path still works)", async () => {
      const runId = await runAt("in_progress");
      const response = await pauseRun(request(`/api/v1/runs/${runId}/pause`, { method: "POST", token: tokens.lead, body: JSON.stringify({ reason: "Vendor call" }) }), ctx({ runId }));
      expect(response.status).toBe(200);
      const [after] = await getDb().select().from(runs).where(eq(runs.id, runId));
      expect(after.state).toBe("paused");
      expect(await lastEvent("runs.pause")).toMatchObject({ outcome: "ok", actorId: people.lead!.id, reason: "Vendor call" });
    });

    it("without a token: 401, and an unknown token is no token", async () => {
      const runId = await runAt("in_progress");
      expect((await pauseRun(request(`/api/v1/runs/${runId}/pause`, { method: "POST", body: "{}" }), ctx({ runId }))).status).toBe(401);
      const forged = await pauseRun(request(`/api/v1/runs/${runId}/pause`, { method: "POST", token: "fd_not-a-real-token", body: "{}" }), ctx({ runId }));
      expect(forged.status).toBe(401);
      expect(await forged.json()).toMatchObject({ error: { code: "unauthenticated" } });
    });
  });

  describe("GET /api/v1/audit", () => {
    it("pages the filtered log for an auditor", async () => {
      const response = await listAudit(request("/api/v1/audit?action=tasks.&limit=3", { token: tokens.auditor }), ctx());
      expect(response.status).toBe(200);
      const { data } = await response.json();
      expect(data.events).toHaveLength(3);
      expect(data.events.every((e: { action: string }) => e.action.startsWith("tasks."))).toBe(true);
      expect(data.hasOlder).toBe(true);
      const next = await listAudit(request(`/api/v1/audit?action=tasks.&limit=3&cursor=${data.nextCursor}`, { token: tokens.auditor }), ctx());
      const nextData = (await next.json()).data;
      expect(nextData.events[0].seq).toBeLessThan(data.events[2].seq);
    });

    it("refuses a stakeholder (403, denied event) and bad filters (400 with fields)", async () => {
      const refused = await listAudit(request("/api/v1/audit", { token: tokens.stakeholder }), ctx());
      expect(refused.status).toBe(403);
      expect(await lastEvent("audit.read")).toMatchObject({ outcome: "denied", actorId: people.stakeholder!.id });
      const bad = await listAudit(request("/api/v1/audit?limit=1000&runId=x", { token: tokens.auditor }), ctx());
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatchObject({ code: "invalid", fields: { limit: [expect.any(String)], runId: ["A run id is a UUID."] } });
    });
  });

  describe("GET /api/v1/audit/export", () => {
    it("streams the filtered log as a CSV attachment and records the export with its filters", async () => {
      const response = await exportAudit(request("/api/v1/audit/export?format=csv&action=tasks.complete&outcome=ok", { token: tokens.auditor }));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="flightdeck-audit-\d{8}T\d{6}Z\.csv"$/);
      const rows = parseCsv(await response.text());
      expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
      const expected = await getDb().select({ seq: auditEvents.seq }).from(auditEvents).where(and(eq(auditEvents.action, "tasks.complete"), eq(auditEvents.outcome, "ok"))).orderBy(desc(auditEvents.seq));
      expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(expected.map((e) => e.seq));
      const recorded = await lastEvent("audit.export");
      expect(recorded).toMatchObject({ outcome: "ok", actorId: people.auditor!.id, after: { format: "csv", order: "desc", filters: { action: "tasks.complete", outcome: "ok" } } });
    });

    it("streams JSON as one array", async () => {
      const response = await exportAudit(request("/api/v1/audit/export?format=json&actor=Rest%20lead", { token: tokens.auditor }));
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const events = JSON.parse(await response.text()) as Array<{ actor: { name: string } }>;
      expect(events.length).toBeGreaterThanOrEqual(8);
      expect(events.every((e) => e.actor.name === "Rest lead")).toBe(true);
    });

    it("is the auditor's: a lead (who may read) and a stakeholder are refused with denied events; bad format is 400", async () => {
      for (const role of ["lead", "stakeholder"] as const) {
        const response = await exportAudit(request("/api/v1/audit/export?format=csv", { token: tokens[role] }));
        expect(response.status).toBe(403);
        expect(await lastEvent("audit.export")).toMatchObject({ outcome: "denied", actorId: people[role]!.id });
      }
      const bad = await exportAudit(request("/api/v1/audit/export?format=xml", { token: tokens.auditor }));
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.fields.format).toBeDefined();
    });
  });

  describe("verification: CLI and POST /api/v1/audit/verify", () => {
    it("reports an intact chain, and the check is itself audited with its result", async () => {
      const { status, body } = await verifyOverRest("quarterly review");
      expect(status).toBe(200);
      expect(body.data.intact).toBe(true);
      const recorded = await lastEvent("audit.verify");
      expect(recorded).toMatchObject({ outcome: "ok", actorId: people.auditor!.id, reason: "quarterly review", after: { intact: true, count: body.data.count } });
      const result = await cli();
      expect(result).toMatchObject({ code: 0, stdout: `${body.data.count + 1} events, chain intact` });
    });

    it("a stakeholder cannot verify (403, denied event)", async () => {
      const response = await verifyAudit(request("/api/v1/audit/verify", { method: "POST", token: tokens.stakeholder, body: "{}" }), ctx());
      expect(response.status).toBe(403);
      expect(await lastEvent("audit.verify")).toMatchObject({ outcome: "denied", actorId: people.stakeholder!.id });
    });

    it("an edited event: both report the break at its sequence number", async () => {
      await asSuperuser(database.url, (c) => c.query("UPDATE audit_events SET reason = 'nothing to see' WHERE seq = 3"));
      expect(await cli()).toMatchObject({ code: 1, stdout: "chain broken at seq 3 (edited) after 2 events" });
      const { body } = await verifyOverRest();
      expect(body.data).toMatchObject({ intact: false, firstBreak: { seq: 3, reason: "edited" } });
      expect(await lastEvent("audit.verify")).toMatchObject({ outcome: "ok", after: { intact: false, firstBreak: { seq: 3, reason: "edited" } } });
      await asSuperuser(database.url, (c) => c.query("UPDATE audit_events SET reason = NULL WHERE seq = 3"));
      expect((await cli()).code).toBe(0);
    });

    it("a deleted event: both report the break where it was", async () => {
      const saved = await asSuperuser(database.url, (c) => c.query("SELECT * FROM audit_events WHERE seq = 5"));
      await asSuperuser(database.url, (c) => c.query("DELETE FROM audit_events WHERE seq = 5"));
      expect(await cli()).toMatchObject({ code: 1, stdout: "chain broken at seq 5 (deleted_or_inserted) after 4 events" });
      expect((await verifyOverRest()).body.data).toMatchObject({ intact: false, firstBreak: { seq: 5, reason: "deleted_or_inserted" } });
      await asSuperuser(database.url, (c) => c.query("INSERT INTO audit_events SELECT * FROM json_populate_record(null::audit_events, $1)", [JSON.stringify(saved.rows[0])]));
      expect((await cli()).code).toBe(0);
    });

    it("an inserted event: both report the break where it was put", async () => {
      await asSuperuser(database.url, async (c) => {
        await c.query("UPDATE audit_events SET seq = seq + 100000 WHERE seq >= 6");
        await c.query("UPDATE audit_events SET seq = seq - 99999 WHERE seq >= 100006");
        await c.query(
          `INSERT INTO audit_events (seq, id, occurred_at, actor_name, actor_role, action, outcome, prev_hash, hash)
           SELECT 6, gen_random_uuid(), occurred_at, 'Mallory', 'admin', 'runs.rollback', 'ok', hash, repeat('f', 64) FROM audit_events WHERE seq = 5`,
        );
        await c.query("UPDATE audit_chain_head SET seq = seq + 1");
      });
      const result = await cli();
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^chain broken at seq 6 \((edited|prev_hash_mismatch|deleted_or_inserted)\) after 5 events$/);
      expect((await verifyOverRest()).body.data).toMatchObject({ intact: false, firstBreak: { seq: 6 } });
    });
  });
});

describe("bad input on real action routes", () => {
  const post = (body: string | ReadableStream, headers: Record<string, string> = {}) =>
    verifyAudit(request("/api/v1/audit/verify", { method: "POST", token: tokens.auditor, body, headers }), ctx());

  it("malformed JSON → 400 invalid", async () => {
    const response = await post('{"note": "unterminated');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid", message: "The request body is not valid JSON." } });
  });

  it("wrong types, over-long strings and unknown fields → 400 with field messages", async () => {
    const wrongType = await post(JSON.stringify({ note: 42 }));
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).error).toMatchObject({ code: "invalid", fields: { note: [expect.any(String)] } });
    const tooLong = await post(JSON.stringify({ note: "x".repeat(501) }));
    expect((await tooLong.json()).error.fields).toEqual({ note: ["At most 500 characters."] });
    const unknown = await post(JSON.stringify({ note: "ok", admin: true }));
    expect(unknown.status).toBe(400);
    expect(Object.keys((await unknown.json()).error.fields)).toEqual(["_"]);
    // Another area's route, same answer shape: a task note that is not text.
    const taskId = "00000000-0000-4000-8000-000000000000";
    const note = await noteTask(request(`/api/v1/tasks/${taskId}/note`, { method: "POST", token: tokens.lead, body: JSON.stringify({ text: ["not", "text"] }) }), ctx({ taskId }));
    expect(note.status).toBe(400);
    expect((await note.json()).error).toMatchObject({ code: "invalid", fields: { text: [expect.any(String)] } });
  });

  it("an oversized body → 413 too_large, whether it declares its length or streams it", async () => {
    const big = JSON.stringify({ note: "y".repeat(300 * 1024) });
    const declared = await post(big, { "content-length": String(Buffer.byteLength(big)) });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.code).toBe("too_large");
    const chunk = new TextEncoder().encode("z".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await post(stream);
    expect(streamed.status).toBe(413);
  });

  it("SQL and HTML in a text field are stored as the text they are", async () => {
    const text = "'); DROP TABLE audit_events; -- <img src=x onerror=alert(1)>";
    const response = await post(JSON.stringify({ note: text }));
    expect(response.status).toBe(200);
    const recorded = await lastEvent("audit.verify");
    expect(recorded.reason).toBe(text);
    const still = await getDb().select({ seq: auditEvents.seq }).from(auditEvents).limit(1);
    expect(still).toHaveLength(1);
  });
});
