import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { getDb } from "@/server/db/client";
import { settings, users } from "@/db/schema";
import { ensureInitialAccounts } from "@/server/identity/bootstrap-accounts";
import { DEMO_PERSONAS, demoLogins, isDemoMode } from "@/server/identity/demo";
import { verifyPasswordLogin } from "@/server/auth/password-login";
import { executeAction } from "@/server/actions/pipeline";
import { setupAdminAction } from "@/server/actions/identity/setup-admin";
import { SETUP_ACTOR } from "@/server/auth/system-actors";
import { verifyAuditChain } from "@/server/audit/verify";
import { actorOf, auditOf, makeUser, meta } from "./helpers";

vi.hoisted(() => {
  process.env.FLIGHTDECK_BCRYPT_COST = "4";
});

const ENV_KEYS = ["FLIGHTDECK_DEMO", "FLIGHTDECK_EMBEDDED", "FLIGHTDECK_DEMO_PASSWORD"] as const;
let database: TestDatabase | null = null;

beforeEach(async () => {
  for (const key of ENV_KEYS) delete process.env[key];
  database = await createTestDatabase("fd_identity_boot");
});
afterEach(async () => {
  vi.restoreAllMocks();
  await database?.drop();
  database = null;
});
afterAll(() => {
  for (const key of ENV_KEYS) delete process.env[key];
});

describe("demo mode", () => {
  it("on the embedded database, creates one account per persona with random passwords printed once", async () => {
    process.env.FLIGHTDECK_EMBEDDED = "1";
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args) => void printed.push(args.join(" ")));

    const first = await ensureInitialAccounts();
    expect(first.demo).toBe(true);
    expect(first.created.map((c) => c.email)).toEqual(DEMO_PERSONAS.map((p) => p.email));
    const rows = await getDb().select().from(users);
    expect(rows).toHaveLength(7);
    expect(rows.every((u) => u.isDemo && u.active && u.passwordHash?.startsWith("$2"))).toBe(true);
    expect(rows.find((u) => u.email === "dba@flightdeck.local")).toMatchObject({ name: "Dana DBA", productRole: "engineer", teamRoles: ["Database Administrator"] });
    expect(rows.find((u) => u.email === "lead@flightdeck.local")).toMatchObject({ productRole: "lead", teamRoles: ["Deployment Lead"] });

    // Every printed password signs its account in; the passwords differ.
    const passwords = new Set(first.created.map((c) => c.password));
    expect(passwords.size).toBe(7);
    for (const { email, password } of first.created) {
      expect(printed.join("\n")).toContain(password);
      expect(await verifyPasswordLogin(email, password, meta(null))).toMatchObject({ ok: true });
    }

    // Second start: nothing created, nothing printed.
    printed.length = 0;
    const second = await ensureInitialAccounts();
    expect(second.created).toEqual([]);
    expect(printed).toEqual([]);
    expect(await getDb().select().from(users)).toHaveLength(7);

    expect(await isDemoMode()).toBe(true);
    const logins = await demoLogins();
    expect(logins?.password).toBeNull();
    expect(logins?.accounts.map((a) => a.email)).toEqual(DEMO_PERSONAS.map((p) => p.email));

    const created = await auditOf("users.create");
    expect(created).toHaveLength(7);
    expect(created.every((e) => e.actorId === "system:bootstrap")).toBe(true);
    expect(JSON.stringify(created)).not.toContain("$2"); // no hashes in the log
    expect(await verifyAuditChain()).toMatchObject({ intact: true, count: 14 }) // 7 creations + 7 sign-ins;
  });

  it("FLIGHTDECK_DEMO=1 with FLIGHTDECK_DEMO_PASSWORD gives every demo account that password, shown on the login page", async () => {
    process.env.FLIGHTDECK_DEMO = "1";
    process.env.FLIGHTDECK_DEMO_PASSWORD = "demo-password-for-tests";
    vi.spyOn(console, "log").mockImplementation(() => {});
    await ensureInitialAccounts();
    for (const persona of DEMO_PERSONAS) {
      expect(await verifyPasswordLogin(persona.email, "demo-password-for-tests", meta(null))).toMatchObject({ ok: true });
    }
    expect(await demoLogins()).toMatchObject({ password: "demo-password-for-tests" });
  });

  it("concurrent first starts create the accounts once", async () => {
    process.env.FLIGHTDECK_DEMO = "1";
    vi.spyOn(console, "log").mockImplementation(() => {});
    const outcomes = await Promise.all([ensureInitialAccounts(), ensureInitialAccounts(), ensureInitialAccounts()]);
    expect(outcomes.map((o) => o.created.length).sort()).toEqual([0, 0, 7]);
    expect(await getDb().select().from(users)).toHaveLength(7);
  });
});

describe("production start", () => {
  it("creates no accounts, records demo mode off, and asks for an admin", async () => {
    const outcome = await ensureInitialAccounts();
    expect(outcome).toEqual({ demo: false, created: [], needsAdmin: true });
    expect(await getDb().select().from(users)).toHaveLength(0);
    const [flag] = await getDb().select().from(settings).where(eq(settings.key, "demo_mode"));
    expect(flag.value).toBe(false);
    expect(await demoLogins()).toBeNull();
  });

  it("FLIGHTDECK_DEMO=0 wins over the embedded database", async () => {
    process.env.FLIGHTDECK_EMBEDDED = "1";
    process.env.FLIGHTDECK_DEMO = "0";
    expect((await ensureInitialAccounts()).created).toEqual([]);
  });

  it("first-run setup creates one admin, audited, and only while no user exists", async () => {
    await ensureInitialAccounts();
    const admin = await executeAction(setupAdminAction, { email: "Root@Example.com", name: "Rita Root", password: "a long enough password" }, { actor: SETUP_ACTOR, meta: meta() });
    expect(admin).toMatchObject({ email: "root@example.com", productRole: "admin", active: true });
    expect(await verifyPasswordLogin("root@example.com", "a long enough password", meta())).toMatchObject({ ok: true });
    const [event] = await auditOf("users.setup_admin");
    expect(event).toMatchObject({ actorId: "system:setup", outcome: "ok", targetId: admin.id, ip: "203.0.113.7" });

    // Second attempt (a second browser racing, or someone later): refused, nothing written.
    await expect(executeAction(setupAdminAction, { email: "late@example.com", name: "Late", password: "another long password" }, { actor: SETUP_ACTOR })).rejects.toMatchObject({ code: "conflict" });
    expect(await getDb().select().from(users)).toHaveLength(1);
  });

  it("first-run setup validates fields, and a non-admin user may not call it", async () => {
    await expect(executeAction(setupAdminAction, { email: "not-an-email", name: "", password: "short" }, { actor: SETUP_ACTOR })).rejects.toMatchObject({
      code: "invalid",
      fields: { email: [expect.stringMatching(/valid email/)], name: [expect.any(String)], password: [expect.stringMatching(/12 characters/)] },
    });
    const stakeholder = await makeUser({ email: "s@example.com", productRole: "stakeholder" });
    await expect(executeAction(setupAdminAction, { email: "x@example.com", name: "X", password: "a long enough password" }, { actor: actorOf(stakeholder) })).rejects.toMatchObject({ code: "forbidden" });
    expect((await auditOf("users.setup_admin"))[0]).toMatchObject({ outcome: "denied", actorId: stakeholder.id });
  });
});
