import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { getDb } from "@/server/db/client";
import { verifyPasswordLogin } from "@/server/auth/password-login";
import { accountKey, accountPolicy, blockSecondsFor, ipKey, secondsUntilAllowed } from "@/server/auth/throttle";
import { buildAuthOptions, sessionMaxAgeSeconds } from "@/server/auth/options";
import { actorFromRequest } from "@/server/auth/actor";
import { verifyAuditChain } from "@/server/audit/verify";
import { auditOf, makeUser, meta, PASSWORD } from "./helpers";

// Cheap hashing for unknown-account comparisons; the logic under test does not depend on the cost.
vi.hoisted(() => {
  process.env.FLIGHTDECK_BCRYPT_COST = "4";
});

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("fd_identity_login");
  process.env.NEXTAUTH_SECRET = "test-secret-for-identity-login-tests";
});
afterAll(async () => database.drop());
beforeEach(async () => {
  await getDb().execute(sql`DELETE FROM login_throttle`);
});

/** Sign-in through next-auth's own Credentials provider (the authorize next-auth calls). */
async function authorize(email: string, password: string, ip = "198.51.100.1") {
  const provider = buildAuthOptions(meta(ip)).providers.find((p) => p.id === "credentials") as unknown as {
    options: { authorize: (c: Record<string, string>, r: unknown) => Promise<{ id: string } | null> };
  };
  return provider.options.authorize({ email, password }, {});
}

describe("password sign-in", () => {
  it("accepts the right password (any email case) and records auth.login with the user as actor", async () => {
    const user = await makeUser({ email: "ok@example.com" });
    const result = await verifyPasswordLogin("  OK@Example.com ", PASSWORD, meta());
    expect(result.ok).toBe(true);
    const [event] = (await auditOf("auth.login")).filter((e) => e.targetId === user.id);
    expect(event).toMatchObject({ actorId: user.id, outcome: "ok", ip: "203.0.113.7", userAgent: "vitest" });
    expect(await authorize("ok@example.com", PASSWORD)).toMatchObject({ id: user.id });
  });

  it("refuses a wrong password, an unknown email and a deactivated account alike, each audited as denied", async () => {
    await makeUser({ email: "wrong@example.com" });
    await makeUser({ email: "gone@example.com", active: false });
    await makeUser({ email: "sso-only@example.com", password: null });
    for (const [email, password] of [["wrong@example.com", "nope"], ["nobody@example.com", PASSWORD], ["gone@example.com", PASSWORD], ["sso-only@example.com", ""]]) {
      expect(await verifyPasswordLogin(email, password, meta(`192.0.2.${email.length}`))).toEqual({ ok: false, reason: "invalid" });
    }
    const failed = await auditOf("auth.login_failed");
    const reasons = failed.map((e) => `${e.targetLabel}: ${e.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        "wrong@example.com: wrong password",
        "nobody@example.com: no account with this email",
        "gone@example.com: account is deactivated",
        "sso-only@example.com: account has no password (OpenID Connect only)",
      ]),
    );
    expect(failed.every((e) => e.outcome === "denied" && e.actorId === "system:sign-in")).toBe(true);
    // next-auth's authorize answers null (→ CredentialsSignin) for a plain wrong password
    expect(await authorize("wrong@example.com", "nope")).toBeNull();
  });
});

describe("throttling", () => {
  it("blocks an account after 5 failures in the window, from any IP, even with the right password", async () => {
    const user = await makeUser({ email: "target@example.com" });
    const policy = accountPolicy();
    for (let i = 1; i < policy.maxFailures; i++) {
      expect(await verifyPasswordLogin("target@example.com", `guess-${i}`, meta(`10.0.0.${i}`))).toEqual({ ok: false, reason: "invalid" });
    }
    // The 5th failure already answers "blocked" so the person learns the wait right away.
    expect(await verifyPasswordLogin("target@example.com", "guess-5", meta("10.0.0.5"))).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 30 });
    // Right password from a fresh IP: still refused, without checking the password.
    const blocked = await verifyPasswordLogin("target@example.com", PASSWORD, meta("10.0.0.99"));
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    expect((blocked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(25);
    await expect(authorize("target@example.com", PASSWORD, "10.0.0.100")).rejects.toThrow(/^Throttled:\d+$/);
    const denied = (await auditOf("auth.login_failed")).filter((e) => e.targetLabel === "target@example.com");
    expect(denied.at(-1)?.reason).toMatch(/Too many failed attempts/);

    // Another account is not affected by this account's block.
    const other = await makeUser({ email: "bystander@example.com" });
    expect(await verifyPasswordLogin("bystander@example.com", PASSWORD, meta("10.0.0.1"))).toMatchObject({ ok: true, user: { id: other.id } });

    // Once the block has passed, the right password works and forgives the account's failures.
    await getDb().execute(sql`UPDATE login_throttle SET blocked_until = now() - interval '1 second' WHERE key = ${accountKey("target@example.com")}`);
    expect(await verifyPasswordLogin("target@example.com", PASSWORD, meta("10.0.0.99"))).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await secondsUntilAllowed([accountKey("target@example.com")])).toBe(0);
  });

  it("grows the block with each further failure (30 s, 60 s, 120 s … capped at 15 min)", async () => {
    const policy = accountPolicy();
    expect([4, 5, 6, 7, 30].map((n) => blockSecondsFor(n, policy))).toEqual([0, 30, 60, 120, 900]);
    await makeUser({ email: "grow@example.com" });
    for (let i = 0; i < 5; i++) await verifyPasswordLogin("grow@example.com", "bad", meta("10.1.0.1"));
    // Let the first block pass; the window has not, so the next failure counts as the 6th.
    await getDb().execute(sql`UPDATE login_throttle SET blocked_until = now() - interval '1 second' WHERE key = ${accountKey("grow@example.com")}`);
    expect(await verifyPasswordLogin("grow@example.com", "bad", meta("10.1.0.1"))).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 60 });
  });

  it("starts counting afresh after the window when not blocked", async () => {
    await makeUser({ email: "slow@example.com" });
    for (let i = 0; i < 4; i++) await verifyPasswordLogin("slow@example.com", "bad", meta("10.2.0.1"));
    await getDb().execute(sql`UPDATE login_throttle SET window_start = now() - interval '16 minutes' WHERE key = ${accountKey("slow@example.com")}`);
    // 4 old failures forgotten: this one is the 1st of a new window, not the 5th.
    expect(await verifyPasswordLogin("slow@example.com", "bad", meta("10.2.0.1"))).toEqual({ ok: false, reason: "invalid" });
  });

  it("blocks an IP after 20 failures across many accounts, and only that IP", async () => {
    const ip = "203.0.113.200";
    for (let i = 0; i < 19; i++) expect(await verifyPasswordLogin(`spray-${i}@example.com`, "bad", meta(ip))).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyPasswordLogin("spray-19@example.com", "bad", meta(ip))).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 30 });
    const victim = await makeUser({ email: "victim@example.com" });
    // A real user behind the blocked IP waits too…
    expect(await verifyPasswordLogin("victim@example.com", PASSWORD, meta(ip))).toMatchObject({ ok: false, reason: "throttled" });
    // …but the same account from elsewhere signs in: the block is per IP, not global.
    expect(await verifyPasswordLogin("victim@example.com", PASSWORD, meta("203.0.113.201"))).toMatchObject({ ok: true, user: { id: victim.id } });
    expect(await secondsUntilAllowed([ipKey(ip)])).toBeGreaterThan(0);
  });

  it("counts failures from concurrent attempts exactly (one shared counter in PostgreSQL)", async () => {
    await makeUser({ email: "burst@example.com" });
    await Promise.all(Array.from({ length: 8 }, (_, i) => verifyPasswordLogin("burst@example.com", `b${i}`, meta(`10.3.0.${i}`))));
    const result = await getDb().execute<{ failures: number }>(sql`SELECT failures FROM login_throttle WHERE key = ${accountKey("burst@example.com")}`);
    expect(result.rows[0].failures).toBe(8);
    expect(await secondsUntilAllowed([accountKey("burst@example.com")])).toBeGreaterThan(0);
  });

  it("keeps the audit chain intact through all of it", async () => {
    expect(await verifyAuditChain()).toMatchObject({ intact: true });
  });
});

describe("session expiry", () => {
  afterEach(() => {
    vi.useRealTimers();
    delete process.env.FLIGHTDECK_SESSION_MAX_AGE;
  });

  it("defaults to 8 hours and follows FLIGHTDECK_SESSION_MAX_AGE", () => {
    expect(sessionMaxAgeSeconds()).toBe(8 * 3600);
    process.env.FLIGHTDECK_SESSION_MAX_AGE = "120";
    const options = buildAuthOptions();
    expect(options.session?.maxAge).toBe(120);
    expect(options.jwt?.maxAge).toBe(120);
    process.env.FLIGHTDECK_SESSION_MAX_AGE = "not a number";
    expect(sessionMaxAgeSeconds()).toBe(8 * 3600);
  });

  it("a session cookie works until maxAge, then the request is anonymous", async () => {
    process.env.FLIGHTDECK_SESSION_MAX_AGE = "120";
    const user = await makeUser({ email: "session@example.com", productRole: "lead" });
    const maxAge = buildAuthOptions().session!.maxAge!;
    const jwt = await encode({ token: { sub: user.id, email: user.email }, secret: process.env.NEXTAUTH_SECRET!, maxAge });
    const request = () => new NextRequest("http://localhost/api/v1/me", { headers: { cookie: `next-auth.session-token=${jwt}` } });

    expect(await actorFromRequest(request())).toMatchObject({ id: user.id, productRole: "lead" });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 100_000);
    expect(await actorFromRequest(request())).toMatchObject({ id: user.id });
    // next-auth allows 15 s of clock skew past the expiry.
    vi.setSystemTime(Date.now() + 40_000);
    expect(await actorFromRequest(request())).toBeNull();
  });

  it("a valid session of a deactivated user is refused at once", async () => {
    const user = await makeUser({ email: "deactivated-later@example.com" });
    const jwt = await encode({ token: { sub: user.id }, secret: process.env.NEXTAUTH_SECRET! });
    const request = new NextRequest("http://localhost/", { headers: { cookie: `next-auth.session-token=${jwt}` } });
    expect(await actorFromRequest(request)).not.toBeNull();
    await getDb().execute(sql`UPDATE users SET active = false WHERE id = ${user.id}`);
    expect(await actorFromRequest(request)).toBeNull();
  });
});

describe("sign-out", () => {
  it("records auth.logout with the user as actor and the request's IP", async () => {
    const user = await makeUser({ email: "bye@example.com" });
    await buildAuthOptions(meta("192.0.2.55")).events!.signOut!({ token: { sub: user.id, email: user.email } } as never);
    const [event] = (await auditOf("auth.logout")).filter((e) => e.targetId === user.id);
    expect(event).toMatchObject({ actorId: user.id, outcome: "ok", ip: "192.0.2.55" });
  });
});
