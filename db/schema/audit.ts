// The tamper-evident run log. Rows are append-only (a trigger in the migration refuses UPDATE and
// DELETE); each row's hash covers the previous row's hash, so an edit, deletion or insertion breaks the
// chain at that sequence number.
import { pgTable, uuid, text, timestamp, jsonb, bigint, integer, index } from "drizzle-orm/pg-core";

export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    id: uuid("id").notNull().defaultRandom().unique(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    actorRole: text("actor_role").notNull(),
    actorTeamRoles: jsonb("actor_team_roles").$type<string[]>().notNull().default([]),
    action: text("action").notNull(),
    /** "ok" for an applied change, "denied" for a refused attempt. */
    outcome: text("outcome").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    targetLabel: text("target_label"),
    runId: uuid("run_id"),
    planId: uuid("plan_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_actor_idx").on(t.actorId, t.seq),
    index("audit_events_action_idx").on(t.action, t.seq),
    index("audit_events_run_idx").on(t.runId, t.seq),
    index("audit_events_target_idx").on(t.targetType, t.targetId, t.seq),
    index("audit_events_time_idx").on(t.occurredAt),
  ],
);

/** One row: the chain's head. Appending locks it, so sequence numbers and hashes never interleave. */
export const auditChainHead = pgTable("audit_chain_head", {
  id: integer("id").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
});
