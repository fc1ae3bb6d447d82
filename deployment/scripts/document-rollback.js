#!/usr/bin/env node
// Documents a rollback: appends a record (who, when, why, what was serving) to
// <sandbox dir>/rollbacks.jsonl (or ROLLBACK_LOG_FILE). A rollback without a reason is not documented,
// so the reason is required: arguments, or env ROLLBACK_REASON (set by Flightdeck when it runs this).
//
// Usage: document-rollback.js [reason...]
// Exit: 0 recorded; 2 no reason given; 3 the record could not be written.
import path from "node:path";
import { actor, admin, appendJsonLine, ensureDir, log, runScript, sandboxContext, unavailable, usage } from "./lib/common.js";

runScript("document-rollback", async () => {
  const reason = (process.argv.slice(2).join(" ") || process.env.ROLLBACK_REASON || "").trim();
  if (!reason) throw usage("a rollback reason is required: document-rollback.js <reason> or ROLLBACK_REASON=...");
  const ctx = sandboxContext({ needRouter: false });
  let serving = null;
  if (ctx.routerUrl) {
    try {
      const s = await admin(ctx, "GET", "/admin/status");
      serving = { weight: s.weight, blue: s.backends.blue?.version ?? null, green: s.green ?? null };
      if (s.weight.green > 0) log(`rollback-doc: warning: green still receives ${s.weight.green}% of traffic`);
    } catch (err) {
      log(`rollback-doc: could not read the router (${err.message}); recording without a snapshot`);
    }
  }
  const record = { at: new Date().toISOString(), actor: actor(), reason: reason.slice(0, 2000), serving };
  const file = path.resolve(process.env.ROLLBACK_LOG_FILE || path.join(ctx.dir, "rollbacks.jsonl"));
  try {
    ensureDir(path.dirname(file));
    appendJsonLine(file, record);
  } catch (err) {
    throw unavailable(`cannot write rollback record to ${file}: ${err.message}`);
  }
  log(`rollback-doc: reason: ${record.reason}`);
  return `rollback documented in ${file}`;
});
