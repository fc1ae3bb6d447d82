import "server-only";
import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { getDb } from "@/server/db/client";

export const BCRYPT_COST = 12;

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/** Checks an email/password pair. Returns the user, or null (same answer for unknown user and bad password). */
export async function verifyPasswordLogin(email: string, password: string, _meta: { ip: string | null; userAgent: string | null }) {
  const [user] = await getDb().select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  if (!user || !user.active || !user.passwordHash) return null;
  const ok = await bcrypt.compare(password, user.passwordHash);
  return ok ? user : null;
}
