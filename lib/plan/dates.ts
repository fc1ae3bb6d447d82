import { DateTime, IANAZone } from "luxon";

export type LocalDate = { year: number; month: number; day: number };
export type LocalTime = { hour: number; minute: number; second: number };

/** What a timeline cell holds: a date, a time of day (on the phase's date), or both. */
export type Moment =
  | { kind: "date"; date: LocalDate }
  | { kind: "time"; time: LocalTime }
  | { kind: "datetime"; date: LocalDate; time: LocalTime };

export type Result<T> = { ok: true; value: T } | { ok: false; message: string };

export const DEFAULT_TIMEZONE = "Europe/London";

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** UK-style day-first dates (the seed's form) and ISO dates; US month-first is deliberately not guessed. */
export function parseDate(text: string): Result<LocalDate> {
  const s = text.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  let parts: LocalDate | null = m ? { day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) } : null;
  if (!parts) {
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (m) parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  }
  if (!parts) return { ok: false, message: `"${s}" is not a date (expected dd/mm/yyyy)` };
  if (!DateTime.fromObject(parts, { zone: "UTC" }).isValid) {
    return { ok: false, message: `"${s}" is not a real date (day ${parts.day} of month ${parts.month} in ${parts.year})` };
  }
  return { ok: true, value: parts };
}

/** "01:30 AM", "1:30pm", "2 PM", "14:00", "14:00:30". */
export function parseTime(text: string): Result<LocalTime> {
  const s = text.trim();
  const twelve = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap])\.?\s*m\.?$/i.exec(s);
  if (twelve) {
    const h = Number(twelve[1]);
    const minute = Number(twelve[2] ?? 0);
    const second = Number(twelve[3] ?? 0);
    if (h < 1 || h > 12 || minute > 59 || second > 59) return { ok: false, message: `"${s}" is not a valid 12-hour time` };
    const pm = twelve[4].toLowerCase() === "p";
    return { ok: true, value: { hour: (h % 12) + (pm ? 12 : 0), minute, second } };
  }
  const day = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (day) {
    const hour = Number(day[1]);
    const minute = Number(day[2]);
    const second = Number(day[3] ?? 0);
    if (hour > 23 || minute > 59 || second > 59) return { ok: false, message: `"${s}" is not a valid 24-hour time` };
    return { ok: true, value: { hour, minute, second } };
  }
  return { ok: false, message: `"${s}" is not a time (expected e.g. "01:30 AM" or "14:00")` };
}

/** A timeline cell: date, time, or "date time" / ISO "dateTtime". */
export function parseMoment(text: string): Result<Moment> {
  const s = text.trim();
  if (s === "") return { ok: false, message: "the cell is empty" };
  if (/^\d{1,2}[/.]\d{1,2}[/.]\d{4}$|^\d{1,2}-\d{1,2}-\d{4}$|^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const date = parseDate(s);
    return date.ok ? { ok: true, value: { kind: "date", date: date.value } } : date;
  }
  const both = /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2})(?:\s+|T)(.+)$/.exec(s);
  if (both) {
    const date = parseDate(both[1]);
    if (!date.ok) return date;
    const time = parseTime(both[2]);
    if (!time.ok) return time;
    return { ok: true, value: { kind: "datetime", date: date.value, time: time.value } };
  }
  const time = parseTime(s);
  return time.ok ? { ok: true, value: { kind: "time", time: time.value } } : time;
}

/** "(08/06/2025 - 14/06/2025)" or "(15/06/2025)" at the end of a phase heading. */
export function splitPhaseHeading(
  heading: string,
): { name: string; range: Result<{ start: LocalDate; end: LocalDate }> | null } {
  const m = /^(.*?)\s*\(([^()]*\d[^()]*)\)\s*$/.exec(heading);
  if (!m) return { name: heading.trim(), range: null };
  const name = m[1].trim() || heading.trim();
  const parts = m[2].split(/\s+(?:-|–|—|to)\s+/i);
  if (parts.length > 2) return { name, range: { ok: false, message: `"${m[2]}" is not a date or a date range` } };
  const start = parseDate(parts[0]);
  if (!start.ok) return { name, range: start };
  const end = parts.length === 2 ? parseDate(parts[1]) : start;
  if (!end.ok) return { name, range: end };
  if (toDateTime(end.value, null, "UTC") < toDateTime(start.value, null, "UTC")) {
    return { name, range: { ok: false, message: `the phase ends (${parts[1]}) before it starts (${parts[0]})` } };
  }
  return { name, range: { ok: true, value: { start: start.value, end: end.value } } };
}

export function toDateTime(date: LocalDate, time: LocalTime | null, zone: string): DateTime {
  return DateTime.fromObject({ ...date, ...(time ?? { hour: 0, minute: 0, second: 0 }) }, { zone });
}

/** ISO 8601 with an explicit offset; luxon writes "Z" for UTC, which we spell "+00:00" for uniformity. */
export function toIsoInstant(dt: DateTime): string {
  const iso = dt.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? "";
  return iso.endsWith("Z") ? `${iso.slice(0, -1)}+00:00` : iso;
}

export function isoDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

export function fromIsoDate(iso: string): LocalDate {
  const [year, month, day] = iso.split("-").map(Number);
  return { year, month, day };
}

/** dd/mm/yyyy, the seed's form. */
export function formatDate(date: LocalDate): string {
  return `${String(date.day).padStart(2, "0")}/${String(date.month).padStart(2, "0")}/${date.year}`;
}

/** "01:30 AM", seconds only when present. */
export function formatTime(time: LocalTime): string {
  const h = time.hour % 12 === 0 ? 12 : time.hour % 12;
  const sec = time.second ? `:${String(time.second).padStart(2, "0")}` : "";
  return `${String(h).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}${sec} ${time.hour < 12 ? "AM" : "PM"}`;
}
