// Wall-clock time in an IANA zone ↔ instants, with Intl only (no date library), so forms in the browser
// can read and write "01:30 in Europe/London" without shipping luxon.

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** "2025-06-15T01:30" (a datetime-local value) read in `timeZone` → ISO instant with Z. */
export function wallTimeToIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return null;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let instant = guess - zoneOffsetMs(guess, timeZone);
  instant = guess - zoneOffsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

/** ISO instant → "2025-06-15T01:30" as the wall clock reads in `timeZone`. */
export function isoToWallTime(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  const shifted = new Date(instant + zoneOffsetMs(instant, timeZone));
  return shifted.toISOString().slice(0, 16);
}

function wallParts(iso: string | number | Date, timeZone: string): { date: string; time: string } {
  const ms = iso instanceof Date ? iso.getTime() : typeof iso === "number" ? iso : Date.parse(iso);
  const wall = isoToWallTime(new Date(ms).toISOString(), timeZone);
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

/** A date-only span: it starts and ends at local midnight (the plan gave dates, not times). */
export function isWholeDaySpan(startIso: string, endIso: string, timeZone: string): boolean {
  return Date.parse(endIso) > Date.parse(startIso) && wallParts(startIso, timeZone).time === "00:00" && wallParts(endIso, timeZone).time === "00:00";
}

function dayMonth(ms: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short" }).format(ms);
  } catch {
    return new Date(ms).toISOString().slice(0, 10);
  }
}

/**
 * A task's planned window as people read it: "02:00–02:10" for times on one day, "14 Jun 22:00 – 15 Jun
 * 06:00" across midnight, and for date-only tasks the dates — "8 Jun – 9 Jun", or "14 Jun" for one day
 * (their end is midnight after the last day, so the last day is the one before it).
 */
export function formatTaskWindow(startIso: string, endIso: string, timeZone: string): string {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  if (Number.isNaN(start) || Number.isNaN(end)) return "—";
  if (isWholeDaySpan(startIso, endIso, timeZone)) {
    const first = dayMonth(start, timeZone);
    // Noon of the last day, so a DST change that night cannot pull it onto the day before.
    const last = dayMonth(end - 12 * 3_600_000, timeZone);
    return first === last ? first : `${first} – ${last}`;
  }
  const a = wallParts(start, timeZone);
  const b = wallParts(end, timeZone);
  if (a.date === b.date) return `${a.time}–${b.time}`;
  return `${dayMonth(start, timeZone)} ${a.time} – ${dayMonth(end, timeZone)} ${b.time}`;
}
