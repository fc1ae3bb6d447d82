import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TEAM, TIMELINE, dayPhase, lineOf, planSource } from "../../tests/fixtures/plans/build";
import { formatProblem, parsePlan, type PlanProblem } from "./index";

function problems(source: string | Uint8Array, options?: Parameters<typeof parsePlan>[1]): PlanProblem[] {
  const result = parsePlan(source, options);
  if (result.ok) throw new Error("expected the plan to be rejected");
  return result.problems;
}

const timeline = (heading: string, rows: string[], header?: string) => ["## Deployment Timeline", "", ...dayPhase(heading, rows, header)];

describe("parsePlan rejects bad input with every problem at once", () => {
  it("reports all problems of the broken fixture, each with its line and text", () => {
    const source = readFileSync(path.resolve(import.meta.dirname, "../../tests/fixtures/plans/broken.md"), "utf8");
    const found = problems(source);
    expect(found.map((p) => [p.line, p.text])).toEqual([
      [lineOf(source, "### Preparation"), "Preparation (01/02/2025 - 31/02/2025)"],
      [lineOf(source, "| Review |"), "31/02/2025"],
      [lineOf(source, "| Backup |"), "Databse Administrator"],
      [lineOf(source, "| Briefing |"), "25:99"],
      [lineOf(source, "| Migrate |"), "| Migrate | 02:00 AM | 02:30 AM | Database Administrator |"],
      [lineOf(source, "| Data loss |"), "Chief Wizard"],
    ]);
    expect(formatProblem(found[2])).toBe(
      `line 17: owner "Databse Administrator" is not in the Deployment Team roster (known: Deployment Lead, Database Administrator, Deployment Team)`,
    );
    expect(found[4].message).toMatch(/4 cells but the header has 5/);
  });

  it("reports an unknown task owner and an unknown risk owner", () => {
    const tl = timeline("Day (15/06/2025)", ["| Briefing | 01:30 AM | 02:00 AM | Databse Administrator | Not Started |"]);
    const source = planSource({ timeline: tl }).replace("| Database Administrator |\n", "| Database Admin |\n");
    const found = problems(source);
    expect(found).toEqual([
      expect.objectContaining({ line: lineOf(source, "| Briefing |"), text: "Databse Administrator", message: expect.stringMatching(/known: Deployment Lead, DevOps Engineer, Database Administrator, Deployment Team/) }),
      expect.objectContaining({ line: lineOf(source, "| Slow migration |"), text: "Database Admin" }),
    ]);
  });

  it("reports an impossible date, an unparseable time and a wrong cell count together", () => {
    const tl = [
      "## Deployment Timeline",
      "",
      ...dayPhase("Prep (01/02/2025 - 28/02/2025)", ["| Review | 31/02/2025 | 01/03/2025 | Deployment Lead | Done |"], "| Task | Start Date | End Date | Owner | Status |"),
      ...dayPhase("Day (15/06/2025)", ["| Briefing | 1:75 AM | 02:00 AM | Deployment Lead | Not Started |", "| Deploy | 02:00 AM | 02:30 AM | DevOps Engineer | Not Started | extra |"]),
    ];
    const source = planSource({ timeline: tl });
    expect(problems(source)).toEqual([
      { line: lineOf(source, "| Review |"), message: expect.stringMatching(/"31\/02\/2025" is not a real date/), text: "31/02/2025" },
      { line: lineOf(source, "| Briefing |"), message: expect.stringMatching(/"1:75 AM" is not a valid 12-hour time/), text: "1:75 AM" },
      { line: lineOf(source, "| Deploy |"), message: expect.stringMatching(/6 cells but the header has 5/), text: expect.stringContaining("| extra |") },
    ]);
  });

  it("reports missing required sections and warns about missing optional ones", () => {
    const found = problems(planSource({ title: null, team: null, timeline: null, rest: ["Just words."] }));
    const messages = found.map((p) => p.message).join("\n");
    expect(messages).toMatch(/no title/);
    expect(messages).toMatch(/no Deployment Team section/);
    expect(messages).toMatch(/no Timeline section/);

    const result = parsePlan(planSource({ rest: [] }));
    expect(result.ok).toBe(true);
    if (result.ok) {
      const warnings = result.warnings.map((w) => w.message).join("\n");
      for (const name of ["Deployment Procedure", "Rollback Procedure", "Risk Assessment", "Monitoring and Alerting", "Success Criteria"]) {
        expect(warnings).toContain(`no ${name} section`);
      }
    }
  });

  it("reports a time without a date in a multi-day phase and a window that ends before it starts", () => {
    const tl = [
      "## Deployment Timeline",
      "",
      ...dayPhase("Week (01/06/2025 - 07/06/2025)", ["| Deploy | 02:00 AM | 02:30 AM | DevOps Engineer | Planned |", "| Soak | 03/06/2025 | 02/06/2025 | DevOps Engineer | Planned |"], "| Task | Start | End | Owner | Status |"),
    ];
    const source = planSource({ timeline: tl });
    const found = problems(source);
    expect(found.map((p) => p.line)).toEqual([lineOf(source, "| Deploy |"), lineOf(source, "| Soak |")]);
    expect(found[0].message).toMatch(/has no single date/);
    expect(found[1].message).toMatch(/ends .* before it starts/);
  });

  it("reports dependencies on unknown tasks", () => {
    const tl = timeline("Day (15/06/2025)", ["| Deploy | 02:00 AM | 02:30 AM | DevOps Engineer | Planned | Build the thing |"], "| Task | Start Time | End Time | Owner | Status | Depends On |");
    const source = planSource({ timeline: tl });
    expect(problems(source)).toEqual([expect.objectContaining({ line: lineOf(source, "| Deploy |"), text: "Build the thing" })]);
  });

  it("reports an invalid time zone option and statement", () => {
    expect(problems(planSource(), { timezone: "Mars/Olympus" })[0]).toMatchObject({ line: null, text: "Mars/Olympus" });
    const source = planSource({ preamble: ["Time zone: Nowhere/Land"] });
    expect(problems(source)[0]).toMatchObject({ line: lineOf(source, "Time zone:"), text: "Nowhere/Land" });
  });

  it("rejects an empty file", () => {
    expect(problems("")[0].message).toMatch(/empty/);
    expect(problems(new Uint8Array([0x20, 0x0a, 0x0a]))[0].message).toMatch(/empty/);
  });

  it("rejects binary files and invalid UTF-8, with the line", () => {
    expect(problems(`# Title\n\nabc\u0000def\n`)).toEqual([{ line: 3, message: expect.stringMatching(/NUL bytes/) }]);
    const bytes = new Uint8Array([...new TextEncoder().encode("# Title\n\n"), 0xff, 0xfe, 0x41]);
    expect(problems(bytes)).toEqual([{ line: 3, message: expect.stringMatching(/not valid UTF-8/) }]);
  });

  it("rejects a file over the size limit before parsing it", () => {
    expect(problems("x".repeat(2 * 1024 * 1024))[0].message).toMatch(/2 MiB, over the 1 MiB limit/);
    expect(problems(planSource(), { maxBytes: 100 })[0].message).toMatch(/over the 100 bytes limit/);
  });

  it("accepts the collective owner Deployment Team and UTF-8 with a BOM", () => {
    const tl = timeline("Day (15/06/2025)", ["| Huddle | 01:00 AM | 01:30 AM | Deployment Team | Not Started |"]);
    const result = parsePlan(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(planSource({ timeline: tl }))]));
    expect(result.ok && result.plan.phases[0].tasks[0].owner).toBe("Deployment Team");
    expect(TEAM[0]).toBe("## Deployment Team");
    expect(TIMELINE[0]).toBe("## Deployment Timeline");
  });
});
