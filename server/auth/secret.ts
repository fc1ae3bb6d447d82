import "server-only";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { settings } from "@/db/schema";
import { getDb } from "@/server/db/client";

/**
 * next-auth needs a signing secret. When NEXTAUTH_SECRET is not given, one is generated on first start
 * and kept in the database, so every app process sharing the database signs sessions alike and
 * sessions survive restarts. It is never committed or logged.
 */
export async function ensureAuthSecret(): Promise<void> {
  if (process.env.NEXTAUTH_SECRET) return;
  const db = getDb();
  await db
    .insert(settings)
    .values({ key: "auth_secret", value: sql`to_jsonb(${randomBytes(32).toString("base64url")}::text)` })
    .onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, "auth_secret"));
  process.env.NEXTAUTH_SECRET = String(row.value);
}
