// The REST layer over real route handlers: bearer-token auth, error shape, Idempotency-Key.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { apiTokens, auditEvents, taskStates, users } from "@/db/schema";
import { getDb } from "@/server/db/client";
import { hashApiToken } from "@/server/auth/actor";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { importSeedPlan } from "./setup";
import * as runsRoute from "@/app/api/v1/runs/route";
import * as startRoute from "@/app/api/v1/runs/[runId]/start/route";
import * as completeTaskRoute from "@/app/api/v1/tasks/[taskId]/complete/route";
import * as myTasksRoute from "@/app/api/v1/tasks/route";
import * as statusRoute from "@/app/api/v1/status/[slug]/route";

let db: TestDatabase;
let planVersionId: string;
const tokens: Record<string, string> = {};

async function user(email: string, name: string, productRole: string, teamRoles: string[]) {
  const [row] = await getDb().insert(users).values({ email, name, productRole, teamRoles }).returning();
  const token = `fd_${randomBytes(16).toString("hex")}`;
  await getDb().insert(apiTokens).values({ userId: row.id, name: "test", prefix: token.slice(0, 8), tokenHash: hashApiToken(token) });
  tokens[email] = token;
}

beforeAll(async () => {
  db = await createTestDatabase("fd_runs_rest");
  planVersionId = await importSeedPlan();
  await user("lead@x", "Lena Lead", "lead", ["Deployment Lead"]);
  await user("dba@x", "Dana DBA", "engineer", ["Database Administrator"]);
  await user("devops@x", "Devi DevOps", "engineer", ["DevOps Engineer"]);
});
afterAll(async () => db?.drop());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function call(handler: (req: NextRequest, ctx: { params: Promise<any> }) => Promise<Response>, method: string, url: string, who: string | null, body?: unknown, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const req = new NextRequest(new URL(url, "http://localhost"), {
    method,
    headers: { "content-type": "application/json", ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(req, { params: Promise.resolve(params) });
}

describe("REST /api/v1/runs and /api/v1/tasks", () => {
  it("creates and starts a run; the engineer completes their own task; another role gets 403 in the error shape", async () => {
    const created = await call(runsRoute.POST, "POST", "/api/v1/runs", "lead@x", { planVersionId, title: "REST run", statusPublic: true });
    expect(created.status).toBe(201);
    const run = (await created.json()).data;
    expect((await call(startRoute.POST, "POST", `/api/v1/runs/${run.id}/start`, "lead@x", {}, { runId: run.id })).status).toBe(200);

    const [briefing] = await getDb().select().from(taskStates).where(and(eq(taskStates.runId, run.id), eq(taskStates.title, "Pre-deployment team briefing")));
    await call(completeTaskRoute.POST, "POST", "/x", "lead@x", {}, { taskId: briefing.id });
    const [backups] = await getDb().select().from(taskStates).where(and(eq(taskStates.runId, run.id), eq(taskStates.title, "Verify system backups")));

    const denied = await call(completeTaskRoute.POST, "POST", `/api/v1/tasks/${backups.id}/complete`, "devops@x", {}, { taskId: backups.id });
    expect(denied.status).toBe(403);
    const body = await denied.json();
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toMatch(/Database Administrator/);

    const unauth = await call(completeTaskRoute.POST, "POST", "/x", null, {}, { taskId: backups.id });
    expect(unauth.status).toBe(401);

    // Double-click: same Idempotency-Key → same 200 answer, one change.
    const key = { "idempotency-key": "dbl-1" };
    const first = await call(completeTaskRoute.POST, "POST", "/x", "dba@x", { expectedVersion: backups.version }, { taskId: backups.id }, key);
    const second = await call(completeTaskRoute.POST, "POST", "/x", "dba@x", { expectedVersion: backups.version }, { taskId: backups.id }, key);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(await first.json());
    const events = await getDb().select().from(auditEvents).where(and(eq(auditEvents.targetId, backups.id), eq(auditEvents.action, "tasks.complete"), eq(auditEvents.outcome, "ok")));
    expect(events).toHaveLength(1);

    // Without the key, a repeat is a 409 with the current task.
    const repeat = await call(completeTaskRoute.POST, "POST", "/x", "dba@x", { expectedVersion: backups.version }, { taskId: backups.id });
    expect(repeat.status).toBe(409);
    expect((await repeat.json()).error.details.task.status).toBe("completed");

    const mine = await (await call(myTasksRoute.GET, "GET", "/api/v1/tasks", "dba@x")).json();
    expect(mine.data[0].mine.every((t: { ownerRole: string }) => ["Database Administrator", "Deployment Team"].includes(t.ownerRole))).toBe(true);

    const status = await call(statusRoute.GET, "GET", `/api/v1/status/${run.slug}`, null, undefined, { slug: run.slug });
    expect(status.status).toBe(200);
    const text = JSON.stringify(await status.json());
    expect(text).not.toMatch(/Verify system backups|Database Administrator|Dana/);
  });
});
