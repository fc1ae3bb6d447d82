import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function planCheck(...args: string[]) {
  const run = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--tsconfig", "tsconfig.node.json", "scripts/plan-check.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("plan-check CLI", () => {
  it("accepts the seed and prints a summary", () => {
    const run = planCheck("plans/edpsych-deployment-plan.md");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("valid plan");
    expect(run.stdout).toContain("roles: 6");
    expect(run.stdout).toContain("Pre-Deployment Phase (7 tasks), Deployment Day (15 tasks)");
    expect(run.stdout).toContain("5% → 10% → 25% → 50% → 100%");
  });

  it("prints only the plan as JSON with --json", () => {
    const run = planCheck("plans/edpsych-deployment-plan.md", "--json");
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan.phases[1].tasks[0].start).toBe("2025-06-15T01:30:00+01:00");
    expect(plan.roles).toHaveLength(6);
  });

  it("honours --timezone", () => {
    const run = planCheck("plans/edpsych-deployment-plan.md", "--json", "--timezone", "UTC");
    expect(JSON.parse(run.stdout).phases[1].tasks[0].start).toBe("2025-06-15T01:30:00+00:00");
  });

  it("rejects a broken plan with every problem as file:line: message", () => {
    const file = "tests/fixtures/plans/broken.md";
    const run = planCheck(file, "--json");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trim().split("\n");
    expect(lines.slice(0, 6).map((l) => l.split(": ")[0])).toEqual([12, 16, 17, 23, 24, 31].map((n) => `${file}:${n}`));
    expect(run.stderr).toContain(`${file}:17: owner "Databse Administrator" is not in the Deployment Team roster`);
  });

  it("reports a missing file clearly", () => {
    const run = planCheck("plans/no-such-plan.md");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("plans/no-such-plan.md: cannot read the plan: no such file");
  });

  it("exits 2 on usage errors", () => {
    expect(planCheck().code).toBe(2);
    expect(planCheck("a.md", "--bogus").code).toBe(2);
    expect(planCheck("a.md", "--timezone").code).toBe(2);
    expect(planCheck("a.md", "b.md").stderr).toMatch(/usage/);
  });
});
