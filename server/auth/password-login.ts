import "server-only";
import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { getDb } from "@/server/db/client";
import { appendAuditEvent, type RequestMeta } from "@/server/audit/append";
import { isProductRole, type Actor } from "@/lib/auth/permissions";
import { SIGN_IN_ACTOR } from "./system-actors";
import { accountKey, accountPolicy, clearFailures, ipKey, ipPolicy, recordFailure, secondsUntilAllowed } from "./throttle";

export const BCRYPT_COST = Number(process.env.FLIGHTDECK_BCRYPT_COST ?? 12);

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

// Compared against when the account does not exist, so "no such user" costs as long as "wrong password"
// and response times don't reveal which emails have accounts.
let dummyHash: Promise<string> | null = null;
function getDummyHash(): Promise<string> {
  dummyHash ??= bcrypt.hash("flightdeck-no-such-user", BCRYPT_COST);
  return dummyHash;
}

type UserRow = typeof users.$inferSelect;

export type PasswordLoginResult =
  | { ok: true; user: UserRow }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export function actorOfUser(user: Pick<UserRow, "id" | "name" | "productRole" | "teamRoles">): Actor {
  return { kind: "user", id: user.id, name: user.name, productRole: isProductRole(user.productRole) ? user.productRole : "stakeholder", teamRoles: user.teamRoles };
}

async function auditLogin(event: Parameters<typeof appendAuditEvent>[1]) {
  await getDb().transaction((tx) => appendAuditEvent(tx, event));
}

/**
 * Checks an email/password pair under the per-account and per-IP throttle, and leaves an audit event
 * either way. The caller sees the same answer for an unknown account, an inactive one and a wrong
 * password; only the audit log says which.
 */
export async function verifyPasswordLogin(email: string, password: string, meta: RequestMeta): Promise<PasswordLoginResult> {
  const normalized = email.trim().toLowerCase();
  const keys = [accountKey(normalized), ...(meta.ip ? [ipKey(meta.ip)] : [])];
  const target = { type: "account", id: normalized || "(empty)", label: normalized || null };

  const wait = await secondsUntilAllowed(keys);
  if (wait > 0) {
    await auditLogin({ actor: SIGN_IN_ACTOR, action: "auth.login_failed", outcome: "denied", target, reason: `Too many failed attempts: refused without checking the password; blocked for ${wait} s more.`, meta });
    return { ok: false, reason: "throttled", retryAfterSeconds: wait };
  }

  const [user] = normalized ? await getDb().select().from(users).where(eq(users.email, normalized)).limit(1) : [];
  const matches = await bcrypt.compare(password, user?.passwordHash ?? (await getDummyHash()));
  if (user && user.active && user.passwordHash && matches) {
    await clearFailures(accountKey(normalized));
    await auditLogin({ actor: actorOfUser(user), action: "auth.login", target: { type: "user", id: user.id, label: user.email }, after: { method: "password" }, meta });
    return { ok: true, user };
  }

  const why = !user ? "no account with this email" : !user.active ? "account is deactivated" : !user.passwordHash ? "account has no password (OpenID Connect only)" : "wrong password";
  const blocks = await Promise.all([
    recordFailure(accountKey(normalized), accountPolicy()),
    ...(meta.ip ? [recordFailure(ipKey(meta.ip), ipPolicy())] : []),
  ]);
  const blockedFor = Math.max(0, ...blocks);
  await auditLogin({
    actor: SIGN_IN_ACTOR,
    action: "auth.login_failed",
    outcome: "denied",
    target: user ? { type: "user", id: user.id, label: user.email } : target,
    reason: blockedFor > 0 ? `${why}; now blocked for ${blockedFor} s` : why,
    meta,
  });
  return blockedFor > 0 ? { ok: false, reason: "throttled", retryAfterSeconds: blockedFor } : { ok: false, reason: "invalid" };
}
