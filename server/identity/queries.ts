import "server-only";
import { asc, count, desc, eq, sql } from "drizzle-orm";
import { apiTokens, planRoles, planVersions, users } from "@/db/schema";
import { getDb } from "@/server/db/client";
import { toUserView, type TUserView } from "./users";

export async function countUsers(): Promise<number> {
  const [{ n }] = await getDb().select({ n: count() }).from(users);
  return n;
}

export async function listUsers(): Promise<TUserView[]> {
  const rows = await getDb().select().from(users).orderBy(desc(users.active), asc(users.name));
  return rows.map(toUserView);
}

export async function getUser(id: string): Promise<TUserView | null> {
  const [row] = await getDb().select().from(users).where(eq(users.id, id)).limit(1);
  return row ? toUserView(row) : null;
}

export async function getUserEmail(id: string): Promise<string | null> {
  const [row] = await getDb().select({ email: users.email }).from(users).where(eq(users.id, id)).limit(1);
  return row?.email ?? null;
}

/** Role names from the roster of each plan's newest version: the names team-role assignment offers. */
export async function rosterRoleNames(): Promise<string[]> {
  const result = await getDb().execute<{ name: string }>(sql`
    SELECT DISTINCT r.name
    FROM ${planRoles} r
    JOIN ${planVersions} v ON v.id = r.plan_version_id
    WHERE v.version = (SELECT max(v2.version) FROM ${planVersions} v2 WHERE v2.plan_id = v.plan_id)
    ORDER BY r.name`);
  return result.rows.map((r) => r.name);
}

export type TTokenView = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

export async function listTokens(userId: string): Promise<TTokenView[]> {
  const rows = await getDb().select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
}
