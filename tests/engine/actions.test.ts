// Task actions: validation (argv only, cwd inside the repo, secrets by reference), command-line
// parsing of plan code blocks, the derivation from the seed plan and a differently worded variant,
// and streaming secret redaction.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlan } from "@/lib/plan";
import {
  LineRedactor,
  REDACTED,
  ZTaskAction,
  deriveTaskActions,
  maskActionSecrets,
  parseCommandLine,
  readTaskAction,
  redactText,
  secretNeedles,
  seedActionsFor,
  type TTaskAction,
} from "@/lib/actions";

const SEED = fs.readFileSync(path.resolve("plans/edpsych-deployment-plan.md"), "utf8");

function seedPlan() {
  const parsed = parsePlan(SEED, {});
  if (!parsed.ok) throw new Error("seed does not parse");
  return parsed.plan;
}

function issues(input: unknown): string[] {
  const result = ZTaskAction.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("command action validation", () => {
  const base = { kind: "command", steps: [{ argv: ["node", "deployment/scripts/run-migrations.js"] }] };

  it("accepts an argv list and fills defaults", () => {
    const action = ZTaskAction.parse(base);
    expect(action).toMatchObject({ kind: "command", cwd: ".", env: [], timeoutSeconds: 600, expectedExitCode: 0 });
  });

  it("refuses a shell string in argv[0] and sh -c", () => {
    expect(issues({ ...base, steps: [{ argv: ["node deployment/scripts/run-migrations.js"] }] }).join()).toMatch(/argv list/);
    expect(issues({ ...base, steps: [{ argv: ["bash", "-c", "rm -rf /"] }] }).join()).toMatch(/shell string/);
    expect(issues({ ...base, steps: [{ argv: ["/bin/sh", "-ec", "echo hi"] }] }).join()).toMatch(/shell string/);
    expect(issues({ ...base, steps: [{ argv: [] }] }).join()).toMatch(/at least the program/);
    // A script run BY bash (no -c) is an argv list like any other.
    expect(issues({ ...base, steps: [{ argv: ["bash", "deployment/scripts/rollback.sh"] }] })).toEqual([]);
  });

  it("keeps the working directory inside the repository", () => {
    expect(issues({ ...base, cwd: "../other" }).join()).toMatch(/inside the repository/);
    expect(issues({ ...base, cwd: "deployment/../../etc" }).join()).toMatch(/inside the repository/);
    expect(issues({ ...base, cwd: "/etc" }).join()).toMatch(/no absolute paths/);
    expect(issues({ ...base, cwd: "~/x" }).join()).toMatch(/no ~/);
    expect(ZTaskAction.parse({ ...base, cwd: "deployment/scripts/../" })).toMatchObject({ cwd: "deployment" });
    expect(ZTaskAction.parse({ ...base, cwd: "./" })).toMatchObject({ cwd: "." });
  });

  it("takes secrets inline or by reference, never both, and masks them for display", () => {
    expect(issues({ ...base, env: [{ name: "TOKEN", secretRef: "SANDBOX_ADMIN_TOKEN", secret: true }] })).toEqual([]);
    expect(issues({ ...base, env: [{ name: "TOKEN", secretRef: "SANDBOX_ADMIN_TOKEN" }] }).join()).toMatch(/mark it secret/);
    expect(issues({ ...base, env: [{ name: "TOKEN", secretRef: "lower-case", secret: true }] }).join()).toMatch(/UPPER_SNAKE_CASE/);
    expect(issues({ ...base, env: [{ name: "TOKEN", value: "x", secretRef: "A", secret: true }] }).join()).toMatch(/not both/);
    expect(issues({ ...base, env: [{ name: "TOKEN" }] }).join()).toMatch(/value or a secretRef/);
    expect(issues({ ...base, env: [{ name: "1BAD", value: "x" }] }).join()).toMatch(/names are letters/);
    const action = ZTaskAction.parse({ ...base, env: [{ name: "PASSWORD", value: "hunter2", secret: true }, { name: "MODE", value: "fast" }] });
    const masked = maskActionSecrets(action) as Extract<TTaskAction, { kind: "command" }>;
    expect(masked.env.map((e) => e.value)).toEqual(["[secret]", "fast"]);
  });

  it("validates the other kinds", () => {
    expect(issues({ kind: "http", url: "ftp://example.org/" }).join()).toMatch(/http and https/);
    expect(ZTaskAction.parse({ kind: "http", url: "http://127.0.0.1:1/x", expectedStatus: 204 })).toMatchObject({ method: "GET", expectedStatus: [204] });
    expect(issues({ kind: "gate", role: "" })).not.toEqual([]);
    expect(issues({ kind: "manual", checklist: [] })).not.toEqual([]);
    expect(issues({ kind: "notify", roles: ["QA Engineer"], message: "Ready" })).toEqual([]);
    expect(issues({ kind: "maintenance", enabled: "yes" })).not.toEqual([]);
    expect(issues({ kind: "shell", line: "rm -rf /" })).not.toEqual([]);
    expect(readTaskAction({ kind: "nonsense" })).toBeNull();
  });
});

describe("parseCommandLine", () => {
  it("splits words and quotes", () => {
    expect(parseCommandLine("./deployment/scripts/canary-release.sh green 5")).toEqual({ ok: true, argv: ["./deployment/scripts/canary-release.sh", "green", "5"] });
    expect(parseCommandLine(`node x.js "two words" 'single $HOME' a\\ b`)).toEqual({ ok: true, argv: ["node", "x.js", "two words", "single $HOME", "a b"] });
  });

  it("refuses what needs a shell", () => {
    for (const line of ["pg_dump -d prod > out.sql", "a | b", "a && b", "a; b", "echo $HOME", "echo `id`", "ls *.js", "X=1 node a.js", "sleep 5 &", `echo "unterminated`]) {
      expect(parseCommandLine(line).ok, line).toBe(false);
    }
  });
});

describe("deriveTaskActions", () => {
  const describeAction = (a: TTaskAction | undefined) =>
    !a ? "-" : a.kind === "command" ? a.steps.map((s) => s.argv.join(" ")).join(" ; ") : a.kind === "maintenance" ? `maintenance ${a.enabled ? "on" : "off"}` : a.kind;

  it("wires the seed's deployment day to the sandbox scripts, in order", () => {
    const plan = seedPlan();
    const actions = seedActionsFor(plan);
    const byTitle = Object.fromEntries(plan.phases.flatMap((p) => p.tasks).map((t) => [t.title, describeAction(actions[t.key])]));
    expect(byTitle).toMatchObject({
      "Pre-deployment team briefing": "manual",
      "Verify system backups": "node deployment/scripts/backup-database.js ; node deployment/scripts/verify-backup.js",
      "Activate maintenance page": "maintenance on",
      "Execute database migrations": "node deployment/scripts/run-migrations.js ; node deployment/scripts/verify-database.js",
      "Deploy to green environment": "./deployment/scripts/deploy-green.sh ; ./deployment/scripts/verify-deployment.js green",
      "Run smoke tests": "./deployment/scripts/run-smoke-tests.js green",
      "Start canary release (5%)": "./deployment/scripts/canary-release.sh green 5",
      "Monitor canary metrics": "manual",
      "Increase canary to 10%": "./deployment/scripts/canary-release.sh green 10",
      "Increase canary to 25%": "./deployment/scripts/canary-release.sh green 25",
      "Increase canary to 50%": "./deployment/scripts/canary-release.sh green 50",
      "Complete traffic switch": "./deployment/scripts/canary-release.sh green 100",
      "Verify production functionality": "./deployment/scripts/verify-production.js",
      "Deactivate maintenance page": "maintenance off",
      "Send stakeholder notifications": "notify",
      // Preparation days before must not take the deployment day's migration step.
      "Prepare database migration scripts": "-",
    });
    const briefing = actions[plan.phases[1].tasks[0].key];
    expect(briefing).toMatchObject({ kind: "manual" });
    expect((briefing as Extract<TTaskAction, { kind: "manual" }>).checklist).toEqual(expect.arrayContaining(["Confirm all tests have passed", "Verify rollback procedures are tested"]));
    // Every derived action is valid as stored.
    for (const action of Object.values(actions)) expect(ZTaskAction.safeParse(action).success).toBe(true);
  });

  it("outside a rehearsal leaves out the production pg_dump line and says why", () => {
    const derived = deriveTaskActions(seedPlan(), { rehearsal: false });
    const backup = derived.actions["p2-t2"];
    expect(describeAction(backup)).toBe("pg_restore --list edpsych_pre_deploy_backup.sql");
    expect(derived.notes.map((n) => n.message).join("\n")).toMatch(/Left out "pg_dump .*redirect/);
  });

  it("maps a differently worded and ordered variant generically", () => {
    const variant = `# Billing Service Release

## Overview

Variant plan.

## Team

| Role | Responsibility | Contact |
|------|----------------|---------|
| Release Manager | Leads | rm@example.org |
| SRE | Infra | sre@example.org |
| Tester | QA | qa@example.org |

## Timeline

### Release Night (02/03/2026)

| Task | Start Time | End Time | Owner | Status |
|------|------------|----------|-------|--------|
| Go/No-Go decision | 09:00 PM | 09:10 PM | Release Manager | Not Started |
| Enable maintenance mode | 09:10 PM | 09:15 PM | SRE | Not Started |
| Snapshot the billing database | 09:15 PM | 09:25 PM | SRE | Not Started |
| Apply schema migrations | 09:25 PM | 09:40 PM | SRE | Not Started |
| Roll out the new version to green | 09:40 PM | 09:55 PM | SRE | Not Started |
| Smoke test green | 09:55 PM | 10:05 PM | Tester | Not Started |
| Shift 20% of traffic to green | 10:05 PM | 10:15 PM | SRE | Not Started |
| Shift all traffic to green | 10:15 PM | 10:25 PM | SRE | Not Started |
| Notify support of the release | 10:25 PM | 10:30 PM | Release Manager | Not Started |
| Disable maintenance mode | 10:30 PM | 10:35 PM | SRE | Not Started |

## Procedure

### 1. Database

1. **Snapshot database**:
   \`\`\`bash
   node tools/snapshot-db.js --label pre-release
   \`\`\`

2. **Apply migrations**:
   \`\`\`bash
   node tools/migrate.js up
   \`\`\`

3. **Check schema version**:
   \`\`\`bash
   node tools/check-schema.js
   \`\`\`

### 2. Rollout

1. **Roll out green**:
   \`\`\`bash
   ./tools/rollout.sh green
   \`\`\`

2. **Smoke test**:
   \`\`\`bash
   ./tools/smoke.js green
   \`\`\`

3. **Traffic**:
   \`\`\`bash
   ./tools/traffic-weight.sh green 20
   ./tools/traffic-weight.sh green 100
   \`\`\`
`;
    const parsed = parsePlan(variant, {});
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const { actions } = deriveTaskActions(parsed.plan, { rehearsal: true });
    const byTitle = Object.fromEntries(parsed.plan.phases.flatMap((p) => p.tasks).map((t) => [t.title, describeAction(actions[t.key])]));
    expect(byTitle).toEqual({
      "Go/No-Go decision": "gate",
      "Enable maintenance mode": "maintenance on",
      "Snapshot the billing database": "node tools/snapshot-db.js --label pre-release",
      "Apply schema migrations": "node tools/migrate.js up ; node tools/check-schema.js",
      "Roll out the new version to green": "./tools/rollout.sh green",
      "Smoke test green": "./tools/smoke.js green",
      "Shift 20% of traffic to green": "./tools/traffic-weight.sh green 20",
      "Shift all traffic to green": "./tools/traffic-weight.sh green 100",
      "Notify support of the release": "notify",
      "Disable maintenance mode": "maintenance off",
    });
    expect(actions[parsed.plan.phases[0].tasks[0].key]).toMatchObject({ kind: "gate", role: "Release Manager" });
  });
});

describe("secret redaction", () => {
  it("hides a secret split across chunks and never releases half of it", () => {
    const secret = "s3cr3t-T0KEN-value";
    const redactor = new LineRedactor(secretNeedles([secret]));
    const chunks = ["token=s3cr", "3t-T0K", "EN-value and again s3cr3t-T0KEN", "-value\nnext line s", "3cr3t-T0KEN-value"];
    const out: string[] = [];
    for (const chunk of chunks) {
      out.push(...redactor.push(chunk).map((l) => l.text));
      const partial = redactor.drain(false);
      if (partial) out.push(partial.text);
    }
    const last = redactor.drain(true);
    if (last) out.push(last.text);
    const joined = out.join("");
    expect(joined).not.toContain("s3cr3t");
    expect(joined).not.toContain("T0KEN");
    expect(joined.match(new RegExp(REDACTED.replace(/[[\]]/g, "\\$&"), "g"))?.length).toBe(3);
  });

  it("hides every line of a multi-line secret and the longer of two overlapping secrets whole", () => {
    expect(redactText("a LINE1 b LINE2", secretNeedles(["LINE1\nLINE2"]))).toBe(`a ${REDACTED} b ${REDACTED}`);
    expect(redactText("abcdef", secretNeedles(["abc", "abcdef"]))).toBe(REDACTED);
  });

  it("breaks an endless line without a newline, still redacting", () => {
    const redactor = new LineRedactor(secretNeedles(["XYZSECRET"]), 64);
    const lines = redactor.push("x".repeat(60) + "XYZSEC");
    lines.push(...redactor.push("RET" + "y".repeat(100)));
    const rest = redactor.drain(true);
    const all = [...lines.map((l) => l.text), rest?.text ?? ""].join("");
    expect(all).not.toContain("XYZSECRET");
    expect(all).toContain(REDACTED);
  });
});
