import type { List, ListItem, RootContent } from "mdast";
import { cleanText, itemTitle, lineOf, textOf } from "../markdown";
import type { TStep } from "../schema";
import type { ParseContext } from "./context";

/** Each non-blank line of a code block is one command, as the step runner will execute them one by one. */
export function codeLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "");
}

/** Bullet texts of a list, nested bullets flattened in reading order. */
export function bulletTexts(list: List): string[] {
  const out: string[] = [];
  for (const item of list.children) {
    const title = itemTitle(item);
    if (title) out.push(title);
    for (const child of item.children.slice(1)) if (child.type === "list") out.push(...bulletTexts(child));
  }
  return out;
}

function stepOf(item: ListItem, ctx: ParseContext, where: string): TStep {
  const step: TStep = { title: itemTitle(item), commands: [], checklist: [] };
  const first = item.children[0];
  const rest = first?.type === "paragraph" ? item.children.slice(1) : item.children;
  for (const child of rest) {
    if (child.type === "code") step.commands.push(...codeLines(child.value));
    else if (child.type === "list") step.checklist.push(...bulletTexts(child));
    else if (child.type === "paragraph") step.checklist.push(cleanText(textOf(child)));
    else ctx.log.warn(lineOf(child), `${where}: ignored ${child.type} inside step "${step.title}"`);
  }
  return step;
}

/**
 * Numbered steps of a procedure part: "1. **Title**:" then code blocks (commands) and bullets (checklist).
 * A code block after the list (outside any item) belongs to the last step, as authors often under-indent it.
 */
export function parseSteps(nodes: RootContent[], ctx: ParseContext, where: string): TStep[] {
  const steps: TStep[] = [];
  for (const node of nodes) {
    if (node.type === "list") {
      for (const item of node.children) steps.push(stepOf(item, ctx, where));
    } else if (node.type === "code" && steps.length) {
      steps[steps.length - 1].commands.push(...codeLines(node.value));
    } else if (node.type === "code") {
      steps.push({ title: "", commands: codeLines(node.value), checklist: [] });
    } else if (node.type !== "html") {
      ctx.log.warn(lineOf(node), `${where}: ignored ${node.type} "${cleanText(textOf(node)).slice(0, 60)}" outside the numbered steps`);
    }
  }
  return steps;
}
