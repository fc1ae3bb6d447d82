/**
 * plan:import — import a Markdown deployment plan into the database, as the app's upload does.
 *
 *   npm run plan:import -- <file> [--timezone Zone]
 *
 * Uses DATABASE_URL, or starts the embedded PostgreSQL like server.ts (don't run it beside a server that
 * uses the embedded database: they would share its data folder). Imports as the system actor "cli"
 * through the import action, so the import is audited. Exit 0: imported (summary on stdout). Exit 1:
 * invalid or unreadable plan, every problem on stderr as "file:line: message"; nothing is written.
 * Exit 2: usage.
 */
import os from "node:os";
import path from "node:path";
import type { PlanProblem } from "../lib/plan";
import { parsePlanCliArgs, readPlanFile, reportProblems, reportWarnings, usageExit } from "./plan-file";

const USAGE = "usage: plan-import <file> [--timezone Zone]";

async function main(argv: string[]): Promise<number> {
  const args = parsePlanCliArgs(argv, { json: false });
  if (typeof args === "string") return usageExit("plan-import", USAGE, args);
  const bytes = readPlanFile(args.file);
  if (!bytes) return 1;

  // Quiet the server's info logs (database start, migrations): stdout is the summary. Modules that create
  // the logger are imported only after this.
  process.env.LOG_LEVEL ??= "warn";
  const { parsePlan } = await import("../lib/plan");
  const { formatCounts } = await import("../server/plans/counts");

  // Refuse a bad file before starting a database: same parser, same problems as the import would give.
  const checked = parsePlan(bytes, { timezone: args.timezone });
  if (!checked.ok) {
    reportProblems(args.file, checked.problems, "nothing was imported");
    return 1;
  }

  const { bootstrapDatabase } = await import("../server/db/bootstrap");
  const { closeDb } = await import("../server/db/client");
  const { executeAction } = await import("../server/actions/pipeline");
  const { importPlanAction } = await import("../server/actions/plans/import-plan");
  const { isActionError } = await import("../server/actions/errors");

  const database = await bootstrapDatabase();
  try {
    const user = (() => {
      try {
        return os.userInfo().username;
      } catch {
        return "unknown";
      }
    })();
    const actor = { kind: "system" as const, id: "system:cli", name: `cli (${user}@${os.hostname()})`, productRole: "system" as const, teamRoles: [] };
    const markdown = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
    try {
      const result = await executeAction(importPlanAction, { markdown, timezone: args.timezone, fileName: path.basename(args.file) }, { actor });
      reportWarnings(args.file, result.warnings);
      process.stdout.write(
        [
          `${args.file}: imported "${result.title}" ${result.created ? "as a new plan" : "as a new version"}`,
          `  plan:    ${result.planId} (${result.slug})`,
          `  version: ${result.version} (${result.planVersionId})`,
          `  rows:    ${formatCounts(result.counts)}`,
          "",
        ].join("\n"),
      );
      return 0;
    } catch (error) {
      if (isActionError(error)) {
        const problems = (error.details as { problems?: PlanProblem[] } | undefined)?.problems;
        if (problems) reportProblems(args.file, problems, "nothing was imported");
        else {
          process.stderr.write(`${args.file}: ${error.message}${error.fields ? ` ${JSON.stringify(error.fields)}` : ""}\n`);
          process.stderr.write(`${args.file}: nothing was imported\n`);
        }
        return 1;
      }
      throw error;
    }
  } finally {
    await closeDb();
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`plan-import: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
