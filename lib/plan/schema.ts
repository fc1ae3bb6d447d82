import { z } from "zod";

/**
 * The parsed form of a deployment plan. Everything the Markdown says is kept somewhere in here, so that
 * `exportPlan` can write it back and `parsePlan(exportPlan(plan))` gives the same object again.
 * Instants are ISO 8601 strings WITH an offset, formatted in the plan's time zone, so a reader sees the
 * wall-clock time the plan's author meant and still has an unambiguous instant.
 */

export const ZOperator = z.enum(["<", "<=", ">", ">="]);
export type TOperator = z.infer<typeof ZOperator>;

/** snake_case metric key, e.g. "error_rate"; shared by gates, triggers, monitoring and criteria so they can be joined. */
export const ZMetricKey = z.string().regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, "metric keys are snake_case");

const ZIsoDate = z.iso.date();
const ZIsoInstant = z.iso.datetime({ offset: true, local: false });
/** Cells of columns the parser does not know, keyed by the header text as written. */
const ZExtra = z.record(z.string(), z.string());

export const ZRole = z.object({
  name: z.string().min(1),
  responsibility: z.string(),
  contact: z.string(),
  extra: ZExtra.default({}),
});
export type TRole = z.infer<typeof ZRole>;

export const ZTask = z.object({
  /** Stable key "p<phase>-t<task>", both 1-based, in plan order. */
  key: z.string().regex(/^p\d+-t\d+$/),
  title: z.string().min(1),
  /** A roster role name, or the collective TEAM_OWNER ("Deployment Team"). */
  owner: z.string().min(1),
  status: z.string(),
  start: ZIsoInstant,
  end: ZIsoInstant,
  /** True when the table gave dates only: start is 00:00 of the first day, end 00:00 of the day after the last. */
  allDay: z.boolean(),
  /** Keys of tasks this one waits for. */
  dependsOn: z.array(z.string()).default([]),
  extra: ZExtra.default({}),
});
export type TTask = z.infer<typeof ZTask>;

export const ZPhase = z.object({
  name: z.string().min(1),
  /** Local calendar dates (YYYY-MM-DD) from the phase heading; both null when the heading gives none. */
  startsOn: ZIsoDate.nullable(),
  endsOn: ZIsoDate.nullable(),
  tasks: z.array(ZTask),
});
export type TPhase = z.infer<typeof ZPhase>;

export const ZStep = z.object({
  title: z.string(),
  /** One entry per non-blank line of the step's code block(s). */
  commands: z.array(z.string()).default([]),
  /** The step's bullet items. */
  checklist: z.array(z.string()).default([]),
});
export type TStep = z.infer<typeof ZStep>;

export const ZProcedureSection = z.object({
  title: z.string().min(1),
  steps: z.array(ZStep),
});
export type TProcedureSection = z.infer<typeof ZProcedureSection>;

export const ZMeasurable = z.object({
  metric: ZMetricKey,
  operator: ZOperator,
  threshold: z.number(),
  /** As written after the number: "%", "ms", "/5.0"; "" when none. */
  unit: z.string(),
});
export type TMeasurable = z.infer<typeof ZMeasurable>;

export const ZGate = ZMeasurable.extend({ text: z.string().min(1) });
export type TGate = z.infer<typeof ZGate>;

export const ZCanary = z.object({
  /** Traffic percentages in order, e.g. [5, 10, 25, 50, 100]. */
  steps: z.array(z.number().int().min(0).max(100)),
  /** Health conditions that must hold at every step ("Error rate < 1%"). */
  gates: z.array(ZGate),
});
export type TCanary = z.infer<typeof ZCanary>;

export const ZTrigger = z.object({
  text: z.string().min(1),
  /** The measurable fields are all null for triggers a person must judge ("Security incident"). */
  metric: ZMetricKey.nullable(),
  operator: ZOperator.nullable(),
  threshold: z.number().nullable(),
  unit: z.string().nullable(),
  /** Sustained window: "for 5 minutes" → 5; null when the trigger fires at once. */
  forMinutes: z.number().nullable(),
});
export type TTrigger = z.infer<typeof ZTrigger>;

export const ZRollback = z.object({
  triggers: z.array(ZTrigger),
  steps: z.array(ZStep),
});
export type TRollback = z.infer<typeof ZRollback>;

export const ZRisk = z.object({
  risk: z.string().min(1),
  probability: z.string(),
  impact: z.string(),
  mitigation: z.string(),
  owner: z.string().min(1),
  extra: ZExtra.default({}),
});
export type TRisk = z.infer<typeof ZRisk>;

export const ZMonitoringRule = z.object({
  /** snake_case key of the metric ("error_rate"). */
  metric: ZMetricKey,
  /** The metric as written in the table ("Error Rate"). */
  label: z.string().min(1),
  tool: z.string(),
  /** Raw threshold text ("< 90% of normal"); the parsed parts below are null when it is not "op number unit". */
  threshold: z.string(),
  operator: ZOperator.nullable(),
  thresholdValue: z.number().nullable(),
  unit: z.string().nullable(),
  /** Roster role names where the alias was unambiguous ("DevOps" → "DevOps Engineer"), else as written. */
  alertTo: z.array(z.string()),
  response: z.string(),
  extra: ZExtra.default({}),
});
export type TMonitoringRule = z.infer<typeof ZMonitoringRule>;

export const ZSuccessCriterion = z.object({
  category: z.string().min(1),
  text: z.string().min(1),
  measurable: ZMeasurable.nullable(),
});
export type TSuccessCriterion = z.infer<typeof ZSuccessCriterion>;

export const ZNote = z.object({
  heading: z.string(),
  /** Markdown of the section as written, so nothing a parser does not understand is lost. */
  body: z.string(),
});
export type TNote = z.infer<typeof ZNote>;

export const ZPlan = z.object({
  title: z.string().min(1),
  /** IANA zone the plan's local dates and times are in. */
  timezone: z.string().min(1),
  overview: z.string(),
  roles: z.array(ZRole).min(1),
  phases: z.array(ZPhase).min(1),
  procedure: z.array(ZProcedureSection),
  canary: ZCanary,
  rollback: ZRollback,
  risks: z.array(ZRisk),
  monitoring: z.array(ZMonitoringRule),
  successCriteria: z.array(ZSuccessCriterion),
  notes: z.array(ZNote),
});
export type TPlan = z.infer<typeof ZPlan>;
/** What a caller may hand to ZPlan.parse (defaults not yet applied). */
export type TPlanInput = z.input<typeof ZPlan>;

/** A problem found in a plan source; `line` is 1-based, null when it concerns the whole file. */
export type PlanProblem = { line: number | null; message: string; text?: string };

/** The owner that stands for the whole roster. */
export const TEAM_OWNER = "Deployment Team";
