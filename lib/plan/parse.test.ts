import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZPlan, parsePlan, summarizePlan, rolesForOwner, type TPlan } from "./index";

const SEED = path.resolve(import.meta.dirname, "../../plans/edpsych-deployment-plan.md");

function seed(): TPlan {
  const result = parsePlan(readFileSync(SEED));
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}: ${p.message}`).join("\n"));
  return result.plan;
}

describe("parsePlan on the seed plan", () => {
  const plan = seed();

  it("conforms to ZPlan", () => {
    expect(ZPlan.safeParse(plan).success).toBe(true);
  });

  it("reads title, overview, zone and roster", () => {
    expect(plan.title).toBe("EdPsych AI Platform - Deployment Execution Plan");
    expect(plan.timezone).toBe("Europe/London");
    expect(plan.overview).toMatch(/^This document outlines/);
    expect(plan.roles.map((r) => r.name)).toEqual([
      "Deployment Lead",
      "Database Administrator",
      "DevOps Engineer",
      "QA Engineer",
      "Security Engineer",
      "Support Lead",
    ]);
    expect(plan.roles[1]).toEqual({ name: "Database Administrator", responsibility: "Database migrations and monitoring", contact: "dba@edpsych-ai-platform.com", extra: {} });
  });

  it("gives the expected counts", () => {
    expect(summarizePlan(plan)).toMatchObject({
      roles: 6,
      phases: [
        { name: "Pre-Deployment Phase", tasks: 7 },
        { name: "Deployment Day", tasks: 15 },
      ],
      tasks: 22,
      procedureSections: 5,
      canarySteps: [5, 10, 25, 50, 100],
      gates: 4,
      triggers: 4,
      measurableTriggers: 2,
      rollbackSteps: 4,
      risks: 8,
      monitoring: 7,
      successCriteria: 13,
      successCategories: ["Technical", "Business", "Operational"],
      notes: 1,
    });
  });

  it("reads phases with their dates and all-day tasks", () => {
    const [pre, day] = plan.phases;
    expect(pre).toMatchObject({ startsOn: "2025-06-08", endsOn: "2025-06-14" });
    expect(day).toMatchObject({ startsOn: "2025-06-15", endsOn: "2025-06-15" });
    expect(pre.tasks[0]).toEqual({
      key: "p1-t1",
      title: "Final review of test reports",
      owner: "QA Engineer",
      status: "Completed",
      start: "2025-06-08T00:00:00+01:00",
      end: "2025-06-10T00:00:00+01:00",
      allDay: true,
      dependsOn: [],
      extra: {},
    });
    // A one-day task (14/06 → 14/06) ends at midnight after that day.
    expect(pre.tasks[6]).toMatchObject({ start: "2025-06-14T00:00:00+01:00", end: "2025-06-15T00:00:00+01:00" });
    expect(pre.tasks[5].owner).toBe("Deployment Team");
    expect(rolesForOwner(plan, "Deployment Team")).toHaveLength(6);
  });

  it("reads deployment-day times in British Summer Time", () => {
    const first = plan.phases[1].tasks[0];
    expect(first).toMatchObject({
      key: "p2-t1",
      title: "Pre-deployment team briefing",
      owner: "Deployment Lead",
      status: "Not Started",
      start: "2025-06-15T01:30:00+01:00",
      end: "2025-06-15T02:00:00+01:00",
      allDay: false,
    });
    expect(plan.phases[1].tasks.at(-1)).toMatchObject({ key: "p2-t15", end: "2025-06-15T04:30:00+01:00" });
  });

  it("reads the procedure with commands and checklists", () => {
    expect(plan.procedure.map((p) => p.title)).toEqual([
      "Pre-Deployment Verification",
      "Database Migration",
      "Green Environment Deployment",
      "Canary Release",
      "Post-Deployment Verification",
    ]);
    expect(plan.procedure[0].steps[0]).toEqual({
      title: "Verify all pre-requisites",
      commands: [],
      checklist: [
        "Confirm all tests have passed",
        "Confirm all validation has passed",
        "Verify database backup is recent and valid",
        "Verify rollback procedures are tested",
        "Confirm all team members are available",
      ],
    });
    expect(plan.procedure[1].steps[0].commands).toEqual([
      "pg_dump -h edpsych-db.cluster-xyz123.us-east-1.rds.amazonaws.com -U edpsych_admin -d edpsych_production > edpsych_pre_deploy_backup.sql",
    ]);
    expect(plan.procedure[3].steps[2].commands).toHaveLength(4);
  });

  it("reads canary gates as measurable conditions", () => {
    expect(plan.canary.gates).toEqual([
      { text: "Error rate < 1%", metric: "error_rate", operator: "<", threshold: 1, unit: "%" },
      { text: "Response time < 500ms", metric: "response_time", operator: "<", threshold: 500, unit: "ms" },
      { text: "CPU usage < 80%", metric: "cpu_usage", operator: "<", threshold: 80, unit: "%" },
      { text: "Memory usage < 80%", metric: "memory_usage", operator: "<", threshold: 80, unit: "%" },
    ]);
  });

  it("reads rollback triggers, sustained ones with their window", () => {
    expect(plan.rollback.triggers).toEqual([
      { text: "Error rate > 1% for 5 minutes", metric: "error_rate", operator: ">", threshold: 1, unit: "%", forMinutes: 5 },
      { text: "Response time > 500ms for 5 minutes", metric: "response_time", operator: ">", threshold: 500, unit: "ms", forMinutes: 5 },
      { text: "Critical functionality failure", metric: null, operator: null, threshold: null, unit: null, forMinutes: null },
      { text: "Security incident", metric: null, operator: null, threshold: null, unit: null, forMinutes: null },
    ]);
    expect(plan.rollback.steps.map((s) => s.title)).toEqual([
      "Initiate rollback",
      "Verify rollback success",
      "Send rollback notification",
      "Document rollback reason",
    ]);
    expect(plan.rollback.steps[0].commands).toEqual(["./deployment/scripts/rollback.sh"]);
  });

  it("reads risks with owners from the roster", () => {
    expect(plan.risks[3]).toEqual({
      risk: "Security vulnerability",
      probability: "Low",
      impact: "Critical",
      mitigation: "Pre-deployment security scan, WAF rules, real-time security monitoring",
      owner: "Security Engineer",
      extra: {},
    });
  });

  it("reads monitoring rules and maps alert aliases to roster roles", () => {
    expect(plan.monitoring[0]).toEqual({
      metric: "error_rate",
      label: "Error Rate",
      tool: "Datadog",
      threshold: "> 1%",
      operator: ">",
      thresholdValue: 1,
      unit: "%",
      alertTo: ["DevOps Engineer", "Deployment Lead"],
      response: "Investigate, fix or rollback",
      extra: {},
    });
    expect(plan.monitoring[4].alertTo).toEqual(["Database Administrator"]);
    expect(plan.monitoring[5].alertTo).toEqual(["DevOps Engineer", "Developers"]);
    expect(plan.monitoring[6]).toMatchObject({ threshold: "< 90% of normal", operator: "<", thresholdValue: 90, unit: "% of normal", alertTo: ["Support Lead", "Deployment Lead"] });
  });

  it("reads success criteria by category, measurable where possible", () => {
    const counts: Record<string, number> = {};
    for (const c of plan.successCriteria) counts[c.category] = (counts[c.category] ?? 0) + 1;
    expect(counts).toEqual({ Technical: 5, Business: 4, Operational: 4 });
    expect(plan.successCriteria[1]).toEqual({
      category: "Technical",
      text: "Error rate is below 0.5%",
      measurable: { metric: "error_rate", operator: "<", threshold: 0.5, unit: "%" },
    });
    expect(plan.successCriteria[0].measurable).toBeNull();
  });

  it("keeps the unknown Conclusion section as a note", () => {
    expect(plan.notes).toEqual([{ heading: "Conclusion", body: expect.stringMatching(/^This deployment execution plan provides/) }]);
  });

  it("warns (without failing) about the unknown alert recipient", () => {
    const result = parsePlan(readFileSync(SEED, "utf8"));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings).toEqual([expect.objectContaining({ line: 208, text: "Developers" })]);
  });
});
