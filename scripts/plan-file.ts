// The front half both plan CLIs share (plan:check, plan:import): the same arguments, the same way of
// reading the file, and problems printed the same way, "file:line: message", so editors can jump to them.
import { readFileSync } from "node:fs";
import type { PlanProblem } from "../lib/plan";

export type PlanCliArgs = { file: string; json: boolean; timezone?: string };

/** The arguments, or a message for a usage error ("" for --help). `--json` is an option only where `json` allows it. */
export function parsePlanCliArgs(argv: string[], options: { json: boolean }): PlanCliArgs | string {
  let file: string | undefined;
  let json = false;
  let timezone: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (options.json && arg === "--json") json = true;
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

/** Prints a usage error (or the usage alone for --help) and returns the exit code: 2, or 0 for --help. */
export function usageExit(name: string, usage: string, message: string): number {
  if (message) process.stderr.write(`${name}: ${message}\n`);
  process.stderr.write(`${usage}\n`);
  return message ? 2 : 0;
}

/** The file's bytes, or null after saying on stderr why it cannot be read. */
export function readPlanFile(file: string): Uint8Array | null {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a plan file" : code === "EACCES" ? "permission denied" : String((error as Error).message);
    process.stderr.write(`${file}: cannot read the plan: ${reason}\n`);
    return null;
  }
}

function where(file: string, p: PlanProblem): string {
  return p.line === null ? `${file}: ${p.message}` : `${file}:${p.line}: ${p.message}`;
}

/** Every problem on its own line, then one line counting them and saying what that meant (`outcome`). */
export function reportProblems(file: string, problems: PlanProblem[], outcome: string): void {
  for (const p of problems) process.stderr.write(`${where(file, p)}\n`);
  process.stderr.write(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}; ${outcome}\n`);
}

export function reportWarnings(file: string, warnings: PlanProblem[]): void {
  for (const w of warnings) process.stderr.write(`${where(file, w)} (warning)\n`);
}
