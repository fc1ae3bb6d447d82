#!/usr/bin/env node
// Helper for the .sh scripts: JSON and HTTP without depending on curl/jq being installed.
// Arguments arrive as argv (never through a shell string), and each command prints one plain value.
//
//   sandbox-cli.js router-url
//   sandbox-cli.js weight                      -> prints green weight (integer)
//   sandbox-cli.js set-weight <0-100>          -> prints "<previous> <new>" green weight
//   sandbox-cli.js status                      -> prints "<router url> <green weight>"
//   sandbox-cli.js write-release green <version>
//   sandbox-cli.js deploy green                -> prints "<version> <url> <pid>"
//   sandbox-cli.js undeploy green <reason>     -> prints "stopped|not-running <version>"
//   sandbox-cli.js wait-ready green <version> <timeout-seconds>
import { releaseFilePath, writeJsonAtomic } from "../../../sandbox/config.js";
import { admin, actor, colorUrl, fail, log, request, runScript, sandboxContext, usage } from "./common.js";

const [command, ...args] = process.argv.slice(2);

runScript(`sandbox-cli ${command ?? ""}`.trim(), async () => {
  const ctx = sandboxContext({ needRouter: command !== "write-release" });
  switch (command) {
    case "router-url":
      log(ctx.routerUrl);
      return;
    case "weight": {
      const w = await admin(ctx, "GET", "/admin/weight");
      log(String(w.green));
      return;
    }
    case "set-weight": {
      const n = Number(args[0]);
      if (!/^\d{1,3}$/.test(args[0] ?? "") || n > 100) throw usage(`weight must be an integer 0-100, got ${JSON.stringify(args[0] ?? "")}`);
      const w = await admin(ctx, "PUT", "/admin/weight", { green: n });
      log(`${w.previous} ${w.green}`);
      return;
    }
    case "status": {
      const w = await admin(ctx, "GET", "/admin/weight");
      log(`${ctx.routerUrl} ${w.green}`);
      return;
    }
    case "write-release": {
      const [color, version] = args;
      if (color !== "green") throw usage("only a green release can be written");
      if (!/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/.test(version ?? "")) throw usage(`invalid version ${JSON.stringify(version ?? "")}: use letters, digits, . _ + -`);
      writeJsonAtomic(releaseFilePath(ctx.dir, color), { color, version, status: "deployed", deployedAt: new Date().toISOString(), deployedBy: actor() });
      log(releaseFilePath(ctx.dir, color));
      return;
    }
    case "deploy": {
      if (args[0] !== "green") throw usage("only green can be deployed");
      const r = await request("POST", `${ctx.routerUrl}/admin/deploy`, { body: { color: "green" }, token: ctx.adminToken, timeoutMs: 30_000 });
      if (!r.ok) throw fail(r.json?.error ?? `router answered ${r.status}`);
      log(`${r.json.version} ${r.json.url} ${r.json.pid}`);
      return;
    }
    case "undeploy": {
      if (args[0] !== "green") throw usage("only green can be undeployed");
      const r = await admin(ctx, "POST", "/admin/undeploy", { color: "green", reason: args[1] || "rollback" });
      log(`${r.stopped ? "stopped" : "not-running"} ${r.version ?? "-"}`);
      return;
    }
    case "wait-ready": {
      const [color, version, timeoutSec = "20"] = args;
      const deadline = Date.now() + Number(timeoutSec) * 1000;
      const base = await colorUrl(ctx, color);
      let last = "no answer yet";
      while (Date.now() < deadline) {
        try {
          const h = await request("GET", `${base}/health`, { timeoutMs: 2000 });
          const v = await request("GET", `${base}/version`, { timeoutMs: 2000 });
          if (h.ok && h.json?.status === "ok" && v.json?.version === version && v.json?.color === color) {
            log(base);
            return;
          }
          last = `health ${h.status} ${h.json?.status ?? ""}, version ${v.json?.version ?? "?"}`;
        } catch (err) {
          last = err.message;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      throw fail(`${color} did not become healthy with version ${version} within ${timeoutSec}s (last: ${last})`);
    }
    default:
      throw usage("commands: router-url | status | weight | set-weight N | write-release green V | deploy green | undeploy green REASON | wait-ready green V SECONDS");
  }
});
