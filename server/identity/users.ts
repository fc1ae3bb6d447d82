import "server-only";
import { randomBytes } from "node:crypto";
import { users } from "@/db/schema";
import type { TUserView } from "@/lib/auth/user-view";

export type UserRow = typeof users.$inferSelect;

export type { TUserView };

export function toUserView(user: UserRow): TUserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    productRole: user.productRole,
    teamRoles: user.teamRoles,
    active: user.active,
    isDemo: user.isDemo,
    hasPassword: user.passwordHash !== null,
    oidcLinked: user.oidcSubject !== null,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
  };
}

/** The audit before/after of a user: the view minus timestamps that never change. */
export function auditUser(user: UserRow) {
  const { id, email, name, productRole, teamRoles, active, version } = user;
  return { id, email, name, productRole, teamRoles, active, version };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A password people can read aloud and type: 4 groups of 5 from an unambiguous alphabet (~99 bits). */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(20);
  let out = "";
  for (let i = 0; i < 20; i++) {
    if (i > 0 && i % 5 === 0) out += "-";
    out += alphabet[bytes[i] % alphabet.length];
  }
  return out;
}

/** Team role names: trimmed, blank ones dropped, duplicates (case-insensitive) removed. */
export function cleanTeamRoles(roles: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of roles) {
    const role = raw.trim().replace(/\s+/g, " ");
    if (!role || seen.has(role.toLowerCase())) continue;
    seen.add(role.toLowerCase());
    out.push(role);
  }
  return out;
}
