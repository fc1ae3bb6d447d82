import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { createHash } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { getDb } from "@/server/db/client";
import { apiTokens, idempotencyKeys } from "@/db/schema";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import * as tokenRoute from "@/app/api/v1/tokens/[id]/route";
import * as meRoute from "@/app/api/v1/me/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { auditOf, makeUser } from "./helpers";
import { call, sessionFor } from "./http";

vi.hoisted(() => {
  process.env.FLIGHTDECK_BCRYPT_COST = "4";
});

let database: TestDatabase;
let stakeholder: Awaited<ReturnType<typeof makeUser>>;
let admin: Awaited<ReturnType<typeof makeUser>>;
let engineer: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  database = await createTestDatabase("fd_identity_tokens");
  process.env.NEXTAUTH_SECRET = "test-secret-for-identity-token-tests";
  stakeholder = await makeUser({ email: "sh@example.com", name: "Sam Stakeholder", productRole: "stakeholder" });
  admin = await makeUser({ email: "admin@example.com", name: "Ada Admin", productRole: "admin" });
  engineer = await makeUser({ email: "eng@example.com", name: "Dana DBA", productRole: "engineer", teamRoles: ["Database Administrator"] });
});
afterAll(async () => database.drop());

async function createToken(userId: string, name: string) {
  return call(tokensRoute.POST, { body: { name }, auth: { session: await sessionFor(userId) } });
}

describe("API tokens", () => {
  it("a user creates a token (fd_…, shown once, stored as sha256) and it authenticates as them", async () => {
    const created = await createToken(engineer.id, "CI pipeline");
    expect(created.status).toBe(201);
    const token: string = created.data.token;
    expect(token).toMatch(/^fd_[A-Za-z0-9_-]{43}$/);
    expect(created.data.prefix).toBe(token.slice(0, 10));

    const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, created.data.id));
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);

    const me = await call(meRoute.GET, { auth: { bearer: token } });
    expect(me).toMatchObject({ status: 200, data: { id: engineer.id, email: "eng@example.com", productRole: "engineer", teamRoles: ["Database Administrator"] } });
    expect(me.data.permissions).toContain("tasks.complete");
    expect(me.data.permissions).not.toContain("users.manage");

    const list = await call(tokensRoute.GET, { auth: { bearer: token } });
    expect(list.status).toBe(200);
    expect(list.data).toEqual([expect.objectContaining({ id: created.data.id, name: "CI pipeline", prefix: created.data.prefix, revokedAt: null })]);
    expect(list.data[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.data)).not.toContain(token);

    const [event] = await auditOf("tokens.create");
    expect(event).toMatchObject({ actorId: engineer.id, outcome: "ok", targetId: created.data.id });
    expect(JSON.stringify(event)).not.toContain(token);
  });

  it("a token acts with its owner's permissions: a stakeholder's token is refused users.manage, an admin's is not", async () => {
    const shToken = (await createToken(stakeholder.id, "status script")).data.token;
    const refused = await call(usersRoute.GET, { auth: { bearer: shToken } });
    expect(refused).toMatchObject({ status: 403, error: { code: "forbidden" } });
    const adminToken = (await createToken(admin.id, "admin script")).data.token;
    const allowed = await call(usersRoute.GET, { auth: { bearer: adminToken } });
    expect(allowed.status).toBe(200);
    expect(allowed.data.map((u: { email: string }) => u.email)).toContain("sh@example.com");
    expect(JSON.stringify(allowed.data)).not.toMatch(/\$2[aby]\$/);
  });

  it("a revoked token gets 401 from then on", async () => {
    const created = await createToken(engineer.id, "to revoke");
    const token = created.data.token;
    expect((await call(meRoute.GET, { auth: { bearer: token } })).status).toBe(200);
    const revoked = await call(tokenRoute.DELETE, { method: "DELETE", params: { id: created.data.id }, auth: { bearer: token } });
    expect(revoked).toMatchObject({ status: 200, data: { id: created.data.id } });
    expect(await call(meRoute.GET, { auth: { bearer: token } })).toMatchObject({ status: 401, error: { code: "unauthenticated" } });
    expect((await call(tokensRoute.GET, { auth: { bearer: token } })).status).toBe(401);
    // Revoking twice is a conflict, not a silent success.
    const again = await call(tokenRoute.DELETE, { method: "DELETE", params: { id: created.data.id }, auth: { session: await sessionFor(engineer.id) } });
    expect(again).toMatchObject({ status: 409, error: { code: "conflict" } });
  });

  it("someone else's token cannot be revoked (403, denied event, token still works); its owner and an admin can", async () => {
    const victim = await createToken(engineer.id, "engineer's");
    const attempt = await call(tokenRoute.DELETE, { method: "DELETE", params: { id: victim.data.id }, auth: { session: await sessionFor(stakeholder.id) } });
    expect(attempt).toMatchObject({ status: 403, error: { code: "forbidden" } });
    const denied = (await auditOf("tokens.revoke")).filter((e) => e.outcome === "denied");
    expect(denied.at(-1)).toMatchObject({ actorId: stakeholder.id, targetId: victim.data.id });
    const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, victim.data.id));
    expect(row.revokedAt).toBeNull();
    expect((await call(meRoute.GET, { auth: { bearer: victim.data.token } })).status).toBe(200);

    // The legitimate paths: the admin may revoke it.
    const byAdmin = await call(tokenRoute.DELETE, { method: "DELETE", params: { id: victim.data.id }, auth: { session: await sessionFor(admin.id) } });
    expect(byAdmin.status).toBe(200);
    expect((await call(meRoute.GET, { auth: { bearer: victim.data.token } })).status).toBe(401);
  });

  it("refuses bad input with field errors, unauthenticated calls with 401, and never stores the answer for replay", async () => {
    const bad = await createToken(engineer.id, "   ");
    expect(bad).toMatchObject({ status: 400, error: { code: "invalid", fields: { name: [expect.stringMatching(/Name the token/)] } } });
    expect((await call(tokensRoute.POST, { body: { name: "x" } })).status).toBe(401);
    expect((await call(meRoute.GET, { auth: { bearer: "fd_not-a-real-token" } })).status).toBe(401);
    expect((await call(tokenRoute.DELETE, { method: "DELETE", params: { id: "not-a-uuid" }, auth: { session: await sessionFor(engineer.id) } })).status).toBe(400);

    const withKey = await call(tokensRoute.POST, { body: { name: "keyed" }, auth: { session: await sessionFor(engineer.id) }, headers: { "idempotency-key": "k-1" } });
    expect(withKey.status).toBe(201);
    expect(await getDb().select().from(idempotencyKeys)).toEqual([]);
  });
});
