import "server-only";
import { eq } from "drizzle-orm";
import { settings, users } from "@/db/schema";
import { getDb } from "@/server/db/client";
import type { ProductRole } from "@/lib/auth/permissions";

export type DemoPersona = { email: string; name: string; productRole: ProductRole; teamRoles: string[] };

/** One account per persona the product is built for; the team role names match the seed plan's roster. */
export const DEMO_PERSONAS: DemoPersona[] = [
  { email: "admin@flightdeck.local", name: "Ada Admin", productRole: "admin", teamRoles: [] },
  { email: "lead@flightdeck.local", name: "Lee Lead", productRole: "lead", teamRoles: ["Deployment Lead"] },
  { email: "dba@flightdeck.local", name: "Dana DBA", productRole: "engineer", teamRoles: ["Database Administrator"] },
  { email: "devops@flightdeck.local", name: "Devin DevOps", productRole: "engineer", teamRoles: ["DevOps Engineer"] },
  { email: "qa@flightdeck.local", name: "Quinn QA", productRole: "engineer", teamRoles: ["QA Engineer"] },
  { email: "stakeholder@flightdeck.local", name: "Sam Stakeholder", productRole: "stakeholder", teamRoles: [] },
  { email: "auditor@flightdeck.local", name: "Avery Auditor", productRole: "auditor", teamRoles: [] },
];

export const DEMO_MODE_SETTING = "demo_mode";

/**
 * Demo mode: the embedded database (nobody gave DATABASE_URL, so this is someone trying Flightdeck out)
 * or FLIGHTDECK_DEMO=1. FLIGHTDECK_DEMO=0 turns it off even on the embedded database.
 */
export function demoModeFromEnv(): boolean {
  if (process.env.FLIGHTDECK_DEMO === "0") return false;
  return process.env.FLIGHTDECK_DEMO === "1" || process.env.FLIGHTDECK_EMBEDDED === "1";
}

/** The flag as the last start recorded it; pages read this rather than the env of whichever process serves them. */
export async function isDemoMode(): Promise<boolean> {
  const [row] = await getDb().select().from(settings).where(eq(settings.key, DEMO_MODE_SETTING)).limit(1);
  return row?.value === true;
}

export type DemoLogins = { accounts: Array<{ email: string; name: string; productRole: string; teamRoles: string[] }>; password: string | null };

/** What the login page shows in demo mode; null outside it. */
export async function demoLogins(): Promise<DemoLogins | null> {
  if (!(await isDemoMode())) return null;
  const rows = await getDb().select().from(users).where(eq(users.isDemo, true));
  const order = new Map(DEMO_PERSONAS.map((p, i) => [p.email, i]));
  const accounts = rows
    .filter((u) => u.active)
    .sort((a, b) => (order.get(a.email) ?? 99) - (order.get(b.email) ?? 99))
    .map((u) => ({ email: u.email, name: u.name, productRole: u.productRole, teamRoles: u.teamRoles }));
  return { accounts, password: process.env.FLIGHTDECK_DEMO_PASSWORD || null };
}
