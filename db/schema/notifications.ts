// In-app notifications: what a task's notify action (or, later, an alert) sends to roles. Addressed to
// role names — team roles from the roster, product roles, or everyone — not to people, so someone who
// takes on a role later still sees what was sent to it. Each reader's acknowledgement is its own row.
import { pgTable, uuid, text, timestamp, jsonb, primaryKey, index } from "drizzle-orm/pg-core";
import { runs } from "./runs";
import { users } from "./identity";

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id").references(() => runs.id, { onDelete: "cascade" }),
    taskId: uuid("task_id"),
    /** Team or product role names; empty means everyone. */
    roles: jsonb("roles").$type<string[]>().notNull().default([]),
    message: text("message").notNull(),
    fromName: text("from_name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_created_idx").on(t.createdAt), index("notifications_run_idx").on(t.runId)],
);

export const notificationReceipts = pgTable(
  "notification_receipts",
  {
    notificationId: uuid("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ackedAt: timestamp("acked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);
