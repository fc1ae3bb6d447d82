// Two processes starting on one empty database at the same moment import the seed plan exactly once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { getDb } from "@/server/db/client";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { tableCounts } from "./helpers";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("fd_plans_seed");
});
afterAll(async () => {
  await db.drop();
});

it("imports the seed once when two processes start together", async () => {
  const worker = () =>
    run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.node.json", "tests/plans/seed-worker.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: "warn" },
    });
  const outputs = await Promise.all([worker(), worker(), worker()]);
  const outcomes = outputs.map((o) => JSON.parse(o.stdout) as { imported: boolean });
  expect(outcomes.filter((o) => o.imported)).toHaveLength(1);
  expect(await tableCounts()).toMatchObject({ plans: 1, plan_versions: 1, plan_roles: 6, plan_tasks: 22, plan_risks: 8, "audit:ok": 1, "audit:denied": 0 });
  const { rows } = await getDb().execute<{ actor_id: string; action: string }>(sql`select actor_id, action from audit_events`);
  expect(rows).toEqual([{ actor_id: "system:seed", action: "plans.import" }]);
}, 60_000);
