import type { TOperator } from "./schema";

/** "Error Rate" → "error_rate". */
export function metricKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

// Longest phrases first so "no more than" is not read as "more than".
const OPERATOR_WORDS: [RegExp, TOperator][] = [
  [/^(?:<=|≤|=<|at most|no more than|not more than|not above|not over)/i, "<="],
  [/^(?:>=|≥|=>|at least|no less than|not less than|not below|not under)/i, ">="],
  [/^(?:<|below|under|less than|lower than|fewer than)/i, "<"],
  [/^(?:>|above|over|more than|greater than|higher than|exceeds|exceeding)/i, ">"],
];

// Units are read only from a known list so that trailing prose ("in first week") stays out of them.
const UNIT = /^(%|ms|msec|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|[kmgt]i?b|rps|rpm|qps|req\/s|x|\/\s*\d+(?:\.\d+)?)(?![a-z0-9])/i;

export type Threshold = { operator: TOperator; value: number; unit: string };

/** "> 500ms" / "below 0.5%" / "< 90% of normal" → operator, number and unit; null when not of that form. */
export function parseThreshold(text: string): Threshold | null {
  const s = text.trim();
  for (const [pattern, operator] of OPERATOR_WORDS) {
    const op = pattern.exec(s);
    if (!op) continue;
    const rest = s.slice(op[0].length).trimStart();
    const num = /^-?\d+(?:\.\d+)?/.exec(rest);
    if (!num) return null;
    const afterNumber = rest.slice(num[0].length).trimStart();
    const unit = UNIT.exec(afterNumber);
    let unitText = unit ? unit[1].replace(/\s+/g, "") : "";
    // "120% of normal" is relative to a baseline, which the unit must say or the number misleads.
    const relative = /^\s*of\s+(normal|baseline)\b/i.exec(afterNumber.slice(unit ? unit[0].length : 0));
    if (relative) unitText = `${unitText} of ${relative[1].toLowerCase()}`.trim();
    return { operator, value: Number(num[0]), unit: unitText };
  }
  return null;
}

const OPERATOR_SEARCH =
  /\s*(?:\b(?:is|are|should be|must be|stays?|remains?|stay|remain)\s+)?(?=<=|>=|≤|≥|<|>|\b(?:at most|no more than|not more than|at least|no less than|not less than|below|under|less than|lower than|fewer than|above|over|more than|greater than|higher than|exceeds|exceeding)\b\s*-?\d)/i;

export type Measured = Threshold & { metric: string; forMinutes: number | null };

/**
 * "Error rate > 1% for 5 minutes" → error_rate > 1 "%" sustained 5 minutes. Returns null for conditions a
 * person must judge ("Security incident"), which stay as text only.
 */
export function parseMeasurable(text: string): Measured | null {
  let s = text.trim();
  let forMinutes: number | null = null;
  const sustained = /\s+for\s+(?:at least\s+)?(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\b\.?\s*$/i.exec(s);
  if (sustained) {
    const n = Number(sustained[1]);
    const unit = sustained[2].toLowerCase();
    forMinutes = unit.startsWith("s") ? n / 60 : unit.startsWith("h") ? n * 60 : n;
    s = s.slice(0, sustained.index);
  }
  const at = OPERATOR_SEARCH.exec(s);
  if (!at || at.index === 0) return null;
  const metric = metricKey(s.slice(0, at.index));
  const threshold = parseThreshold(s.slice(at.index + at[0].length));
  if (!metric || !threshold) return null;
  return { metric, ...threshold, forMinutes };
}
