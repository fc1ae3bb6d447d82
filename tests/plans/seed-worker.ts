// Run by seed.test.ts as a separate process: one "server start" doing the seed import.
import { closeDb } from "@/server/db/client";
import { importSeedPlanIfEmpty } from "@/server/plans/seed";

const outcome = await importSeedPlanIfEmpty();
process.stdout.write(JSON.stringify({ imported: outcome.imported }));
await closeDb();
