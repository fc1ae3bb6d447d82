import "server-only";
import pg from "pg";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "@/db/schema";
import { logger } from "@/server/logger";

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

// The custom server and the Next bundle are separate module graphs in one process; keeping the pool on
// globalThis gives them one pool instead of two.
const globalForDb = globalThis as unknown as { __flightdeckPool?: pg.Pool; __flightdeckDb?: Db };

export function getPool(): pg.Pool {
  if (!globalForDb.__flightdeckPool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start Flightdeck through server.ts, which starts the embedded database, or set DATABASE_URL.");
    const pool = new pg.Pool({ connectionString, max: Number(process.env.DB_POOL_MAX ?? 10) });
    // An idle connection the server closes (restart, failover, shutdown) must not crash the process: the
    // pool drops it and the next query opens a new one.
    pool.on("error", (error) => logger.warn({ err: error.message }, "idle database connection closed"));
    globalForDb.__flightdeckPool = pool;
  }
  return globalForDb.__flightdeckPool;
}

export function getDb(): Db {
  if (!globalForDb.__flightdeckDb) globalForDb.__flightdeckDb = drizzle(getPool(), { schema });
  return globalForDb.__flightdeckDb;
}

export async function closeDb(): Promise<void> {
  const pool = globalForDb.__flightdeckPool;
  globalForDb.__flightdeckPool = undefined;
  globalForDb.__flightdeckDb = undefined;
  if (pool) await pool.end();
}
