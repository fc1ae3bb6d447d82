// A fresh, migrated database per test file on a real PostgreSQL server, so test files run in parallel
// without seeing each other's rows. The server comes from TEST_DATABASE_ADMIN_URL (default: the machine's
// PostgreSQL on 127.0.0.1:5432).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { runMigrations } from "@/server/db/migrate";
import { closeDb } from "@/server/db/client";

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function databaseUrlFor(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export type TestDatabase = { name: string; url: string; drop: () => Promise<void> };

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` on its own connection in replica mode, which skips triggers such as the run log's
 * append-only guard: tampering as an attacker with database superuser powers would, for tests that must
 * catch it.
 */
export async function asSuperuser<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET session_replication_role = replica");
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates and migrates a database, and points this process's DATABASE_URL (and db client) at it. */
export async function createTestDatabase(prefix = "fd_test"): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrlFor(name);
  await runMigrations(url);
  await closeDb();
  process.env.DATABASE_URL = url;
  return {
    name,
    url,
    drop: async () => {
      await closeDb();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
