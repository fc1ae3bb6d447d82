#!/usr/bin/env node
// Records a deployment notification (success or rollback) with a snapshot of what is serving.
// Delivery is a file for now: one JSON line appended to <sandbox dir>/notifications.jsonl (or
// NOTIFICATIONS_FILE); mail/webhook delivery through Flightdeck's outbox comes later.
//
// Usage: send-deployment-notification.js <success|rollback> [message...]
// Exit: 0 recorded; 2 bad arguments; 3 the record could not be written.
import path from "node:path";
import { actor, admin, appendJsonLine, ensureDir, log, runScript, sandboxContext, unavailable, usage } from "./lib/common.js";

const DEFAULT_MESSAGES = {
  success: "Deployment completed: green is serving production traffic.",
  rollback: "Deployment rolled back: all traffic is back on blue.",
};

runScript("send-deployment-notification", async () => {
  const [type, ...rest] = process.argv.slice(2);
  if (!(type in DEFAULT_MESSAGES)) throw usage(`usage: send-deployment-notification.js <success|rollback> [message] (got ${JSON.stringify(type ?? "")})`);
  const ctx = sandboxContext({ needRouter: false });
  // A notification must go out even when the sandbox is down (that may be why we roll back), so the
  // snapshot is best effort.
  let snapshot = null;
  if (ctx.routerUrl) {
    try {
      const s = await admin(ctx, "GET", "/admin/status");
      snapshot = { weight: s.weight, blue: s.backends.blue?.version ?? null, green: s.backends.green?.version ?? null };
    } catch (err) {
      log(`notify: could not read the router (${err.message}); sending without a snapshot`);
    }
  }
  const record = { type, at: new Date().toISOString(), actor: actor(), message: rest.join(" ") || DEFAULT_MESSAGES[type], channel: "file", snapshot };
  const file = path.resolve(process.env.NOTIFICATIONS_FILE || path.join(ctx.dir, "notifications.jsonl"));
  try {
    ensureDir(path.dirname(file));
    appendJsonLine(file, record);
  } catch (err) {
    throw unavailable(`cannot write notification to ${file}: ${err.message}`);
  }
  log(`notify: [${type}] ${record.message}`);
  if (snapshot) log(`notify: serving: blue ${snapshot.blue ?? "-"}, green ${snapshot.green ?? "-"} at ${snapshot.weight.green}%`);
  return `${type} notification recorded in ${file}`;
});
