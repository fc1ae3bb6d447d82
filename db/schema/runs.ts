// A run is a live execution of one plan version. It copies the plan's tasks into task states it owns,
// so later plan edits never rewrite a run in progress.
import { sql } from "drizzle-orm";
import { pgTable, uuid, text, timestamp, boolean, jsonb, integer, bigint, doublePrecision, index, uniqueIndex } from "drizzle-orm/pg-core";
import { planVersions } from "./plans";

export const runs = pgTable("runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  planVersionId: uuid("plan_version_id").notNull().references(() => planVersions.id),
  title: text("title").notNull(),
  state: text("state").notNull(),
  scheduledStart: timestamp("scheduled_start", { withTimezone: true }),
  windowStart: timestamp("window_start", { withTimezone: true }),
  windowEnd: timestamp("window_end", { withTimezone: true }),
  statusPublic: boolean("status_public").notNull().default(false),
  maintenanceNotice: boolean("maintenance_notice").notNull().default(false),
  startedAt: timestamp("started_at", { withTimezone: true }),
  endedAt: timestamp("ended_at", { withTimezone: true }),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  version: integer("version").notNull().default(1),
  /** The plan's IANA time zone, copied so the control room shows the plan's wall clock without a join. */
  timezone: text("timezone").notNull().default("UTC"),
  /** Who changed the run last, for "changed by X just now" when a version check fails. */
  updatedByName: text("updated_by_name"),
  updatedAt: timestamp("updated_at", { withTimezone: true }),
});

export const taskStates = pgTable(
  "task_states",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id").notNull().references(() => runs.id, { onDelete: "cascade" }),
    planTaskId: uuid("plan_task_id"),
    key: text("key").notNull(),
    phaseName: text("phase_name").notNull(),
    phasePosition: integer("phase_position").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    ownerRole: text("owner_role").notNull(),
    status: text("status").notNull(),
    assigneeId: uuid("assignee_id"),
    /** The assignee's display name, kept with the id so lists and events need no join. */
    assigneeName: text("assignee_name"),
    plannedStart: timestamp("planned_start", { withTimezone: true }).notNull(),
    plannedEnd: timestamp("planned_end", { withTimezone: true }).notNull(),
    actualStart: timestamp("actual_start", { withTimezone: true }),
    actualEnd: timestamp("actual_end", { withTimezone: true }),
    dependsOn: jsonb("depends_on").$type<string[]>().notNull().default([]),
    action: jsonb("action"),
    /** Ticked checklist items for manual actions. */
    checklistDone: jsonb("checklist_done").$type<number[]>().notNull().default([]),
    note: text("note"),
    reason: text("reason"),
    version: integer("version").notNull().default(1),
    /** Notes in order ({at, by, text}); `note` keeps the latest for lists. */
    notes: jsonb("notes").$type<Array<{ at: string; by: string; text: string }>>().notNull().default([]),
    /** Set when the lead lets the task start before its predecessors finish. */
    overrideReason: text("override_reason"),
    overrideBy: text("override_by"),
    /** Who changed the task last, for "changed by X just now" when a version check fails. */
    updatedByName: text("updated_by_name"),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
  },
  (t) => [index("task_states_run_idx").on(t.runId), uniqueIndex("task_states_run_key_uq").on(t.runId, t.key)],
);

export const statusUpdates = pgTable("status_updates", {
  id: uuid("id").primaryKey().defaultRandom(),
  runId: uuid("run_id").notNull().references(() => runs.id, { onDelete: "cascade" }),
  bodyMarkdown: text("body_markdown").notNull(),
  authorId: uuid("author_id"),
  authorName: text("author_name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const stepExecutions = pgTable(
  "step_executions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id").notNull().references(() => runs.id, { onDelete: "cascade" }),
    taskStateId: uuid("task_state_id").notNull().references(() => taskStates.id, { onDelete: "cascade" }),
    /** queued | running | succeeded | failed | cancelled | timed_out | interrupted */
    status: text("status").notNull(),
    kind: text("kind").notNull(),
    spec: jsonb("spec").notNull(),
    exitCode: integer("exit_code"),
    output: text("output").notNull().default(""),
    outputTruncated: boolean("output_truncated").notNull().default(false),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    workerId: text("worker_id"),
    jobId: text("job_id"),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    version: integer("version").notNull().default(1),
    // Runner bookkeeping (step runner, issue 5). The worker holding an execution beats `heartbeatAt`; a
    // stale beat means its process died and the execution is marked interrupted, never re-run.
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    /** Process group of the running command, so a cancel or a recovery can end its children too. */
    pid: integer("pid"),
    /** Index of the argv step running now (a command action may hold several). */
    currentStep: integer("current_step"),
    /** Why the runner could not finish normally (spawn error, timeout, cancel, worker died). */
    error: text("error"),
    cancelRequestedBy: text("cancel_requested_by"),
    cancelRequestedAt: timestamp("cancel_requested_at", { withTimezone: true }),
    /** How a lead resolved an interrupted execution: retried | marked_done | marked_failed. */
    resolution: text("resolution"),
    resolutionReason: text("resolution_reason"),
    resolvedBy: text("resolved_by"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** The execution this one retries. */
    retryOf: uuid("retry_of"),
  },
  (t) => [
    index("step_executions_task_idx").on(t.taskStateId),
    // At most one live execution per task, whatever races the API and workers get into.
    uniqueIndex("step_executions_one_live_uq").on(t.taskStateId).where(sql`status in ('queued', 'running')`),
    index("step_executions_status_idx").on(t.status),
  ],
);

export const metricSamples = pgTable(
  "metric_samples",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid("run_id").notNull().references(() => runs.id, { onDelete: "cascade" }),
    metric: text("metric").notNull(),
    variant: text("variant").notNull().default("canary"),
    value: doublePrecision("value").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("metric_samples_run_metric_idx").on(t.runId, t.metric, t.at)],
);

/** Remembers the answer to a request that carried an Idempotency-Key, so a retry gets the same answer. */
export const idempotencyKeys = pgTable("idempotency_keys", {
  key: text("key").primaryKey(),
  actorId: text("actor_id").notNull(),
  status: integer("status").notNull(),
  response: jsonb("response").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
