// Shared by the plan tests: the seed plan, a system actor, and row counts of every table an import touches.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { parsePlan, type TPlan } from "@/lib/plan";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/server/db/client";

export const SEED_PATH = path.resolve(import.meta.dirname, "../../plans/edpsych-deployment-plan.md");
export const BROKEN_PATH = path.resolve(import.meta.dirname, "../fixtures/plans/broken.md");
export const PAYMENTS_PATH = path.resolve(import.meta.dirname, "../fixtures/plans/payments-cutover.md");

export function seedSource(): string {
  return readFileSync(SEED_PATH, "utf8");
}

export function parsedSeed(): TPlan {
  const result = parsePlan(seedSource());
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}: ${p.message}`).join("\n"));
  return result.plan;
}

export const testSystemActor: Actor = { kind: "system", id: "system:test", name: "Test", productRole: "system", teamRoles: [] };

export const PLAN_TABLES = [
  "plans",
  "plan_versions",
  "plan_roles",
  "plan_phases",
  "plan_tasks",
  "plan_procedure_sections",
  "plan_procedure_steps",
  "plan_canary_steps",
  "plan_health_gates",
  "plan_rollback_triggers",
  "plan_rollback_steps",
  "plan_risks",
  "plan_monitoring_rules",
  "plan_success_criteria",
  "plan_notes",
] as const;

/** Row counts of every plan table, plus audit events by outcome. */
export async function tableCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of PLAN_TABLES) {
    const { rows } = await getDb().execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
    out[table] = rows[0].n;
  }
  const { rows } = await getDb().execute<{ outcome: string; n: number }>(sql`select outcome, count(*)::int as n from audit_events group by outcome`);
  out["audit:ok"] = rows.find((r) => r.outcome === "ok")?.n ?? 0;
  out["audit:denied"] = rows.find((r) => r.outcome === "denied")?.n ?? 0;
  return out;
}
