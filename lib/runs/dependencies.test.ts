import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlan } from "@/lib/plan";
import { computeDependencies, findCycle, unfinishedPredecessors, type DependencyTask } from "./dependencies";

function seedTasks(): Array<DependencyTask & { title: string }> {
  const source = readFileSync(path.resolve(import.meta.dirname, "../../plans/edpsych-deployment-plan.md"), "utf8");
  const result = parsePlan(source, { timezone: "Europe/London" });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.plan.phases.flatMap((phase, p) =>
    phase.tasks.map((t, i) => ({ key: t.key, title: t.title, phasePosition: p, position: i, plannedStart: new Date(t.start), plannedEnd: new Date(t.end), declared: t.dependsOn })),
  );
}

describe("computeDependencies on the seed plan", () => {
  const tasks = seedTasks();
  const deps = computeDependencies(tasks);
  const titleOf = new Map(tasks.map((t) => [t.key, t.title]));
  const keyOf = new Map(tasks.map((t) => [t.title, t.key]));
  const waitsFor = (title: string) => (deps.get(keyOf.get(title)!) ?? []).map((k) => titleOf.get(k));

  it("chains the deployment day step by step", () => {
    expect(waitsFor("Pre-deployment team briefing")).toEqual([]);
    expect(waitsFor("Verify system backups")).toEqual(["Pre-deployment team briefing"]);
    expect(waitsFor("Execute database migrations")).toEqual(["Activate maintenance page"]);
    expect(waitsFor("Start canary release (5%)")).toEqual(["Run smoke tests"]);
  });

  it("runs monitoring alongside the canary steps, and waits for it at the switch", () => {
    expect(waitsFor("Monitor canary metrics")).toEqual(["Run smoke tests"]);
    expect(waitsFor("Increase canary to 10%")).toEqual(["Start canary release (5%)"]);
    expect(waitsFor("Increase canary to 50%")).toEqual(["Increase canary to 25%"]);
    expect(waitsFor("Complete traffic switch")).toEqual(["Monitor canary metrics", "Increase canary to 50%"]);
  });

  it("chains whole-day tasks whose date ranges touch", () => {
    expect(waitsFor("Final review of test reports")).toEqual([]);
    expect(waitsFor("Final review of validation reports")).toEqual(["Final review of test reports"]);
    // The dry run (13–14/06) covers the whole of the 14th, so notifications go out alongside it.
    expect(waitsFor("Send stakeholder notifications")).toEqual(["Set up monitoring dashboards"]);
  });

  it("does not gate one phase on another", () => {
    expect(waitsFor("Pre-deployment team briefing")).toEqual([]);
  });
});

describe("computeDependencies", () => {
  const at = (h: number, m = 0) => new Date(Date.UTC(2025, 5, 15, h, m));
  it("adds declared dependencies, across phases too, and reduces implied ones", () => {
    const deps = computeDependencies([
      { key: "a", phasePosition: 0, position: 0, plannedStart: at(1), plannedEnd: at(2) },
      { key: "b", phasePosition: 1, position: 0, plannedStart: at(3), plannedEnd: at(4), declared: ["a"] },
      { key: "c", phasePosition: 1, position: 1, plannedStart: at(4), plannedEnd: at(5), declared: ["a"] },
    ]);
    expect(deps.get("b")).toEqual(["a"]);
    expect(deps.get("c")).toEqual(["b"]);
  });

  it("finds cycles", () => {
    expect(findCycle(new Map([["a", ["b"]], ["b", ["a"]]]))).toEqual(["a", "b", "a"]);
    expect(findCycle(new Map([["a", ["b"]], ["b", []]]))).toBeNull();
  });

  it("lists unfinished predecessors", () => {
    const all = [
      { key: "a", title: "A", status: "completed", dependsOn: [] },
      { key: "b", title: "B", status: "in_progress", dependsOn: [] },
      { key: "s", title: "S", status: "skipped", dependsOn: [] },
      { key: "c", title: "C", status: "not_started", dependsOn: ["a", "b", "s"] },
    ];
    expect(unfinishedPredecessors(all[3], all).map((t) => t.key)).toEqual(["b"]);
  });
});
