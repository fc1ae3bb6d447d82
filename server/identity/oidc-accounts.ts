import "server-only";
// Maps a verified OpenID Connect identity to a Flightdeck user: by subject first, then by a verified
// email (linking the subject), else a new account with a role from the role claim or the default role.
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { getDb, type Tx } from "@/server/db/client";
import { appendAuditEvent, type RequestMeta } from "@/server/audit/append";
import { isProductRole, PRODUCT_ROLES, type ProductRole } from "@/lib/auth/permissions";
import { OIDC_ACTOR, SIGN_IN_ACTOR } from "@/server/auth/system-actors";
import { actorOfUser } from "@/server/auth/password-login";
import { auditUser, normalizeEmail } from "./users";

export type OidcIdentity = { subject: string; email: string | null; emailVerified: boolean; name: string | null; claims: Record<string, unknown> };

export type OidcSignInError = "OidcAccountDeactivated" | "OidcEmailMissing" | "OidcEmailNotVerified" | "OidcAccountMismatch";

export type ProvisionResult = { ok: true; userId: string; name: string; email: string; created: boolean; linked: boolean } | { ok: false; error: OidcSignInError };

export function defaultOidcRole(): ProductRole {
  const configured = process.env.OIDC_DEFAULT_ROLE?.trim().toLowerCase();
  return configured && isProductRole(configured) ? configured : "stakeholder";
}

/**
 * The product role named by the role claim (OIDC_ROLE_CLAIM, e.g. "flightdeck_role" or "groups"): a string
 * or a list; entries match role names case-insensitively, optionally prefixed "flightdeck:" or
 * "flightdeck-". With several matches the most privileged wins (PRODUCT_ROLES is ordered that way).
 */
export function roleFromClaims(claims: Record<string, unknown>, claimName = process.env.OIDC_ROLE_CLAIM?.trim()): ProductRole | null {
  if (!claimName) return null;
  const raw = claims[claimName];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === "string");
  const named = new Set(values.map((v) => v.trim().toLowerCase().replace(/^flightdeck[:-]/, "")));
  return PRODUCT_ROLES.find((role) => named.has(role)) ?? null;
}

function trustsUnverifiedEmail(): boolean {
  return process.env.OIDC_TRUST_EMAIL === "1";
}

async function refuse(tx: Tx, error: OidcSignInError, reason: string, target: { type: string; id: string; label?: string | null }, meta: RequestMeta): Promise<ProvisionResult> {
  await appendAuditEvent(tx, { actor: SIGN_IN_ACTOR, action: "auth.login_failed", outcome: "denied", target, reason: `OpenID Connect: ${reason}`, meta });
  return { ok: false, error };
}

export async function provisionOidcUser(identity: OidcIdentity, meta: RequestMeta): Promise<ProvisionResult> {
  try {
    return await getDb().transaction((tx) => provisionIn(tx, identity, meta));
  } catch (error) {
    // Two first sign-ins of one person raced on the unique subject/email: the other one created it.
    if ((error as { code?: string; cause?: { code?: string } }).code === "23505" || (error as { cause?: { code?: string } }).cause?.code === "23505") {
      return getDb().transaction((tx) => provisionIn(tx, identity, meta));
    }
    throw error;
  }
}

async function provisionIn(tx: Tx, identity: OidcIdentity, meta: RequestMeta): Promise<ProvisionResult> {
  const email = identity.email ? normalizeEmail(identity.email) : null;
  const subjectTarget = { type: "oidc_subject", id: identity.subject, label: email };
  const loggedIn = async (user: typeof users.$inferSelect, extra: { created: boolean; linked: boolean }): Promise<ProvisionResult> => {
    await appendAuditEvent(tx, { actor: actorOfUser(user), action: "auth.login", target: { type: "user", id: user.id, label: user.email }, after: { method: "oidc", ...extra }, meta });
    return { ok: true, userId: user.id, name: user.name, email: user.email, ...extra };
  };

  const [bySubject] = await tx.select().from(users).where(eq(users.oidcSubject, identity.subject)).limit(1).for("update");
  if (bySubject) {
    if (!bySubject.active) return refuse(tx, "OidcAccountDeactivated", "account is deactivated", { type: "user", id: bySubject.id, label: bySubject.email }, meta);
    return loggedIn(bySubject, { created: false, linked: false });
  }

  if (!email) return refuse(tx, "OidcEmailMissing", "the identity provider sent no email", subjectTarget, meta);

  const [byEmail] = await tx.select().from(users).where(eq(users.email, email)).limit(1).for("update");
  if (byEmail) {
    const target = { type: "user", id: byEmail.id, label: byEmail.email };
    // Linking by email hands the account to whoever the provider says owns that address: only when verified.
    if (!identity.emailVerified && !trustsUnverifiedEmail()) return refuse(tx, "OidcEmailNotVerified", "email not verified by the identity provider; not linking", target, meta);
    if (byEmail.oidcSubject && byEmail.oidcSubject !== identity.subject) return refuse(tx, "OidcAccountMismatch", "account is linked to another OpenID Connect subject", target, meta);
    if (!byEmail.active) return refuse(tx, "OidcAccountDeactivated", "account is deactivated", target, meta);
    const [linked] = await tx.update(users).set({ oidcSubject: identity.subject, version: byEmail.version + 1 }).where(eq(users.id, byEmail.id)).returning();
    await appendAuditEvent(tx, { actor: OIDC_ACTOR, action: "users.link_oidc", target, before: { ...auditUser(byEmail), oidcSubject: byEmail.oidcSubject }, after: { ...auditUser(linked), oidcSubject: linked.oidcSubject }, meta });
    return loggedIn(linked, { created: false, linked: true });
  }

  const role = roleFromClaims(identity.claims) ?? defaultOidcRole();
  const [created] = await tx
    .insert(users)
    .values({ email, name: identity.name?.trim() || email, productRole: role, teamRoles: [], passwordHash: null, oidcSubject: identity.subject })
    .returning();
  await appendAuditEvent(tx, {
    actor: OIDC_ACTOR,
    action: "users.create",
    target: { type: "user", id: created.id, label: created.email },
    after: { ...auditUser(created), oidcSubject: created.oidcSubject, roleSource: roleFromClaims(identity.claims) ? "claim" : "default" },
    meta,
  });
  return loggedIn(created, { created: true, linked: false });
}
