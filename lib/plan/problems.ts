import type { PlanProblem } from "./schema";

/**
 * Collects errors and warnings while parsing. Parsers never throw on bad input: they record a problem and
 * carry on, so a person fixing a plan sees every mistake in one pass instead of one per run.
 */
export class ProblemLog {
  readonly errors: PlanProblem[] = [];
  readonly warnings: PlanProblem[] = [];

  error(line: number | null, message: string, text?: string): void {
    this.errors.push(text === undefined ? { line, message } : { line, message, text });
  }

  warn(line: number | null, message: string, text?: string): void {
    this.warnings.push(text === undefined ? { line, message } : { line, message, text });
  }
}

/** Whole-file problems first, then by line, keeping discovery order for equal lines. */
export function sortProblems(problems: PlanProblem[]): PlanProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

/** "line 27: owner …" — the form people read; the CLI prefixes the file name instead. */
export function formatProblem(problem: PlanProblem): string {
  return problem.line === null ? problem.message : `line ${problem.line}: ${problem.message}`;
}
