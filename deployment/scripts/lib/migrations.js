// Migration files and the data fingerprint shared by run-migrations.js and verify-database.js.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const MIGRATIONS_DIR = path.resolve(process.env.MIGRATIONS_DIR || path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "migrations"));

/** [{version, file}] sorted by name; version = file name without .sql (e.g. 002_add_learner_support_plan). */
export function migrationFiles(dir = MIGRATIONS_DIR) {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3,}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ""), file: path.join(dir, f) }));
}

export function fingerprintFile(sandboxDir) {
  return path.join(sandboxDir, "pre-migration-fingerprint.json");
}

/**
 * Row count and a hash of the columns that existed before the release. Migrations may add columns but
 * must not change these; verify-database compares the fingerprint taken before migrating with now.
 */
export async function learnersFingerprint(client) {
  const { rows } = await client.query(
    "SELECT count(*)::int AS rows, coalesce(md5(string_agg(id || ':' || name || ':' || year_group, ',' ORDER BY id)), '') AS md5 FROM learners",
  );
  return rows[0];
}
