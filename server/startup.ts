import "server-only";
import { logger } from "@/server/logger";

/** Work done once per process after migrations: seed import, demo accounts, job workers. */
export async function onStartup(): Promise<{ stop: () => Promise<void> }> {
  logger.debug("startup hooks: none yet");
  return { stop: async () => {} };
}
