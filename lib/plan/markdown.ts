import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTable } from "micromark-extension-gfm-table";
import type { Heading, List, ListItem, Nodes, Root, RootContent } from "mdast";

export type { Heading, List, ListItem, Nodes, Root, RootContent };

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
}

export function lineOf(node: { position?: { start: { line: number } } } | undefined): number | null {
  return node?.position?.start.line ?? null;
}

/** Plain text of a node, formatting dropped (the exporter writes plain text back, so this round-trips). */
export function textOf(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.type === "html" ? "" : node.value;
  if (node.type === "break") return " ";
  if ("children" in node) return (node.children as Nodes[]).map(textOf).join("");
  return "";
}

/** Collapses runs of whitespace: table cells and list items are one-line values. */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The exact source of a run of sibling nodes, so unknown sections are kept verbatim. */
export function sourceOf(source: string, nodes: RootContent[]): string {
  const first = nodes[0]?.position?.start.offset;
  const last = nodes[nodes.length - 1]?.position?.end.offset;
  if (first === undefined || last === undefined) return "";
  return source.slice(first, last).trim();
}

/** A level-2 section: its heading and the nodes up to the next level-1 or level-2 heading. */
export type Section = { heading: Heading; title: string; line: number | null; nodes: RootContent[] };

export type Outline = { title: Heading | null; preamble: RootContent[]; sections: Section[] };

export function outline(root: Root): Outline {
  const out: Outline = { title: null, preamble: [], sections: [] };
  let current: Section | null = null;
  for (const node of root.children) {
    if (node.type === "heading" && node.depth === 1 && out.title === null && current === null) {
      out.title = node;
    } else if (node.type === "heading" && node.depth <= 2) {
      current = { heading: node, title: cleanText(textOf(node)), line: lineOf(node), nodes: [] };
      out.sections.push(current);
    } else if (current) {
      current.nodes.push(node);
    } else {
      out.preamble.push(node);
    }
  }
  return out;
}

/** Splits a section's nodes at level-3 headings; nodes before the first one get a null heading. */
export type Subsection = { heading: Heading | null; title: string; line: number | null; nodes: RootContent[] };

export function subsections(nodes: RootContent[]): Subsection[] {
  const out: Subsection[] = [];
  let current: Subsection = { heading: null, title: "", line: null, nodes: [] };
  for (const node of nodes) {
    if (node.type === "heading" && node.depth === 3) {
      if (current.heading || current.nodes.length) out.push(current);
      current = { heading: node, title: cleanText(textOf(node)), line: lineOf(node), nodes: [] };
    } else {
      current.nodes.push(node);
    }
  }
  if (current.heading || current.nodes.length) out.push(current);
  return out;
}

/** The first paragraph of a list item as one line, without a trailing colon ("**Backup**:" → "Backup"). */
export function itemTitle(item: ListItem): string {
  const first = item.children[0];
  if (!first || first.type !== "paragraph") return "";
  return cleanText(textOf(first)).replace(/\s*:\s*$/, "");
}
