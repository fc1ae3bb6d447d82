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
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PlanProblem } from "../lib/plan";

const USAGE = "usage: plan-import <file> [--timezone Zone]";

type Args = { file: string; timezone?: string };

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  let timezone: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--timezone" || arg === "--tz") {
      timezone = argv[++i];
      if (!timezone) return `${arg} needs a zone, e.g. --timezone Europe/London`;
    } else if (arg.startsWith("--timezone=")) timezone = arg.slice("--timezone=".length);
    else if (arg === "--help" || arg === "-h") return "";
    else if (arg.startsWith("-")) return `unknown option ${arg}`;
    else if (file === undefined) file = arg;
    else return `only one file at a time (got "${file}" and "${arg}")`;
  }
  if (file === undefined) return "no plan file given";
  return { file, timezone };
}

function where(file: string, p: PlanProblem): string {
  return p.line === null ? `${file}: ${p.message}` : `${file}:${p.line}: ${p.message}`;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    if (args) process.stderr.write(`plan-import: ${args}\n`);
    process.stderr.write(`${USAGE}\n`);
    return args ? 2 : 0;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(args.file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a plan file" : code === "EACCES" ? "permission denied" : String((error as Error).message);
    process.stderr.write(`${args.file}: cannot read the plan: ${reason}\n`);
    return 1;
  }

  // Quiet the server's info logs (database start, migrations): stdout is the summary. Modules that create
  // the logger are imported only after this.
  process.env.LOG_LEVEL ??= "warn";
  const { parsePlan } = await import("../lib/plan");
  const { formatCounts } = await import("../server/plans/counts");

  // Refuse a bad file before starting a database: same parser, same problems as the import would give.
  const checked = parsePlan(bytes, { timezone: args.timezone });
  if (!checked.ok) {
    for (const p of checked.problems) process.stderr.write(`${where(args.file, p)}\n`);
    process.stderr.write(`${args.file}: ${checked.problems.length} problem${checked.problems.length === 1 ? "" : "s"}; nothing was imported\n`);
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
      for (const w of result.warnings) process.stderr.write(`${where(args.file, w)} (warning)\n`);
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
        if (problems) for (const p of problems) process.stderr.write(`${where(args.file, p)}\n`);
        else process.stderr.write(`${args.file}: ${error.message}${error.fields ? ` ${JSON.stringify(error.fields)}` : ""}\n`);
        process.stderr.write(`${args.file}: ${problems ? `${problems.length} problem${problems.length === 1 ? "" : "s"}; ` : ""}nothing was imported\n`);
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
