/**
 * audit:verify — recompute the run log's hash chain, as the auditor's "Verify chain" button does.
 *
 *   npm run audit:verify [-- --json]
 *
 * Reaches the database the way server.ts does: DATABASE_URL if set, else the embedded PostgreSQL in
 * .flightdeck/ (joining it if the app is running, starting it otherwise). Read-only; writes no event.
 *
 * Exit 0 and "N events, chain intact"; exit 1 and "chain broken at seq N (reason) after M events" (M
 * events verified intact before the break); exit 2 when the database cannot be reached.
 */

import { formatVerdict } from "../lib/audit/verdict";

// Keep stdout for the verdict: the logger's start-up lines go away unless asked for. (The server
// modules are imported after this line, so their logger sees it.)
process.env.LOG_LEVEL ??= "warn";

async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const unknown = argv.filter((a) => a !== "--json");
  if (unknown.length) {
    console.error(`usage: audit-verify [--json]   (unknown: ${unknown.join(" ")})`);
    return 2;
  }
  const { bootstrapDatabase } = await import("../server/db/bootstrap");
  const { closeDb } = await import("../server/db/client");
  const { verifyAuditChain } = await import("../server/audit/verify");
  let database: Awaited<ReturnType<typeof bootstrapDatabase>>;
  try {
    database = await bootstrapDatabase();
  } catch (error) {
    console.error(`cannot reach the database: ${(error as Error).message}`);
    return 2;
  }
  try {
    const result = await verifyAuditChain();
    console.log(json ? JSON.stringify(result) : formatVerdict(result));
    return result.intact ? 0 : 1;
  } catch (error) {
    console.error(`verification failed: ${(error as Error).message}`);
    return 2;
  } finally {
    await closeDb();
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
