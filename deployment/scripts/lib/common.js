// Shared plumbing for the deployment scripts: finding the sandbox, talking to its admin API, and one
// consistent way to print progress and fail. Every script prints progress lines on stdout (they are
// streamed live to the people watching a run) and ends with exactly one summary line.
//
// Exit codes (all scripts): 0 ok, 1 the checked condition is not true, 2 usage error (bad arguments),
// 3 environment problem (sandbox not running, database or tool unavailable).
import fs from "node:fs";
import pg from "pg";
import { isProcessAlive, readState, redactUrl, sandboxDatabaseUrl, sandboxDir, stateFilePath } from "../../../sandbox/config.js";

export const EXIT = Object.freeze({ OK: 0, FAILED: 1, USAGE: 2, UNAVAILABLE: 3 });

export class ScriptError extends Error {
  constructor(message, code = EXIT.FAILED) {
    super(message);
    this.code = code;
  }
}

export const fail = (message) => new ScriptError(message, EXIT.FAILED);
export const usage = (message) => new ScriptError(message, EXIT.USAGE);
export const unavailable = (message) => new ScriptError(message, EXIT.UNAVAILABLE);

export function log(line) {
  process.stdout.write(`${line}\n`);
}

/** Runs a script's main, turning a ScriptError into one clear stderr line and its exit code. */
export function runScript(name, main) {
  Promise.resolve()
    .then(main)
    .then(
      (summary) => {
        if (summary) log(`✔ ${name}: ${summary}`);
        finish(EXIT.OK);
      },
      (err) => {
        const code = err instanceof ScriptError ? err.code : EXIT.FAILED;
        process.stderr.write(`✖ ${name}: ${err instanceof ScriptError ? err.message : `unexpected error: ${err.stack ?? err}`}\n`);
        finish(code);
      },
    );
}

function finish(code) {
  process.exitCode = code;
  // Let stdout drain, but never hang on a lingering socket.
  setTimeout(() => process.exit(code), 1500).unref();
}

/** Where the sandbox is: env overrides first (SANDBOX_ROUTER_URL, ...), then the state file. */
export function sandboxContext({ needRouter = true } = {}) {
  const dir = sandboxDir();
  let state = null;
  try {
    state = readState(dir);
  } catch (err) {
    throw unavailable(`cannot read sandbox state file ${stateFilePath(dir)}: ${err.message}`);
  }
  if (state && !process.env.SANDBOX_ROUTER_URL && !isProcessAlive(state.supervisorPid)) {
    throw unavailable(`sandbox state file ${stateFilePath(dir)} is stale (supervisor pid ${state.supervisorPid} is not running); start it with: node sandbox/start.js`);
  }
  const routerUrl = process.env.SANDBOX_ROUTER_URL || state?.router?.url || null;
  if (needRouter && !routerUrl) {
    throw unavailable(`sandbox is not running: no state file at ${stateFilePath(dir)} and SANDBOX_ROUTER_URL is not set; start it with: node sandbox/start.js`);
  }
  return {
    dir,
    state,
    routerUrl,
    adminToken: process.env.SANDBOX_ADMIN_TOKEN || undefined,
    databaseUrl: process.env.SANDBOX_DATABASE_URL || state?.databaseUrl || sandboxDatabaseUrl(),
  };
}

/** A connected client for the sandbox database; not reaching it is an environment problem (exit 3). */
export async function connectDatabase(ctx) {
  const client = new pg.Client({ connectionString: ctx.databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw unavailable(`cannot connect to ${redactUrl(ctx.databaseUrl)}: ${err.message}`);
  }
  return client;
}

export function ensureDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** fetch with a timeout; a network failure becomes an "unavailable" ScriptError naming the URL. */
export async function request(method, url, { body, token, timeoutMs = 5000, headers = {} } = {}) {
  const started = performance.now();
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const reason = err.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.message);
    throw unavailable(`cannot reach ${url}: ${reason}`);
  }
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Non-JSON answers (e.g. /metrics) are returned as text.
  }
  return { status: res.status, ok: res.ok, json, text, headers: res.headers, ms: performance.now() - started };
}

/** Like request(), but a network failure is an answer with status 0 (counted as an error, not fatal). */
export async function tryRequest(method, url, options) {
  try {
    return await request(method, url, options);
  } catch (err) {
    if (!(err instanceof ScriptError)) throw err;
    return { status: 0, ok: false, json: null, text: err.message, headers: new Headers(), ms: 0, error: err.message };
  }
}

export async function admin(ctx, method, path, body) {
  const res = await request(method, `${ctx.routerUrl}${path}`, { body, token: ctx.adminToken });
  if (!res.ok) {
    const msg = res.json?.error ?? res.text.slice(0, 200);
    throw new ScriptError(`router ${method} ${path} answered ${res.status}: ${msg}`, res.status >= 500 ? EXIT.UNAVAILABLE : EXIT.FAILED);
  }
  return res.json;
}

export function parseColor(arg, scriptName) {
  if (arg !== "blue" && arg !== "green") throw usage(`usage: ${scriptName} <blue|green> (got ${JSON.stringify(arg ?? "")})`);
  return arg;
}

/** Base URL of one colour: SANDBOX_<COLOR>_URL, else the router's live view, else the state file. */
export async function colorUrl(ctx, color) {
  const override = process.env[`SANDBOX_${color.toUpperCase()}_URL`];
  if (override) return override;
  let status = null;
  if (ctx.routerUrl) status = await admin(ctx, "GET", "/admin/status");
  const url = status ? status.backends?.[color]?.url : ctx.state?.[color]?.url;
  if (!url) {
    const s = status?.[color]?.status ?? ctx.state?.[color]?.status ?? "unknown";
    throw fail(`${color} is not deployed (status: ${s})${color === "green" ? "; run ./deployment/scripts/deploy-green.sh" : ""}`);
  }
  return url;
}

export function appendJsonLine(file, record) {
  fs.appendFileSync(file, JSON.stringify(record) + "\n", { mode: 0o600 });
}

export function actor() {
  return process.env.FLIGHTDECK_ACTOR || process.env.USER || "unknown";
}
