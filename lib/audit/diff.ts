// What an event changed, field by field, for the auditor's before/after view.

export type FieldChange = { path: string; before: unknown; after: unknown; kind: "added" | "removed" | "changed" };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Leaf values by dotted path; arrays are compared whole (a list reads better than index by index). */
function flatten(value: unknown, prefix = "", out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix || value !== null) {
    out.set(prefix || "(value)", value);
  }
  return out;
}

/** Fields that differ between before and after, in a stable order. Unchanged fields are left out. */
export function diffAuditValues(before: unknown, after: unknown): FieldChange[] {
  const a = flatten(before ?? null);
  const b = flatten(after ?? null);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: FieldChange[] = [];
  for (const path of paths) {
    const had = a.has(path);
    const has = b.has(path);
    const x = a.get(path);
    const y = b.get(path);
    if (had && has && JSON.stringify(x) === JSON.stringify(y)) continue;
    changes.push({ path, before: had ? x : undefined, after: has ? y : undefined, kind: !had ? "added" : !has ? "removed" : "changed" });
  }
  return changes;
}

/** A value as short readable text for a table cell. */
export function displayValue(value: unknown): string {
  if (value === undefined) return "—";
  if (value === null) return "null";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** "3 min ago", "in 2 h", "just now" — relative to `now`. */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - Date.parse(iso)) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  if (s < 45) return "just now";
  const [n, unit] = s < 3600 ? [Math.round(s / 60), "min"] : s < 86_400 ? [Math.round(s / 3600), "h"] : s < 86_400 * 45 ? [Math.round(s / 86_400), n1(Math.round(s / 86_400), "day")] : [Math.round(s / (86_400 * 30)), n1(Math.round(s / (86_400 * 30)), "month")];
  return future ? `in ${n} ${unit}` : `${n} ${unit} ago`;
}

function n1(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
