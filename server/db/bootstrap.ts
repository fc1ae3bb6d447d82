import "server-only";
// Brings the database up for a process: DATABASE_URL if set, else the embedded PostgreSQL; then applies
// migrations. Sets process.env.DATABASE_URL so every module in the process (including Next's bundle)
// reaches the same server.
import { startEmbeddedPostgres } from "./embedded";
import { runMigrations } from "./migrate";
import { logger } from "@/server/logger";

export type DatabaseHandle = { url: string; embedded: boolean; stop: () => Promise<void> };

export async function bootstrapDatabase(): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (process.env.DATABASE_URL) {
    handle = { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  } else {
    const embedded = await startEmbeddedPostgres();
    process.env.DATABASE_URL = embedded.url;
    // Tells the identity bootstrap this is a try-out install (demo accounts), see server/identity/demo.ts.
    process.env.FLIGHTDECK_EMBEDDED = "1";
    handle = { url: embedded.url, embedded: true, stop: embedded.stop };
  }
  await runMigrations(handle.url);
  logger.info({ embedded: handle.embedded }, "database ready, migrations applied");
  return handle;
}
