import "server-only";
// The durable job queue: pg-boss in its own schema (`pgboss`) of the app's database. A job is inserted
// in the SAME transaction as its step execution row (pg-boss's `db` option), so a rolled-back action
// enqueues nothing and a committed one cannot lose its job. Jobs carry only the execution id; the row
// is the truth, and a worker runs it only after claiming it (see worker.ts) — so a job delivered twice
// (pg-boss retries after expiry) still runs the step once.
import PgBoss from "pg-boss";
import type pg from "pg";
import type { Tx } from "@/server/db/client";
import { logger } from "@/server/logger";

export const STEP_QUEUE = "step-execution";
export const BOSS_SCHEMA = "pgboss";

type BossHolder = { url: string; boss: PgBoss; started: Promise<PgBoss> };
// One pg-boss per process, shared by the custom server and Next's route bundle (separate module graphs).
const holder = globalThis as unknown as { __flightdeckBoss?: BossHolder };

/** Starts (once per process) the pg-boss instance used to enqueue and, where workers run, to work. */
export function getBoss(): Promise<PgBoss> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the job queue lives in the app's database.");
  if (holder.__flightdeckBoss && holder.__flightdeckBoss.url === url) return holder.__flightdeckBoss.started;
  const boss = new PgBoss({
    connectionString: url,
    schema: BOSS_SCHEMA,
    max: Number(process.env.FLIGHTDECK_BOSS_POOL_MAX ?? 4),
    application_name: "flightdeck-jobs",
    // No cron jobs here; maintenance (expiry, archiving) runs in processes with workers.
    schedule: false,
    supervise: process.env.FLIGHTDECK_WORKERS !== "0",
  });
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  const started = (async () => {
    await boss.start();
    // Retries only re-deliver the job; the claim keeps the step from running twice.
    await boss.createQueue(STEP_QUEUE, { name: STEP_QUEUE, retryLimit: 3, retryDelay: 5 });
    return boss;
  })();
  holder.__flightdeckBoss = { url, boss, started };
  started.catch(() => {
    if (holder.__flightdeckBoss?.boss === boss) holder.__flightdeckBoss = undefined;
  });
  return started;
}

export async function stopBoss(): Promise<void> {
  const current = holder.__flightdeckBoss;
  holder.__flightdeckBoss = undefined;
  if (!current) return;
  const boss = await current.started.catch(() => null);
  if (boss) await boss.stop({ graceful: false, wait: true, timeout: 5000 }).catch((error) => logger.warn({ err: error }, "job queue stop failed"));
}

/** pg-boss runs its INSERT through the caller's transaction client. */
function transactionExecutor(tx: Tx): PgBoss.Db {
  // drizzle's node-postgres transaction keeps its pool client on `session.client`.
  const client = (tx as unknown as { session?: { client?: pg.PoolClient } }).session?.client;
  if (!client || typeof client.query !== "function") throw new Error("cannot reach the transaction's database client to enqueue the job");
  return { executeSql: (text, values) => client.query(text, values) };
}

export type StepJob = { executionId: string };

/** Enqueues the job of a step execution inside `tx`; nothing is enqueued if `tx` rolls back. */
export async function enqueueExecution(tx: Tx, executionId: string, timeoutSeconds: number): Promise<string | null> {
  const boss = await getBoss();
  return boss.send(STEP_QUEUE, { executionId } satisfies StepJob, {
    db: transactionExecutor(tx),
    singletonKey: executionId,
    // Past this pg-boss gives the job up (and re-delivers it); the step's own timeout ends it first.
    expireInSeconds: timeoutSeconds + 300,
  });
}
