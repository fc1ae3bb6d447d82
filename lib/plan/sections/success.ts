import type { RootContent } from "mdast";
import { cleanText, itemTitle, lineOf, textOf } from "../markdown";
import { parseMeasurable } from "../metrics";
import type { TSuccessCriterion } from "../schema";
import type { ParseContext } from "./context";
import { bulletTexts } from "./steps";

/** "Technical Criteria" → "Technical"; the exporter adds the word back. */
export function categoryName(title: string): string {
  return title.replace(/\s+criteria$/i, "").trim() || title.trim();
}

function criterion(category: string, text: string): TSuccessCriterion {
  const m = parseMeasurable(text);
  return { category, text, measurable: m ? { metric: m.metric, operator: m.operator, threshold: m.value, unit: m.unit } : null };
}

/**
 * Categories are either list items with nested bullets ("1. **Technical Criteria**:" + bullets, the seed's
 * form) or level-3 headings followed by bullets. Bullets with no category go under "General".
 */
export function parseSuccessCriteria(nodes: RootContent[], ctx: ParseContext): TSuccessCriterion[] {
  const out: TSuccessCriterion[] = [];
  let headingCategory: string | null = null;
  for (const node of nodes) {
    if (node.type === "heading") {
      headingCategory = categoryName(cleanText(textOf(node)).replace(/:\s*$/, ""));
    } else if (node.type === "list") {
      for (const item of node.children) {
        const nested = item.children.filter((c) => c.type === "list");
        if (nested.length) {
          const category = categoryName(itemTitle(item));
          for (const list of nested) out.push(...bulletTexts(list).map((t) => criterion(category, t)));
        } else {
          out.push(criterion(headingCategory ?? "General", itemTitle(item)));
        }
      }
    } else if (node.type !== "paragraph" && node.type !== "html") {
      ctx.log.warn(lineOf(node), `success criteria: ignored ${node.type}`);
    }
  }
  return out.filter((c) => c.text !== "");
}

