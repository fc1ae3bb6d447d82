import { DateTime } from "luxon";
import { formatDate, formatTime, fromIsoDate, toDateTime, toIsoInstant, type LocalDate } from "./dates";
import type { TPhase, TPlan, TStep, TTask } from "./schema";

/**
 * Writes a plan back as Markdown in the seed's form. Designed so that parsePlan(exportPlan(plan)) gives the
 * same plan: derived data (canary steps and gates, measurable fields) is not written separately but re-read
 * from the text it came from, and the time zone is stated so dates mean the same instants on re-import.
 */
export function exportPlan(plan: TPlan): string {
  const out: string[] = [`# ${inline(plan.title)}`, `Time zone: ${plan.timezone}`];
  if (plan.overview) out.push("## Overview", plan.overview);

  out.push("## Deployment Team", table(["Role", "Responsibility", "Contact"], plan.roles.map((r) => ({ cells: [r.name, r.responsibility, r.contact], extra: r.extra }))));

  out.push("## Deployment Timeline");
  plan.phases.forEach((phase, i) => out.push(...exportPhase(plan, phase, i + 1)));

  if (plan.procedure.length) {
    out.push("## Deployment Procedure");
    plan.procedure.forEach((part, i) => out.push(`### ${i + 1}. ${inline(part.title)}`, steps(part.steps)));
  }

  if (plan.rollback.triggers.length || plan.rollback.steps.length) {
    out.push("## Rollback Procedure");
    if (plan.rollback.triggers.length) out.push("### Automatic Rollback Triggers", plan.rollback.triggers.map((t) => `- ${inline(t.text)}`).join("\n"));
    if (plan.rollback.steps.length) out.push("### Rollback Steps", steps(plan.rollback.steps));
  }

  if (plan.risks.length) {
    out.push(
      "## Risk Assessment and Mitigation",
      table(
        ["Risk", "Probability", "Impact", "Mitigation Strategy", "Owner"],
        plan.risks.map((r) => ({ cells: [r.risk, r.probability, r.impact, r.mitigation, r.owner], extra: r.extra })),
      ),
    );
  }

  if (plan.monitoring.length) {
    out.push(
      "## Monitoring and Alerting",
      "### Key Metrics to Monitor",
      table(
        ["Metric", "Tool", "Threshold", "Alert To", "Response"],
        plan.monitoring.map((m) => ({ cells: [m.label, m.tool, m.threshold, m.alertTo.join(", "), m.response], extra: m.extra })),
      ),
    );
  }

  if (plan.successCriteria.length) {
    // Consecutive criteria of one category form one item; a category that recurs later gets a new item, so order survives.
    const groups: { category: string; texts: string[] }[] = [];
    for (const c of plan.successCriteria) {
      const last = groups[groups.length - 1];
      if (last && last.category === c.category) last.texts.push(c.text);
      else groups.push({ category: c.category, texts: [c.text] });
    }
    out.push(
      "## Success Criteria",
      "The deployment will be considered successful if:",
      groups.map((g, i) => listItem(i + 1, [`**${inline(g.category)} Criteria**:`, ...g.texts.map((t) => `- ${inline(t)}`)])).join("\n\n"),
    );
  }

  for (const note of plan.notes) out.push(`## ${inline(note.heading)}`.trimEnd(), ...(note.body ? [note.body] : []));
  return `${out.join("\n\n")}\n`;
}

function exportPhase(plan: TPlan, phase: TPhase, phaseIndex: number): string[] {
  const zone = plan.timezone;
  const range =
    phase.startsOn && phase.endsOn
      ? phase.startsOn === phase.endsOn
        ? ` (${formatDate(fromIsoDate(phase.startsOn))})`
        : ` (${formatDate(fromIsoDate(phase.startsOn))} - ${formatDate(fromIsoDate(phase.endsOn))})`
      : phase.startsOn
        ? ` (${formatDate(fromIsoDate(phase.startsOn))})`
        : "";
  const day = phase.startsOn && (phase.endsOn === null || phase.endsOn === phase.startsOn) ? phase.startsOn : null;
  const cells = phase.tasks.map((task) => windowCells(task, day, zone));
  const kinds = new Set(cells.flatMap((c) => [c.startKind, c.endKind]));
  const [startHeader, endHeader] =
    kinds.size === 1 && kinds.has("date") ? ["Start Date", "End Date"] : kinds.size === 1 && kinds.has("time") ? ["Start Time", "End Time"] : ["Start", "End"];
  const withDeps = phase.tasks.some((t) => t.dependsOn.length);
  const headers = ["Task", startHeader, endHeader, "Owner", "Status", ...(withDeps ? ["Depends On"] : [])];
  const rows = phase.tasks.map((task, i) => ({
    cells: [
      task.title,
      cells[i].start,
      cells[i].end,
      task.owner,
      task.status,
      ...(withDeps ? [task.dependsOn.map((key) => dependencyName(plan, key, phaseIndex)).join(", ")] : []),
    ],
    extra: task.extra,
  }));
  return [`### ${inline(phase.name)}${range}`, table(headers, rows)];
}

type CellKind = "date" | "time" | "datetime";

function local(iso: string, zone: string): DateTime {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone);
}

function dateOf(dt: DateTime): LocalDate {
  return { year: dt.year, month: dt.month, day: dt.day };
}

/**
 * Chooses the shortest cell the parser reads back as the same instant: a bare date for all-day tasks, a
 * bare time on the phase's day (the end may roll over midnight), otherwise "dd/mm/yyyy hh:mm AM".
 */
function windowCells(task: TTask, day: string | null, zone: string): { start: string; end: string; startKind: CellKind; endKind: CellKind } {
  const start = local(task.start, zone);
  const end = local(task.end, zone);
  if (task.allDay) {
    return { start: formatDate(dateOf(start)), end: formatDate(dateOf(end.minus({ days: 1 }))), startKind: "date", endKind: "date" };
  }
  const time = (dt: DateTime) => formatTime({ hour: dt.hour, minute: dt.minute, second: dt.second });
  const full = (dt: DateTime) => `${formatDate(dateOf(dt))} ${time(dt)}`;
  const startOnDay = day !== null && start.toISODate() === day && toIsoInstant(toDateTime(dateOf(start), timeOf(start), zone)) === task.start;
  let endAgain = toDateTime(dateOf(start), timeOf(end), zone);
  if (endAgain < start) endAgain = toDateTime(dateOf(start.plus({ days: 1 })), timeOf(end), zone);
  const endShort = toIsoInstant(endAgain) === task.end;
  return {
    start: startOnDay ? time(start) : full(start),
    end: endShort ? time(end) : full(end),
    startKind: startOnDay ? "time" : "datetime",
    endKind: endShort ? "time" : "datetime",
  };
}

function timeOf(dt: DateTime) {
  return { hour: dt.hour, minute: dt.minute, second: dt.second };
}

/** A title when the parser resolves it back to this key, else the key itself (duplicate titles, commas). */
function dependencyName(plan: TPlan, key: string, phaseIndex: number): string {
  const tasks = plan.phases.flatMap((p) => p.tasks);
  const target = tasks.find((t) => t.key === key);
  if (!target || /[,;]/.test(target.title)) return key;
  const same = tasks.filter((t) => t.title.toLowerCase() === target.title.toLowerCase());
  const own = same.filter((t) => t.key.startsWith(`p${phaseIndex}-`));
  return same.length === 1 || (own.length === 1 && own[0].key === key) ? target.title : key;
}

type Row = { cells: string[]; extra: Record<string, string> };

function table(headers: string[], rows: Row[]): string {
  const extraHeaders: string[] = [];
  for (const row of rows) for (const h of Object.keys(row.extra)) if (!extraHeaders.includes(h)) extraHeaders.push(h);
  const all = [...headers, ...extraHeaders];
  const line = (cells: string[]) => `| ${cells.map((c) => cell(c)).join(" | ")} |`;
  return [
    line(all),
    `|${all.map((h) => "-".repeat(Math.max(3, h.length + 2))).join("|")}|`,
    ...rows.map((r) => line([...r.cells, ...extraHeaders.map((h) => r.extra[h] ?? "")])),
  ].join("\n");
}

function cell(text: string): string {
  return inline(text, false);
}

function steps(list: TStep[]): string {
  return list
    .map((step, i) => {
      const body: string[] = [];
      if (step.title) body.push(`**${inline(step.title)}**:`);
      if (step.commands.length) {
        const longest = Math.max(2, ...step.commands.map((c) => Math.max(0, ...(c.match(/`+/g) ?? []).map((m) => m.length))));
        const fence = "`".repeat(longest + 1);
        body.push(`${fence}bash`, ...step.commands, fence);
      }
      body.push(...step.checklist.map((c) => `- ${inline(c)}`));
      return listItem(i + 1, body.length ? body : [""]);
    })
    .join("\n\n");
}

/** "1. first line" with the rest indented under the marker, as CommonMark requires for continuation. */
function listItem(n: number, lines: string[]): string {
  const marker = `${n}. `;
  const pad = " ".repeat(marker.length);
  return lines.map((l, i) => (i === 0 ? marker + l : l === "" ? "" : pad + l)).join("\n").trimEnd();
}

/**
 * Escapes what Markdown would otherwise read as markup, so the parser's plain text comes back unchanged.
 * Kept minimal ("<" only before a tag-like character, "_" only at word edges) so the file stays readable.
 */
function inline(text: string, blockStart = true): string {
  let s = text
    .replace(/[\\`*[\]|]/g, "\\$&")
    .replace(/<(?=[A-Za-z/!?])/g, "\\<")
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&")
    .replace(/_/g, (m, offset: number, whole: string) =>
      /[A-Za-z0-9]/.test(whole[offset - 1] ?? "") && /[A-Za-z0-9]/.test(whole[offset + 1] ?? "") ? m : "\\_",
    );
  if (blockStart) s = s.replace(/^(#|>|[-+](?=\s)|\d+(?=[.)]\s)|=+$)/, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
  return s;
}
