// End-to-end rehearsal: the seed plan imported in rehearsal mode, a run of it, and its deployment day
// worked through the step runner against the live sandbox, in order — briefing, backup, maintenance on,
// migrate, deploy green, smoke (first against a broken green: it must fail, with the reason in the
// task; then fixed and retried), canary 5/10/25/50/100 with the router's real traffic share checked
// from its /metrics, production verification, maintenance off, debrief.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { runs, taskStates } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { startSandbox, type Sandbox } from "@/sandbox/index.js";
import { dropDatabase } from "@/sandbox/db.js";
import { createTestDatabase, databaseUrlFor, type TestDatabase } from "../helpers/db";
import { executeAction } from "@/server/actions/pipeline";
import { importPlanAction } from "@/server/actions/plans/import-plan";
import { runsActions } from "@/server/actions/runs";
import { stepsActions } from "@/server/actions/steps";
import { getDb } from "@/server/db/client";
import { startEngine, type EngineHandle } from "@/server/engine";
import { waitForStatus } from "./helpers";

const LEAD: Actor = { kind: "user", id: randomUUID(), name: "Lena Lead", productRole: "lead", teamRoles: ["Deployment Lead"] };
const DBA: Actor = { kind: "user", id: randomUUID(), name: "Dana DBA", productRole: "engineer", teamRoles: ["Database Administrator"] };
const DEVOPS: Actor = { kind: "user", id: randomUUID(), name: "Devi DevOps", productRole: "engineer", teamRoles: ["DevOps Engineer"] };
const QA: Actor = { kind: "user", id: randomUUID(), name: "Quinn QA", productRole: "engineer", teamRoles: ["QA Engineer"] };
const TEAM: Actor = { ...LEAD, name: "Lena Lead (for the team)" };
const BY_ROLE: Record<string, Actor> = { "Deployment Lead": LEAD, "Database Administrator": DBA, "DevOps Engineer": DEVOPS, "QA Engineer": QA, "Deployment Team": TEAM };

let db: TestDatabase;
let sandbox: Sandbox;
let engine: EngineHandle;
let sandboxDbUrl: string;
let dir: string;

function requestCounts(metrics: string) {
  const counts = { blue: 0, green: 0 };
  for (const m of metrics.matchAll(/^sandbox_requests_total\{version="(blue|green)",status="(\d+)"\} (\d+)/gm)) counts[m[1] as "blue" | "green"] += Number(m[3]);
  return counts;
}

/** The share of requests the router really sent to green while we sent `requests` of our own. */
async function greenShare(requests = 200): Promise<number> {
  const before = requestCounts(await (await fetch(sandbox.urls.metrics)).text());
  for (let i = 0; i < requests; i += 25) {
    await Promise.all(Array.from({ length: 25 }, (_, j) => fetch(`${sandbox.urls.router}/api/learners/${((i + j) % 50) + 1}`).then((r) => r.arrayBuffer())));
  }
  const after = requestCounts(await (await fetch(sandbox.urls.metrics)).text());
  const green = after.green - before.green;
  const blue = after.blue - before.blue;
  return (green / (green + blue)) * 100;
}

beforeAll(async () => {
  process.env.FLIGHTDECK_SANDBOX = "1"; // rehearsal mode: the seed's production commands map to sandbox scripts
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fd-rehearsal-"));
  process.env.FLIGHTDECK_SANDBOX_DIR = dir; // the runner passes it to the scripts, which find the sandbox by it
  db = await createTestDatabase("fd_rehearsal");
  sandboxDbUrl = databaseUrlFor(`fd_rehearsal_sbx_${randomBytes(3).toString("hex")}`);
  sandbox = await startSandbox({ dir, databaseUrl: sandboxDbUrl, ports: { router: 47210, blue: 47211, green: 47212 }, rps: 5, log: () => {} });
  engine = await startEngine({ workers: true, concurrency: 2 });
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await sandbox?.stop();
  if (sandboxDbUrl) await dropDatabase(sandboxDbUrl).catch(() => {});
  await db?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  delete process.env.FLIGHTDECK_SANDBOX;
  delete process.env.FLIGHTDECK_SANDBOX_DIR;
});

describe("rehearsal of the seed procedure against the sandbox", () => {
  it("runs backup → migrate → deploy green → smoke (broken, then fixed) → canary 5/10/25/50/100 → verify production", async () => {
    const source = fs.readFileSync(path.resolve("plans/edpsych-deployment-plan.md"), "utf8");
    const seed: Actor = { kind: "system", id: "system:seed", name: "Seed", productRole: "system", teamRoles: [] };
    const imported = await executeAction(importPlanAction, { markdown: source, timezone: "Europe/London" }, { actor: seed });
    const created = (await executeAction(runsActions["runs.create"], { planVersionId: imported.planVersionId, title: "Rehearsal" }, { actor: LEAD })) as { id: string };
    await executeAction(runsActions["runs.start"], { runId: created.id }, { actor: LEAD });

    const tasks = await getDb().select().from(taskStates).where(eq(taskStates.runId, created.id)).orderBy(asc(taskStates.phasePosition), asc(taskStates.position));
    const day = tasks.filter((t) => t.phasePosition === 1);
    const byTitle = (title: string) => day.find((t) => t.title === title)!;
    const runStep = async (title: string, wanted: "succeeded" | "failed" = "succeeded") => {
      const task = byTitle(title);
      const who = BY_ROLE[task.ownerRole] ?? LEAD;
      const result = (await executeAction(stepsActions["steps.run"], { taskId: task.id }, { actor: who })) as { execution: { id: string; kind: string } };
      if (result.execution.kind !== "command") return (await waitForStatus(result.execution.id, ["succeeded"], 5000));
      const row = await waitForStatus(result.execution.id, ["succeeded", "failed", "timed_out", "cancelled"], 60_000);
      expect(row.status, `${title}:\n${row.output}`).toBe(wanted);
      return row;
    };
    const complete = (title: string) => executeAction(runsActions["tasks.complete"], { taskId: byTitle(title).id }, { actor: BY_ROLE[byTitle(title).ownerRole] ?? LEAD });

    // Pre-deployment briefing: a checklist from the procedure, ticked, then completed by the lead.
    const briefing = byTitle("Pre-deployment team briefing");
    expect(briefing.action).toMatchObject({ kind: "manual" });
    const items = (briefing.action as { checklist: string[] }).checklist;
    for (let index = 0; index < items.length; index++) await executeAction(stepsActions["tasks.checklist"], { taskId: briefing.id, index, done: true }, { actor: LEAD });
    await complete("Pre-deployment team briefing");

    const backup = await runStep("Verify system backups");
    expect(backup.output).toMatch(/backup-database/);
    expect(fs.existsSync(path.join(dir, "edpsych_pre_deploy_backup.dump"))).toBe(true);
    await runStep("Activate maintenance page");
    expect((await getDb().select().from(runs).where(eq(runs.id, created.id)))[0].maintenanceNotice).toBe(true);
    await runStep("Execute database migrations");
    const deploy = await runStep("Deploy to green environment");
    expect(deploy.output).toMatch(/green .* is deployed and healthy/);

    // A broken green fails the smoke test: execution failed, task failed, and the reason says why.
    await fetch(`${sandbox.urls.router}/admin/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ color: "green", errorRate: 100 }) });
    const broken = await runStep("Run smoke tests", "failed");
    expect(broken.exitCode).toBe(1);
    const failedTask = (await getDb().select().from(taskStates).where(eq(taskStates.id, byTitle("Run smoke tests").id)))[0];
    expect(failedTask.status).toBe("failed");
    expect(failedTask.reason).toMatch(/Step failed/);
    expect(failedTask.reason).toMatch(/Last output:[\s\S]*smoke/);
    expect(broken.output).toMatch(/ e .*smoke/);

    // Fixed green: the QA engineer retries the failed step and the run carries on from there.
    await fetch(`${sandbox.urls.router}/admin/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ color: "green", errorRate: 0 }) });
    await runStep("Run smoke tests");

    const shares: Record<number, number> = {};
    const canary: Array<[string, number]> = [
      ["Start canary release (5%)", 5],
      ["Increase canary to 10%", 10],
      ["Increase canary to 25%", 25],
      ["Increase canary to 50%", 50],
    ];
    for (const [title, percent] of canary) {
      await runStep(title);
      shares[percent] = await greenShare();
      expect(Math.abs(shares[percent] - percent), `green share ${shares[percent].toFixed(1)}% at weight ${percent}%`).toBeLessThanOrEqual(3);
    }
    // Monitoring runs alongside the canary steps; the traffic switch waits for it.
    await complete("Monitor canary metrics");
    await runStep("Complete traffic switch");
    shares[100] = await greenShare();
    expect(shares[100]).toBe(100);
    await runStep("Verify production functionality");
    await runStep("Deactivate maintenance page");
    await complete("Post-deployment team debrief");

    const finalDay = await getDb().select().from(taskStates).where(eq(taskStates.runId, created.id)).orderBy(asc(taskStates.phasePosition), asc(taskStates.position));
    expect(finalDay.filter((t) => t.phasePosition === 1).map((t) => [t.title, t.status])).toEqual(day.map((t) => [t.title, "completed"]));
    console.info(`rehearsal traffic shares (weight → measured green %): ${Object.entries(shares).map(([w, s]) => `${w}→${s.toFixed(1)}`).join(", ")}`);
  }, 110_000);
});
