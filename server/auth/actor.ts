import "server-only";
// Who is making a request: a personal API token (Authorization: Bearer fd_…) or a next-auth session
// cookie. Either way the user is re-read from the database, so a deactivated user or a changed role
// takes effect at once.
import { createHash } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { getToken } from "next-auth/jwt";
import { apiTokens, users } from "@/db/schema";
import { getDb } from "@/server/db/client";
import { isProductRole, type Actor } from "@/lib/auth/permissions";

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function actorForUserId(userId: string): Promise<Actor | null> {
  const [user] = await getDb().select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !user.active || !isProductRole(user.productRole)) return null;
  return { kind: "user", id: user.id, name: user.name, productRole: user.productRole, teamRoles: user.teamRoles };
}

export async function actorForApiToken(token: string): Promise<Actor | null> {
  const [row] = await getDb()
    .select({ tokenId: apiTokens.id, userId: apiTokens.userId })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  // Last-use is informational; a failure to record it must not refuse the request.
  void getDb().update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId)).catch(() => {});
  return actorForUserId(row.userId);
}

export async function actorFromRequest(request: Request): Promise<Actor | null> {
  const authorization = request.headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) return actorForApiToken(authorization.slice(7).trim());
  const token = await getToken({ req: request as unknown as Parameters<typeof getToken>[0]["req"], secret: process.env.NEXTAUTH_SECRET });
  if (!token?.sub) return null;
  return actorForUserId(token.sub);
}
