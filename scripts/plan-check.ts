/**
 * plan:check — validate a Markdown deployment plan without touching the database.
 *
 *   tsx scripts/plan-check.ts <file> [--json] [--timezone Zone]
 *
 * Exit 0: valid (human summary, or with --json the parsed plan and nothing else on stdout, so it can be
 * piped). Exit 1: invalid or unreadable, every problem on stderr as "file:line: message". Exit 2: usage.
 */
import { formatSummary, parsePlan } from "../lib/plan";
import { parsePlanCliArgs, readPlanFile, reportProblems, reportWarnings, usageExit } from "./plan-file";

const USAGE = "usage: plan-check <file> [--json] [--timezone Zone]";

function main(argv: string[]): number {
  const args = parsePlanCliArgs(argv, { json: true });
  if (typeof args === "string") return usageExit("plan-check", USAGE, args);
  const bytes = readPlanFile(args.file);
  if (!bytes) return 1;
  const result = parsePlan(bytes, { timezone: args.timezone });
  if (!result.ok) {
    reportProblems(args.file, result.problems, "the plan was not accepted");
    return 1;
  }
  reportWarnings(args.file, result.warnings);
  if (args.json) process.stdout.write(`${JSON.stringify(result.plan, null, 2)}\n`);
  else process.stdout.write(`${args.file}: valid plan\n${formatSummary(result.plan)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
