// Formatting shared by the plan views (pure; used on the server and in client components).
import type { TMeasurable, TTask } from "@/lib/plan/schema";
import type { Tone } from "@/components/ui/badge";

const OPERATOR_WORDS: Record<string, string> = { "<": "below", "<=": "at most", ">": "above", ">=": "at least" };

export function operatorWord(op: string | null | undefined): string {
  return op ? (OPERATOR_WORDS[op] ?? op) : "";
}

/** "< 1%" / "< 500ms" / "≥ 4.5/5.0". */
export function condition(m: Pick<TMeasurable, "operator" | "threshold" | "unit">): string {
  const op = m.operator === "<=" ? "≤" : m.operator === ">=" ? "≥" : m.operator;
  return `${op} ${m.threshold}${m.unit}`;
}

export function dateTimeFormat(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-GB", { timeZone: zone, ...options });
}

/** A task's window in the plan's zone: "Sun 8 Jun – Mon 9 Jun" for all-day tasks, "Sun 15 Jun 01:30–02:00 BST" otherwise. */
export function taskWindow(task: Pick<TTask, "start" | "end" | "allDay">, zone: string): string {
  const start = new Date(task.start);
  const end = new Date(task.end);
  if (task.allDay) {
    const day = dateTimeFormat(zone, { weekday: "short", day: "numeric", month: "short" });
    // The end is midnight after the last day; show the last day itself.
    const lastDay = new Date(end.getTime() - 1);
    const a = day.format(start);
    const b = day.format(lastDay);
    return a === b ? `${a} (all day)` : `${a} – ${b}`;
  }
  const day = dateTimeFormat(zone, { weekday: "short", day: "numeric", month: "short" });
  const time = dateTimeFormat(zone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const zoneName = dateTimeFormat(zone, { timeZoneName: "short" }).formatToParts(start).find((p) => p.type === "timeZoneName")?.value ?? zone;
  const sameDay = day.format(start) === day.format(end);
  return sameDay
    ? `${day.format(start)} ${time.format(start)}–${time.format(end)} ${zoneName}`
    : `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)} ${zoneName}`;
}

export function formatInstant(iso: string, zone?: string): string {
  return dateTimeFormat(zone ?? "UTC", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }).format(new Date(iso));
}

export function durationText(startIso: string, endIso: string): string {
  const minutes = Math.round((new Date(endIso).getTime() - new Date(startIso).getTime()) / 60000);
  if (minutes % (24 * 60) === 0 && minutes >= 24 * 60) return `${minutes / (24 * 60)} d`;
  if (minutes >= 60) return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
  return `${minutes} min`;
}

/** Task status words as plans write them → tone and a symbol, so status never rests on color alone. */
export function statusLook(status: string): { tone: Tone; symbol: string; label: string } {
  const s = status.trim().toLowerCase();
  const label = status.trim() || "No status";
  if (/^(not started|pending|to ?do|planned|scheduled|open)$/.test(s) || s === "") return { tone: "neutral", symbol: "○", label };
  if (/^(done|complete|completed|finished)$/.test(s)) return { tone: "success", symbol: "✓", label };
  if (/progress|running|started|ongoing|active/.test(s)) return { tone: "info", symbol: "▶", label };
  if (/block|fail|cancel|abort/.test(s)) return { tone: "danger", symbol: "■", label };
  if (/skip|hold|pause|wait/.test(s)) return { tone: "warning", symbol: "‖", label };
  return { tone: "neutral", symbol: "○", label };
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
