import "server-only";
// First start. Demo mode with no users: one account per persona, passwords printed once. Production with
// no users: no accounts at all; an initial admin comes from /setup or `npm run admin:create`.
import { count, sql } from "drizzle-orm";
import { settings, users } from "@/db/schema";
import { getDb } from "@/server/db/client";
import { appendAuditEvent } from "@/server/audit/append";
import { hashPassword } from "@/server/auth/password-login";
import { BOOTSTRAP_ACTOR } from "@/server/auth/system-actors";
import { logger } from "@/server/logger";
import { DEMO_MODE_SETTING, DEMO_PERSONAS, demoModeFromEnv } from "./demo";
import { auditUser, generatePassword } from "./users";

// Any stable number: processes starting together on one database create the accounts once.
const BOOTSTRAP_LOCK = 7_304_112_902;

export type BootstrapOutcome = { demo: boolean; created: Array<{ email: string; password: string }>; needsAdmin: boolean };

export async function ensureInitialAccounts(options: { print?: boolean } = {}): Promise<BootstrapOutcome> {
  const demo = demoModeFromEnv();
  const db = getDb();
  await db
    .insert(settings)
    .values({ key: DEMO_MODE_SETTING, value: demo })
    .onConflictDoUpdate({ target: settings.key, set: { value: demo } });

  if (!demo) {
    const [{ n }] = await db.select({ n: count() }).from(users);
    if (n === 0) logger.warn("No users yet. Create the first admin at /setup in the browser, or run: npm run admin:create -- --email you@example.com --name \"Your Name\"");
    return { demo, created: [], needsAdmin: n === 0 };
  }

  const sharedPassword = process.env.FLIGHTDECK_DEMO_PASSWORD || null;
  // Hash outside the transaction: bcrypt is slow and must not hold the lock longer than needed.
  const prepared = await Promise.all(
    DEMO_PERSONAS.map(async (persona) => {
      const password = sharedPassword ?? generatePassword();
      return { persona, password, hash: await hashPassword(password) };
    }),
  );

  const created = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    const [{ n }] = await tx.select({ n: count() }).from(users);
    if (n > 0) return [];
    const out: Array<{ email: string; password: string }> = [];
    for (const { persona, password, hash } of prepared) {
      const [user] = await tx
        .insert(users)
        .values({ email: persona.email, name: persona.name, productRole: persona.productRole, teamRoles: persona.teamRoles, passwordHash: hash, isDemo: true })
        .returning();
      await appendAuditEvent(tx, { actor: BOOTSTRAP_ACTOR, action: "users.create", target: { type: "user", id: user.id, label: user.email }, after: { ...auditUser(user), demo: true }, reason: "demo mode, first start" });
      out.push({ email: persona.email, password });
    }
    return out;
  });

  if (created.length > 0 && options.print !== false) printDemoLogins(created, sharedPassword !== null);
  return { demo, created, needsAdmin: false };
}

/** Straight to the console, not the structured logger: the logger redacts passwords, and this is the one time they are shown. */
function printDemoLogins(created: Array<{ email: string; password: string }>, fromEnv: boolean) {
  const width = Math.max(...created.map((c) => c.email.length));
  const lines = [
    "",
    "──────────── Flightdeck demo accounts (shown once) ────────────",
    ...created.map((c) => `  ${c.email.padEnd(width)}   ${fromEnv ? "(FLIGHTDECK_DEMO_PASSWORD)" : c.password}`),
    "  Sign in at /login. Passwords are not stored in readable form and will not be shown again.",
    "────────────────────────────────────────────────────────────────",
    "",
  ];
  console.log(lines.join("\n"));
}
