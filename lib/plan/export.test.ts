import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dayPhase, planSource } from "../../tests/fixtures/plans/build";
import { exportPlan, parsePlan, summarizePlan, type ParsePlanOptions, type TPlan } from "./index";

const ROOT = path.resolve(import.meta.dirname, "../..");

function parsed(source: string | Uint8Array, options?: ParsePlanOptions): TPlan {
  const result = parsePlan(source, options);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}: ${p.message}`).join("\n"));
  return result.plan;
}

function roundTrips(plan: TPlan): void {
  const again = parsePlan(exportPlan(plan));
  if (!again.ok) throw new Error(again.problems.map((p) => `${p.line}: ${p.message}`).join("\n"));
  expect(again.plan).toEqual(plan);
}

describe("exportPlan", () => {
  const seed = parsed(readFileSync(path.join(ROOT, "plans/edpsych-deployment-plan.md")));

  it("round-trips the seed to a deep-equal plan", () => {
    roundTrips(seed);
  });

  it("re-parses the exported seed to the same counts", () => {
    expect(summarizePlan(parsed(exportPlan(seed)))).toEqual(summarizePlan(seed));
  });

  it("writes the seed's form", () => {
    const md = exportPlan(seed);
    expect(md).toMatch(/^# EdPsych AI Platform - Deployment Execution Plan\n\nTime zone: Europe\/London\n/);
    expect(md).toContain("### Deployment Day (15/06/2025)\n\n| Task | Start Time | End Time | Owner | Status |");
    expect(md).toContain("| Pre-deployment team briefing | 01:30 AM | 02:00 AM | Deployment Lead | Not Started |");
    expect(md).toContain("| Send stakeholder notifications | 14/06/2025 | 14/06/2025 | Support Lead | Not Started |");
    expect(md).toContain("1. **Start canary release (5%)**:\n   ```bash\n   ./deployment/scripts/canary-release.sh green 5\n   ```");
    expect(md).toContain("- Error rate > 1% for 5 minutes");
    expect(md).toContain("## Conclusion\n\nThis deployment execution plan");
  });

  it("round-trips a plan with extra columns, dependencies, another zone and a note", () => {
    roundTrips(parsed(readFileSync(path.join(ROOT, "tests/fixtures/plans/payments-cutover.md"))));
  });

  it("round-trips a window crossing midnight, 24-hour times and a zone given as an option", () => {
    const timeline = [
      "## Deployment Timeline",
      "",
      ...dayPhase("Night (15/06/2025)", ["| Switch | 11:30 PM | 12:15 AM | DevOps Engineer | Not Started |", "| Late | 00:30 | 01:00 | DevOps Engineer | Not Started |"]),
      ...dayPhase("Soak (16/06/2025 - 18/06/2025)", ["| Watch | 16/06/2025 09:00 | 18/06/2025 17:45 | Deployment Lead | Planned |"], "| Task | Start | End | Owner | Status |"),
    ];
    const plan = parsed(planSource({ timeline }), { timezone: "Australia/Sydney" });
    expect(plan.phases[0].tasks[1]).toMatchObject({ start: "2025-06-15T00:30:00+10:00" });
    roundTrips(plan);
    expect(exportPlan(plan)).toContain("Time zone: Australia/Sydney");
  });

  it("round-trips text that looks like Markdown and edited plans", () => {
    const plan = structuredClone(seed);
    plan.roles[0].responsibility = "Owns *everything* | signs off_on _go_ <b>";
    plan.risks[0].mitigation = "1. first, then [link]";
    plan.procedure[0].steps[0].checklist.push("# not a heading", "- not a bullet", "`code` & more");
    plan.procedure[1].steps[0].commands.push("echo ```fenced```");
    plan.notes.push({ heading: "Appendix", body: "- kept\n- as written" });
    plan.phases[1].tasks[0].extra = { Ticket: "OPS-1" };
    plan.phases[1].tasks[2].dependsOn = ["p2-t1", "p1-t6"];
    roundTrips(plan);
  });

  it("keeps repeated categories in order", () => {
    const plan = structuredClone(seed);
    plan.successCriteria.push({ category: "Technical", text: "Logs are shipped", measurable: null });
    roundTrips(plan);
  });
});
