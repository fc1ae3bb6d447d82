// Shared set-up for the runs integration tests: the seed plan imported into a fresh database, and the
// personas as actors (the pipeline takes an actor; who signs in is tested elsewhere).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parsePlan } from "@/lib/plan";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/server/db/client";
import { importPlanVersion } from "@/server/plans/import";
import { executeAction, type ActionDefinition } from "@/server/actions/pipeline";
import type { z } from "zod";

export const SEED_PLAN_PATH = path.resolve(import.meta.dirname, "../../plans/edpsych-deployment-plan.md");

export async function importSeedPlan(): Promise<string> {
  const source = readFileSync(SEED_PLAN_PATH, "utf8");
  const parsed = parsePlan(source, { timezone: "Europe/London" });
  if (!parsed.ok) throw new Error("seed plan does not parse");
  const imported = await getDb().transaction((tx) => importPlanVersion(tx, parsed.plan, source, { kind: "system", id: "test", name: "Test" }));
  return imported.planVersionId;
}

const actor = (name: string, productRole: Actor["productRole"], teamRoles: string[]): Actor => ({ kind: "user", id: randomUUID(), name, productRole, teamRoles });

export const personas = {
  lead: actor("Lena Lead", "lead", ["Deployment Lead"]),
  dba: actor("Dana DBA", "engineer", ["Database Administrator"]),
  dba2: actor("Dmitri DBA", "engineer", ["Database Administrator"]),
  devops: actor("Devi DevOps", "engineer", ["DevOps Engineer"]),
  support: actor("Sam Support", "engineer", ["Support Lead"]),
  stakeholder: actor("Stella Stakeholder", "stakeholder", []),
  auditor: actor("Audra Auditor", "auditor", []),
};

export function run<S extends z.ZodType, O>(def: ActionDefinition<S, O>, input: z.input<S>, who: Actor, idempotencyKey?: string): Promise<O> {
  return executeAction(def, input, { actor: who, idempotencyKey });
}

/** Settles a promise into {ok, value} or {ok:false, error} so races can be counted. */
export async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: { code?: string; status?: number; message: string; details?: unknown } }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error: error as { code?: string; status?: number; message: string } };
  }
}
