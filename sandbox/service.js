#!/usr/bin/env node
// One colour (blue or green) of the sandbox application. Run as a child process by the sandbox
// supervisor (sandbox/index.js) so each colour can be stopped/restarted on its own, as in a real
// blue/green deployment. Its version comes from a release marker file written by deploy-green.sh
// (or by the supervisor for blue): a colour with no release marker refuses to start.
//
// Env: SANDBOX_COLOR, SANDBOX_RELEASE_FILE, SANDBOX_PORT (0 = ephemeral), SANDBOX_DATABASE_URL,
//      SANDBOX_ERROR_RATE (0-100 %), SANDBOX_LATENCY_MS, SANDBOX_ADMIN_TOKEN.
import http from "node:http";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { HOST, parsePort } from "./config.js";
import { adminAllowed, listen, readJson, sendJson, validateFaults } from "./http-util.js";

export async function createService({ color, version, port = 0, databaseUrl, faults = {}, adminToken }) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 5, connectionTimeoutMillis: 3000, statement_timeout: 5000 });
  // An idle-client error (e.g. the DB restarted) must not crash the service; the next query reports it.
  pool.on("error", () => {});
  let currentFaults = validateFaults(faults);
  // Deterministic error injection: an accumulator emits exactly errorRate errors per 100 requests, so
  // a 50% fault fails every other request instead of "about half" - stable for tests and rehearsals.
  let errorAccumulator = 0;
  const startedAt = new Date().toISOString();

  function injectError() {
    if (currentFaults.errorRate <= 0) return false;
    errorAccumulator += currentFaults.errorRate;
    if (errorAccumulator >= 100) {
      errorAccumulator -= 100;
      return true;
    }
    return false;
  }

  async function handleApi(req, res, url) {
    if (currentFaults.latencyMs > 0) await new Promise((r) => setTimeout(r, currentFaults.latencyMs));
    if (injectError()) return sendJson(res, 500, { error: "injected_fault", color, version });
    if (req.method !== "GET") return sendJson(res, 405, { error: "method_not_allowed" });
    if (url.pathname === "/api/learners") {
      const limit = Math.min(Math.max(Number.parseInt(url.searchParams.get("limit") ?? "20", 10) || 20, 1), 100);
      const { rows } = await pool.query("SELECT * FROM learners ORDER BY id LIMIT $1", [limit]);
      return sendJson(res, 200, { color, version, learners: rows });
    }
    const match = /^\/api\/learners\/(\d{1,9})$/.exec(url.pathname);
    if (match) {
      const { rows } = await pool.query("SELECT * FROM learners WHERE id = $1", [Number(match[1])]);
      if (rows.length === 0) return sendJson(res, 404, { error: "not_found" });
      return sendJson(res, 200, { color, version, learner: rows[0] });
    }
    if (url.pathname === "/api/stats") {
      const { rows } = await pool.query("SELECT count(*)::int AS learners FROM learners");
      return sendJson(res, 200, { color, version, ...rows[0] });
    }
    return sendJson(res, 404, { error: "not_found" });
  }

  async function handle(req, res) {
    const url = new URL(req.url, "http://sandbox");
    res.setHeader("x-sandbox-color", color);
    res.setHeader("x-sandbox-version", version);
    if (url.pathname === "/version") return sendJson(res, 200, { color, version, startedAt, pid: process.pid });
    if (url.pathname === "/health") {
      try {
        await pool.query("SELECT 1");
        return sendJson(res, 200, { status: "ok", color, version, db: "ok" });
      } catch (err) {
        return sendJson(res, 503, { status: "unhealthy", color, version, db: err.message });
      }
    }
    if (url.pathname === "/admin/faults") {
      if (!adminAllowed(req, adminToken)) return sendJson(res, 401, { error: "admin token required" });
      if (req.method === "PUT") {
        currentFaults = validateFaults(await readJson(req), currentFaults);
        errorAccumulator = 0;
      } else if (req.method !== "GET") return sendJson(res, 405, { error: "method_not_allowed" });
      return sendJson(res, 200, { color, ...currentFaults });
    }
    if (url.pathname.startsWith("/api/")) return handleApi(req, res, url);
    return sendJson(res, 404, { error: "not_found" });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, err.status ?? 500, { error: err.status ? err.message : "internal_error", detail: err.message });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  const boundPort = await listen(server, port, HOST);
  return {
    port: boundPort,
    url: `http://${HOST}:${boundPort}`,
    async stop() {
      server.closeAllConnections?.();
      await new Promise((r) => server.close(() => r()));
      await pool.end().catch(() => {});
    },
  };
}

function readRelease(file, color) {
  if (!file) throw new Error(`${color}: SANDBOX_RELEASE_FILE is not set`);
  let release;
  try {
    release = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${color}: no readable release marker at ${file} (${err.code ?? err.message}); deploy it first`);
  }
  if (release.color !== color || typeof release.version !== "string" || !release.version) {
    throw new Error(`${color}: release marker ${file} is not a ${color} release`);
  }
  return release;
}

async function main() {
  const color = process.env.SANDBOX_COLOR;
  if (color !== "blue" && color !== "green") throw new Error("SANDBOX_COLOR must be blue or green");
  const release = readRelease(process.env.SANDBOX_RELEASE_FILE, color);
  const service = await createService({
    color,
    version: release.version,
    port: parsePort(process.env.SANDBOX_PORT, 0),
    databaseUrl: process.env.SANDBOX_DATABASE_URL,
    faults: { errorRate: process.env.SANDBOX_ERROR_RATE || 0, latencyMs: process.env.SANDBOX_LATENCY_MS || 0 },
    adminToken: process.env.SANDBOX_ADMIN_TOKEN || undefined,
  });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await service.stop();
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  // The supervisor's IPC channel closes when it dies (even by SIGKILL): exit then, so no colour
  // outlives the sandbox as an orphan holding its port.
  process.on("disconnect", shutdown);
  if (process.send) process.send({ type: "ready", port: service.port, version: release.version, pid: process.pid });
  console.log(`${color} ${release.version} listening on ${service.url}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
