import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { getDb } from "@/server/db/client";
import { users } from "@/db/schema";
import { defaultOidcRole, provisionOidcUser, roleFromClaims } from "@/server/identity/oidc-accounts";
import { oidcProvider, oidcSettings } from "@/server/auth/oidc";
import { auditOf, makeUser, meta } from "./helpers";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("fd_identity_oidc");
});
afterAll(async () => database.drop());
afterEach(() => {
  for (const key of ["OIDC_ROLE_CLAIM", "OIDC_DEFAULT_ROLE", "OIDC_TRUST_EMAIL", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME"]) delete process.env[key];
});

const identity = (over: Partial<Parameters<typeof provisionOidcUser>[0]> = {}) => ({ subject: "sub-1", email: "new@example.com", emailVerified: true, name: "New Person", claims: {}, ...over });

describe("OIDC configuration", () => {
  it("is off without the three variables, and a discovery-based provider with PKCE and state when set", () => {
    expect(oidcSettings()).toBeNull();
    expect(oidcProvider()).toBeNull();
    Object.assign(process.env, { OIDC_ISSUER: "https://idp.example.com/", OIDC_CLIENT_ID: "fd", OIDC_CLIENT_SECRET: "s", OIDC_NAME: "Corp SSO" });
    expect(oidcProvider()).toMatchObject({
      id: "oidc",
      name: "Corp SSO",
      type: "oauth",
      wellKnown: "https://idp.example.com/.well-known/openid-configuration",
      idToken: true,
      checks: ["pkce", "state"],
    });
  });
});

describe("role claim mapping", () => {
  it("maps a role name (string or list, any case, optional flightdeck prefix), most privileged first", () => {
    expect(roleFromClaims({ r: "Lead" }, "r")).toBe("lead");
    expect(roleFromClaims({ groups: ["staff", "flightdeck:auditor", "flightdeck-engineer"] }, "groups")).toBe("engineer");
    expect(roleFromClaims({ r: ["stakeholder", "admin"] }, "r")).toBe("admin");
    expect(roleFromClaims({ r: "overlord" }, "r")).toBeNull();
    expect(roleFromClaims({ r: "admin" }, undefined)).toBeNull();
    expect(defaultOidcRole()).toBe("stakeholder");
    process.env.OIDC_DEFAULT_ROLE = "engineer";
    expect(defaultOidcRole()).toBe("engineer");
    process.env.OIDC_DEFAULT_ROLE = "nonsense";
    expect(defaultOidcRole()).toBe("stakeholder");
  });
});

describe("provisioning", () => {
  it("creates a first-time user with the default role, audited, then finds them by subject", async () => {
    const first = await provisionOidcUser(identity(), meta());
    expect(first).toMatchObject({ ok: true, created: true });
    const [row] = await getDb().select().from(users).where(eq(users.email, "new@example.com"));
    expect(row).toMatchObject({ productRole: "stakeholder", oidcSubject: "sub-1", passwordHash: null });
    expect((await auditOf("users.create")).at(-1)).toMatchObject({ actorId: "system:oidc", targetId: row.id });
    expect((await auditOf("auth.login")).at(-1)).toMatchObject({ actorId: row.id, after: { method: "oidc", created: true, linked: false } });

    // Same subject, even with a changed email: the same user, nothing new.
    expect(await provisionOidcUser(identity({ email: "renamed@example.com" }), meta())).toMatchObject({ ok: true, userId: row.id, created: false });
  });

  it("uses the role claim when it maps to a product role", async () => {
    process.env.OIDC_ROLE_CLAIM = "flightdeck_role";
    const result = await provisionOidcUser(identity({ subject: "sub-lead", email: "lead-sso@example.com", claims: { flightdeck_role: "lead" } }), meta());
    const [row] = await getDb().select().from(users).where(eq(users.id, (result as { userId: string }).userId));
    expect(row.productRole).toBe("lead");
  });

  it("links an existing account by verified email only; refuses unverified, mismatched and deactivated", async () => {
    const existing = await makeUser({ email: "known@example.com", productRole: "engineer" });
    expect(await provisionOidcUser(identity({ subject: "sub-k", email: "known@example.com", emailVerified: false }), meta())).toEqual({ ok: false, error: "OidcEmailNotVerified" });
    expect((await getDb().select().from(users).where(eq(users.id, existing.id)))[0].oidcSubject).toBeNull();

    expect(await provisionOidcUser(identity({ subject: "sub-k", email: "KNOWN@example.com" }), meta())).toMatchObject({ ok: true, userId: existing.id, linked: true });
    expect((await auditOf("users.link_oidc")).at(-1)).toMatchObject({ targetId: existing.id, after: expect.objectContaining({ oidcSubject: "sub-k" }) });

    expect(await provisionOidcUser(identity({ subject: "other-sub", email: "known@example.com" }), meta())).toEqual({ ok: false, error: "OidcAccountMismatch" });
    await getDb().update(users).set({ active: false }).where(eq(users.id, existing.id));
    expect(await provisionOidcUser(identity({ subject: "sub-k" }), meta())).toEqual({ ok: false, error: "OidcAccountDeactivated" });
    expect(await provisionOidcUser(identity({ subject: "no-mail", email: null }), meta())).toEqual({ ok: false, error: "OidcEmailMissing" });
    const failures = (await auditOf("auth.login_failed")).map((e) => e.reason);
    expect(failures).toEqual(expect.arrayContaining([expect.stringMatching(/not verified/), expect.stringMatching(/another OpenID Connect subject/), expect.stringMatching(/deactivated/)]));
  });
});
