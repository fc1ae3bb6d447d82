#!/usr/bin/env node
// Applies pending SQL migrations (deployment/migrations/NNN_name.sql, or MIGRATIONS_DIR) to the sandbox
// database. Each migration runs in its own transaction together with its schema_migrations row, so it
// is applied entirely or not at all; running again applies nothing (idempotent). An advisory lock
// keeps two runners (two people pressing the button) from migrating at once.
// Before applying anything it records a fingerprint of the existing learner data for verify-database.js.
//
// Usage: run-migrations.js      Exit: 0 applied/up to date; 1 a migration failed; 3 DB unavailable/locked.
import fs from "node:fs";
import { writeJsonAtomic } from "../../sandbox/config.js";
import { connectDatabase, fail, log, runScript, sandboxContext, unavailable, usage } from "./lib/common.js";
import { MIGRATIONS_DIR, fingerprintFile, learnersFingerprint, migrationFiles } from "./lib/migrations.js";

const LOCK_KEY = 4710002;
const LOCK_WAIT_MS = 30_000;

runScript("run-migrations", async () => {
  if (process.argv.length > 2) throw usage("usage: run-migrations.js (no arguments)");
  const ctx = sandboxContext({ needRouter: false });
  const client = await connectDatabase(ctx);
  try {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS ok", [LOCK_KEY]);
      if (rows[0].ok) break;
      if (Date.now() > deadline) throw unavailable(`another migration run holds the lock for ${LOCK_WAIT_MS / 1000}s; try again when it finishes`);
      log("migrate: waiting for another migration run to finish…");
      await new Promise((r) => setTimeout(r, 1000));
    }
    const files = migrationFiles();
    const { rows: appliedRows } = await client.query("SELECT version FROM schema_migrations");
    const applied = new Set(appliedRows.map((r) => r.version));
    const pending = files.filter((m) => !applied.has(m.version));
    log(`migrate: ${files.length} migration file(s) in ${MIGRATIONS_DIR}, ${applied.size} version(s) recorded, ${pending.length} pending`);
    if (pending.length === 0) return "database is up to date (nothing to apply)";

    const fp = await learnersFingerprint(client);
    writeJsonAtomic(fingerprintFile(ctx.dir), { takenAt: new Date().toISOString(), before: pending.map((m) => m.version), ...fp });
    log(`migrate: fingerprint of learners before migrating: ${fp.rows} rows, md5 ${fp.md5.slice(0, 12)}…`);

    for (const m of pending) {
      const sql = fs.readFileSync(m.file, "utf8");
      const started = Date.now();
      log(`migrate: applying ${m.version}…`);
      try {
        await client.query("BEGIN");
        await client.query("SET LOCAL statement_timeout = '60s'");
        await client.query(sql);
        await client.query("INSERT INTO schema_migrations (version) VALUES ($1)", [m.version]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw fail(`migration ${m.version} failed and was rolled back: ${err.message}`);
      }
      log(`migrate: applied ${m.version} in ${Date.now() - started} ms`);
    }
    return `applied ${pending.length} migration(s): ${pending.map((m) => m.version).join(", ")}`;
  } finally {
    await client.end().catch(() => {});
  }
});
