// The imported plan, normalized: each section of a plan document is a table of its own, so runs,
// analysis and reports can query it. A plan has versions; a re-import of the same title adds a version.
import { pgTable, uuid, text, integer, timestamp, jsonb, doublePrecision, date, uniqueIndex, index, boolean } from "drizzle-orm/pg-core";

export const plans = pgTable("plans", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const planVersions = pgTable(
  "plan_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id").notNull().references(() => plans.id),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    timezone: text("timezone").notNull(),
    overview: text("overview").notNull().default(""),
    sourceMarkdown: text("source_markdown").notNull(),
    sourceSha256: text("source_sha256").notNull(),
    importedBy: uuid("imported_by"),
    /** Who imported it as shown in the UI; system actors (seed, CLI) have no user id. */
    importedByName: text("imported_by_name").notNull().default(""),
    /** Parser warnings at import time, kept so the plan page can show them. */
    warnings: jsonb("warnings").$type<{ line: number | null; message: string; text?: string }[]>().notNull().default([]),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("plan_versions_plan_version_uq").on(t.planId, t.version)],
);

const planVersionRef = () => uuid("plan_version_id").notNull().references(() => planVersions.id, { onDelete: "cascade" });

export const planRoles = pgTable("plan_roles", {
  id: uuid("id").primaryKey().defaultRandom(),
  planVersionId: planVersionRef(),
  position: integer("position").notNull(),
  name: text("name").notNull(),
  responsibility: text("responsibility").notNull().default(""),
  contact: text("contact").notNull().default(""),
  extra: jsonb("extra").$type<Record<string, string>>().notNull().default({}),
});

export const planPhases = pgTable("plan_phases", {
  id: uuid("id").primaryKey().defaultRandom(),
  planVersionId: planVersionRef(),
  position: integer("position").notNull(),
  name: text("name").notNull(),
  startsOn: date("starts_on"),
  endsOn: date("ends_on"),
});

export const planTasks = pgTable(
  "plan_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planVersionId: planVersionRef(),
    phaseId: uuid("phase_id").notNull().references(() => planPhases.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** A stable key within the plan version ("p2-t3"), used by dependencies and actions. */
    key: text("key").notNull(),
    title: text("title").notNull(),
    owner: text("owner").notNull(),
    status: text("status").notNull(),
    plannedStart: timestamp("planned_start", { withTimezone: true }).notNull(),
    plannedEnd: timestamp("planned_end", { withTimezone: true }).notNull(),
    /** The plan gave dates only: the window spans whole local days. */
    allDay: boolean("all_day").notNull().default(false),
    /** Keys of tasks that must finish first. */
    dependsOn: jsonb("depends_on").$type<string[]>().notNull().default([]),
    /** What the task does when run (command, http, gate…); null for a plain task. */
    action: jsonb("action"),
    extra: jsonb("extra").$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [index("plan_tasks_version_idx").on(t.planVersionId), uniqueIndex("plan_tasks_key_uq").on(t.planVersionId, t.key)],
);

export const planProcedureSections = pgTable("plan_procedure_sections", {
  id: uuid("id").primaryKey().defaultRandom(),
  planVersionId: planVersionRef(),
  position: integer("position").notNull(),
  title: text("title").notNull(),
});

export const planProcedureSteps = pgTable("plan_procedure_steps", {
  id: uuid("id").primaryKey().defaultRandom(),
  planVersionId: planVersionRef(),
  sectionId: uuid("section_id").notNull().references(() => planProcedureSections.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  title: text("title").notNull(),
  commands: jsonb("commands").$type<string[]>().notNull().default([]),
  checklist: jsonb("checklist").$type<string[]>().notNull().default([]),
});

export const planCanarySteps = pgTable("plan_canary_steps", {
  id: uuid("id").primaryKey().defaultRandom(),
  planVersionId: planVersionRef(),
  position: integer("position").notNull(),
  percent: integer("percent").notNull(),
});

export const planHealthGates = pgTable("plan_health_gates", {
  id: uuid("id").primaryKey().defaultRandom(),
  planVersionId: planVersionRef(),
  position: integer("position").notNull(),
  text: text("text").notNull(),
  metric: text("metric").notNull(),
  operator: text("operator").notNull(),
  threshold: doublePrecision("threshold").notNull(),
  unit: text("unit").notNull().default(""),
});

export const planRollbackTriggers = pgTable("plan_rollback_triggers", {
  id: uuid("id").primaryKey().defaultRandom(),
  planVersionId: planVersionRef(),
  position: integer("position").notNull(),
  text: text("text").notNull(),
  metric: text("metric"),
  operator: text("operator"),
  threshold: doublePrecision("threshold"),
  unit: text("unit"),
  /** Sustained window in minutes; fractional when the plan says seconds ("for 30 seconds" → 0.5). */
  forMinutes: doublePrecision("for_minutes"),
});

export const planRollbackSteps = pgTable("plan_rollback_steps", {
  id: uuid("id").primaryKey().defaultRandom(),
  planVersionId: planVersionRef(),
  position: integer("position").notNull(),
  title: text("title").notNull(),
  commands: jsonb("commands").$type<string[]>().notNull().default([]),
  checklist: jsonb("checklist").$type<string[]>().notNull().default([]),
});

export const planRisks = pgTable("plan_risks", {
  id: uuid("id").primaryKey().defaultRandom(),
  planVersionId: planVersionRef(),
  position: integer("position").notNull(),
  risk: text("risk").notNull(),
  probability: text("probability").notNull(),
  impact: text("impact").notNull(),
  mitigation: text("mitigation").notNull().default(""),
  owner: text("owner").notNull(),
  status: text("status").notNull().default("open"),
  extra: jsonb("extra").$type<Record<string, string>>().notNull().default({}),
});

export const planMonitoringRules = pgTable("plan_monitoring_rules", {
  id: uuid("id").primaryKey().defaultRandom(),
  planVersionId: planVersionRef(),
  position: integer("position").notNull(),
  metric: text("metric").notNull(),
  /** The metric as written ("Error Rate"); `metric` is its snake_case key. */
  label: text("label").notNull().default(""),
  tool: text("tool").notNull(),
  threshold: text("threshold").notNull(),
  operator: text("operator"),
  thresholdValue: doublePrecision("threshold_value"),
  unit: text("unit"),
  alertTo: jsonb("alert_to").$type<string[]>().notNull().default([]),
  response: text("response").notNull().default(""),
  extra: jsonb("extra").$type<Record<string, string>>().notNull().default({}),
});

export const planSuccessCriteria = pgTable("plan_success_criteria", {
  id: uuid("id").primaryKey().defaultRandom(),
  planVersionId: planVersionRef(),
  position: integer("position").notNull(),
  category: text("category").notNull(),
  text: text("text").notNull(),
  /** Measurable form where the text states one ("Error rate is below 0.5%"). */
  measurable: jsonb("measurable"),
});

/** Sections the importer did not recognise are kept verbatim, never dropped. */
export const planNotes = pgTable("plan_notes", {
  id: uuid("id").primaryKey().defaultRandom(),
  planVersionId: planVersionRef(),
  position: integer("position").notNull(),
  heading: text("heading").notNull(),
  body: text("body").notNull(),
});
