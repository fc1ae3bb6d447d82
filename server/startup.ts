import "server-only";
import { ensureAuthSecret } from "@/server/auth/secret";
import { importSeedPlanIfEmpty } from "@/server/plans/seed";
import { ensureInitialAccounts } from "@/server/identity/bootstrap-accounts";

/** Work done once per process after migrations: auth secret, seed import, demo accounts, job workers. */
export async function onStartup(): Promise<{ stop: () => Promise<void> }> {
  await ensureAuthSecret();
  await importSeedPlanIfEmpty();
  await ensureInitialAccounts();
  return { stop: async () => {} };
}
