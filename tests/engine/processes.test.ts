// The runner across real processes: two worker processes on one database run every step exactly once
// (even when each job is delivered twice), and a worker killed mid-step leaves an INTERRUPTED execution
// that is not re-run, whose orphaned command is killed, and that the lead resolves by retrying.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { stepExecutions } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { executeAction } from "@/server/actions/pipeline";
import { stepsActions } from "@/server/actions/steps";
import { getDb } from "@/server/db/client";
import { startEngine, type EngineHandle } from "@/server/engine";
import { getBoss, STEP_QUEUE } from "@/server/engine/queue";
import { LEAD, commandAction, execution, groupAlive, makeRun, startWorkerProcess, stopProcess, task, waitFor, waitForStatus } from "./helpers";

let db: TestDatabase;
let engine: EngineHandle;
let dir: string;
const children: Array<Awaited<ReturnType<typeof startWorkerProcess>>> = [];

const WORKER_ENV = { FLIGHTDECK_STEP_HEARTBEAT_MS: "300", FLIGHTDECK_STEP_SWEEP_MS: "500", FLIGHTDECK_STEP_STALE_SECONDS: "3", FLIGHTDECK_KILL_GRACE_MS: "500" };

async function runStep(taskId: string): Promise<string> {
  const result = (await executeAction(stepsActions["steps.run"], { taskId }, { actor: LEAD })) as { execution: { id: string } };
  return result.execution.id;
}

beforeAll(async () => {
  db = await createTestDatabase("fd_engine_proc");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fd-engine-"));
  // This process only enqueues, like an app process with FLIGHTDECK_WORKERS=0.
  engine = await startEngine({ workers: false });
});

afterAll(async () => {
  for (const c of children) await stopProcess(c.child);
  await engine?.stop();
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("two worker processes", () => {
  it("run each of 16 steps exactly once, even with every job delivered twice", async () => {
    const out = path.join(dir, "side-effects.txt");
    const [a, b] = await Promise.all([startWorkerProcess({ ...WORKER_ENV, DATABASE_URL: db.url }), startWorkerProcess({ ...WORKER_ENV, DATABASE_URL: db.url })]);
    children.push(a, b);
    const script = "require('fs').appendFileSync(process.env.OUT, process.env.FLIGHTDECK_EXECUTION_ID + '\\n'); setTimeout(() => {}, 150)";
    const n = 16;
    const { tasks } = await makeRun(Array.from({ length: n }, (_, i) => ({ title: `Step ${i + 1}`, action: commandAction([["node", "-e", script]], { env: [{ name: "OUT", value: out }] }) })));
    const ids: string[] = [];
    for (const t of tasks) ids.push(await runStep(t.id));
    // A second delivery of every job, as pg-boss gives after an expiry: the claim must absorb it.
    const boss = await getBoss();
    for (const id of ids) await boss.send(STEP_QUEUE, { executionId: id });

    await waitFor("all steps to finish", async () => {
      const rows = await getDb().select({ status: stepExecutions.status }).from(stepExecutions);
      return rows.length === n && rows.every((r) => r.status === "succeeded");
    }, 60_000, 250);
    await new Promise((r) => setTimeout(r, 1500)); // let the duplicate deliveries be tried
    const lines = fs.readFileSync(out, "utf8").trim().split("\n");
    expect(lines).toHaveLength(n);
    expect(new Set(lines)).toEqual(new Set(ids));
    const rows = await getDb().select({ workerId: stepExecutions.workerId }).from(stepExecutions);
    const workers = new Set(rows.map((r) => r.workerId));
    expect(workers).toEqual(new Set([a.workerId, b.workerId]));
    for (const t of tasks) expect((await task(t.id)).status).toBe("completed");
  }, 90_000);
});

describe("a worker killed mid-step", () => {
  it("leaves the execution interrupted, not re-run; the orphan is killed; the lead retries it", async () => {
    for (const c of children.splice(0)) await stopProcess(c.child);
    const out = path.join(dir, "crash.txt");
    // First attempt: records its start and hangs; a later attempt finishes at once.
    const script = "const fs = require('fs'); fs.appendFileSync(process.env.OUT, 'start\\n'); if (fs.readFileSync(process.env.OUT, 'utf8').trim().split('\\n').length < 2) setTimeout(() => {}, 60000)";
    const first = await startWorkerProcess({ ...WORKER_ENV, DATABASE_URL: db.url });
    const { tasks } = await makeRun([{ title: "Execute database migrations", action: commandAction([["node", "-e", script]], { env: [{ name: "OUT", value: out }], timeoutSeconds: 600 }) }]);
    const id = await runStep(tasks[0].id);
    const running = await waitFor("the step to run", async () => {
      const row = await execution(id);
      return row.status === "running" && row.pid && fs.existsSync(out) ? row : null;
    });
    expect(running.workerId).toBe(first.workerId);

    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    // The step's process group outlives its worker…
    expect(groupAlive(running.pid!)).toBe(true);
    expect((await execution(id)).status).toBe("running");

    const second = await startWorkerProcess({ ...WORKER_ENV, DATABASE_URL: db.url });
    children.push(second);
    const interrupted = await waitForStatus(id, ["interrupted"], 15_000);
    expect(interrupted.error).toMatch(/worker process .* is gone.*not re-run.*1 leftover process/);
    // …until recovery kills it, and nothing runs the step again, not even a re-delivered job.
    await waitFor("orphan to be killed", async () => !groupAlive(running.pid!), 5000);
    const boss = await getBoss();
    await boss.send(STEP_QUEUE, { executionId: id });
    await new Promise((r) => setTimeout(r, 2000));
    expect(fs.readFileSync(out, "utf8").trim().split("\n")).toEqual(["start"]);
    expect((await execution(id)).status).toBe("interrupted");
    expect(await getDb().select().from(stepExecutions).where(eq(stepExecutions.taskStateId, tasks[0].id))).toHaveLength(1);
    expect((await task(tasks[0].id)).status).toBe("in_progress");

    // Running it again is refused until the lead resolves it; the lead retries.
    await expect(runStep(tasks[0].id)).rejects.toThrow(/interrupted step/);
    const resolved = (await executeAction(stepsActions["steps.resolve"], { executionId: id, resolution: "retry" }, { actor: LEAD })) as { retry: { id: string } };
    const retried = await waitForStatus(resolved.retry.id, ["succeeded", "failed"], 20_000);
    expect(retried.status).toBe("succeeded");
    expect(retried.retryOf).toBe(id);
    expect(retried.workerId).toBe(second.workerId);
    expect((await execution(id)).resolution).toBe("retried");
    expect((await task(tasks[0].id)).status).toBe("completed");
    expect(fs.readFileSync(out, "utf8").trim().split("\n")).toEqual(["start", "start"]);
  }, 90_000);

  it("marks a step interrupted when its worker's heartbeat goes stale (worker on another host)", async () => {
    const { tasks } = await makeRun([{ title: "Remote", action: commandAction([["true"]]) }]);
    // A running execution held by a worker this machine cannot see, whose heartbeat stopped 10 s ago.
    const [row] = await getDb()
      .insert(stepExecutions)
      .values({ runId: tasks[0].runId, taskStateId: tasks[0].id, status: "running", kind: "command", spec: { action: tasks[0].action, taskKey: "p1-t1", taskTitle: "Remote" }, workerId: "other-host:123:abcdef", startedAt: new Date(Date.now() - 20_000), heartbeatAt: new Date(Date.now() - 10_000) })
      .returning();
    const interrupted = await waitForStatus(row.id, ["interrupted"], 10_000);
    expect(interrupted.error).toMatch(/stopped answering/);
  }, 30_000);
});
