import type { RootContent } from "mdast";
import { DEFAULT_TIMEZONE, isValidZone } from "./dates";
import { cleanText, lineOf, outline, parseMarkdown, sourceOf, textOf } from "./markdown";
import { ProblemLog, sortProblems } from "./problems";
import { ZPlan, type PlanProblem, type TNote, type TPlan } from "./schema";
import type { ParseContext } from "./sections/context";
import { parseMonitoring } from "./sections/monitoring";
import { deriveCanary, parseProcedure } from "./sections/procedure";
import { parseRisks } from "./sections/risks";
import { parseRollback } from "./sections/rollback";
import { Roster, parseRoster } from "./sections/roster";
import { parseSuccessCriteria } from "./sections/success";
import { parseTimeline } from "./sections/timeline";
import { DEFAULT_MAX_BYTES, decodeSource } from "./source";

export type ParsePlanOptions = {
  /**
   * IANA zone for plans that do not state one. A plan states its zone with a line of its own before or in
   * the Overview, "Time zone: America/New_York"; the plan's own statement wins over this option (the
   * author knows where the times were meant), with a warning when the two differ. Default Europe/London.
   */
  timezone?: string;
  /** Largest accepted source in bytes (UTF-8); default 1 MiB. */
  maxBytes?: number;
};

export type ParsePlanResult = { ok: true; plan: TPlan; warnings: PlanProblem[] } | { ok: false; problems: PlanProblem[] };

type SectionKind = "overview" | "team" | "timeline" | "procedure" | "canary" | "rollback" | "risks" | "monitoring" | "success";

/** Order matters: "Rollback Procedure" is rollback, not procedure; "Deployment Team" is not the timeline. */
const SECTION_KINDS: [RegExp, SectionKind][] = [
  [/roll\s?-?back|back-?out/i, "rollback"],
  [/timeline|schedule/i, "timeline"],
  [/\bteam\b|roster|\broles\b/i, "team"],
  [/success|acceptance criteria|definition of done/i, "success"],
  [/monitoring|alerting|alerts|observability/i, "monitoring"],
  [/\brisks?\b/i, "risks"],
  [/canary/i, "canary"],
  [/procedure|runbook|deployment steps/i, "procedure"],
  [/overview|introduction|purpose/i, "overview"],
];

export function sectionKind(title: string): SectionKind | null {
  return SECTION_KINDS.find(([re]) => re.test(title))?.[1] ?? null;
}

const TIMEZONE_LINE = /^\s*(?:time\s*zone|timezone|tz)\s*:\s*(\S+)\s*$/i;

function timezoneStatement(node: RootContent): string | null {
  if (node.type !== "paragraph") return null;
  return TIMEZONE_LINE.exec(cleanText(textOf(node)))?.[1] ?? null;
}

/** Blocks joined by one blank line: the Markdown of a section as written, for overview and notes. */
function blocksSource(source: string, nodes: RootContent[]): string {
  return nodes.map((n) => sourceOf(source, [n])).filter(Boolean).join("\n\n");
}

export function parsePlan(source: string | Uint8Array, options: ParsePlanOptions = {}): ParsePlanResult {
  const decoded = decodeSource(source, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!decoded.ok) return decoded;
  const text = decoded.text;
  const log = new ProblemLog();
  const doc = outline(parseMarkdown(text));
  const kinds = doc.sections.map((s) => sectionKind(s.title));

  const title = doc.title ? cleanText(textOf(doc.title)) : "";
  if (!title) log.error(doc.title ? lineOf(doc.title) : 1, "the plan has no title; start it with a line like \"# Payments API - Deployment Plan\"");

  // The zone must be known before any table is read, so look for its statement first.
  const overviewNodes = doc.sections.filter((_, i) => kinds[i] === "overview").flatMap((s) => s.nodes);
  const zoneNode = [...doc.preamble, ...overviewNodes].find((n) => timezoneStatement(n) !== null);
  const stated = zoneNode ? timezoneStatement(zoneNode) : null;
  if (options.timezone !== undefined && !isValidZone(options.timezone)) {
    log.error(null, `time zone option "${options.timezone}" is not an IANA time zone (e.g. Europe/London)`, options.timezone);
  }
  if (stated !== null && !isValidZone(stated)) {
    log.error(lineOf(zoneNode), `time zone "${stated}" is not an IANA time zone (e.g. Europe/London)`, stated);
  }
  if (stated && options.timezone && stated !== options.timezone && isValidZone(stated)) {
    log.warn(lineOf(zoneNode), `the plan states time zone ${stated}; it is used instead of the requested ${options.timezone}`, stated);
  }
  const timezone = [stated, options.timezone, DEFAULT_TIMEZONE].find((z): z is string => !!z && isValidZone(z)) ?? DEFAULT_TIMEZONE;
  const ctx: ParseContext = { source: text, lines: text.split(/\r?\n/), log, timezone };

  const plan: TPlan = {
    title,
    timezone,
    overview: "",
    roles: [],
    phases: [],
    procedure: [],
    canary: { steps: [], gates: [] },
    rollback: { triggers: [], steps: [] },
    risks: [],
    monitoring: [],
    successCriteria: [],
    notes: [],
  };
  const notes: TNote[] = [];
  const preamble = doc.preamble.filter((n) => n !== zoneNode);

  // Roster first: timeline, risks and monitoring check names against it wherever it sits in the file.
  doc.sections.forEach((s, i) => {
    if (kinds[i] === "team") plan.roles.push(...parseRoster(s.nodes, s.line, ctx));
  });
  const roster = new Roster(plan.roles);
  let overviewSeen = false;
  let procedureLine: number | null = null;

  doc.sections.forEach((s, i) => {
    switch (kinds[i]) {
      case "team":
        break;
      case "overview": {
        overviewSeen = true;
        const body = blocksSource(text, s.nodes.filter((n) => n !== zoneNode));
        plan.overview = [plan.overview, body].filter(Boolean).join("\n\n");
        break;
      }
      case "timeline":
        plan.phases.push(...parseTimeline(s.nodes, s.line, ctx, roster));
        break;
      case "procedure":
        procedureLine ??= s.line;
        plan.procedure.push(...parseProcedure(s.nodes, s.title, ctx));
        break;
      case "canary":
        // A canary section of its own is one more procedure part, so it is exported with the procedure.
        procedureLine ??= s.line;
        plan.procedure.push(...parseProcedure(s.nodes, s.title, ctx).map((p) => (p.title === s.title ? p : { ...p, title: `${s.title}: ${p.title}` })));
        break;
      case "rollback": {
        const r = parseRollback(s.nodes, ctx);
        plan.rollback.triggers.push(...r.rollback.triggers);
        plan.rollback.steps.push(...r.rollback.steps);
        notes.push(...r.notes);
        break;
      }
      case "risks":
        plan.risks.push(...parseRisks(s.nodes, s.line, ctx, roster));
        break;
      case "monitoring":
        plan.monitoring.push(...parseMonitoring(s.nodes, s.line, ctx, roster));
        break;
      case "success":
        plan.successCriteria.push(...parseSuccessCriteria(s.nodes, ctx));
        break;
      default:
        notes.push({ heading: s.title, body: blocksSource(text, s.nodes) });
    }
  });

  // Text between the title and the first section is the overview when there is no Overview section.
  const preambleText = blocksSource(text, preamble);
  if (preambleText && !overviewSeen) plan.overview = preambleText;
  else if (preambleText) notes.unshift({ heading: "Preamble", body: preambleText });
  plan.notes = notes;

  if (plan.procedure.length || kinds.includes("canary")) plan.canary = deriveCanary(plan.procedure, ctx, procedureLine);

  const has = (k: SectionKind): boolean => kinds.includes(k);
  if (!has("team")) log.error(null, "the plan has no Deployment Team section (\"## Deployment Team\" with a | Role | Responsibility | Contact | table)");
  if (!has("timeline")) log.error(null, "the plan has no Timeline section (\"## Deployment Timeline\" with a phase heading and task table)");
  else if (plan.phases.length === 0) log.error(doc.sections[kinds.indexOf("timeline")].line, "the Timeline section has no phases (\"### Deployment Day (15/06/2025)\" followed by a task table)");
  const optional: [SectionKind, string][] = [
    ["procedure", "Deployment Procedure"],
    ["rollback", "Rollback Procedure"],
    ["risks", "Risk Assessment"],
    ["monitoring", "Monitoring and Alerting"],
    ["success", "Success Criteria"],
  ];
  for (const [kind, name] of optional) {
    if (!has(kind) && !(kind === "procedure" && has("canary"))) log.warn(null, `the plan has no ${name} section`);
  }

  if (log.errors.length) return { ok: false, problems: sortProblems(log.errors) };
  const checked = ZPlan.safeParse(plan);
  if (!checked.success) {
    return {
      ok: false,
      problems: checked.error.issues.map((issue) => ({ line: null, message: `internal check failed at ${issue.path.join(".")}: ${issue.message}` })),
    };
  }
  return { ok: true, plan: checked.data, warnings: sortProblems(log.warnings) };
}
