// The permission matrix (tests/audit/permission-matrix.test.ts) runs EVERY registered action as every
// product role and checks: allowed → success and an `ok` audit event; refused → 403 ActionError, no row
// changed, a `denied` audit event. It knows nothing about any one action: each area describes its
// actions here, in tests/fixtures/actions/<area>.ts, as an `ActionFixtures` object keyed by action name:
//
//   export const fixtures: ActionFixtures = {
//     "tasks.start": {
//       owningTeamRole: "Database Administrator",
//       input: async (ctx) => ({ runId: ..., taskId: await freshTaskOwnedBy(ctx, "Database Administrator") }),
//     },
//   };
//
// An action in the registry without a fixture fails the matrix, naming it — so nothing slips through.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { apiTokens, users } from "@/db/schema";
import { can, ownsTask, type Actor, type Permission, type ProductRole } from "@/lib/auth/permissions";
import { getDb, type Db } from "@/server/db/client";

/** The people the matrix tries every action as. The two engineers differ only in team role. */
export const ROLE_CASES = ["admin", "lead", "engineer_owner", "engineer_other", "stakeholder", "auditor"] as const;
export type RoleCase = (typeof ROLE_CASES)[number];

/** The team role the "engineer_other" case holds (never one a fixture names as owner). */
export const OTHER_TEAM_ROLE = "Matrix Bystander";

export type FixtureContext = {
  db: Db;
  /** Who is about to act (a real, active user row). */
  actor: Actor;
  roleCase: RoleCase;
  /** Every persona of the matrix, for fixtures that need someone else (e.g. a user to act on). */
  personas: Record<RoleCase, Actor>;
  /** A unique, readable string for names and emails, e.g. unique("user") → "user-3f9a1c". */
  unique: (prefix: string) => string;
};

export type ActionFixture = {
  /**
   * The team role that owns the action's target (a task's owner). The "engineer_owner" case then holds
   * this team role and is expected to be allowed; "engineer_other" is not. Omit for actions without
   * ownership.
   */
  owningTeamRole?: string;
  /**
   * A valid input for this actor, against the seeded database. Called once per role case, before the
   * "nothing changed" snapshot: create a fresh target each time, so one role's success doesn't turn the
   * next role's attempt into a conflict.
   */
  input: (ctx: FixtureContext) => Promise<unknown> | unknown;
  /**
   * Overrides the expectation derived from lib/auth/permissions.ts (can + ownsTask). Use only for a rule
   * that really lives elsewhere, and say why in `because`.
   */
  expect?: { allowed: (actor: Actor, roleCase: RoleCase) => boolean; because: string };
  /**
   * For an action whose permission passes but whose own precondition cannot hold in a seeded database
   * (e.g. first-run setup once users exist): the error code an allowed actor gets instead of success.
   * The matrix then checks it is not `forbidden`, nothing changed and no `denied` event was written.
   */
  whenAllowed?: { code: "invalid" | "not_found" | "conflict"; because: string };
  /** Tables a refused attempt may still touch legitimately (e.g. a throttle counter). */
  ignoreTables?: string[];
  /** Runs after a successful call: check the change really happened. */
  verify?: (ctx: FixtureContext & { output: unknown }) => Promise<void> | void;
};

export type ActionFixtures = Record<string, ActionFixture>;

/** What the permission table says: permission, then ownership when the action has an owning team role. */
export function expectedAllowed(actor: Actor, permission: Permission, fixture: Pick<ActionFixture, "owningTeamRole">): boolean {
  if (!can(actor, permission)) return false;
  return fixture.owningTeamRole ? ownsTask(actor, fixture.owningTeamRole) : true;
}

export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString("hex")}`;
}

/** Inserts an active user and returns it as an actor. */
export async function seedUser(fields: { name?: string; email?: string; productRole: ProductRole; teamRoles?: string[] }): Promise<Actor> {
  const name = fields.name ?? unique(fields.productRole);
  const [row] = await getDb()
    .insert(users)
    .values({ email: fields.email ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}.${randomBytes(2).toString("hex")}@matrix.test`, name, productRole: fields.productRole, teamRoles: fields.teamRoles ?? [] })
    .returning();
  return { kind: "user", id: row.id, name: row.name, productRole: fields.productRole, teamRoles: row.teamRoles };
}

/** A personal API token for a user (as tokens.create would make it): its id and the secret to send. */
export async function seedApiToken(userId: string): Promise<{ id: string; token: string }> {
  const token = `fd_${randomBytes(32).toString("base64url")}`;
  const [row] = await getDb()
    .insert(apiTokens)
    .values({ userId, name: unique("matrix"), prefix: token.slice(0, 10), tokenHash: createHash("sha256").update(token).digest("hex") })
    .returning();
  return { id: row.id, token };
}

/** One user per role case; the owning engineer holds `owningTeamRole` (set per fixture with withTeamRole). */
export async function seedPersonas(): Promise<Record<RoleCase, Actor>> {
  return {
    admin: await seedUser({ name: "Matrix Admin", productRole: "admin" }),
    lead: await seedUser({ name: "Matrix Lead", productRole: "lead", teamRoles: ["Deployment Lead"] }),
    engineer_owner: await seedUser({ name: "Matrix Engineer Owner", productRole: "engineer", teamRoles: [] }),
    engineer_other: await seedUser({ name: "Matrix Engineer Other", productRole: "engineer", teamRoles: [OTHER_TEAM_ROLE] }),
    stakeholder: await seedUser({ name: "Matrix Stakeholder", productRole: "stakeholder" }),
    auditor: await seedUser({ name: "Matrix Auditor", productRole: "auditor" }),
  };
}

export function fixtureContext(actor: Actor, roleCase: RoleCase, personas: Record<RoleCase, Actor>): FixtureContext {
  return { db: getDb(), actor, roleCase, personas, unique };
}

export const testRequestId = () => randomUUID();
