import type { RootContent, Table } from "mdast";
import { cleanText, lineOf, textOf } from "./markdown";
import type { ProblemLog } from "./problems";

/** Known columns of a table: a pattern for the header names that mean it (case-insensitive, whole header). */
export type ColumnSpec<K extends string> = Record<K, { header: RegExp; required: boolean }>;

export type TableRow<K extends string> = {
  line: number | null;
  cells: Record<K, string>;
  /** Cells of unknown columns, keyed by header as written; empty cells are left out. */
  extra: Record<string, string>;
};

export type ReadTable<K extends string> = { rows: TableRow<K>[]; extraHeaders: string[]; headers: Partial<Record<K, string>> };

/**
 * Counts the cells of a raw table line the way GFM splits them (unescaped pipes, optional outer pipes).
 * We count from the source because the mdast table pads short rows and truncates long ones silently.
 */
export function rawCellCount(line: string): number {
  const s = line.trim();
  const parts: string[] = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\" && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (c === "|") {
      parts.push(cur);
      cur = "";
    } else {
      cur += c;
    }
  }
  parts.push(cur);
  if (s.startsWith("|")) parts.shift();
  if (s.length > 1 && s.endsWith("|") && !s.endsWith("\\|")) parts.pop();
  return parts.length;
}

export function firstTable(nodes: RootContent[]): Table | null {
  for (const node of nodes) if (node.type === "table") return node;
  return null;
}

/**
 * Maps a table's columns to known fields by header name, reporting missing required columns and rows
 * whose cell count differs from the header's. Rows with the wrong count are reported and skipped, since
 * their cells cannot be trusted to sit under the right headers.
 */
export function readTable<K extends string>(
  table: Table,
  lines: string[],
  spec: ColumnSpec<K>,
  log: ProblemLog,
  what: string,
): ReadTable<K> | null {
  const [headerRow, ...bodyRows] = table.children;
  if (!headerRow) return null;
  const headerTexts = headerRow.children.map((cell) => cleanText(textOf(cell)));
  const columnOf = new Map<number, K>();
  const headers: Partial<Record<K, string>> = {};
  const keys = Object.keys(spec) as K[];
  headerTexts.forEach((header, index) => {
    const key = keys.find((k) => headers[k] === undefined && spec[k].header.test(header.toLowerCase()));
    if (key) {
      columnOf.set(index, key);
      headers[key] = header;
    }
  });
  const missing = keys.filter((k) => spec[k].required && headers[k] === undefined);
  if (missing.length) {
    log.error(
      lineOf(headerRow),
      `the ${what} table has no ${missing.map((k) => `"${k}"`).join(", ")} column (columns found: ${headerTexts.join(", ")})`,
      lines[(lineOf(headerRow) ?? 1) - 1]?.trim(),
    );
    return null;
  }
  const extraHeaders = headerTexts.filter((_, i) => !columnOf.has(i));
  const rows: TableRow<K>[] = [];
  for (const row of bodyRows) {
    const line = lineOf(row);
    const raw = line === null ? "" : (lines[line - 1] ?? "");
    const count = rawCellCount(raw);
    if (count !== headerTexts.length) {
      log.error(line, `${what} row has ${count} cells but the header has ${headerTexts.length}`, raw.trim());
      continue;
    }
    const cells = Object.fromEntries(keys.map((k) => [k, ""])) as Record<K, string>;
    const extra: Record<string, string> = {};
    row.children.forEach((cell, index) => {
      const value = cleanText(textOf(cell));
      const key = columnOf.get(index);
      if (key) cells[key] = value;
      else if (value !== "") extra[headerTexts[index]] = value;
    });
    rows.push({ line, cells, extra });
  }
  return { rows, extraHeaders, headers };
}
