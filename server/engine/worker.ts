import "server-only";
// The step worker: takes jobs from the queue, claims each execution (exactly once across processes),
// runs it, streams its output, beats a heartbeat that also carries cancel requests from any process,
// and records the end. One worker per process; FLIGHTDECK_WORKERS=0 turns it off (that process only
// enqueues), FLIGHTDECK_WORKER_CONCURRENCY sets how many steps it runs at once.
import os from "node:os";
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { stepExecutions } from "@/db/schema";
import { secretNeedles } from "@/lib/actions/redact";
import { STEP_EVENTS_WIRE, type TStepOutputEvent } from "@/lib/actions/output";
import { executeAction } from "@/server/actions/pipeline";
import { isActionError } from "@/server/actions/errors";
import { getDb } from "@/server/db/client";
import { publishAll } from "@/server/realtime/publish";
import { logger } from "@/server/logger";
import { runCommandAction, signalGroup, type ExecutionOutcome } from "./command-executor";
import { runHttpAction } from "./http-executor";
import { buildChildEnv, resolveValues, resolveWorkingDir, StepSetupError } from "./environment";
import { BatchedEmitter, OutputRecorder } from "./output";
import { RUNNER_ACTOR, readSpec, type ExecutionRow } from "./executions";
import { claimExecutionAction, finishExecutionAction, markInterruptedAction } from "./runner-actions";
import { getBoss, STEP_QUEUE, type StepJob } from "./queue";
import { startRecovery } from "./recovery";

/** How often a running step beats (and looks for a cancel request): FLIGHTDECK_STEP_HEARTBEAT_MS, 1 s. */
function heartbeatMs(): number {
  return Number(process.env.FLIGHTDECK_STEP_HEARTBEAT_MS ?? 1000);
}

type Active = { executionId: string; cancel: (message: string) => void; shutdown: boolean; done: Promise<void> };

export type WorkerHandle = { workerId: string; stop: () => Promise<void>; active: () => string[] };

const holder = globalThis as unknown as { __flightdeckWorker?: WorkerHandle };

export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export async function startWorker(options: { concurrency?: number } = {}): Promise<WorkerHandle> {
  if (holder.__flightdeckWorker) return holder.__flightdeckWorker;
  const boss = await getBoss();
  const workerId = newWorkerId();
  const active = new Map<string, Active>();
  let stopping = false;

  const handle = async (executionId: string) => {
    if (stopping) throw new Error("worker is stopping"); // pg-boss re-delivers it to another worker
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const entry: Active = { executionId, cancel: () => {}, shutdown: false, done };
    active.set(executionId, entry);
    try {
      await runExecution(executionId, workerId, entry);
    } finally {
      active.delete(executionId);
      resolveDone();
    }
  };

  const concurrency = Math.max(1, options.concurrency ?? Number(process.env.FLIGHTDECK_WORKER_CONCURRENCY ?? 2));
  for (let i = 0; i < concurrency; i++) {
    await boss.work<StepJob>(STEP_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job) await handle(job.data.executionId);
    });
  }
  const recovery = startRecovery(workerId);
  logger.info({ workerId, concurrency }, "step worker started");

  const worker: WorkerHandle = {
    workerId,
    active: () => [...active.keys()],
    stop: async () => {
      if (stopping) return;
      stopping = true;
      recovery.stop();
      await boss.offWork(STEP_QUEUE).catch(() => {});
      // Steps still running are stopped and recorded as interrupted, for the lead to resolve.
      for (const entry of active.values()) {
        entry.shutdown = true;
        entry.cancel("the server is shutting down: sent SIGTERM to the process group");
      }
      await Promise.race([Promise.all([...active.values()].map((e) => e.done)), new Promise((r) => setTimeout(r, 8000))]);
      if (holder.__flightdeckWorker === worker) holder.__flightdeckWorker = undefined;
      logger.info({ workerId }, "step worker stopped");
    },
  };
  holder.__flightdeckWorker = worker;
  return worker;
}

async function claim(executionId: string, workerId: string): Promise<ExecutionRow | null> {
  try {
    return await executeAction(claimExecutionAction, { executionId, workerId }, { actor: RUNNER_ACTOR });
  } catch (error) {
    if (isActionError(error) && error.code === "conflict") {
      logger.info({ executionId, workerId }, "execution not claimable (already taken, cancelled or resolved); skipping");
      return null;
    }
    throw error;
  }
}

async function runExecution(executionId: string, workerId: string, entry: Active) {
  const row = await claim(executionId, workerId);
  if (!row) return;
  const started = Date.now();
  const room = `run:${row.runId}`;
  const emitter = new BatchedEmitter((lines) =>
    publishAll([{ room, event: STEP_EVENTS_WIRE.output, payload: { executionId, taskStateId: row.taskStateId, lines } satisfies TStepOutputEvent }]),
  );

  let resolveCancel!: (message: string) => void;
  const cancelled = new Promise<string>((resolve) => (resolveCancel = resolve));
  let cancelMessage: string | null = null;
  const cancel = (message: string) => {
    if (cancelMessage) return;
    cancelMessage = message;
    resolveCancel(message);
  };
  entry.cancel = cancel;

  const spec = readSpec(row);
  let recorder = new OutputRecorder([], emitter.push);
  let pid: number | null = null;
  let currentStep: number | null = null;
  let lost = false;

  const beat = async () => {
    const dirty = recorder.takeDirty();
    const [state] = await getDb()
      .update(stepExecutions)
      .set({ heartbeatAt: new Date(), pid, currentStep, ...(dirty ? { output: recorder.text(), outputTruncated: recorder.truncated } : {}) })
      .where(and(eq(stepExecutions.id, executionId), eq(stepExecutions.status, "running"), eq(stepExecutions.workerId, workerId)))
      .returning({ cancelRequested: stepExecutions.cancelRequested, cancelRequestedBy: stepExecutions.cancelRequestedBy });
    if (!state) {
      // Recovery decided this worker was dead (a long stall). The record says interrupted; stop quietly.
      lost = true;
      cancel("this worker lost the execution (marked interrupted after a missed heartbeat): stopping the process");
    } else if (state.cancelRequested) {
      cancel(`cancel requested by ${state.cancelRequestedBy ?? "the lead"}: sent SIGTERM to the process group`);
    }
  };
  let beating = false;
  const heartbeat = setInterval(() => {
    if (beating) return;
    beating = true;
    beat()
      .catch((error) => logger.warn({ err: error, executionId }, "heartbeat failed"))
      .finally(() => (beating = false));
  }, heartbeatMs());

  let outcome: ExecutionOutcome;
  try {
    if (!spec) throw new StepSetupError("The execution's action cannot be read.");
    const control = {
      cancelled,
      deadline: started + (spec.action.kind === "command" || spec.action.kind === "http" ? spec.action.timeoutSeconds : 600) * 1000,
      onProcess: (p: number | null, index: number) => {
        pid = p;
        currentStep = index;
      },
    };
    if (spec.action.kind === "command") {
      const env = buildChildEnv(spec.action.env, { executionId, runId: row.runId, taskKey: spec.taskKey, actorName: row.actorName ?? "unknown" });
      recorder = new OutputRecorder(secretNeedles(env.secrets), emitter.push);
      const cwd = resolveWorkingDir(spec.action.cwd);
      outcome = await runCommandAction(spec.action, { cwd, env: env.env, output: recorder, control });
    } else if (spec.action.kind === "http") {
      const headers = resolveValues(spec.action.headers);
      recorder = new OutputRecorder(secretNeedles(headers.secrets), emitter.push);
      outcome = await runHttpAction(spec.action, { headers: headers.values, output: recorder, control });
    } else {
      throw new StepSetupError(`A ${spec.action.kind} action is not run by the step runner.`);
    }
  } catch (error) {
    if (!(error instanceof StepSetupError)) logger.error({ err: error, executionId }, "step execution crashed");
    recorder.system(`cannot run the step: ${(error as Error).message}`);
    outcome = { status: "failed", exitCode: null, error: (error as Error).message };
  } finally {
    clearInterval(heartbeat);
    emitter.flush();
  }
  // A beat in flight must not write after the final record.
  while (beating) await new Promise((r) => setTimeout(r, 20));
  if (lost) return;

  if (entry.shutdown) {
    if (pid) signalGroup(pid, "SIGKILL");
    await executeAction(
      markInterruptedAction,
      { executionId, workerId, message: "The server shut down while the step ran; it was stopped. Decide: retry, mark done or mark failed.", output: recorder.text() },
      { actor: RUNNER_ACTOR },
    ).catch((error) => logger.error({ err: error, executionId }, "could not record the interrupted execution"));
    return;
  }
  await executeAction(
    finishExecutionAction,
    {
      executionId,
      workerId,
      status: outcome.status,
      exitCode: outcome.exitCode,
      error: outcome.error,
      output: recorder.text(),
      outputTruncated: recorder.truncated,
      durationMs: Date.now() - started,
      tail: recorder.tail(8),
    },
    { actor: RUNNER_ACTOR },
  ).catch((error) => {
    if (isActionError(error) && error.code === "conflict") logger.warn({ executionId }, error.message);
    else throw error;
  });
}
