// The importer against a real PostgreSQL: what it writes, versioning, the lossless round trip, and that a
// failure anywhere in an import leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parsePlan, type TPlan } from "@/lib/plan";
import { appendAuditEvent } from "@/server/audit/append";
import { getDb } from "@/server/db/client";
import { importPlanVersion, slugify } from "@/server/plans/import";
import { getPlanHeader, getPlanVersionDetail, listPlans, loadPlanVersion } from "@/server/plans/queries";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { PAYMENTS_PATH, parsedSeed, seedSource, tableCounts, testSystemActor } from "./helpers";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("fd_plans_import");
});
afterAll(async () => {
  await db.drop();
});

function importInTx(plan: TPlan, source = seedSource()) {
  return getDb().transaction((tx) => importPlanVersion(tx, plan, source, testSystemActor));
}

describe("importPlanVersion", () => {
  it("writes the seed plan into every section table", async () => {
    const result = await importInTx(parsedSeed());
    expect(result).toMatchObject({ title: "EdPsych AI Platform - Deployment Execution Plan", slug: "edpsych-ai-platform-deployment-execution-plan", version: 1, created: true });
    expect(result.counts).toEqual({
      roles: 6,
      phases: 2,
      tasks: 22,
      procedureSections: 5,
      procedureSteps: expect.any(Number),
      canarySteps: 5,
      gates: 4,
      rollbackTriggers: 4,
      rollbackSteps: 4,
      risks: 8,
      monitoringRules: 7,
      successCriteria: 13,
      notes: 1,
    });
    const counts = await tableCounts();
    expect(counts).toMatchObject({
      plans: 1,
      plan_versions: 1,
      plan_roles: 6,
      plan_phases: 2,
      plan_tasks: 22,
      plan_procedure_sections: 5,
      plan_procedure_steps: result.counts.procedureSteps,
      plan_canary_steps: 5,
      plan_health_gates: 4,
      plan_rollback_triggers: 4,
      plan_rollback_steps: 4,
      plan_risks: 8,
      plan_monitoring_rules: 7,
      plan_success_criteria: 13,
      plan_notes: 1,
    });
    // The database's own counts agree with the summary the importer returned.
    const detail = await getPlanVersionDetail(result.planId);
    expect(detail?.version.counts).toEqual(result.counts);
  });

  it("reads a version back into exactly the parsed plan", async () => {
    const parsed = parsedSeed();
    const [listed] = await listPlans();
    expect(listed).toMatchObject({ versionCount: 1, latest: { version: 1, importedByName: "Test", counts: { roles: 6, tasks: 22, risks: 8 } } });
    expect(await loadPlanVersion(listed.latest.id)).toEqual(parsed);
  });

  it("round-trips a second, different plan too", async () => {
    const result = parsePlan(readFileSync(PAYMENTS_PATH));
    if (!result.ok) throw new Error("fixture does not parse");
    const imported = await importInTx(result.plan, readFileSync(PAYMENTS_PATH, "utf8"));
    expect(await loadPlanVersion(imported.planVersionId)).toEqual(result.plan);
  });

  it("adds version 2 when a plan with the same title is imported again", async () => {
    const before = await listPlans();
    const seedPlan = before.find((p) => p.title === parsedSeed().title)!;
    const again = await importInTx(parsedSeed());
    expect(again).toMatchObject({ planId: seedPlan.id, version: 2, created: false });
    const header = await getPlanHeader(seedPlan.slug);
    expect(header?.versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await listPlans()).length).toBe(before.length);
    // Version 1 still reads back, untouched.
    const v1 = await getPlanVersionDetail(seedPlan.id, 1);
    expect(v1?.content).toEqual(parsedSeed());
    expect((await getPlanVersionDetail(seedPlan.id))?.version.version).toBe(2);
    expect(await getPlanVersionDetail(seedPlan.id, 9)).toBeNull();
  });

  it("gives concurrent imports of one title distinct version numbers", async () => {
    const plan = { ...parsedSeed(), title: "Concurrent plan" };
    const results = await Promise.all([importInTx(plan), importInTx(plan), importInTx(plan)]);
    expect(results.map((r) => r.version).sort()).toEqual([1, 2, 3]);
    expect(new Set(results.map((r) => r.planId)).size).toBe(1);
  });

  it("keeps slugs unique when two titles slugify alike", async () => {
    const a = await importInTx({ ...parsedSeed(), title: "Slug A/B" });
    const b = await importInTx({ ...parsedSeed(), title: "Slug A B" });
    expect(a.slug).toBe("slug-a-b");
    expect(b.slug).toBe("slug-a-b-2");
    expect(slugify("  Ünïcode — plan!  ")).toBe("unicode-plan");
  });

  it("writes nothing when the database refuses a row midway (last section)", async () => {
    const before = await tableCounts();
    const plan = parsedSeed();
    plan.title = "Fails at the notes";
    // PostgreSQL refuses NUL in text: the very last insert of the import fails after all others ran.
    plan.notes = [{ heading: "Bad", body: "nul \u0000 here" }];
    await expect(
      getDb().transaction(async (tx) => {
        const imported = await importPlanVersion(tx, plan, seedSource(), testSystemActor);
        await appendAuditEvent(tx, { actor: testSystemActor, action: "plans.import", target: { type: "plan", id: imported.planId } });
      }),
    ).rejects.toThrow();
    expect(await tableCounts()).toEqual(before);
  });

  it("writes nothing when a failure comes after the rows and the audit event (injected)", async () => {
    const before = await tableCounts();
    await expect(
      getDb().transaction(async (tx) => {
        const imported = await importPlanVersion(tx, { ...parsedSeed(), title: "Injected failure" }, seedSource(), testSystemActor);
        await appendAuditEvent(tx, { actor: testSystemActor, action: "plans.import", target: { type: "plan", id: imported.planId } });
        throw new Error("injected failure after the import");
      }),
    ).rejects.toThrow("injected failure");
    expect(await tableCounts()).toEqual(before);
  });

  it("writes nothing when a non-integer canary step reaches the database", async () => {
    const before = await tableCounts();
    const plan = { ...parsedSeed(), title: "Fractional canary" };
    plan.canary = { ...plan.canary, steps: [5, 12.5] };
    await expect(importInTx(plan)).rejects.toThrow();
    expect(await tableCounts()).toEqual(before);
  });

  it("returns null for unknown versions and plans", async () => {
    expect(await loadPlanVersion("00000000-0000-0000-0000-000000000000")).toBeNull();
    expect(await loadPlanVersion("not-a-uuid")).toBeNull();
    expect(await getPlanHeader("no-such-plan")).toBeNull();
  });
});
