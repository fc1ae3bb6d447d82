#!/usr/bin/env node
// Smoke tests against one colour directly (not through the router): the endpoints users depend on
// answer with the right status codes and shapes, then a short burst measures error rate and latency.
// Thresholds (env): SMOKE_REQUESTS (burst size, default 50), SMOKE_MAX_ERROR_RATE (%, default 1, the
// plan's canary gate), SMOKE_MAX_P95_MS (default 500, the plan's response-time gate).
//
// Usage: run-smoke-tests.js <blue|green>
// Exit: 0 passed; 1 a check or threshold failed; 2 bad arguments; 3 colour/sandbox unreachable.
import { colorUrl, fail, log, parseColor, runScript, sandboxContext, tryRequest, usage } from "./lib/common.js";

function envNumber(name, fallback) {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw usage(`${name} must be a non-negative number, got ${JSON.stringify(v)}`);
  return n;
}

function p95(values) {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

runScript("run-smoke-tests", async () => {
  const args = process.argv.slice(2);
  if (args.length !== 1) throw usage("usage: run-smoke-tests.js <blue|green>");
  const color = parseColor(args[0], "run-smoke-tests.js");
  const burst = Math.floor(envNumber("SMOKE_REQUESTS", 50));
  const maxErrorRate = envNumber("SMOKE_MAX_ERROR_RATE", 1);
  const maxP95 = envNumber("SMOKE_MAX_P95_MS", 500);
  const ctx = sandboxContext({ needRouter: !process.env[`SANDBOX_${color.toUpperCase()}_URL`] });
  const base = await colorUrl(ctx, color);
  log(`smoke: testing ${color} at ${base}`);

  const failures = [];
  const checks = [
    { name: "GET /health is 200 ok", path: "/health", expect: (r) => r.status === 200 && r.json?.status === "ok" },
    { name: `GET /version reports ${color}`, path: "/version", expect: (r) => r.status === 200 && r.json?.color === color },
    { name: "GET /api/learners lists learners", path: "/api/learners?limit=10", expect: (r) => r.status === 200 && Array.isArray(r.json?.learners) && r.json.learners.length > 0 },
    { name: "GET /api/learners/1 returns learner 1", path: "/api/learners/1", expect: (r) => r.status === 200 && r.json?.learner?.id === 1 },
    { name: "GET /api/learners/999999 is 404", path: "/api/learners/999999", expect: (r) => r.status === 404 },
    { name: "GET /api/stats counts learners", path: "/api/stats", expect: (r) => r.status === 200 && r.json?.learners > 0 },
  ];
  for (const c of checks) {
    const r = await tryRequest("GET", `${base}${c.path}`);
    const ok = c.expect(r);
    log(`  ${ok ? "✔" : "✖"} ${c.name}${ok ? "" : ` (got ${r.status || "no answer"} ${r.json?.error ?? r.error ?? ""})`.trimEnd()} [${r.ms.toFixed(0)} ms]`);
    if (!ok) failures.push(c.name);
  }

  // Burst in small concurrent batches: enough to see an error rate and a latency percentile.
  const latencies = [];
  let errors = 0;
  const paths = ["/api/learners?limit=5", "/api/stats", "/api/learners/7"];
  for (let i = 0; i < burst; i += 10) {
    const batch = [];
    for (let j = i; j < Math.min(burst, i + 10); j++) batch.push(tryRequest("GET", `${base}${paths[j % paths.length]}`));
    for (const r of await Promise.all(batch)) {
      latencies.push(r.ms);
      if (r.status >= 500 || r.status === 0) errors++;
    }
  }
  const errorRate = burst ? (errors / burst) * 100 : 0;
  const latency95 = p95(latencies);
  log(`smoke: burst of ${burst} requests: ${errors} errors (${errorRate.toFixed(1)}%), p95 ${latency95.toFixed(0)} ms`);
  if (errorRate > maxErrorRate) failures.push(`${errors}/${burst} burst requests failed (${errorRate.toFixed(1)}% > ${maxErrorRate}% allowed)`);
  if (latency95 > maxP95) failures.push(`p95 latency ${latency95.toFixed(0)} ms > ${maxP95} ms allowed`);

  if (failures.length) throw fail(`smoke tests FAILED on ${color}: ${failures.join("; ")}`);
  return `smoke tests passed on ${color} (${checks.length} checks, ${burst} requests, ${errorRate.toFixed(1)}% errors, p95 ${latency95.toFixed(0)} ms)`;
});
