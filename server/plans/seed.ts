import "server-only";
/** On first start with an empty database, imports the seed plan kept in the repo (plans/). */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@/lib/auth/permissions";
import { executeAction } from "@/server/actions/pipeline";
import { importPlanAction, type TImportPlanResult } from "@/server/actions/plans/import-plan";
import { isActionError } from "@/server/actions/errors";
import { getPool } from "@/server/db/client";
import { logger } from "@/server/logger";
import { hasAnyPlan } from "./queries";

export const SEED_ACTOR: Actor = { kind: "system", id: "system:seed", name: "Flightdeck (seed import)", productRole: "system", teamRoles: [] };

export const SEED_PLAN_PATH = "plans/edpsych-deployment-plan.md";

/** Any fixed 64-bit key; only seed imports take it. */
const SEED_LOCK_KEY = "7335166125580811776";

export type SeedOutcome = { imported: true; result: TImportPlanResult } | { imported: false; reason: string };

/**
 * Imports the seed plan through the ordinary import action (so it is audited like any import) when the
 * database has no plan yet. A session advisory lock on a dedicated connection makes concurrent starts
 * (several app processes, or the CLI beside the server) take turns: the first imports, the others then
 * see a plan and skip. FLIGHTDECK_SEED_PLAN names another file, or "off" to skip.
 */
export async function importSeedPlanIfEmpty(options: { file?: string } = {}): Promise<SeedOutcome> {
  const setting = options.file ?? process.env.FLIGHTDECK_SEED_PLAN ?? SEED_PLAN_PATH;
  if (setting === "off") return { imported: false, reason: "seed import is off (FLIGHTDECK_SEED_PLAN=off)" };
  const client = await getPool().connect();
  try {
    await client.query("select pg_advisory_lock($1::bigint)", [SEED_LOCK_KEY]);
    try {
      if (await hasAnyPlan()) return { imported: false, reason: "the database already has plans" };
      const file = path.resolve(process.cwd(), setting);
      let markdown: string;
      try {
        markdown = await readFile(file, "utf8");
      } catch (error) {
        logger.warn({ file, err: error }, "seed plan not found; starting with no plans");
        return { imported: false, reason: `cannot read ${file}` };
      }
      try {
        const result = await executeAction(importPlanAction, { markdown, fileName: path.basename(file) }, { actor: SEED_ACTOR });
        logger.info({ plan: result.title, version: result.version, counts: result.counts }, "seed plan imported");
        return { imported: true, result };
      } catch (error) {
        // A broken seed must not keep the control room from starting; the problems go to the log.
        if (isActionError(error)) {
          logger.error({ file, problems: (error.details as { problems?: unknown } | undefined)?.problems }, "seed plan was not imported");
          return { imported: false, reason: error.message };
        }
        throw error;
      }
    } finally {
      await client.query("select pg_advisory_unlock($1::bigint)", [SEED_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
