import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { getDb } from "@/server/db/client";
import { planRoles, plans, planVersions, users } from "@/db/schema";
import * as usersRoute from "@/app/api/v1/users/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as deactivateRoute from "@/app/api/v1/users/[id]/deactivate/route";
import * as reactivateRoute from "@/app/api/v1/users/[id]/reactivate/route";
import * as teamRolesRoute from "@/app/api/v1/users/team-roles/route";
import * as meRoute from "@/app/api/v1/me/route";
import { executeAction } from "@/server/actions/pipeline";
import { updateUserAction } from "@/server/actions/identity/update-user";
import { verifyPasswordLogin } from "@/server/auth/password-login";
import { verifyAuditChain } from "@/server/audit/verify";
import type { ProductRole } from "@/lib/auth/permissions";
import { actorOf, auditOf, makeUser, meta } from "./helpers";
import { call, sessionFor } from "./http";

vi.hoisted(() => {
  process.env.FLIGHTDECK_BCRYPT_COST = "4";
});

let database: TestDatabase;
let admin: Awaited<ReturnType<typeof makeUser>>;
const others: Partial<Record<ProductRole, Awaited<ReturnType<typeof makeUser>>>> = {};

beforeAll(async () => {
  database = await createTestDatabase("fd_identity_users");
  process.env.NEXTAUTH_SECRET = "test-secret-for-identity-user-tests";
  admin = await makeUser({ email: "root@example.com", name: "Ada Admin", productRole: "admin" });
  for (const role of ["lead", "engineer", "stakeholder", "auditor"] as const) others[role] = await makeUser({ email: `${role}@example.com`, name: `The ${role}`, productRole: role });
});
afterAll(async () => database.drop());

const as = async (user: { id: string }) => ({ session: await sessionFor(user.id) });
const userCount = async () => (await getDb().select({ n: count() }).from(users))[0].n;
/** Leaves exactly these users as admins (earlier tests made others). */
async function onlyAdmins(...ids: string[]) {
  for (const user of await getDb().select().from(users).where(eq(users.productRole, "admin"))) {
    if (!ids.includes(user.id)) await getDb().update(users).set({ productRole: "lead", version: user.version + 1 }).where(eq(users.id, user.id));
  }
}
const fresh = async (id: string) => (await getDb().select().from(users).where(eq(users.id, id)))[0];

describe("creating users", () => {
  it("an admin creates a user with a given password; they can sign in; the event has the after-state and no hash", async () => {
    const response = await call(usersRoute.POST, {
      auth: await as(admin),
      body: { email: "Dana@Example.com", name: "Dana DBA", productRole: "engineer", teamRoles: ["Database Administrator", " database administrator ", "On-call"], password: "a good long password" },
    });
    expect(response.status).toBe(201);
    expect(response.data).toMatchObject({ generatedPassword: null, user: { email: "dana@example.com", productRole: "engineer", teamRoles: ["Database Administrator", "On-call"], active: true, version: 1 } });
    expect(await verifyPasswordLogin("dana@example.com", "a good long password", meta())).toMatchObject({ ok: true });
    const event = (await auditOf("users.create")).at(-1)!;
    expect(event).toMatchObject({ actorId: admin.id, outcome: "ok", targetId: response.data.user.id });
    expect(event.after).toMatchObject({ email: "dana@example.com", productRole: "engineer", passwordGenerated: false });
    expect(JSON.stringify(event)).not.toMatch(/\$2[aby]\$|a good long password/);
  });

  it("without a password, one is generated and returned once", async () => {
    const response = await call(usersRoute.POST, { auth: await as(admin), body: { email: "gen@example.com", name: "Gen", productRole: "stakeholder", password: "" } });
    expect(response.status).toBe(201);
    const password: string = response.data.generatedPassword;
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(await verifyPasswordLogin("gen@example.com", password, meta())).toMatchObject({ ok: true });
    const listed = await call(usersRoute.GET, { auth: await as(admin) });
    expect(JSON.stringify(listed.data)).not.toContain(password);
  });

  it("field-level errors for bad input and a duplicate email; nothing written", async () => {
    const before = await userCount();
    const bad = await call(usersRoute.POST, { auth: await as(admin), body: { email: "nope", name: "", productRole: "overlord", password: "short", teamRoles: ["ok", ""] } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.error!.fields!).sort()).toEqual(["email", "name", "password", "productRole", "teamRoles.1"]);
    const duplicate = await call(usersRoute.POST, { auth: await as(admin), body: { email: "ROOT@example.com", name: "Again", productRole: "admin" } });
    expect(duplicate).toMatchObject({ status: 409, error: { code: "conflict", fields: { email: ["A user with this email already exists."] } } });
    expect(await userCount()).toBe(before);
  });

  it.each(["lead", "engineer", "stakeholder", "auditor"] as const)("a %s is refused (403, denied event, nothing written); the admin's same request works", async (role) => {
    const before = await userCount();
    const body = { email: `made-by-${role}@example.com`, name: "Sneaky", productRole: "admin", password: "a good long password" };
    const refused = await call(usersRoute.POST, { auth: await as(others[role]!), body });
    expect(refused).toMatchObject({ status: 403, error: { code: "forbidden" } });
    expect(await userCount()).toBe(before);
    const denied = (await auditOf("users.create")).at(-1)!;
    expect(denied).toMatchObject({ outcome: "denied", actorId: others[role]!.id, actorRole: role });
    expect((await call(usersRoute.GET, { auth: await as(others[role]!) })).status).toBe(403);

    expect((await call(usersRoute.POST, { auth: await as(admin), body })).status).toBe(201);
    expect(await userCount()).toBe(before + 1);
  });
});

describe("changing users", () => {
  it("an admin changes product role and team roles with the version they saw; before/after audited; a stale version is a conflict", async () => {
    const user = await makeUser({ email: "change@example.com", productRole: "engineer", teamRoles: ["QA Engineer"] });
    const ok = await call(userRoute.PATCH, { method: "PATCH", auth: await as(admin), params: { id: user.id }, body: { version: 1, productRole: "lead", teamRoles: ["Deployment Lead"] } });
    expect(ok).toMatchObject({ status: 200, data: { productRole: "lead", teamRoles: ["Deployment Lead"], version: 2 } });
    const event = (await auditOf("users.update")).at(-1)!;
    expect(event.before).toMatchObject({ productRole: "engineer", teamRoles: ["QA Engineer"], version: 1 });
    expect(event.after).toMatchObject({ productRole: "lead", teamRoles: ["Deployment Lead"], version: 2 });
    // The role applies at once to the user's existing session.
    expect((await call(meRoute.GET, { auth: await as(user) })).data.productRole).toBe("lead");

    const stale = await call(userRoute.PATCH, { method: "PATCH", auth: await as(admin), params: { id: user.id }, body: { version: 1, productRole: "auditor" } });
    expect(stale).toMatchObject({ status: 409, error: { code: "conflict" } });
    expect((await fresh(user.id)).productRole).toBe("lead");
    const get = await call(userRoute.GET, { auth: await as(admin), params: { id: user.id } });
    expect(get.data).toMatchObject({ version: 2 });
    expect((await call(userRoute.GET, { auth: await as(admin), params: { id: "nope" } })).status).toBe(404);
  });

  it("a lead cannot change anyone's role, not even their own (403, denied, unchanged); the admin can", async () => {
    const lead = others.lead!;
    const refused = await call(userRoute.PATCH, { method: "PATCH", auth: await as(lead), params: { id: lead.id }, body: { version: lead.version, productRole: "admin" } });
    expect(refused.status).toBe(403);
    expect((await auditOf("users.update")).at(-1)).toMatchObject({ outcome: "denied", actorId: lead.id });
    expect((await fresh(lead.id)).productRole).toBe("lead");
    const ok = await call(userRoute.PATCH, { method: "PATCH", auth: await as(admin), params: { id: lead.id }, body: { version: lead.version, teamRoles: ["Deployment Lead"] } });
    expect(ok.status).toBe(200);
  });

  it("deactivation: not yourself, takes effect at once, reactivation restores; a stakeholder may not", async () => {
    const target = await makeUser({ email: "leaver@example.com", productRole: "engineer" });
    expect((await call(deactivateRoute.POST, { auth: await as(admin), params: { id: admin.id }, body: { version: (await fresh(admin.id)).version } })).error).toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/your own account/),
    });
    const sh = await call(deactivateRoute.POST, { auth: await as(others.stakeholder!), params: { id: target.id }, body: { version: 1 } });
    expect(sh.status).toBe(403);
    expect((await fresh(target.id)).active).toBe(true);

    const session = await as(target);
    expect((await call(meRoute.GET, { auth: session })).status).toBe(200);
    const off = await call(deactivateRoute.POST, { auth: await as(admin), params: { id: target.id }, body: { version: 1, reason: "left the team" } });
    expect(off).toMatchObject({ status: 200, data: { active: false, version: 2 } });
    expect((await call(meRoute.GET, { auth: session })).status).toBe(401);
    expect(await verifyPasswordLogin("leaver@example.com", "correct horse battery", meta("192.0.2.99"))).toEqual({ ok: false, reason: "invalid" });
    expect((await auditOf("users.deactivate")).at(-1)).toMatchObject({ outcome: "ok", reason: "left the team", before: expect.objectContaining({ active: true }), after: expect.objectContaining({ active: false }) });

    const on = await call(reactivateRoute.POST, { auth: await as(admin), params: { id: target.id }, body: { version: 2 } });
    expect(on).toMatchObject({ status: 200, data: { active: true, version: 3 } });
    expect((await call(meRoute.GET, { auth: session })).status).toBe(200);
  });
});

describe("the last active admin", () => {
  it("cannot be demoted or deactivated; with a second admin both work", async () => {
    await onlyAdmins(admin.id);
    const demote = await call(userRoute.PATCH, { method: "PATCH", auth: await as(admin), params: { id: admin.id }, body: { version: (await fresh(admin.id)).version, productRole: "lead" } });
    expect(demote).toMatchObject({ status: 409, error: { message: expect.stringMatching(/last active admin/) } });
    expect((await fresh(admin.id)).productRole).toBe("admin");

    const second = await makeUser({ email: "second-admin@example.com", name: "Second Admin", productRole: "admin" });
    // The second admin may deactivate the first…
    const off = await call(deactivateRoute.POST, { auth: await as(second), params: { id: admin.id }, body: { version: (await fresh(admin.id)).version } });
    expect(off.status).toBe(200);
    // …but not demote themselves now that they are the last one.
    const self = await call(userRoute.PATCH, { method: "PATCH", auth: await as(second), params: { id: second.id }, body: { version: 1, productRole: "engineer" } });
    expect(self).toMatchObject({ status: 409, error: { message: expect.stringMatching(/last active admin/) } });
    await call(reactivateRoute.POST, { auth: await as(second), params: { id: admin.id }, body: { version: (await fresh(admin.id)).version } });
  });

  it("two admins demoting each other at the same moment leave exactly one admin", async () => {
    const a = await makeUser({ email: "race-a@example.com", name: "Race A", productRole: "admin" });
    const b = await makeUser({ email: "race-b@example.com", name: "Race B", productRole: "admin" });
    await onlyAdmins(a.id, b.id);
    const results = await Promise.allSettled([
      executeAction(updateUserAction, { id: b.id, version: 1, productRole: "engineer" }, { actor: actorOf(a) }),
      executeAction(updateUserAction, { id: a.id, version: 1, productRole: "engineer" }, { actor: actorOf(b) }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const admins = await getDb().select().from(users).where(eq(users.productRole, "admin"));
    expect(admins).toHaveLength(1);
    expect(await verifyAuditChain()).toMatchObject({ intact: true });
  });
});

describe("team role names", () => {
  it("come from the newest version of each plan's roster", async () => {
    const [plan] = await getDb().insert(plans).values({ slug: "p", title: "P" }).returning();
    const base = { planId: plan.id, title: "P", timezone: "UTC", sourceMarkdown: "", sourceSha256: "x" };
    const [v1] = await getDb().insert(planVersions).values({ ...base, version: 1 }).returning();
    const [v2] = await getDb().insert(planVersions).values({ ...base, version: 2 }).returning();
    await getDb().insert(planRoles).values([
      { planVersionId: v1.id, position: 1, name: "Retired Role" },
      { planVersionId: v2.id, position: 1, name: "Deployment Lead" },
      { planVersionId: v2.id, position: 2, name: "Database Administrator" },
    ]);
    const reader = await makeUser({ email: "roster-admin@example.com", productRole: "admin" });
    const response = await call(teamRolesRoute.GET, { auth: await as(reader) });
    expect(response.error).toBeUndefined();
    expect(response.data).toEqual(["Database Administrator", "Deployment Lead"]);
    expect((await call(teamRolesRoute.GET, { auth: await as(others.engineer!) })).status).toBe(403);
  });
});
