// Shared by the identity tests: users inserted straight into the database (with a cheap bcrypt cost, so
// the tests measure logic, not hashing) and readers for the audit log.
import bcrypt from "bcryptjs";
import { asc, eq } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import { getDb } from "@/server/db/client";
import type { Actor, ProductRole } from "@/lib/auth/permissions";
import type { RequestMeta } from "@/server/audit/append";

export const PASSWORD = "correct horse battery";

export async function makeUser(fields: { email: string; name?: string; productRole?: ProductRole; teamRoles?: string[]; active?: boolean; password?: string | null }) {
  const [user] = await getDb()
    .insert(users)
    .values({
      email: fields.email,
      name: fields.name ?? fields.email.split("@")[0],
      productRole: fields.productRole ?? "engineer",
      teamRoles: fields.teamRoles ?? [],
      active: fields.active ?? true,
      passwordHash: fields.password === null ? null : bcrypt.hashSync(fields.password ?? PASSWORD, 4),
    })
    .returning();
  return user;
}

export function actorOf(user: { id: string; name: string; productRole: string; teamRoles: string[] }): Actor {
  return { kind: "user", id: user.id, name: user.name, productRole: user.productRole as ProductRole, teamRoles: user.teamRoles };
}

export async function auditOf(action: string) {
  return getDb().select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(asc(auditEvents.seq));
}

export async function allAudit() {
  return getDb().select().from(auditEvents).orderBy(asc(auditEvents.seq));
}

export function meta(ip: string | null = "203.0.113.7"): RequestMeta {
  return { ip, userAgent: "vitest", requestId: crypto.randomUUID() };
}
