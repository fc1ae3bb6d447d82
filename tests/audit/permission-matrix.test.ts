// Every registered action × every product role, from the permission table: allowed → it succeeds and an
// `ok` event is on the record; refused → 403 ActionError, no row changed, a `denied` event on the record.
// Each area describes its actions in tests/fixtures/actions/<area>.ts (see tests/helpers/action-fixtures.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, gt, asc } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import { allActions } from "@/server/actions/registry";
import { executeAction } from "@/server/actions/pipeline";
import { isActionError } from "@/server/actions/errors";
import { getDb, getPool } from "@/server/db/client";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import {
  expectedAllowed,
  fixtureContext,
  ROLE_CASES,
  seedPersonas,
  testRequestId,
  type ActionFixture,
  type ActionFixtures,
  type RoleCase,
} from "@/tests/helpers/action-fixtures";
import type { Actor } from "@/lib/auth/permissions";

const modules = import.meta.glob<{ fixtures: ActionFixtures }>("../fixtures/actions/*.ts", { eager: true });
const fixtures: ActionFixtures = {};
const duplicates: string[] = [];
for (const [file, module] of Object.entries(modules)) {
  for (const [name, fixture] of Object.entries(module.fixtures ?? {})) {
    if (fixtures[name]) duplicates.push(`${name} (again in ${file})`);
    fixtures[name] = fixture;
  }
}

const registered = Object.entries(allActions) as Array<[string, (typeof allActions)[keyof typeof allActions]]>;

/** Tables whose rows the matrix compares before and after a refused attempt. */
const NOT_STATE = new Set(["audit_events", "audit_chain_head", "idempotency_keys", "__drizzle_migrations"]);

async function tableDigests(ignore: string[] = []): Promise<Record<string, string>> {
  const tables = await getPool().query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const out: Record<string, string> = {};
  for (const { table_name: table } of tables.rows) {
    if (NOT_STATE.has(table) || ignore.includes(table)) continue;
    const result = await getPool().query<{ digest: string; n: number }>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest, count(*)::int AS n FROM "${table}" t`);
    out[table] = `${result.rows[0].n}:${result.rows[0].digest}`;
  }
  return out;
}

async function headSeq(): Promise<number> {
  const result = await getPool().query<{ seq: string }>("SELECT seq FROM audit_chain_head WHERE id = 1");
  return Number(result.rows[0].seq);
}

async function eventsAfter(seq: number) {
  return getDb().select().from(auditEvents).where(gt(auditEvents.seq, seq)).orderBy(asc(auditEvents.seq));
}

let database: TestDatabase;
let personas: Record<RoleCase, Actor>;

/** The owning engineer holds exactly the fixture's owning team role (in the database and the actor). */
async function actorFor(roleCase: RoleCase, fixture: ActionFixture): Promise<Actor> {
  const base = personas[roleCase];
  if (roleCase !== "engineer_owner") return base;
  const teamRoles = [fixture.owningTeamRole ?? "Database Administrator"];
  await getDb().update(users).set({ teamRoles }).where(eq(users.id, base.id));
  return { ...base, teamRoles };
}

describe("permission matrix: every action × every role", () => {
  beforeAll(async () => {
    database = await createTestDatabase("fd_matrix");
    personas = await seedPersonas();
  });
  afterAll(async () => database?.drop());

  it("every registered action has a fixture (tests/fixtures/actions/<area>.ts)", () => {
    const missing = registered.map(([name]) => name).filter((name) => !fixtures[name]);
    expect(missing, `actions without a permission-matrix fixture: ${missing.join(", ")}`).toEqual([]);
  });

  it("every fixture names a registered action, once", () => {
    const stale = Object.keys(fixtures).filter((name) => !(name in allActions));
    expect(stale, "fixtures for actions that are not in server/actions/registry.ts").toEqual([]);
    expect(duplicates).toEqual([]);
  });

  for (const [name, definition] of registered) {
    const fixture = fixtures[name];
    if (!fixture) continue; // reported above, by name
    describe(name, () => {
      it.each(ROLE_CASES)(`as %s`, async (roleCase) => {
        const actor = await actorFor(roleCase, fixture);
        const ctx = fixtureContext(actor, roleCase, personas);
        const input = await fixture.input(ctx);
        const allowed = fixture.expect ? fixture.expect.allowed(actor, roleCase) : expectedAllowed(actor, definition.permission, fixture);
        const before = await tableDigests(fixture.ignoreTables);
        const head = await headSeq();
        const meta = { ip: "198.51.100.23", userAgent: "permission-matrix", requestId: testRequestId() };

        let output: unknown;
        let error: unknown;
        try {
          output = await executeAction(definition as never, input, { actor, meta });
        } catch (caught) {
          error = caught;
        }
        const events = await eventsAfter(head);
        const mine = events.filter((e) => e.actorId === actor.id);

        if (allowed && fixture.whenAllowed) {
          expect(error, `${roleCase} passes the permission check of ${name}, then: ${fixture.whenAllowed.because}`).toMatchObject({ code: fixture.whenAllowed.code });
          expect(events.filter((e) => e.outcome === "denied")).toEqual([]);
          expect(await tableDigests(fixture.ignoreTables)).toEqual(before);
        } else if (allowed) {
          expect(error, `${roleCase} should be allowed to ${name}: ${(error as Error)?.message}`).toBeUndefined();
          expect(mine.some((e) => e.action === name && e.outcome === "ok")).toBe(true);
          expect(mine.filter((e) => e.outcome === "denied")).toEqual([]);
          expect(mine.every((e) => e.requestId === meta.requestId && e.ip === meta.ip)).toBe(true);
          await fixture.verify?.({ ...ctx, output });
        } else {
          expect(error, `${roleCase} should be refused ${name}`).toBeDefined();
          expect(isActionError(error), `${name} as ${roleCase} threw ${String(error)}`).toBe(true);
          expect(error).toMatchObject({ code: "forbidden", status: 403 });
          expect(await tableDigests(fixture.ignoreTables)).toEqual(before);
          expect(events.filter((e) => e.outcome === "ok")).toEqual([]);
          const denied = mine.filter((e) => e.outcome === "denied");
          expect(denied.map((e) => e.action)).toEqual([name]);
          expect(denied[0]).toMatchObject({ actorRole: actor.productRole, ip: meta.ip, userAgent: "permission-matrix", requestId: meta.requestId });
          expect(denied[0].reason).toBeTruthy();
        }
      });
    });
  }
});
