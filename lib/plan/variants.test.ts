import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REST, TEAM, dayPhase, planSource } from "../../tests/fixtures/plans/build";
import { parsePlan, summarizePlan, type ParsePlanResult, type TPlan } from "./index";

const FIXTURES = path.resolve(import.meta.dirname, "../../tests/fixtures/plans");

function ok(result: ParsePlanResult): TPlan & { warnings: string[] } {
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}: ${p.message}`).join("\n"));
  return { ...result.plan, warnings: result.warnings.map((w) => w.message) };
}

const timeline = (heading: string, rows: string[], header?: string) => ["## Deployment Timeline", "", ...dayPhase(heading, rows, header)];

describe("parsePlan on other plans", () => {
  it("reads a plan with other names, roles, extra columns, dependencies, canary and zone", () => {
    const plan = ok(parsePlan(readFileSync(path.join(FIXTURES, "payments-cutover.md"))));
    expect(plan.timezone).toBe("America/New_York");
    expect(plan.roles.map((r) => r.name)).toEqual(["Release Manager", "SRE", "Backend Engineer", "Data Engineer"]);
    expect(plan.roles[0].extra).toEqual({ Pager: "+1 555 0100" });
    expect(plan.phases.map((p) => [p.name, p.startsOn, p.endsOn, p.tasks.length])).toEqual([
      ["Preparation", "2025-03-03", "2025-03-07", 2],
      ["Cutover Night", "2025-03-08", "2025-03-08", 3],
    ]);
    const [goNoGo, migrate, shift] = plan.phases[1].tasks;
    expect(goNoGo).toMatchObject({ start: "2025-03-08T21:00:00-05:00", dependsOn: ["p1-t2"], extra: { Ticket: "PAY-110" } });
    expect(migrate.extra).toEqual({});
    // 23:30 → 00:15 crosses midnight: the end is on the next day.
    expect(shift).toMatchObject({ start: "2025-03-08T23:30:00-05:00", end: "2025-03-09T00:15:00-05:00", dependsOn: ["p2-t2", "p2-t1"] });
    expect(plan.canary.steps).toEqual([1, 20, 100]);
    expect(plan.canary.gates.map((g) => [g.metric, g.operator, g.threshold, g.unit])).toEqual([
      ["p95_latency", "<", 300, "ms"],
      ["error_rate", "<=", 0.5, "%"],
    ]);
    expect(plan.rollback.triggers[0]).toMatchObject({ metric: "error_rate", operator: ">=", threshold: 2, forMinutes: 3 });
    expect(plan.risks[0].extra).toEqual({ Status: "Open" });
    expect(plan.monitoring.map((m) => m.alertTo)).toEqual([["SRE", "Release Manager"], ["Data Engineer"]]);
    expect(plan.successCriteria.map((c) => c.category)).toEqual(["General", "General"]);
    expect(plan.notes).toEqual([
      { heading: "Communication Plan", body: "Post updates in **#payments-cutover** every 30 minutes.\n\n- Stakeholders: finance@example.com" },
    ]);
  });

  it("accepts the Roster synonym and other phase names", () => {
    const team = ["## Roster", ...TEAM.slice(1)];
    const plan = ok(parsePlan(planSource({ team, timeline: timeline("Launch Window (01/07/2025)", ["| Kickoff | 09:00 AM | 09:15 AM | DevOps Engineer | Ready |"]) })));
    expect(plan.roles).toHaveLength(3);
    expect(plan.phases[0]).toMatchObject({ name: "Launch Window", startsOn: "2025-07-01" });
    expect(plan.phases[0].tasks[0]).toMatchObject({ status: "Ready", start: "2025-07-01T09:00:00+01:00" });
  });

  it("reads 24-hour times", () => {
    const plan = ok(parsePlan(planSource({ timeline: timeline("Day (15/01/2025)", ["| Deploy | 14:00 | 15:30 | DevOps Engineer | Not Started |"]) })));
    expect(plan.phases[0].tasks[0]).toMatchObject({ start: "2025-01-15T14:00:00+00:00", end: "2025-01-15T15:30:00+00:00", allDay: false });
  });

  it("ends a 12-hour window that crosses midnight on the next day", () => {
    const plan = ok(parsePlan(planSource({ timeline: timeline("Night (15/06/2025)", ["| Switch | 11:30 PM | 12:15 AM | DevOps Engineer | Not Started |"]) })));
    expect(plan.phases[0].tasks[0]).toMatchObject({ start: "2025-06-15T23:30:00+01:00", end: "2025-06-16T00:15:00+01:00" });
  });

  it("reads times in the time zone given as an option", () => {
    const plan = ok(parsePlan(planSource(), { timezone: "Asia/Tokyo" }));
    expect(plan.timezone).toBe("Asia/Tokyo");
    expect(plan.phases[0].tasks[0].start).toBe("2025-06-15T01:30:00+09:00");
  });

  it("prefers the zone the plan states over the option, with a warning", () => {
    const source = planSource({ preamble: ["Time zone: America/New_York"] });
    expect(ok(parsePlan(source)).phases[0].tasks[0].start).toBe("2025-06-15T01:30:00-04:00");
    const plan = ok(parsePlan(source, { timezone: "Asia/Tokyo" }));
    expect(plan.timezone).toBe("America/New_York");
    expect(plan.warnings.join("\n")).toMatch(/states time zone America\/New_York/);
  });

  it("writes UTC offsets as +00:00", () => {
    expect(ok(parsePlan(planSource(), { timezone: "UTC" })).phases[0].tasks[0].start).toBe("2025-06-15T01:30:00+00:00");
  });

  it("reads full date-and-time cells in a multi-day phase", () => {
    const plan = ok(
      parsePlan(planSource({ timeline: timeline("Week (14/06/2025 - 16/06/2025)", ["| Soak | 14/06/2025 22:00 | 16/06/2025 06:00 | DevOps Engineer | Planned |"], "| Task | Start | End | Owner | Status |") })),
    );
    expect(plan.phases[0].tasks[0]).toMatchObject({ start: "2025-06-14T22:00:00+01:00", end: "2025-06-16T06:00:00+01:00", allDay: false });
  });

  it("derives other canary percentages and gates from the canary section", () => {
    const rest = [
      "## Procedure",
      "",
      "### 1. Canary",
      "",
      "1. **Canary (2%)**:",
      "   - Error rate < 2%",
      "   - Queue depth <= 1000",
      "2. **Half (50%)**:",
      "   ```bash",
      "   ./canary-release.sh blue 50",
      "   ./canary-release.sh blue 100",
      "   ```",
    ];
    const plan = ok(parsePlan(planSource({ rest })));
    expect(plan.canary.steps).toEqual([2, 50, 100]);
    expect(plan.canary.gates).toEqual([
      { text: "Error rate < 2%", metric: "error_rate", operator: "<", threshold: 2, unit: "%" },
      { text: "Queue depth <= 1000", metric: "queue_depth", operator: "<=", threshold: 1000, unit: "" },
    ]);
    // The optional sections are missing: warnings, not errors.
    expect(plan.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/no Rollback Procedure section/), expect.stringMatching(/no Success Criteria section/)]));
  });

  it("keeps unknown sections as notes, verbatim", () => {
    const rest = [...REST, "", "## Lessons Learned", "", "Keep *this* exactly.", "", "| a | b |", "|---|---|", "| 1 | 2 |"];
    const plan = ok(parsePlan(planSource({ rest })));
    expect(plan.notes).toEqual([{ heading: "Lessons Learned", body: "Keep *this* exactly.\n\n| a | b |\n|---|---|\n| 1 | 2 |" }]);
  });

  it("summarises a minimal plan", () => {
    const s = summarizePlan(ok(parsePlan(planSource())));
    expect(s).toMatchObject({ roles: 3, tasks: 1, canarySteps: [10, 100], triggers: 1, measurableTriggers: 1, risks: 1, monitoring: 1, successCriteria: 1 });
  });
});
