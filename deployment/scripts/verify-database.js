#!/usr/bin/env node
// Verifies the migration: every migration file is recorded in schema_migrations, the new column exists
// and is filled, and the learner data that existed before (count and content of the old columns) is
// unchanged compared with the fingerprint run-migrations.js took before migrating.
//
// Usage: verify-database.js     Exit: 0 verified; 1 a check failed; 3 DB unavailable.
import fs from "node:fs";
import { connectDatabase, fail, log, runScript, sandboxContext, usage } from "./lib/common.js";
import { fingerprintFile, learnersFingerprint, migrationFiles } from "./lib/migrations.js";

// What release 2.0.0's migrations must have produced.
const EXPECTED_COLUMNS = [{ table: "learners", column: "support_plan_status" }];

runScript("verify-database", async () => {
  if (process.argv.length > 2) throw usage("usage: verify-database.js (no arguments)");
  const ctx = sandboxContext({ needRouter: false });
  const client = await connectDatabase(ctx);
  const problems = [];
  const check = (ok, okText, problem) => {
    log(`${ok ? "  ✔" : "  ✖"} ${ok ? okText : problem}`);
    if (!ok) problems.push(problem);
  };
  try {
    const { rows } = await client.query("SELECT version FROM schema_migrations ORDER BY version");
    const recorded = new Set(rows.map((r) => r.version));
    const missing = migrationFiles().filter((m) => !recorded.has(m.version)).map((m) => m.version);
    check(missing.length === 0, `all migrations recorded (${[...recorded].join(", ")})`, `migration(s) not applied: ${missing.join(", ")}`);

    for (const { table, column } of EXPECTED_COLUMNS) {
      const r = await client.query("SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2", [table, column]);
      check(r.rowCount === 1, `column ${table}.${column} exists`, `column ${table}.${column} is missing`);
      if (r.rowCount === 1) {
        const nulls = await client.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} IS NULL`);
        check(nulls.rows[0].n === 0, `${table}.${column} has no NULLs`, `${table}.${column} has ${nulls.rows[0].n} NULL value(s)`);
      }
    }

    const now = await learnersFingerprint(client);
    check(now.rows > 0, `learners has ${now.rows} rows`, "learners is empty");
    let before = null;
    try {
      before = JSON.parse(fs.readFileSync(fingerprintFile(ctx.dir), "utf8"));
    } catch {
      log(`  ! no pre-migration fingerprint at ${fingerprintFile(ctx.dir)}; data-intact check limited to the row count`);
    }
    if (before) {
      check(now.rows === before.rows, `row count unchanged (${now.rows})`, `learners row count changed: ${before.rows} before migrating, ${now.rows} now`);
      check(now.md5 === before.md5, "existing learner data unchanged (fingerprint matches)", "existing learner data changed during migration (fingerprint differs)");
    }
  } finally {
    await client.end().catch(() => {});
  }
  if (problems.length) throw fail(`database verification FAILED: ${problems.join("; ")}`);
  return "database verified: migrations applied, data intact";
});
