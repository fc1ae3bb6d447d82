import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { auditEvents, taskStates } from "@/db/schema";
import { getDb } from "@/server/db/client";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { runsActions } from "@/server/actions/runs";
import { importSeedPlan, personas, run, settle } from "./setup";
import type { TRunDto } from "@/lib/runs/dto";
import { formatTaskWindow } from "@/lib/runs/zone";

let db: TestDatabase;
let planVersionId: string;

beforeAll(async () => {
  db = await createTestDatabase("fd_runs");
  planVersionId = await importSeedPlan();
});
afterAll(async () => {
  await db?.drop();
});

const A = runsActions;

async function freshRun(title = "June release", extra: Record<string, unknown> = {}): Promise<TRunDto> {
  const created = await run(A["runs.create"], { planVersionId, title, ...extra }, personas.lead);
  return created;
}
async function startedRun(): Promise<TRunDto> {
  const r = await freshRun();
  return run(A["runs.start"], { runId: r.id }, personas.lead);
}
async function taskBy(runId: string, title: string) {
  const [t] = await getDb().select().from(taskStates).where(and(eq(taskStates.runId, runId), eq(taskStates.title, title)));
  return t;
}
async function completeUpTo(runId: string, title: string) {
  const tasks = await getDb().select().from(taskStates).where(eq(taskStates.runId, runId)).orderBy(asc(taskStates.phasePosition), asc(taskStates.position));
  for (const t of tasks) {
    if (t.title === title) return;
    if (t.status === "completed") continue;
    await run(A["tasks.complete"], { taskId: t.id }, personas.lead);
  }
}

describe("creating a run", () => {
  it("copies the plan's tasks with keys, owners, dependencies and the deployment-day window", async () => {
    const r = await freshRun("June release", { scheduledStart: "2025-06-15T01:30:00+01:00" });
    expect(r.state).toBe("scheduled");
    expect(r.timezone).toBe("Europe/London");
    // 01:30–04:30 BST on 15/06/2025
    expect(r.windowStart).toBe("2025-06-15T00:30:00.000Z");
    expect(r.windowEnd).toBe("2025-06-15T03:30:00.000Z");
    const tasks = await getDb().select().from(taskStates).where(eq(taskStates.runId, r.id));
    expect(tasks).toHaveLength(22);
    const monitor = tasks.find((t) => t.title === "Monitor canary metrics")!;
    const smoke = tasks.find((t) => t.title === "Run smoke tests")!;
    expect(monitor.dependsOn).toEqual([smoke.key]);
    expect(monitor.ownerRole).toBe("Deployment Team");
    // Pre-deployment tasks the plan marks completed start completed.
    expect(tasks.find((t) => t.title === "Final review of test reports")!.status).toBe("completed");
    expect(tasks.find((t) => t.title === "Verify system backups")!.status).toBe("not_started");
  });

  it("moves planned times with a new scheduled start", async () => {
    const r = await freshRun("Rescheduled", { scheduledStart: "2030-01-10T01:30:00+00:00" });
    expect(r.windowStart).toBe("2030-01-10T01:30:00.000Z");
    expect(r.windowEnd).toBe("2030-01-10T04:30:00.000Z");
    const briefing = await taskBy(r.id, "Pre-deployment team briefing");
    expect(briefing.plannedStart.toISOString()).toBe("2030-01-10T01:30:00.000Z");
  });

  it("schedules a plan whose date has passed at the next 5-minute mark, keeping every task's place", async () => {
    const before = Date.now();
    const r = await freshRun("Past plan, default start");
    const after = Date.now();
    const start = Date.parse(r.windowStart!);
    // The seed plan's deployment day (15/06/2025) is past: the run starts at the first 5-minute mark after now.
    expect(start % (5 * 60_000)).toBe(0);
    expect(start).toBeGreaterThan(before);
    expect(start).toBeLessThanOrEqual(after + 5 * 60_000);
    expect(r.scheduledStart).toBe(r.windowStart);
    expect(Date.parse(r.windowEnd!) - start).toBe(3 * 3_600_000);
    const briefing = await taskBy(r.id, "Pre-deployment team briefing");
    expect(briefing.plannedStart.toISOString()).toBe(r.windowStart);
    const backups = await taskBy(r.id, "Verify system backups");
    expect(backups.plannedStart.getTime() - start).toBe(30 * 60_000); // 02:00, half an hour into the day
    // Date-only pre-deployment tasks stay whole days, the same number of days before the deployment day.
    const notifications = await taskBy(r.id, "Send stakeholder notifications");
    expect(notifications.plannedEnd.getTime() - notifications.plannedStart.getTime()).toBeGreaterThanOrEqual(23 * 3_600_000);
    expect(formatTaskWindow(notifications.plannedStart.toISOString(), notifications.plannedEnd.toISOString(), "Europe/London")).toMatch(/^\d{1,2} [A-Z][a-z]{2}$/);
    expect(Date.parse(r.windowStart!) - notifications.plannedEnd.getTime()).toBeGreaterThanOrEqual(0);
    expect(Date.parse(r.windowStart!) - notifications.plannedEnd.getTime()).toBeLessThan(24 * 3_600_000);
    // Nothing on the deployment day is late at creation.
    const tasks = await getDb().select().from(taskStates).where(eq(taskStates.runId, r.id));
    expect(tasks.filter((t) => t.phaseName === "Deployment Day" && t.plannedEnd.getTime() < before)).toEqual([]);
  });

  it("gives field-level errors", async () => {
    const result = await settle(run(A["runs.create"], { planVersionId: "nope", title: "x" } as never, personas.lead));
    expect(result.ok).toBe(false);
    const err = !result.ok ? (result.error as unknown as { fields: Record<string, string[]> }) : null;
    expect(Object.keys(err!.fields).sort()).toEqual(["planVersionId", "title"]);
  });

  it("is the lead's: an engineer is refused and nothing is written", async () => {
    const result = await settle(run(A["runs.create"], { planVersionId, title: "Engineer's run" }, personas.dba));
    expect(!result.ok && result.error.status).toBe(403);
  });
});

describe("run lifecycle through actions", () => {
  it("starts, pauses, resumes, refuses an illegal move, and records times", async () => {
    const r = await freshRun();
    const started = await run(A["runs.start"], { runId: r.id }, personas.lead);
    expect(started.state).toBe("in_progress");
    expect(started.startedAt).not.toBeNull();
    const paused = await run(A["runs.pause"], { runId: r.id, reason: "waiting for the DBA" }, personas.lead);
    expect(paused.state).toBe("paused");
    const refused = await settle(run(A["runs.complete"], { runId: r.id }, personas.lead));
    expect(!refused.ok && refused.error.message).toMatch(/Cannot complete the run while it is paused/);
    expect((await run(A["runs.resume"], { runId: r.id }, personas.lead)).state).toBe("in_progress");
    const early = await settle(run(A["runs.complete"], { runId: r.id }, personas.lead));
    expect(!early.ok && early.error.message).toMatch(/tasks are not finished/);
    const rolling = await run(A["runs.rollback"], { runId: r.id, reason: "error rate high" }, personas.lead);
    expect(rolling.state).toBe("rolling_back");
    const done = await run(A["runs.rollback"], { runId: r.id, reason: "blue serves again", finished: true }, personas.lead);
    expect(done.state).toBe("rolled_back");
    expect(done.endedAt).not.toBeNull();
  });

  it("refuses a stale expectedVersion naming who changed it", async () => {
    const r = await freshRun();
    const result = await settle(run(A["runs.start"], { runId: r.id, expectedVersion: r.version + 5 }, personas.lead));
    expect(!result.ok && result.error.status).toBe(409);
    expect(!result.ok && result.error.message).toMatch(/changed by Lena Lead/);
  });

  it("runs the whole seed timeline to completed", async () => {
    const r = await startedRun();
    const tasks = await getDb().select().from(taskStates).where(eq(taskStates.runId, r.id)).orderBy(asc(taskStates.phasePosition), asc(taskStates.position));
    const ownerFor = (role: string) => Object.values(personas).find((p) => p.teamRoles.includes(role)) ?? personas.lead;
    for (const t of tasks) {
      if (t.status === "completed") continue;
      if (t.title === "Monitor canary metrics") continue; // finished after the canary steps, as on the day
      const who = t.ownerRole === "Deployment Team" ? personas.dba : ownerFor(t.ownerRole);
      if (t.title === "Complete traffic switch") {
        const monitor = tasks.find((x) => x.title === "Monitor canary metrics")!;
        await run(A["tasks.complete"], { taskId: monitor.id }, personas.devops);
      }
      await run(A["tasks.start"], { taskId: t.id }, who);
      await run(A["tasks.complete"], { taskId: t.id }, who);
    }
    const done = await run(A["runs.complete"], { runId: r.id }, personas.lead);
    expect(done.state).toBe("completed");
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.runId, r.id));
    expect(events.filter((e) => e.action === "tasks.complete" && e.outcome === "ok").length).toBe(19); // 22 tasks, 3 completed before the run
    expect(events.some((e) => e.action === "runs.complete")).toBe(true);
  });
});

describe("tasks", () => {
  it("refuses to start before predecessors finish, until the lead overrides with a reason", async () => {
    const r = await startedRun();
    const backups = await taskBy(r.id, "Verify system backups");
    const refused = await settle(run(A["tasks.start"], { taskId: backups.id }, personas.dba));
    expect(!refused.ok && refused.error.status).toBe(409);
    expect(!refused.ok && refused.error.message).toMatch(/waits for "Pre-deployment team briefing"/);
    const notLead = await settle(run(A["tasks.override"], { taskId: backups.id, reason: "briefing runs late" }, personas.dba));
    expect(!notLead.ok && notLead.error.status).toBe(403);
    await run(A["tasks.override"], { taskId: backups.id, reason: "briefing runs late, backups are independent" }, personas.lead);
    const started = await run(A["tasks.start"], { taskId: backups.id }, personas.dba);
    expect(started.status).toBe("in_progress");
    expect(started.assigneeName).toBe("Dana DBA");
    expect(started.actualStart).not.toBeNull();
    const [override] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.runId, r.id), eq(auditEvents.action, "tasks.override")));
    expect(override.reason).toBe("briefing runs late, backups are independent");
  });

  it("ownership: an engineer cannot complete another role's task (403, denied event, nothing written); the owner can", async () => {
    const r = await startedRun();
    await completeUpTo(r.id, "Verify system backups");
    const backups = await taskBy(r.id, "Verify system backups");
    const refused = await settle(run(A["tasks.complete"], { taskId: backups.id }, personas.devops));
    expect(!refused.ok && refused.error.status).toBe(403);
    expect(!refused.ok && refused.error.message).toMatch(/Database Administrator/);
    const after = await taskBy(r.id, "Verify system backups");
    expect(after.status).toBe("not_started");
    expect(after.version).toBe(backups.version);
    const denied = await getDb().select().from(auditEvents).where(and(eq(auditEvents.targetId, backups.id), eq(auditEvents.outcome, "denied")));
    expect(denied).toHaveLength(1);
    expect(denied[0].actorName).toBe("Devi DevOps");
    // The legitimate path still works.
    const ok = await run(A["tasks.complete"], { taskId: backups.id }, personas.dba);
    expect(ok.status).toBe("completed");
    expect(ok.actualEnd).not.toBeNull();
  });

  it("race: two concurrent completes → exactly one wins, the other gets 409 naming the winner, one audit event", async () => {
    const r = await startedRun();
    await completeUpTo(r.id, "Verify system backups");
    const task = await taskBy(r.id, "Verify system backups");
    const [a, b] = await Promise.all([
      settle(run(A["tasks.complete"], { taskId: task.id, expectedVersion: task.version }, personas.dba)),
      settle(run(A["tasks.complete"], { taskId: task.id, expectedVersion: task.version }, personas.dba2)),
    ]);
    const wins = [a, b].filter((x) => x.ok);
    const losses = [a, b].filter((x) => !x.ok);
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(1);
    const loser = losses[0] as { ok: false; error: { status: number; message: string; details: { task: { status: string } } } };
    const winnerName = (wins[0] as { ok: true; value: { updatedByName: string } }).value.updatedByName;
    expect(loser.error.status).toBe(409);
    expect(loser.error.message).toContain(`changed by ${winnerName} just now`);
    expect(loser.error.details.task.status).toBe("completed");
    const events = await getDb().select().from(auditEvents).where(and(eq(auditEvents.targetId, task.id), eq(auditEvents.action, "tasks.complete")));
    expect(events).toHaveLength(1);
  });

  it("race without expectedVersion: still one winner; a later repeat is refused as already completed by the winner", async () => {
    const r = await startedRun();
    await completeUpTo(r.id, "Verify system backups");
    const task = await taskBy(r.id, "Verify system backups");
    const results = await Promise.all([settle(run(A["tasks.complete"], { taskId: task.id }, personas.dba)), settle(run(A["tasks.complete"], { taskId: task.id }, personas.dba2))]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    const loser = results.find((x) => !x.ok) as { ok: false; error: { status: number; message: string } };
    expect(loser.error.status).toBe(409);
    expect(loser.error.message).toMatch(/changed by (Dana|Dmitri) DBA just now/);
  });

  it("idempotency: the same request key completes once and answers the same twice", async () => {
    const r = await startedRun();
    await completeUpTo(r.id, "Verify system backups");
    const task = await taskBy(r.id, "Verify system backups");
    const first = await run(A["tasks.complete"], { taskId: task.id, expectedVersion: task.version }, personas.dba, "click-1");
    const second = await run(A["tasks.complete"], { taskId: task.id, expectedVersion: task.version }, personas.dba, "click-1");
    expect(second).toEqual(first);
    const [c1, c2] = await Promise.all([
      settle(run(A["tasks.note"], { taskId: task.id, text: "double click" }, personas.dba, "note-1")),
      settle(run(A["tasks.note"], { taskId: task.id, text: "double click" }, personas.dba, "note-1")),
    ]);
    expect(c1.ok && c2.ok).toBe(true);
    const after = await taskBy(r.id, "Verify system backups");
    expect(after.notes).toHaveLength(1);
    const events = await getDb().select().from(auditEvents).where(and(eq(auditEvents.targetId, task.id), eq(auditEvents.action, "tasks.complete")));
    expect(events).toHaveLength(1);
  });

  it("block needs a reason; skip and reopen are the lead's", async () => {
    const r = await startedRun();
    const briefing = await taskBy(r.id, "Pre-deployment team briefing");
    const noReason = await settle(run(A["tasks.block"], { taskId: briefing.id } as never, personas.lead));
    expect(!noReason.ok && noReason.error.status).toBe(400);
    const blocked = await run(A["tasks.block"], { taskId: briefing.id, reason: "room booked twice" }, personas.lead);
    expect(blocked.status).toBe("blocked");
    expect(blocked.reason).toBe("room booked twice");
    const backups = await taskBy(r.id, "Verify system backups");
    const engineerSkip = await settle(run(A["tasks.skip"], { taskId: backups.id, reason: "not needed" }, personas.dba));
    expect(!engineerSkip.ok && engineerSkip.error.status).toBe(403);
    const skipped = await run(A["tasks.skip"], { taskId: briefing.id, reason: "done on chat instead" }, personas.lead);
    expect(skipped.status).toBe("skipped");
    const reopened = await run(A["tasks.reopen"], { taskId: briefing.id }, personas.lead);
    expect(reopened.status).toBe("not_started");
    expect(reopened.actualEnd).toBeNull();
  });

  it("tasks wait while the run is paused", async () => {
    const r = await startedRun();
    await run(A["runs.pause"], { runId: r.id, reason: "coffee" }, personas.lead);
    const briefing = await taskBy(r.id, "Pre-deployment team briefing");
    const result = await settle(run(A["tasks.start"], { taskId: briefing.id }, personas.lead));
    expect(!result.ok && result.error.message).toMatch(/paused/);
  });
});

describe("status updates", () => {
  it("lead and Support Lead may post; another engineer is refused", async () => {
    const r = await startedRun();
    const byLead = await run(A["runs.statusUpdate"], { runId: r.id, bodyMarkdown: "**Started** on time." }, personas.lead);
    expect(byLead.authorName).toBe("Lena Lead");
    await run(A["runs.statusUpdate"], { runId: r.id, bodyMarkdown: "Customers notified." }, personas.support);
    const refused = await settle(run(A["runs.statusUpdate"], { runId: r.id, bodyMarkdown: "hello" }, personas.dba));
    expect(!refused.ok && refused.error.status).toBe(403);
    const stakeholder = await settle(run(A["runs.statusUpdate"], { runId: r.id, bodyMarkdown: "hello" }, personas.stakeholder));
    expect(!stakeholder.ok && stakeholder.error.status).toBe(403);
  });
});
