// Shared configuration for the sandbox and the deployment scripts that drive it: where the sandbox
// keeps its files, how its state file looks, and which database it uses. Kept dependency-free so a
// script can import it without starting anything.
import fs from "node:fs";
import path from "node:path";

export const DEFAULT_PORTS = Object.freeze({ router: 47100, blue: 47101, green: 47102 });
export const DEFAULT_DB_NAME = "flightdeck_sandbox";
export const DEFAULT_BLUE_VERSION = "1.0.0";
export const DEFAULT_GREEN_VERSION = "2.0.0";
export const DEFAULT_RPS = 20;
// Everything binds here only: the sandbox has unauthenticated admin endpoints by default.
export const HOST = "127.0.0.1";

export function sandboxDir(env = process.env) {
  return path.resolve(env.FLIGHTDECK_SANDBOX_DIR || path.join(".flightdeck", "sandbox"));
}

export function stateFilePath(dir = sandboxDir()) {
  return path.join(dir, "state.json");
}

export function releaseFilePath(dir, color) {
  return path.join(dir, "releases", `${color}.json`);
}

/**
 * The sandbox DB URL: SANDBOX_DATABASE_URL, else the app's DATABASE_URL with its database name swapped
 * for flightdeck_sandbox (so the sandbox lives on the same server as the app), else the local server.
 */
export function sandboxDatabaseUrl(env = process.env) {
  if (env.SANDBOX_DATABASE_URL) return env.SANDBOX_DATABASE_URL;
  const base = env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const url = new URL(base);
  url.pathname = `/${DEFAULT_DB_NAME}`;
  return url.toString();
}

/** Same server, maintenance database `postgres`: used to CREATE/DROP the sandbox database. */
export function maintenanceUrl(databaseUrl) {
  const url = new URL(databaseUrl);
  url.pathname = "/postgres";
  return url.toString();
}

export function databaseName(databaseUrl) {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ""));
}

/** A URL safe to print or store for humans: the password replaced. */
export function redactUrl(databaseUrl) {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "<invalid url>";
  }
}

/** Whether a process exists (EPERM: it does, owned by someone else), e.g. the supervisor a state file names. */
export function isProcessAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

export function readState(dir = sandboxDir()) {
  const file = stateFilePath(dir);
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return null;
    throw err;
  }
  return JSON.parse(text);
}

/** Atomic write (tmp + rename) so a script never reads half a state file. Mode 0600: it holds the DB URL. */
export function writeJsonAtomic(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2) + "\n", { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function parsePort(value, fallback) {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`invalid port: ${value}`);
  return n;
}

export function parsePercent(value, fallback, name) {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new Error(`${name} must be a number 0-100, got ${value}`);
  return n;
}

export function parseNonNegative(value, fallback, name) {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${value}`);
  return n;
}

/** startSandbox options from the environment (used by start.js and by the app when it starts the sandbox). */
export function optionsFromEnv(env = process.env) {
  return {
    dir: sandboxDir(env),
    databaseUrl: sandboxDatabaseUrl(env),
    ports: {
      router: parsePort(env.SANDBOX_ROUTER_PORT, DEFAULT_PORTS.router),
      blue: parsePort(env.SANDBOX_BLUE_PORT, DEFAULT_PORTS.blue),
      green: parsePort(env.SANDBOX_GREEN_PORT, DEFAULT_PORTS.green),
    },
    rps: parseNonNegative(env.SANDBOX_RPS, DEFAULT_RPS, "SANDBOX_RPS"),
    blueVersion: env.SANDBOX_BLUE_VERSION || DEFAULT_BLUE_VERSION,
    greenFaults: {
      errorRate: parsePercent(env.SANDBOX_GREEN_ERROR_RATE, 0, "SANDBOX_GREEN_ERROR_RATE"),
      latencyMs: parseNonNegative(env.SANDBOX_GREEN_LATENCY_MS, 0, "SANDBOX_GREEN_LATENCY_MS"),
    },
    adminToken: env.SANDBOX_ADMIN_TOKEN || undefined,
  };
}
