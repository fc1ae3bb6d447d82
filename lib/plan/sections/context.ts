import type { ProblemLog } from "../problems";

/** What every section parser needs: the source (for raw lines) and where to report problems. */
export type ParseContext = {
  source: string;
  lines: string[];
  log: ProblemLog;
  /** IANA zone for local dates and times. */
  timezone: string;
};

/** The raw source line, trimmed, to show next to a problem. */
export function rawLine(ctx: ParseContext, line: number | null): string | undefined {
  return line === null ? undefined : ctx.lines[line - 1]?.trim();
}
