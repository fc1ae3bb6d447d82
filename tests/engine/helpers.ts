// Test fixtures for the step runner: a run in progress with tasks carrying actions, personas, and
// polling helpers. Rows are inserted directly — the runs area has its own tests for creating runs.
import { randomUUID } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { eq } from "drizzle-orm";
import { planVersions, plans, runs, stepExecutions, taskStates } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import type { TTaskActionInput } from "@/lib/actions/schema";
import { ZTaskAction } from "@/lib/actions/schema";
import { getDb } from "@/server/db/client";

export const LEAD: Actor = { kind: "user", id: randomUUID(), name: "Lee Lead", productRole: "lead", teamRoles: ["Deployment Lead"] };
export const DBA: Actor = { kind: "user", id: randomUUID(), name: "Dana DBA", productRole: "engineer", teamRoles: ["Database Administrator"] };
export const QA: Actor = { kind: "user", id: randomUUID(), name: "Quinn QA", productRole: "engineer", teamRoles: ["QA Engineer"] };
export const STAKEHOLDER: Actor = { kind: "user", id: randomUUID(), name: "Sam Stakeholder", productRole: "stakeholder", teamRoles: [] };

export type TaskSpec = { title: string; owner?: string; action?: TTaskActionInput | null; status?: string; dependsOn?: string[] };

export async function makeRun(tasks: TaskSpec[], options: { state?: string } = {}) {
  const db = getDb();
  const suffix = randomUUID().slice(0, 8);
  const [plan] = await db.insert(plans).values({ slug: `p-${suffix}`, title: `Plan ${suffix}` }).returning();
  const [version] = await db
    .insert(planVersions)
    .values({ planId: plan.id, version: 1, title: plan.title, timezone: "UTC", sourceMarkdown: "# test", sourceSha256: "0" })
    .returning();
  const [run] = await db.insert(runs).values({ slug: `r-${suffix}`, planVersionId: version.id, title: `Run ${suffix}`, state: options.state ?? "in_progress", startedAt: new Date() }).returning();
  const start = Date.now();
  const rows = await db
    .insert(taskStates)
    .values(
      tasks.map((t, i) => ({
        runId: run.id,
        key: `p1-t${i + 1}`,
        phaseName: "Deployment Day",
        phasePosition: 0,
        position: i,
        title: t.title,
        ownerRole: t.owner ?? "Database Administrator",
        status: t.status ?? "not_started",
        plannedStart: new Date(start + i * 60_000),
        plannedEnd: new Date(start + (i + 1) * 60_000),
        dependsOn: t.dependsOn ?? [],
        action: t.action ? ZTaskAction.parse(t.action) : null,
      })),
    )
    .returning();
  return { run, tasks: rows };
}

export function commandAction(argv: string[][], extra: Partial<Extract<TTaskActionInput, { kind: "command" }>> = {}): TTaskActionInput {
  return { kind: "command", steps: argv.map((a) => ({ argv: a })), ...extra };
}

export async function execution(id: string) {
  const [row] = await getDb().select().from(stepExecutions).where(eq(stepExecutions.id, id));
  return row;
}

export async function task(id: string) {
  const [row] = await getDb().select().from(taskStates).where(eq(taskStates.id, id));
  return row;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

export async function waitForStatus(id: string, statuses: string[], timeoutMs = 20_000) {
  return waitFor(`execution ${id} to be ${statuses.join("/")}`, async () => {
    const row = await execution(id);
    return row && statuses.includes(row.status) ? row : null;
  }, timeoutMs);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A real worker process (server/engine in its own node process) against the test database. */
export function startWorkerProcess(env: Record<string, string>): Promise<{ child: ChildProcess; workerId: string; output: () => string }> {
  const script = path.resolve("tests/engine/fixtures/worker-main.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: process.cwd(),
    env: { ...process.env, TSX_TSCONFIG_PATH: "tsconfig.node.json", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker process did not start:\n${out}`)), 30_000);
    const onData = () => {
      const m = /READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        resolve({ child, workerId: m[1], output: () => out });
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited with ${code}:\n${out}`));
    });
  });
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
