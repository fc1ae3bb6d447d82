import type { RootContent } from "mdast";
import { parseMeasurable } from "../metrics";
import type { TCanary, TGate, TProcedureSection } from "../schema";
import type { ParseContext } from "./context";
import { subsections } from "../markdown";
import { parseSteps } from "./steps";

/** "### 2. Database Migration" → "Database Migration": the number is the position, which the exporter rewrites. */
export function stripNumber(title: string): string {
  return title.replace(/^\d+\s*[.)]\s*/, "").trim();
}

export function parseProcedure(nodes: RootContent[], sectionTitle: string, ctx: ParseContext): TProcedureSection[] {
  const out: TProcedureSection[] = [];
  for (const part of subsections(nodes)) {
    const title = stripNumber(part.title) || sectionTitle;
    out.push({ title, steps: parseSteps(part.nodes, ctx, `procedure "${title}"`) });
  }
  return out;
}

const isCanary = (title: string): boolean => /canary/i.test(title);

/**
 * The canary plan is read from the procedure's canary part: percentages from "(N%)" in step titles and
 * from `canary-release.sh <env> N`-style commands, in order of appearance, each once; gates from its
 * measurable bullets ("Error rate < 1%").
 */
export function deriveCanary(procedure: TProcedureSection[], ctx: ParseContext, line: number | null): TCanary {
  const steps: number[] = [];
  const gates: TGate[] = [];
  const parts = procedure.filter((p) => isCanary(p.title));
  const add = (n: number): void => {
    if (!steps.includes(n)) steps.push(n);
  };
  for (const part of parts) {
    for (const step of part.steps) {
      for (const m of step.title.matchAll(/\((\d{1,3}(?:\.\d+)?)\s*%\)/g)) add(Number(m[1]));
      for (const command of step.commands) {
        if (!/canary/i.test(command)) continue;
        const m = /(?:^|\s)(\d{1,3}(?:\.\d+)?)%?\s*$/.exec(command);
        if (m) add(Number(m[1]));
      }
      for (const item of step.checklist) {
        const measured = parseMeasurable(item);
        if (measured && measured.forMinutes === null) {
          gates.push({ text: item, metric: measured.metric, operator: measured.operator, threshold: measured.value, unit: measured.unit });
        }
      }
    }
  }
  const valid = steps.filter((n) => Number.isInteger(n) && n >= 0 && n <= 100);
  for (const n of steps) {
    if (!valid.includes(n)) ctx.log.error(line, `canary step ${n}% is not a whole percentage between 0 and 100`, `${n}%`);
  }
  if (parts.length === 0) ctx.log.warn(line, "the procedure has no canary part (a heading with \"Canary\"); the release will have no canary steps");
  else if (valid.length === 0) ctx.log.warn(line, "the canary part names no traffic percentages (\"(5%)\" in a step title or `canary-release.sh green 5`)");
  if (valid.some((n, i) => i > 0 && n <= valid[i - 1])) {
    ctx.log.warn(line, `canary steps do not increase: ${valid.join(" → ")}`);
  }
  if (valid.length && valid[valid.length - 1] !== 100) ctx.log.warn(line, `the last canary step is ${valid[valid.length - 1]}%, not 100%`);
  return { steps: valid, gates };
}
