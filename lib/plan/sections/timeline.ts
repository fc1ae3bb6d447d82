import type { DateTime } from "luxon";
import type { RootContent } from "mdast";
import {
  isoDate,
  parseMoment,
  splitPhaseHeading,
  toDateTime,
  toIsoInstant,
  type LocalDate,
  type LocalTime,
} from "../dates";
import { subsections } from "../markdown";
import type { TPhase, TTask } from "../schema";
import { firstTable, readTable } from "../tables";
import { rawLine, type ParseContext } from "./context";
import type { Roster } from "./roster";

const TASK_COLUMNS = {
  title: { header: /^(task|tasks|title|activity|step|name|task name)$/, required: true },
  start: { header: /^(start|starts|start date|start time|begin|begins|from)$/, required: true },
  end: { header: /^(end|ends|end date|end time|finish|until|to|due)$/, required: true },
  owner: { header: /^(owner|owners|responsible|assignee|assigned to|role)$/, required: true },
  status: { header: /^(status|state)$/, required: false },
  dependsOn: { header: /^(depends on|dependencies|dependency|depends|after|blocked by|prerequisites?)$/, required: false },
};

/** Raw "Depends On" cells, resolved to keys once every phase is known (a task may wait for a later-listed one). */
type PendingDeps = { key: string; phase: number; line: number | null; names: string[] };

export function parseTimeline(nodes: RootContent[], line: number | null, ctx: ParseContext, roster: Roster): TPhase[] {
  const parts = subsections(nodes).filter((s) => s.heading !== null || firstTable(s.nodes));
  const phases: TPhase[] = [];
  const pending: PendingDeps[] = [];
  for (const part of parts) {
    const { name, range } = splitPhaseHeading(part.title || "Timeline");
    if (range && !range.ok) ctx.log.error(part.line, `phase "${name}": ${range.message}`, part.title);
    const dates = range?.ok ? range.value : null;
    const phaseIndex = phases.length + 1;
    const phase: TPhase = {
      name,
      startsOn: dates ? isoDate(dates.start) : null,
      endsOn: dates ? isoDate(dates.end) : null,
      tasks: [],
    };
    phases.push(phase);
    const table = firstTable(part.nodes);
    if (!table) {
      ctx.log.error(part.line ?? line, `phase "${name}" has no task table`, part.title || undefined);
      continue;
    }
    const read = readTable(table, ctx.lines, TASK_COLUMNS, ctx.log, `"${name}" task`);
    if (!read) continue;
    // Time-only cells need the phase's single day; a multi-day phase leaves them without a date.
    const day = dates && isoDate(dates.start) === isoDate(dates.end) ? dates.start : null;
    for (const row of read.rows) {
      const key = `p${phaseIndex}-t${phase.tasks.length + 1}`;
      const where = `task "${row.cells.title || key}"`;
      if (!row.cells.title) ctx.log.error(row.line, `${key} has no task title`, rawLine(ctx, row.line));
      const owner = roster.owner(row.cells.owner);
      if (!owner) ctx.log.error(row.line, roster.unknownOwnerMessage("owner", row.cells.owner), row.cells.owner);
      const window = resolveWindow(row.cells.start, row.cells.end, day, name, where, row.line, ctx);
      if (row.cells.dependsOn) {
        const names = row.cells.dependsOn.split(/\s*[,;]\s*/).filter(Boolean);
        pending.push({ key, phase: phaseIndex, line: row.line, names });
      }
      if (!window || !owner || !row.cells.title) continue;
      phase.tasks.push({
        key,
        title: row.cells.title,
        owner,
        status: row.cells.status,
        start: window.start,
        end: window.end,
        allDay: window.allDay,
        dependsOn: [],
        extra: row.extra,
      });
    }
  }
  resolveDependencies(phases, pending, ctx);
  return phases;
}

type Window = { start: string; end: string; allDay: boolean };

function resolveWindow(
  startCell: string,
  endCell: string,
  day: LocalDate | null,
  phaseName: string,
  where: string,
  line: number | null,
  ctx: ParseContext,
): Window | null {
  const start = parseMoment(startCell);
  const end = parseMoment(endCell);
  if (!start.ok) ctx.log.error(line, `${where}: start ${start.message}`, startCell);
  if (!end.ok) ctx.log.error(line, `${where}: end ${end.message}`, endCell);
  if (!start.ok || !end.ok) return null;
  const s = start.value;
  const e = end.value;
  if (s.kind === "date" && e.kind === "date") {
    const from = toDateTime(s.date, null, ctx.timezone);
    const to = toDateTime(e.date, null, ctx.timezone).plus({ days: 1 });
    if (to <= from) {
      ctx.log.error(line, `${where} ends (${endCell}) before it starts (${startCell})`, endCell);
      return null;
    }
    return { start: toIsoInstant(from), end: toIsoInstant(to), allDay: true };
  }
  if (s.kind === "date" || e.kind === "date") {
    ctx.log.error(line, `${where} mixes a date-only cell with a time; give both as dates or both with times`, `${startCell} | ${endCell}`);
    return null;
  }
  const startDate = s.kind === "datetime" ? s.date : day;
  if (!startDate) {
    ctx.log.error(
      line,
      `${where}: "${startCell}" is a time of day but phase "${phaseName}" has no single date; put it in the heading, e.g. "### ${phaseName} (15/06/2025)", or write "15/06/2025 ${startCell}"`,
      startCell,
    );
    return null;
  }
  const from = localInstant(startDate, s.time, startCell, where, line, ctx);
  let to: DateTime;
  if (e.kind === "datetime") {
    to = localInstant(e.date, e.time, endCell, where, line, ctx);
    if (to < from) {
      ctx.log.error(line, `${where} ends (${endCell}) before it starts (${startCell})`, endCell);
      return null;
    }
  } else {
    to = localInstant(from.toObject() as LocalDate, e.time, endCell, where, line, ctx);
    // A window like 11:30 PM → 12:15 AM crosses midnight: the end is on the next day.
    if (to < from) to = localInstant(from.plus({ days: 1 }).toObject() as LocalDate, e.time, endCell, where, line, ctx);
  }
  return { start: toIsoInstant(from), end: toIsoInstant(to), allDay: false };
}

function localInstant(date: LocalDate, time: LocalTime, cell: string, where: string, line: number | null, ctx: ParseContext): DateTime {
  const dt = toDateTime({ year: date.year, month: date.month, day: date.day }, time, ctx.timezone);
  if (dt.hour !== time.hour || dt.minute !== time.minute) {
    ctx.log.warn(line, `${where}: ${cell} does not exist in ${ctx.timezone} that day (clocks go forward); read as ${dt.toFormat("HH:mm")}`, cell);
  }
  return dt;
}

function resolveDependencies(phases: TPhase[], pending: PendingDeps[], ctx: ParseContext): void {
  const tasks = new Map<string, TTask>();
  const byTitle = new Map<string, TTask[]>();
  for (const phase of phases) {
    for (const task of phase.tasks) {
      tasks.set(task.key, task);
      const list = byTitle.get(task.title.toLowerCase()) ?? [];
      list.push(task);
      byTitle.set(task.title.toLowerCase(), list);
    }
  }
  for (const dep of pending) {
    const task = tasks.get(dep.key);
    for (const name of dep.names) {
      let matches = tasks.has(name) ? [tasks.get(name) as TTask] : (byTitle.get(name.toLowerCase()) ?? []);
      // Same title in several phases: the one in the task's own phase is the natural reading.
      if (matches.length > 1) {
        const own = matches.filter((t) => t.key.startsWith(`p${dep.phase}-`));
        if (own.length === 1) matches = own;
      }
      if (matches.length === 0) {
        ctx.log.error(dep.line, `depends on "${name}", which is not a task in the timeline`, name);
      } else if (matches.length > 1) {
        ctx.log.error(dep.line, `depends on "${name}", which names several tasks (${matches.map((t) => t.key).join(", ")})`, name);
      } else if (matches[0].key === dep.key) {
        ctx.log.error(dep.line, `task "${name}" depends on itself`, name);
      } else if (task && !task.dependsOn.includes(matches[0].key)) {
        task.dependsOn.push(matches[0].key);
      }
    }
  }
  reportCycles(tasks, pending, ctx);
}

function reportCycles(tasks: Map<string, TTask>, pending: PendingDeps[], ctx: ParseContext): void {
  const state = new Map<string, "visiting" | "done">();
  const lineOfKey = new Map(pending.map((p) => [p.key, p.line]));
  const visit = (key: string, path: string[]): void => {
    if (state.get(key) === "done") return;
    if (state.get(key) === "visiting") {
      const cycle = [...path.slice(path.indexOf(key)), key].map((k) => `"${tasks.get(k)?.title ?? k}"`);
      ctx.log.error(lineOfKey.get(key) ?? null, `tasks depend on each other in a cycle: ${cycle.join(" → ")}`);
      return;
    }
    state.set(key, "visiting");
    for (const next of tasks.get(key)?.dependsOn ?? []) visit(next, [...path, key]);
    state.set(key, "done");
  };
  for (const key of tasks.keys()) visit(key, []);
}
