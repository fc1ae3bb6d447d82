/**
 * plan:check — validate a Markdown deployment plan without touching the database.
 *
 *   tsx scripts/plan-check.ts <file> [--json] [--timezone Zone]
 *
 * Exit 0: valid (human summary, or with --json the parsed plan and nothing else on stdout, so it can be
 * piped). Exit 1: invalid or unreadable, every problem on stderr as "file:line: message". Exit 2: usage.
 */
import { readFileSync } from "node:fs";
import { formatSummary, parsePlan, type PlanProblem } from "../lib/plan";

const USAGE = "usage: plan-check <file> [--json] [--timezone Zone]";

type Args = { file: string; json: boolean; timezone?: string };

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  let json = false;
  let timezone: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") json = true;
    else if (arg === "--timezone" || arg === "--tz") {
      timezone = argv[++i];
      if (!timezone) return `${arg} needs a zone, e.g. --timezone Europe/London`;
    } else if (arg.startsWith("--timezone=")) timezone = arg.slice("--timezone=".length);
    else if (arg === "--help" || arg === "-h") return "";
    else if (arg.startsWith("-")) return `unknown option ${arg}`;
    else if (file === undefined) file = arg;
    else return `only one file at a time (got "${file}" and "${arg}")`;
  }
  if (file === undefined) return "no plan file given";
  return { file, json, timezone };
}

function where(file: string, p: PlanProblem): string {
  return p.line === null ? `${file}: ${p.message}` : `${file}:${p.line}: ${p.message}`;
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    if (args) process.stderr.write(`plan-check: ${args}\n`);
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
  const result = parsePlan(bytes, { timezone: args.timezone });
  if (!result.ok) {
    for (const p of result.problems) process.stderr.write(`${where(args.file, p)}\n`);
    process.stderr.write(`${args.file}: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}; the plan was not accepted\n`);
    return 1;
  }
  for (const w of result.warnings) process.stderr.write(`${where(args.file, w)} (warning)\n`);
  if (args.json) process.stdout.write(`${JSON.stringify(result.plan, null, 2)}\n`);
  else process.stdout.write(`${args.file}: valid plan\n${formatSummary(result.plan)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
