// In-app notifications end to end on PostgreSQL: the notify step records one, the REST read shows it to
// its addressees only, acknowledging is audited, and nobody can acknowledge someone else's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { auditEvents, notifications, taskStates, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { isAddressedTo } from "@/lib/runs/notifications";
import { getDb } from "@/server/db/client";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { runsActions } from "@/server/actions/runs";
import { runStepAction } from "@/server/actions/steps/run-step";
import { ackNotificationAction } from "@/server/actions/notifications/ack-notification";
import { listNotificationsFor } from "@/server/notifications/notifications";
import { GET as listRoute } from "@/app/api/v1/notifications/route";
import { POST as ackRoute } from "@/app/api/v1/notifications/[notificationId]/ack/route";
import { importSeedPlan, personas, run, settle } from "./setup";
import { NextRequest } from "next/server";
import { createHash, randomBytes } from "node:crypto";
import { apiTokens } from "@/db/schema";

let db: TestDatabase;
let planVersionId: string;

beforeAll(async () => {
  db = await createTestDatabase("fd_notifications");
  planVersionId = await importSeedPlan();
  // Real user rows for the personas, so receipts (and the per-user fan-out) have someone to point at.
  for (const p of Object.values(personas)) {
    await getDb().insert(users).values({ id: p.id, email: `${p.id}@test.local`, name: p.name, productRole: p.productRole, teamRoles: p.teamRoles });
  }
});
afterAll(async () => {
  await db?.drop();
});

async function notice(roles: string[], message = `notice ${randomBytes(3).toString("hex")}`) {
  const [row] = await getDb().insert(notifications).values({ roles, message, fromName: "Test" }).returning();
  return row;
}

async function tokenFor(who: Actor): Promise<string> {
  const token = `fdt_${randomBytes(24).toString("hex")}`;
  await getDb().insert(apiTokens).values({ userId: who.id, name: "test", prefix: token.slice(0, 8), tokenHash: createHash("sha256").update(token).digest("hex") });
  return token;
}

describe("addressing", () => {
  it("reaches team roles held, the product role, the whole team, or everyone", () => {
    expect(isAddressedTo([], personas.stakeholder)).toBe(true);
    expect(isAddressedTo(["Everyone"], personas.auditor)).toBe(true);
    expect(isAddressedTo(["database administrator"], personas.dba)).toBe(true);
    expect(isAddressedTo(["Database Administrator"], personas.devops)).toBe(false);
    expect(isAddressedTo(["stakeholder"], personas.stakeholder)).toBe(true);
    expect(isAddressedTo(["stakeholder"], personas.lead)).toBe(false);
    expect(isAddressedTo(["Deployment Team"], personas.devops)).toBe(true);
    expect(isAddressedTo(["Deployment Team"], personas.stakeholder)).toBe(false);
  });

  it("lists for each reader only what is addressed to them, with an unread count", async () => {
    const forDba = await notice(["Database Administrator"]);
    const forAll = await notice([]);
    const dba = await listNotificationsFor(getDb(), personas.dba);
    const devops = await listNotificationsFor(getDb(), personas.devops);
    expect(dba.items.map((n) => n.id)).toEqual(expect.arrayContaining([forDba.id, forAll.id]));
    expect(devops.items.map((n) => n.id)).toContain(forAll.id);
    expect(devops.items.map((n) => n.id)).not.toContain(forDba.id);
    expect(dba.unread).toBe(dba.items.filter((n) => !n.acked).length);
  });
});

describe("the notify step", () => {
  it("records a notification the roster's roles read, from the person who sent it", async () => {
    const created = await run(runsActions["runs.create"], { planVersionId, title: "Notify run" }, personas.lead);
    await run(runsActions["runs.start"], { runId: created.id }, personas.lead);
    const [task] = await getDb().select().from(taskStates).where(and(eq(taskStates.runId, created.id), eq(taskStates.title, "Send stakeholder notifications")));
    expect((task.action as { kind: string }).kind).toBe("notify");
    await run(runsActions["tasks.override"], { taskId: task.id, reason: "test: send now" }, personas.lead);
    await run(runStepAction, { taskId: task.id }, personas.support);
    const [row] = await getDb().select().from(notifications).where(eq(notifications.runId, created.id));
    expect(row).toMatchObject({ taskId: task.id, fromName: personas.support.name });
    const inbox = await listNotificationsFor(getDb(), personas.dba);
    expect(inbox.items.find((n) => n.id === row.id)).toMatchObject({ runTitle: "Notify run", acked: false });
  });
});

describe("acknowledging", () => {
  it("marks it read for that reader only, audited", async () => {
    const row = await notice(["Database Administrator"]);
    const result = await run(ackNotificationAction, { notificationId: row.id }, personas.dba);
    expect(result).toEqual({ id: row.id, acked: true });
    expect((await listNotificationsFor(getDb(), personas.dba)).items.find((n) => n.id === row.id)?.acked).toBe(true);
    expect((await listNotificationsFor(getDb(), personas.dba2)).items.find((n) => n.id === row.id)?.acked).toBe(false);
    const [event] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, "notifications.ack"), eq(auditEvents.targetId, row.id))).orderBy(desc(auditEvents.seq)).limit(1);
    expect(event).toMatchObject({ outcome: "ok", actorName: personas.dba.name });
    // Twice is harmless.
    await expect(run(ackNotificationAction, { notificationId: row.id }, personas.dba)).resolves.toEqual({ id: row.id, acked: true });
  });

  it("refuses someone the notification is not addressed to (403, denied on the record); an unknown id is 404", async () => {
    const row = await notice(["Database Administrator"]);
    const refused = await settle(run(ackNotificationAction, { notificationId: row.id }, personas.devops));
    expect(!refused.ok && refused.error.status).toBe(403);
    const [denied] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, "notifications.ack"), eq(auditEvents.targetId, row.id)));
    expect(denied).toMatchObject({ outcome: "denied", actorName: personas.devops.name });
    const missing = await settle(run(ackNotificationAction, { notificationId: "00000000-0000-4000-8000-000000000000" }, personas.dba));
    expect(!missing.ok && missing.error.status).toBe(404);
  });
});

describe("REST", () => {
  const call = (url: string, token: string | null, method = "GET") => new NextRequest(`http://localhost${url}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it("GET lists the caller's own; POST …/ack acknowledges; another's is 403; signed out is 401", async () => {
    const forDba = await notice(["Database Administrator"]);
    const dbaToken = await tokenFor(personas.dba);
    const devopsToken = await tokenFor(personas.devops);

    const listed = await listRoute(call("/api/v1/notifications", dbaToken), { params: Promise.resolve({}) });
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { data: { items: Array<{ id: string; acked: boolean }>; unread: number } };
    expect(body.data.items.find((n) => n.id === forDba.id)).toMatchObject({ acked: false });

    const otherList = (await (await listRoute(call("/api/v1/notifications", devopsToken), { params: Promise.resolve({}) })).json()) as { data: { items: Array<{ id: string }> } };
    expect(otherList.data.items.map((n) => n.id)).not.toContain(forDba.id);

    const stolen = await ackRoute(call(`/api/v1/notifications/${forDba.id}/ack`, devopsToken, "POST"), { params: Promise.resolve({ notificationId: forDba.id }) });
    expect(stolen.status).toBe(403);
    const mine = await ackRoute(call(`/api/v1/notifications/${forDba.id}/ack`, dbaToken, "POST"), { params: Promise.resolve({ notificationId: forDba.id }) });
    expect(mine.status).toBe(200);
    const anonymous = await listRoute(call("/api/v1/notifications", null), { params: Promise.resolve({}) });
    expect(anonymous.status).toBe(401);
  });
});
