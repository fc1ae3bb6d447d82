import "server-only";
// The engine's lifecycle for a process: the job queue (always, so any process can enqueue) and the
// step worker with crash recovery (unless FLIGHTDECK_WORKERS=0).
import { logger } from "@/server/logger";
import { getBoss, stopBoss } from "./queue";
import { startWorker, type WorkerHandle } from "./worker";

export type EngineHandle = { worker: WorkerHandle | null; stop: () => Promise<void> };

export async function startEngine(options: { workers?: boolean; concurrency?: number } = {}): Promise<EngineHandle> {
  await getBoss();
  const workers = options.workers ?? process.env.FLIGHTDECK_WORKERS !== "0";
  const worker = workers ? await startWorker({ concurrency: options.concurrency }) : null;
  if (!workers) logger.info("step workers disabled in this process (FLIGHTDECK_WORKERS=0)");
  return {
    worker,
    stop: async () => {
      await worker?.stop();
      await stopBoss();
    },
  };
}
