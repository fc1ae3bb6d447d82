import { describe, expect, it } from "vitest";
import { IMPACT_LEVELS, PROBABILITY_LEVELS, riskSeverity, severity } from "@/components/plans/risk-scale";
import { condition, statusLook, taskWindow } from "@/components/plans/format";
import { planTab } from "@/components/plans/plan-tabs";
import { parsedSeed } from "./helpers";

describe("risk heat map scale", () => {
  it("grows with impact and with probability", () => {
    const rank = { Low: 0, Medium: 1, High: 2, Critical: 3 };
    for (const i of IMPACT_LEVELS) {
      for (let p = 1; p < PROBABILITY_LEVELS.length; p++) {
        expect(rank[severity(i, PROBABILITY_LEVELS[p])]).toBeGreaterThanOrEqual(rank[severity(i, PROBABILITY_LEVELS[p - 1])]);
      }
    }
    expect(severity("Critical", "High")).toBe("Critical");
    expect(severity("Low", "Low")).toBe("Low");
  });

  it("places every seed risk on the grid", () => {
    const risks = parsedSeed().risks;
    expect(risks.map(riskSeverity).every((s) => s !== null)).toBe(true);
    expect(riskSeverity({ probability: "Medium", impact: "High" })).toBe("High");
    expect(riskSeverity({ probability: "often", impact: "High" })).toBeNull();
  });
});

describe("plan view formatting", () => {
  it("shows all-day windows by their days and timed windows in the plan's zone", () => {
    const [pre, day] = parsedSeed().phases;
    expect(taskWindow(pre.tasks[0], "Europe/London")).toBe("Sun 8 Jun – Mon 9 Jun");
    expect(taskWindow(pre.tasks[6], "Europe/London")).toBe("Sat 14 Jun (all day)");
    expect(taskWindow(day.tasks[0], "Europe/London")).toMatch(/^Sun 15 Jun \d\d:\d\d–\d\d:\d\d BST$/);
  });

  it("says status in words and symbols", () => {
    expect(statusLook("Completed")).toMatchObject({ tone: "success", symbol: "✓", label: "Completed" });
    expect(statusLook("In Progress")).toMatchObject({ tone: "info" });
    expect(statusLook("Not Started")).toMatchObject({ tone: "neutral", label: "Not Started" });
    expect(condition({ operator: ">=", threshold: 4.5, unit: "/5.0" })).toBe("≥ 4.5/5.0");
  });

  it("falls back to the overview for unknown tabs", () => {
    expect(planTab("risks")).toBe("risks");
    expect(planTab(["timeline", "x"])).toBe("timeline");
    expect(planTab("nope")).toBe("overview");
    expect(planTab(undefined)).toBe("overview");
  });
});
