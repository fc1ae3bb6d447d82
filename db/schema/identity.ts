// People and credentials. Product role decides what a user may do; team roles (names from a plan's
// roster, e.g. "Database Administrator") decide which tasks an engineer owns.
import { pgTable, uuid, text, timestamp, boolean, jsonb, integer, index } from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** bcrypt hash; null for accounts that only sign in through OIDC. */
  passwordHash: text("password_hash"),
  productRole: text("product_role").notNull(),
  teamRoles: jsonb("team_roles").$type<string[]>().notNull().default([]),
  active: boolean("active").notNull().default(true),
  oidcSubject: text("oidc_subject").unique(),
  isDemo: boolean("is_demo").notNull().default(false),
  version: integer("version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    name: text("name").notNull(),
    /** The first characters, shown in lists so people can tell tokens apart. */
    prefix: text("prefix").notNull(),
    /** sha256 of the whole token; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/** Failed sign-in counters, per account and per IP, shared by every app process. */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull().defaultNow(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
});

/** Instance-wide settings (e.g. the generated auth secret, demo mode). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
});
