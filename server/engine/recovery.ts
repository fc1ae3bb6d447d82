import "server-only";
// Crash recovery. A worker that dies mid-step leaves its execution `running` with a heartbeat that stops
// moving. Every worker process sweeps for such executions — at start and then periodically — and marks
// them INTERRUPTED: never re-run by themselves, because a half-run migration or deploy must be looked
// at by a person first. The lead then chooses retry, mark done or mark failed.
//
// Stale means: heartbeat older than FLIGHTDECK_STEP_STALE_SECONDS (15 s), or — without waiting — its
// worker was a process on this machine that no longer exists. If the dead worker's command is still
// running here (an orphaned process group carrying our FLIGHTDECK_EXECUTION_ID), it is killed: a step
// nobody watches must not keep changing things.
import fs from "node:fs";
import os from "node:os";
import { and, eq, lt, or, sql } from "drizzle-orm";
import { stepExecutions } from "@/db/schema";
import { executeAction } from "@/server/actions/pipeline";
import { isActionError } from "@/server/actions/errors";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/logger";
import { RECOVERY_ACTOR, type ExecutionRow } from "./executions";
import { markInterruptedAction } from "./runner-actions";

export function staleSeconds(): number {
  return Number(process.env.FLIGHTDECK_STEP_STALE_SECONDS ?? 15);
}
function sweepMs(): number {
  return Number(process.env.FLIGHTDECK_STEP_SWEEP_MS ?? 5000);
}

function workerProcess(workerId: string | null): { host: string; pid: number } | null {
  const m = workerId ? /^(.*):(\d+):[0-9a-f]+$/.exec(workerId) : null;
  return m ? { host: m[1], pid: Number(m[2]) } : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Our worker process on this machine is gone (so no need to wait for its heartbeat to go stale). */
function workerDeadHere(row: ExecutionRow, selfWorkerId: string): boolean {
  if (row.workerId === selfWorkerId) return false;
  const worker = workerProcess(row.workerId);
  return !!worker && worker.host === os.hostname() && worker.pid !== process.pid && !isAlive(worker.pid);
}

/** Processes in group `pgid` that carry this execution's marker (Linux /proc); empty elsewhere. */
function orphansOf(pgid: number, executionId: string): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name "(…)": state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const environ = fs.readFileSync(`/proc/${entry}/environ`, "utf8");
      if (environ.split("\0").includes(`FLIGHTDECK_EXECUTION_ID=${executionId}`)) found.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return found;
}

function killOrphans(row: ExecutionRow): number[] {
  const worker = workerProcess(row.workerId);
  if (!row.pid || !worker || worker.host !== os.hostname()) return [];
  const pids = orphansOf(row.pid, row.id);
  if (pids.length) {
    try {
      process.kill(-row.pid, "SIGKILL");
    } catch {
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
    }
  }
  return pids;
}

/** One sweep: marks the executions of dead workers interrupted. Returns their ids. */
export async function sweepInterrupted(selfWorkerId: string, stale = staleSeconds()): Promise<string[]> {
  const candidates = await getDb()
    .select()
    .from(stepExecutions)
    .where(
      and(
        eq(stepExecutions.status, "running"),
        or(lt(stepExecutions.heartbeatAt, sql`now() - make_interval(secs => ${stale})`), sql`${stepExecutions.workerId} like ${os.hostname() + ":%"}`),
      ),
    );
  const interrupted: string[] = [];
  for (const row of candidates) {
    const deadHere = workerDeadHere(row, selfWorkerId);
    const beatStale = row.heartbeatAt !== null && row.heartbeatAt.getTime() < Date.now() - stale * 1000;
    if (!deadHere && !beatStale) continue;
    const killed = killOrphans(row);
    const why = deadHere ? `its worker process (${row.workerId}) is gone` : `its worker (${row.workerId}) stopped answering (last heartbeat ${row.heartbeatAt?.toISOString()})`;
    const message = `Interrupted: ${why}. It was not re-run${killed.length ? `; ${killed.length} leftover process(es) of the step were killed` : ""}. Decide: retry, mark done or mark failed.`;
    try {
      await executeAction(markInterruptedAction, { executionId: row.id, message, ...(deadHere ? { workerId: row.workerId! } : { staleSeconds: stale }) }, { actor: RECOVERY_ACTOR });
      interrupted.push(row.id);
      logger.warn({ executionId: row.id, workerId: row.workerId, killed }, "step execution interrupted by a dead worker");
    } catch (error) {
      if (!isActionError(error)) throw error; // lost a race with another sweeper or the worker itself
    }
  }
  return interrupted;
}

export function startRecovery(selfWorkerId: string): { stop: () => void } {
  const run = () => sweepInterrupted(selfWorkerId).catch((error) => logger.error({ err: error }, "step recovery sweep failed"));
  void run();
  const timer = setInterval(run, sweepMs());
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
