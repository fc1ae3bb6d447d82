// End-to-end rehearsal against a real sandbox: a throwaway database, blue/green processes, the router
// and load generator on ephemeral ports, driven by the real deployment scripts as child processes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSandbox, type Sandbox } from "./index.js";
import { dropDatabase } from "./db.js";
import { createWeightedPicker } from "./router.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SCRIPTS = path.join(ROOT, "deployment", "scripts");
const SERVER_URL = process.env.SANDBOX_TEST_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function testDatabaseUrl(tag: string) {
  const url = new URL(SERVER_URL);
  url.pathname = `/flightdeck_sandbox_test_${tag}_${process.pid}_${Date.now().toString(36)}`;
  return url.toString();
}

type Result = { code: number; stdout: string; stderr: string };

/** Runs a script the way the plan does (./deployment/scripts/x), argv array, cwd = repo root. */
function runScript(name: string, args: string[], env: Record<string, string>): Promise<Result> {
  return new Promise((resolve) => {
    execFile(path.join(SCRIPTS, name), args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 45_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function requestCounts(metrics: string) {
  const counts = { blue: 0, green: 0, greenErrors: 0 };
  for (const m of metrics.matchAll(/^sandbox_requests_total\{version="(blue|green)",status="(\d+)"\} (\d+)/gm)) {
    counts[m[1] as "blue" | "green"] += Number(m[3]);
    if (m[1] === "green" && Number(m[2]) >= 500) counts.greenErrors += Number(m[3]);
  }
  return counts;
}

async function getJson(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json() };
}

describe("weighted picker", () => {
  it("sends exactly N of every 100 requests to green, interleaved", () => {
    for (const weight of [0, 5, 25, 50, 100]) {
      const picker = createWeightedPicker(weight);
      const picks = Array.from({ length: 100 }, () => picker.pick());
      expect(picks.filter((p) => p === "green").length).toBe(weight);
    }
    const picker = createWeightedPicker(50);
    expect(Array.from({ length: 4 }, () => picker.pick())).toEqual(["blue", "green", "blue", "green"]);
  });
});

// Generous timeouts: each script is a fresh node process, and CI shares two cores with other suites.
describe("rehearsal of the seed plan against the sandbox", { timeout: 60_000 }, () => {
  let sandbox: Sandbox;
  let dir: string;
  const databaseUrl = testDatabaseUrl("flow");
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fd-sandbox-"));
    sandbox = await startSandbox({ dir, databaseUrl, ports: { router: 0, blue: 0, green: 0 }, rps: 20, log: () => {} });
    // Scripts find the sandbox through its state file only (as in real use): no URL overrides.
    env = { FLIGHTDECK_SANDBOX_DIR: dir, SANDBOX_DATABASE_URL: "", SANDBOX_ROUTER_URL: "", SANDBOX_GREEN_URL: "", SANDBOX_BLUE_URL: "" };
  });

  afterAll(async () => {
    await sandbox?.stop();
    await dropDatabase(databaseUrl);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes a state file the scripts can use and serves blue through the router", async () => {
    const state = JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8"));
    expect(state.router.url).toBe(sandbox.urls.router);
    expect(state.green.status).toBe("not_deployed");
    const r = await getJson(`${sandbox.urls.router}/api/learners?limit=5`);
    expect(r.status).toBe(200);
    expect(r.body.color).toBe("blue");
    expect(r.body.learners).toHaveLength(5);
  });

  it("refuses a canary before green is deployed", async () => {
    const r = await runScript("canary-release.sh", ["green", "5"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/green is not deployed/);
  });

  it("backs up, verifies, migrates idempotently and verifies the database", async () => {
    const backup = await runScript("backup-database.js", [], env);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/made and verified/);
    expect(fs.existsSync(path.join(dir, "edpsych_pre_deploy_backup.dump"))).toBe(true);
    expect((await runScript("verify-backup.js", [], env)).code).toBe(0);

    const first = await runScript("run-migrations.js", [], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied 2 migration/);
    const again = await runScript("run-migrations.js", [], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/up to date/);

    const verify = await runScript("verify-database.js", [], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/data intact/);
  });

  it("rejects a tampered backup", async () => {
    const copy = path.join(dir, "tampered.dump");
    fs.copyFileSync(path.join(dir, "edpsych_pre_deploy_backup.dump"), copy);
    fs.copyFileSync(path.join(dir, "edpsych_pre_deploy_backup.dump.json"), `${copy}.json`);
    fs.appendFileSync(copy, "garbage");
    const r = await runScript("verify-backup.js", [copy], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/checksum mismatch/);
  });

  it("deploys green, which then verifies and passes smoke tests", async () => {
    const deploy = await runScript("deploy-green.sh", ["2.0.0"], env);
    expect(deploy.stderr).toBe("");
    expect(deploy.code).toBe(0);
    expect(deploy.stdout).toMatch(/green 2\.0\.0 is deployed and healthy/);
    const verify = await runScript("verify-deployment.js", ["green", "2.0.0"], env);
    expect(verify.code).toBe(0);
    const wrongVersion = await runScript("verify-deployment.js", ["green", "9.9.9"], env);
    expect(wrongVersion.code).toBe(1);
    expect(wrongVersion.stderr).toMatch(/runs version 2\.0\.0, expected 9\.9\.9/);
    const smoke = await runScript("run-smoke-tests.js", ["green"], env);
    expect(smoke.code).toBe(0);
    expect(smoke.stdout).toMatch(/smoke tests passed on green/);
  });

  it("fails the smoke test when green has injected errors (100% and 50%), passes again when cleared", async () => {
    const setFaults = (errorRate: number) =>
      getJson(`${sandbox.urls.router}/admin/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ color: "green", errorRate }) });
    expect((await setFaults(100)).body.errorRate).toBe(100);
    const all = await runScript("run-smoke-tests.js", ["green"], env);
    expect(all.code).toBe(1);
    expect(all.stderr).toMatch(/smoke tests FAILED on green: .*50\/50 burst requests failed \(100\.0% > 1% allowed\)/);

    await setFaults(50);
    const half = await runScript("run-smoke-tests.js", ["green"], env);
    expect(half.code).toBe(1);
    expect(half.stderr).toMatch(/smoke tests FAILED on green: .*\(50\.0% > 1% allowed\)/);

    await setFaults(0);
    expect((await runScript("run-smoke-tests.js", ["green"], env)).code).toBe(0);
  });

  it("fails the smoke test when green has injected latency above the p95 gate", async () => {
    const put = (latencyMs: number) =>
      getJson(`${sandbox.urls.router}/admin/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ color: "green", latencyMs }) });
    expect((await put(600)).body.latencyMs).toBe(600);
    try {
      const slow = await runScript("run-smoke-tests.js", ["green"], { ...env, SMOKE_REQUESTS: "10" });
      expect(slow.code).toBe(1);
      expect(slow.stderr).toMatch(/p95 latency \d+ ms > 500 ms allowed/);
    } finally {
      await put(0);
    }
    const bad = await getJson(`${sandbox.urls.router}/admin/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ color: "green", errorRate: 150 }) });
    expect(bad.status).toBe(400);
  });

  it("rejects invalid canary arguments without changing the weight", async () => {
    for (const args of [["green", "150"], ["green", "abc"], ["green", "-5"], ["green", "2.5"], ["blue", "5"], ["green"]]) {
      const r = await runScript("canary-release.sh", args, env);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/canary-release: /);
    }
    expect((await getJson(`${sandbox.urls.router}/admin/weight`)).body.green).toBe(0);
  });

  it("canary 5/25/50/100 moves the real traffic share, then production verifies", async () => {
    const share = async (requests: number) => {
      const before = requestCounts(await (await fetch(sandbox.urls.metrics)).text());
      for (let i = 0; i < requests; i += 50) {
        await Promise.all(Array.from({ length: 50 }, (_, j) => fetch(`${sandbox.urls.router}/api/learners/${((i + j) % 50) + 1}`).then((r) => r.arrayBuffer())));
      }
      const after = requestCounts(await (await fetch(sandbox.urls.metrics)).text());
      const green = after.green - before.green;
      const blue = after.blue - before.blue;
      return { share: (green / (green + blue)) * 100, total: green + blue, greenErrors: after.greenErrors - before.greenErrors };
    };
    for (const percent of [5, 25, 50, 100]) {
      const r = await runScript("canary-release.sh", ["green", String(percent)], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`green now receives ${percent}% of traffic`);
      if (percent === 25) {
        const s = await share(400);
        expect(s.total).toBeGreaterThanOrEqual(400);
        expect(Math.abs(s.share - percent), `green share ${s.share.toFixed(1)}% at weight ${percent}%`).toBeLessThanOrEqual(5);
        expect(s.greenErrors).toBe(0);
      }
    }
    const metrics = await (await fetch(sandbox.urls.metrics)).text();
    expect(metrics).toMatch(/^sandbox_green_weight 100$/m);
    expect(metrics).toMatch(/sandbox_request_duration_seconds_count\{version="green"\} \d+/);
    const prod = await runScript("verify-production.js", [], env);
    expect(prod.code, prod.stderr).toBe(0);
    expect(prod.stdout).toMatch(/production verified: 100% green/);
    expect(sandbox.loadgen.sent).toBeGreaterThan(0);
    const notify = await runScript("send-deployment-notification.js", ["success"], env);
    expect(notify.code).toBe(0);
  });

  it("refuses to redeploy green while it takes traffic", async () => {
    const r = await runScript("deploy-green.sh", ["2.0.1"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/green is taking 100% of traffic/);
  });

  it("rolls back to blue, records the notification and the reason", async () => {
    const rb = await runScript("rollback.sh", [], { ...env, ROLLBACK_REASON: "error rate above 1% for 5 minutes" });
    expect(rb.code, rb.stderr).toBe(0);
    expect(rb.stdout).toMatch(/green 2\.0\.0 stopped/);
    expect((await getJson(`${sandbox.urls.router}/admin/weight`)).body).toEqual({ green: 0, blue: 100 });
    expect((await runScript("verify-deployment.js", ["blue"], env)).code).toBe(0);
    const green = await runScript("verify-deployment.js", ["green"], env);
    expect(green.code).toBe(1);
    expect(green.stderr).toMatch(/green is not deployed \(status: rolled_back\)/);
    const prodBlue = await runScript("verify-production.js", [], { ...env, EXPECTED_GREEN_WEIGHT: "0" });
    expect(prodBlue.code, prodBlue.stderr).toBe(0);

    expect((await runScript("send-deployment-notification.js", ["rollback"], env)).code).toBe(0);
    expect((await runScript("send-deployment-notification.js", ["maybe"], env)).code).toBe(2);
    const notes = fs.readFileSync(path.join(dir, "notifications.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(notes.map((n) => n.type)).toEqual(["success", "rollback"]);

    expect((await runScript("document-rollback.js", [], env)).code).toBe(2);
    const doc = await runScript("document-rollback.js", [], { ...env, ROLLBACK_REASON: "error rate above 1% for 5 minutes" });
    expect(doc.code).toBe(0);
    const record = JSON.parse(fs.readFileSync(path.join(dir, "rollbacks.jsonl"), "utf8").trim());
    expect(record.reason).toBe("error rate above 1% for 5 minutes");
    expect(record.serving.weight.green).toBe(0);
    // A second rollback is harmless.
    expect((await runScript("rollback.sh", [], env)).code).toBe(0);
  });

  it("a green that crashes under canary traffic shows up as green errors, and rollback still works", async () => {
    expect((await runScript("deploy-green.sh", ["2.0.1"], env)).code).toBe(0);
    expect((await runScript("canary-release.sh", ["green", "25"], env)).code).toBe(0);
    const pid = JSON.parse(fs.readFileSync(sandbox.stateFile, "utf8")).green.pid as number;
    process.kill(pid, "SIGKILL");
    const deadline = Date.now() + 5000;
    while (sandbox.state.green.status !== "crashed" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(sandbox.state.green.status).toBe("crashed");
    const before = requestCounts(await (await fetch(sandbox.urls.metrics)).text());
    await Promise.all(Array.from({ length: 40 }, () => fetch(`${sandbox.urls.router}/api/stats`).then((r) => r.arrayBuffer())));
    const after = requestCounts(await (await fetch(sandbox.urls.metrics)).text());
    expect(after.greenErrors - before.greenErrors).toBeGreaterThanOrEqual(10);
    expect((await runScript("verify-deployment.js", ["green"], env)).stderr).toMatch(/green is not deployed \(status: crashed\)/);
    const rb = await runScript("rollback.sh", ["green crashed"], env);
    expect(rb.code, rb.stderr).toBe(0);
    expect(rb.stdout).toMatch(/green was not running/);
    expect((await getJson(`${sandbox.urls.router}/admin/weight`)).body.green).toBe(0);
  });
});

describe("admin token", { timeout: 60_000 }, () => {
  it("protects the router admin API when SANDBOX_ADMIN_TOKEN is set; scripts pass it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fd-sandbox-token-"));
    const databaseUrl = testDatabaseUrl("token");
    const sandbox = await startSandbox({ dir, databaseUrl, ports: { router: 0, blue: 0, green: 0 }, rps: 0, adminToken: "s3cret", log: () => {} });
    try {
      const env = { FLIGHTDECK_SANDBOX_DIR: dir, SANDBOX_ROUTER_URL: "", SANDBOX_DATABASE_URL: "" };
      const anon = await fetch(`${sandbox.urls.router}/admin/weight`, { method: "PUT", body: JSON.stringify({ green: 0 }) });
      expect(anon.status).toBe(401);
      expect(fs.readFileSync(sandbox.stateFile, "utf8")).not.toContain("s3cret");
      const denied = await runScript("canary-release.sh", ["green", "0"], { ...env, SANDBOX_ADMIN_TOKEN: "wrong" });
      expect(denied.code).toBe(1);
      expect(denied.stderr).toMatch(/answered 401/);
      const ok = await runScript("deploy-green.sh", [], { ...env, SANDBOX_ADMIN_TOKEN: "s3cret" });
      expect(ok.code, ok.stderr).toBe(0);
    } finally {
      await sandbox.stop();
      await dropDatabase(databaseUrl);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("node sandbox/start.js as a process", { timeout: 60_000 }, () => {
  it("starts from env, and on SIGTERM stops its children and removes the state file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fd-sandbox-proc-"));
    const databaseUrl = testDatabaseUrl("proc");
    const env = { FLIGHTDECK_SANDBOX_DIR: dir, SANDBOX_DATABASE_URL: databaseUrl, SANDBOX_ROUTER_URL: "" };
    const child = spawn(process.execPath, [path.join(ROOT, "sandbox", "start.js")], {
      cwd: ROOT,
      env: { ...process.env, ...env, SANDBOX_ROUTER_PORT: "0", SANDBOX_BLUE_PORT: "0", SANDBOX_GREEN_PORT: "0", SANDBOX_RPS: "5", SANDBOX_GREEN_ERROR_RATE: "100" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    try {
      const stateFile = path.join(dir, "state.json");
      const deadline = Date.now() + 20_000;
      while (!fs.existsSync(stateFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(fs.existsSync(stateFile)).toBe(true);
      const deploy = await runScript("deploy-green.sh", [], env);
      expect(deploy.code, deploy.stderr).toBe(0);
      // SANDBOX_GREEN_ERROR_RATE at start applies to every green deployed: smoke must fail.
      const smoke = await runScript("run-smoke-tests.js", ["green"], env);
      expect(smoke.code).toBe(1);
      const state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
      const pids: number[] = [state.blue.pid, state.green.pid];
      expect(pids.every((p) => Number.isInteger(p))).toBe(true);

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const alive = pids.filter((pid) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      });
      expect(alive).toEqual([]);
      expect(fs.existsSync(stateFile)).toBe(false);
      const after = await runScript("canary-release.sh", ["green", "5"], env);
      expect(after.code).toBe(3);
      expect(after.stderr).toMatch(/sandbox is not running/);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await dropDatabase(databaseUrl);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
