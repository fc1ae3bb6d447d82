import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { asSuperuser, createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { getDb } from "@/server/db/client";
import { appendAuditEvent } from "./append";
import { verifyAuditChain } from "./verify";
import type { Actor } from "@/lib/auth/permissions";

const actor: Actor = { kind: "user", id: "00000000-0000-0000-0000-000000000001", name: "Lee Lead", productRole: "lead", teamRoles: ["Deployment Lead"] };
let database: TestDatabase;

async function appendMany(n: number) {
  for (let i = 0; i < n; i++) {
    await getDb().transaction((tx) => appendAuditEvent(tx, { actor, action: "tasks.complete", target: { type: "task", id: `t${i}`, label: `Task ${i}` }, after: { status: "completed", i } }));
  }
}

describe("audit hash chain on PostgreSQL", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  it("reports an intact chain with its count", async () => {
    await appendMany(6);
    expect(await verifyAuditChain()).toEqual({ intact: true, count: 6 });
  });

  it("the database refuses UPDATE and DELETE on events", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await expect(client.query("UPDATE audit_events SET reason = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
      await expect(client.query("DELETE FROM audit_events WHERE seq = 1")).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
    expect((await verifyAuditChain()).intact).toBe(true);
  });

  it("an edited event breaks the chain at its sequence number", async () => {
    await asSuperuser(database.url, (c) => c.query("UPDATE audit_events SET target_label = 'Task forged' WHERE seq = 3"));
    expect(await verifyAuditChain()).toMatchObject({ intact: false, firstBreak: { seq: 3, reason: "edited" } });
    await asSuperuser(database.url, (c) => c.query("UPDATE audit_events SET target_label = 'Task 2' WHERE seq = 3"));
    expect((await verifyAuditChain()).intact).toBe(true);
  });

  it("a deleted event breaks the chain where it was", async () => {
    const saved = await asSuperuser(database.url, (c) => c.query("SELECT * FROM audit_events WHERE seq = 4"));
    await asSuperuser(database.url, (c) => c.query("DELETE FROM audit_events WHERE seq = 4"));
    expect(await verifyAuditChain()).toMatchObject({ intact: false, firstBreak: { seq: 4 } });
    const row = saved.rows[0];
    await asSuperuser(database.url, (c) =>
      c.query(`INSERT INTO audit_events SELECT * FROM json_populate_record(null::audit_events, $1)`, [JSON.stringify(row)]),
    );
    expect((await verifyAuditChain()).intact).toBe(true);
  });

  it("an inserted event breaks the chain where it was put", async () => {
    await asSuperuser(database.url, async (c) => {
      await c.query("UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 5");
      await c.query("UPDATE audit_events SET seq = seq - 999 WHERE seq >= 1005");
      await c.query(
        `INSERT INTO audit_events (seq, id, occurred_at, actor_name, actor_role, action, outcome, prev_hash, hash)
         SELECT 5, gen_random_uuid(), now(), 'Mallory', 'admin', 'runs.rollback', 'ok', hash, repeat('f', 64) FROM audit_events WHERE seq = 4`,
      );
    });
    const result = await verifyAuditChain();
    expect(result).toMatchObject({ intact: false, firstBreak: { seq: 5 } });
  });

  it("a cut-off tail is caught by the chain head", async () => {
    const other = await createTestDatabase();
    try {
      database = other;
      await appendMany(3);
      await asSuperuser(database.url, (c) => c.query("DELETE FROM audit_events WHERE seq = 3"));
      expect(await verifyAuditChain()).toMatchObject({ intact: false, firstBreak: { seq: 3 } });
    } finally {
      await other.drop();
    }
  });
});
