import "server-only";
import { ensureAuthSecret } from "@/server/auth/secret";
import { importSeedPlanIfEmpty } from "@/server/plans/seed";
import { ensureInitialAccounts } from "@/server/identity/bootstrap-accounts";
import { startEngine } from "@/server/engine";
import { startSandboxWithApp } from "@/server/engine/sandbox-process";

/** Work done once per process after migrations: auth secret, seed import, demo accounts, job workers. */
export async function onStartup(): Promise<{ stop: () => Promise<void> }> {
  await ensureAuthSecret();
  await importSeedPlanIfEmpty();
  await ensureInitialAccounts();
  // Step runner: job queue, workers (unless FLIGHTDECK_WORKERS=0) and crash recovery; then the sandbox.
  const engine = await startEngine();
  const sandbox = await startSandboxWithApp();
  return {
    stop: async () => {
      await engine.stop();
      await sandbox.stop();
    },
  };
}
