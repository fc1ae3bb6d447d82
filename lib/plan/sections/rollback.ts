import type { RootContent } from "mdast";
import { lineOf, sourceOf, subsections } from "../markdown";
import { parseMeasurable } from "../metrics";
import type { TNote, TRollback, TTrigger } from "../schema";
import type { ParseContext } from "./context";
import { bulletTexts, parseSteps } from "./steps";

export function triggerOf(text: string): TTrigger {
  const m = parseMeasurable(text);
  return m
    ? { text, metric: m.metric, operator: m.operator, threshold: m.value, unit: m.unit, forMinutes: m.forMinutes }
    : { text, metric: null, operator: null, threshold: null, unit: null, forMinutes: null };
}

/**
 * "### … Triggers" holds bullets (conditions), "### … Steps" numbered steps. Without such headings a bullet
 * list is read as triggers and a numbered list as steps. Other subsections become notes.
 */
export function parseRollback(nodes: RootContent[], ctx: ParseContext): { rollback: TRollback; notes: TNote[] } {
  const rollback: TRollback = { triggers: [], steps: [] };
  const notes: TNote[] = [];
  for (const part of subsections(nodes)) {
    const kind = /trigger|criteria|when/i.test(part.title)
      ? "triggers"
      : /step|procedure|process|how/i.test(part.title)
        ? "steps"
        : part.heading
          ? "other"
          : "either";
    if (kind === "other") {
      ctx.log.warn(part.line, `rollback subsection "${part.title}" is not triggers or steps; kept as a note`);
      notes.push({ heading: part.title, body: sourceOf(ctx.source, part.nodes) });
      continue;
    }
    for (const node of part.nodes) {
      if (node.type !== "list") {
        if (kind === "steps") rollback.steps.push(...parseSteps([node], ctx, "rollback steps"));
        else ctx.log.warn(lineOf(node), `rollback: ignored ${node.type} outside a list`);
      } else if (kind === "triggers" || (kind === "either" && !node.ordered)) {
        rollback.triggers.push(...bulletTexts(node).map(triggerOf));
      } else {
        rollback.steps.push(...parseSteps([node], ctx, "rollback steps"));
      }
    }
  }
  return { rollback, notes };
}
