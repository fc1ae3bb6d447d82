#!/usr/bin/env node
// Verifies one colour is up: GET /health answers 200 {status: ok} (the service reached its database)
// and GET /version reports that colour (and EXPECTED_VERSION or the 2nd argument, when given).
//
// Usage: verify-deployment.js <blue|green> [expected-version]
// Exit: 0 healthy; 1 unhealthy / wrong colour or version / not deployed; 2 bad arguments; 3 sandbox unreachable.
import { admin, colorUrl, fail, log, parseColor, request, runScript, sandboxContext, usage } from "./lib/common.js";

runScript("verify-deployment", async () => {
  const args = process.argv.slice(2);
  if (args.length < 1 || args.length > 2) throw usage("usage: verify-deployment.js <blue|green> [expected-version]");
  const color = parseColor(args[0], "verify-deployment.js");
  const expectedVersion = args[1] || process.env.EXPECTED_VERSION || null;
  const ctx = sandboxContext({ needRouter: !process.env[`SANDBOX_${color.toUpperCase()}_URL`] });
  const base = await colorUrl(ctx, color);
  log(`verify: ${color} at ${base}`);

  const health = await request("GET", `${base}/health`);
  if (!health.ok || health.json?.status !== "ok") {
    throw fail(`${color} is unhealthy: /health answered ${health.status} ${health.json?.db ?? health.json?.status ?? health.text.slice(0, 100)}`);
  }
  log(`verify: /health ok in ${health.ms.toFixed(0)} ms (db ${health.json.db})`);

  const version = await request("GET", `${base}/version`);
  if (!version.ok) throw fail(`${color} /version answered ${version.status}`);
  if (version.json?.color !== color) throw fail(`${base} reports colour ${version.json?.color}, expected ${color}`);
  if (expectedVersion && version.json.version !== expectedVersion) throw fail(`${color} runs version ${version.json.version}, expected ${expectedVersion}`);
  log(`verify: /version ${color} ${version.json.version} (pid ${version.json.pid}, up since ${version.json.startedAt})`);

  if (ctx.routerUrl) {
    const w = await admin(ctx, "GET", "/admin/weight");
    log(`verify: router sends ${color === "green" ? w.green : w.blue}% of traffic to ${color}`);
  }
  return `${color} ${version.json.version} is healthy`;
});
