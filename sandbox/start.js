#!/usr/bin/env node
// Entry point: `node sandbox/start.js`. Configuration comes from the environment (see README.md).
// Stops every child it started on SIGINT/SIGTERM, so Ctrl-C or a supervisor's stop leaves no orphans.
import { optionsFromEnv, startSandbox } from "./index.js";

let sandbox;
let exiting = false;

async function shutdown(signal) {
  if (exiting) return;
  exiting = true;
  console.log(`[sandbox] ${signal}: stopping`);
  try {
    await sandbox?.stop();
  } finally {
    process.exit(0);
  }
}

process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));

try {
  sandbox = await startSandbox(optionsFromEnv());
  console.log(`[sandbox] ready: router ${sandbox.urls.router}  blue ${sandbox.urls.blue}  state ${sandbox.stateFile}`);
} catch (err) {
  console.error(`[sandbox] failed to start: ${err.message}`);
  process.exit(1);
}
