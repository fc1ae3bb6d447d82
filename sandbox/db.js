// The sandbox application database: a second database on the same PostgreSQL server as the app,
// holding a little data for the blue/green service to serve and for the migration scripts to change.
import pg from "pg";
import { databaseName, maintenanceUrl } from "./config.js";

const LEARNER_COUNT = 50;
const FIRST_NAMES = ["Ada", "Ben", "Cara", "Dev", "Ema", "Finn", "Gia", "Hugo", "Isla", "Jai"];
const LAST_NAMES = ["Okafor", "Smith", "Nowak", "Patel", "Garcia"];

function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Creates the database named in databaseUrl if it does not exist, through the server's `postgres` db. */
export async function ensureDatabase(databaseUrl) {
  const name = databaseName(databaseUrl);
  if (!name) throw new Error("sandbox database URL names no database");
  const admin = new pg.Client({ connectionString: maintenanceUrl(databaseUrl) });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount > 0) return false;
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (err) {
      // Two starters racing: the other one created it first; that is fine.
      if (err.code !== "42P04") throw err;
      return false;
    }
    return true;
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(databaseUrl) {
  const name = databaseName(databaseUrl);
  const admin = new pg.Client({ connectionString: maintenanceUrl(databaseUrl) });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Baseline schema (recorded as migration 001) and ~50 learners. Idempotent: a sandbox restarted on a
 * database that the rehearsal already migrated keeps its data and its migration history.
 */
export async function seedDatabase(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    // Serialize concurrent seeders (e.g. two sandboxes on one DB) inside the transaction.
    await client.query("SELECT pg_advisory_xact_lock(4710001)");
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS learners (
        id         integer PRIMARY KEY,
        name       text    NOT NULL,
        year_group integer NOT NULL CHECK (year_group BETWEEN 1 AND 13),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query("SELECT count(*)::int AS n FROM learners");
    if (rows[0].n === 0) {
      const values = [];
      const params = [];
      for (let i = 1; i <= LEARNER_COUNT; i++) {
        const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[i % LAST_NAMES.length]}`;
        params.push(i, name, (i % 13) + 1);
        values.push(`($${params.length - 2}, $${params.length - 1}, $${params.length})`);
      }
      await client.query(`INSERT INTO learners (id, name, year_group) VALUES ${values.join(", ")}`, params);
    }
    await client.query("INSERT INTO schema_migrations (version) VALUES ('001_initial') ON CONFLICT DO NOTHING");
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
