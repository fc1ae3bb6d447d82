#!/usr/bin/env node
// Verifies production after the traffic switch, through the router as users reach it: the router's
// green weight is EXPECTED_GREEN_WEIGHT (default 100), its metrics are served, and a sample of
// PROD_REQUESTS (default 50) requests all succeed and are served by the expected colour.
//
// Usage: verify-production.js     Exit: 0 verified; 1 a check failed; 3 router unreachable.
import { admin, fail, log, request, runScript, sandboxContext, tryRequest, usage } from "./lib/common.js";

runScript("verify-production", async () => {
  if (process.argv.length > 2) throw usage("usage: verify-production.js (no arguments)");
  const expected = Number(process.env.EXPECTED_GREEN_WEIGHT ?? 100);
  if (!Number.isInteger(expected) || expected < 0 || expected > 100) throw usage("EXPECTED_GREEN_WEIGHT must be an integer 0-100");
  const samples = Number(process.env.PROD_REQUESTS ?? 50);
  const ctx = sandboxContext();
  const problems = [];

  const weight = await admin(ctx, "GET", "/admin/weight");
  log(`production: router ${ctx.routerUrl} sends ${weight.green}% to green, ${weight.blue}% to blue`);
  if (weight.green !== expected) problems.push(`router green weight is ${weight.green}%, expected ${expected}%`);

  const status = await admin(ctx, "GET", "/admin/status");
  for (const color of ["blue", "green"]) {
    const b = status.backends?.[color];
    log(`production: ${color} ${b ? `${b.version} at ${b.url}` : "not running"}`);
  }
  if (expected > 0 && !status.backends?.green) problems.push("green is not running");

  const metrics = await request("GET", `${ctx.routerUrl}/metrics`);
  const gauge = /^sandbox_green_weight (\S+)$/m.exec(metrics.text);
  if (!metrics.ok || !gauge) problems.push("router /metrics is not serving sandbox_green_weight");
  else log(`production: metrics ok (sandbox_green_weight ${gauge[1]})`);

  const byColor = { blue: 0, green: 0 };
  let errors = 0;
  const paths = ["/health", "/version", "/api/learners?limit=3", "/api/stats"];
  for (let i = 0; i < samples; i += 10) {
    const batch = [];
    for (let j = i; j < Math.min(samples, i + 10); j++) batch.push(tryRequest("GET", `${ctx.routerUrl}${paths[j % paths.length]}`));
    for (const r of await Promise.all(batch)) {
      const servedBy = r.headers.get("x-sandbox-routed-to");
      if (servedBy in byColor) byColor[servedBy]++;
      if (!r.ok) errors++;
    }
  }
  log(`production: ${samples} requests through the router: ${errors} errors, green served ${byColor.green}, blue ${byColor.blue}`);
  if (errors > 0) problems.push(`${errors}/${samples} requests through the router failed`);
  if (expected === 100 && byColor.blue > 0) problems.push(`${byColor.blue} request(s) still reached blue`);
  if (expected === 0 && byColor.green > 0) problems.push(`${byColor.green} request(s) reached green`);

  if (problems.length) throw fail(`production verification FAILED: ${problems.join("; ")}`);
  return `production verified: ${weight.green}% green, ${samples}/${samples} requests ok`;
});
