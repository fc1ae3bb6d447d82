// The sandbox supervisor: the local rehearsal target that the plan's deployment scripts drive.
// One process owns everything so that stopping it leaves nothing behind:
//   - the sandbox database (created and seeded on start),
//   - blue and green service processes (children; green only after deploy-green.sh asks for it),
//   - the weighted router with its admin API and Prometheus metrics,
//   - the load generator.
// Scripts find it through the state file (<dir>/state.json) or env overrides; see README.md.
import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  DEFAULT_BLUE_VERSION,
  DEFAULT_PORTS,
  DEFAULT_RPS,
  databaseName,
  isProcessAlive,
  readState,
  redactUrl,
  releaseFilePath,
  sandboxDatabaseUrl,
  sandboxDir,
  stateFilePath,
  writeJsonAtomic,
} from "./config.js";
import { ensureDatabase, seedDatabase } from "./db.js";
import { createRouter } from "./router.js";
import { startLoadGenerator } from "./loadgen.js";

export { optionsFromEnv } from "./config.js";

const SERVICE_JS = path.join(path.dirname(fileURLToPath(import.meta.url)), "service.js");
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

function defaultLog(line) {
  console.log(`[sandbox] ${line}`);
}

/** Starts one colour as a child process and resolves once it reports the port it listens on. */
function spawnColor({ color, port, releaseFile, databaseUrl, faults, adminToken, log }) {
  return new Promise((resolve, reject) => {
    const child = fork(SERVICE_JS, [], {
      env: {
        ...process.env,
        SANDBOX_COLOR: color,
        SANDBOX_RELEASE_FILE: releaseFile,
        SANDBOX_PORT: String(port),
        SANDBOX_DATABASE_URL: databaseUrl,
        SANDBOX_ERROR_RATE: String(faults?.errorRate ?? 0),
        SANDBOX_LATENCY_MS: String(faults?.latencyMs ?? 0),
        SANDBOX_ADMIN_TOKEN: adminToken ?? "",
      },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let stderrTail = "";
    child.stdout.on("data", (d) => log(`${color}: ${String(d).trimEnd()}`));
    child.stderr.on("data", (d) => {
      stderrTail = (stderrTail + String(d)).slice(-2000);
      log(`${color} (stderr): ${String(d).trimEnd()}`);
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${color} did not report ready within ${READY_TIMEOUT_MS} ms`));
    }, READY_TIMEOUT_MS);
    const onExit = (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${color} exited before it was ready (code ${code ?? signal}): ${stderrTail.trim() || "no output"}`));
    };
    child.once("exit", onExit);
    child.on("message", (msg) => {
      if (msg?.type !== "ready") return;
      clearTimeout(timer);
      child.off("exit", onExit);
      resolve({ child, port: msg.port, version: msg.version, pid: child.pid, url: `http://127.0.0.1:${msg.port}` });
    });
  });
}

async function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * options: { dir, databaseUrl, ports: {router, blue, green} (0 = ephemeral), rps, blueVersion,
 *            greenFaults: {errorRate, latencyMs}, adminToken, log(line), seed = true }
 * Returns { stop(), urls, state, router } — state is the live object also written to <dir>/state.json.
 */
export async function startSandbox(options = {}) {
  const dir = path.resolve(options.dir ?? sandboxDir());
  const databaseUrl = options.databaseUrl ?? sandboxDatabaseUrl();
  const ports = { ...DEFAULT_PORTS, ...(options.ports ?? {}) };
  const rps = options.rps ?? DEFAULT_RPS;
  const blueVersion = options.blueVersion ?? DEFAULT_BLUE_VERSION;
  const greenFaults = options.greenFaults ?? { errorRate: 0, latencyMs: 0 };
  const adminToken = options.adminToken;
  const log = options.log ?? defaultLog;
  const stateFile = stateFilePath(dir);

  fs.mkdirSync(path.join(dir, "releases"), { recursive: true });
  const existing = readState(dir);
  if (existing && existing.supervisorPid !== process.pid && isProcessAlive(existing.supervisorPid)) {
    throw new Error(`another sandbox (pid ${existing.supervisorPid}) already uses ${dir}; stop it or set FLIGHTDECK_SANDBOX_DIR`);
  }

  const created = await ensureDatabase(databaseUrl);
  if (options.seed !== false) await seedDatabase(databaseUrl);
  log(`database ${databaseName(databaseUrl)} ${created ? "created" : "exists"} (${redactUrl(databaseUrl)})`);

  const blueRelease = releaseFilePath(dir, "blue");
  writeJsonAtomic(blueRelease, { color: "blue", version: blueVersion, status: "deployed", deployedAt: new Date().toISOString() });

  const children = { blue: null, green: null };
  let stopping = false;
  let deployChain = Promise.resolve();

  const state = {
    schema: 1,
    supervisorPid: process.pid,
    startedAt: new Date().toISOString(),
    updatedAt: null,
    dir,
    databaseUrl,
    databaseName: databaseName(databaseUrl),
    adminTokenRequired: Boolean(adminToken),
    router: null,
    blue: { status: "starting", url: null, port: null, pid: null, version: blueVersion },
    green: { status: "not_deployed", url: null, port: null, pid: null, version: null },
    weight: { green: 0 },
    loadgen: { rps },
    files: {
      releases: path.join(dir, "releases"),
      backup: path.join(dir, "edpsych_pre_deploy_backup.dump"),
      notifications: path.join(dir, "notifications.jsonl"),
      rollbacks: path.join(dir, "rollbacks.jsonl"),
    },
  };
  const saveState = () => {
    if (stopping) return;
    state.updatedAt = new Date().toISOString();
    writeJsonAtomic(stateFile, state);
  };

  let router;
  const watchChild = (color, entry) => {
    entry.child.once("exit", (code, signal) => {
      if (children[color] !== entry || stopping) return;
      // Unplanned exit: take it out of the router; requests routed to it now count as 503 errors for
      // that colour, which is what canary analysis should see.
      children[color] = null;
      router?.setBackend(color, null);
      Object.assign(state[color], { status: "crashed", pid: null, exitCode: code ?? signal });
      log(`${color} exited unexpectedly (${code ?? signal})`);
      saveState();
    });
  };

  const startColor = async (color, port, faults) => {
    const entry = await spawnColor({ color, port, releaseFile: releaseFilePath(dir, color), databaseUrl, faults, adminToken, log });
    children[color] = entry;
    watchChild(color, entry);
    return entry;
  };

  const serial = (fn) => {
    const run = deployChain.then(fn, fn);
    deployChain = run.catch(() => {});
    return run;
  };

  const hooks = {
    deploy: () =>
      serial(async () => {
        const releaseFile = releaseFilePath(dir, "green");
        if (!fs.existsSync(releaseFile)) {
          return { status: 400, body: { error: `no green release marker at ${releaseFile}; deploy-green.sh writes it` } };
        }
        const old = children.green;
        children.green = null;
        router.setBackend("green", null);
        if (old) {
          log(`stopping green ${old.version} (pid ${old.pid}) for redeploy`);
          await stopChild(old.child);
        }
        Object.assign(state.green, { status: "starting", url: null, port: null, pid: null });
        try {
          const entry = await startColor("green", ports.green, greenFaults);
          router.setBackend("green", { url: entry.url, version: entry.version, pid: entry.pid });
          Object.assign(state.green, { status: "running", url: entry.url, port: entry.port, pid: entry.pid, version: entry.version, deployedAt: new Date().toISOString() });
          delete state.green.exitCode;
          log(`green ${entry.version} deployed on ${entry.url} (pid ${entry.pid})`);
          saveState();
          return { status: 200, body: { color: "green", version: entry.version, url: entry.url, pid: entry.pid } };
        } catch (err) {
          Object.assign(state.green, { status: "failed", error: err.message });
          saveState();
          return { status: 500, body: { error: `green failed to start: ${err.message}` } };
        }
      }),
    undeploy: (body) =>
      serial(async () => {
        const entry = children.green;
        children.green = null;
        router.setBackend("green", null);
        if (entry) await stopChild(entry.child);
        const reason = typeof body.reason === "string" ? body.reason.slice(0, 500) : "rollback";
        const releaseFile = releaseFilePath(dir, "green");
        let release = null;
        try {
          release = JSON.parse(fs.readFileSync(releaseFile, "utf8"));
        } catch {
          // No marker: nothing was ever deployed; still a valid (no-op) rollback.
        }
        if (release) writeJsonAtomic(releaseFile, { ...release, status: "rolled_back", rolledBackAt: new Date().toISOString(), reason });
        Object.assign(state.green, { status: entry || release ? "rolled_back" : "not_deployed", url: null, port: null, pid: null });
        log(entry ? `green ${entry.version} stopped (rolled back: ${reason})` : "green was not running");
        saveState();
        return { status: 200, body: { color: "green", stopped: Boolean(entry), version: entry?.version ?? release?.version ?? null, status: state.green.status } };
      }),
    setFaults: async (color, body) => {
      const entry = children[color];
      if (!entry) return { status: 409, body: { error: `${color} is not running` } };
      const res = await fetch(`${entry.url}/admin/faults`, {
        method: body ? "PUT" : "GET",
        headers: { "content-type": "application/json", ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}) },
        body: body ? JSON.stringify({ errorRate: body.errorRate, latencyMs: body.latencyMs }) : undefined,
        signal: AbortSignal.timeout(5000),
      });
      const result = await res.json();
      if (res.ok) log(`${color} faults now errorRate=${result.errorRate}% latencyMs=${result.latencyMs}`);
      return { status: res.status, body: result };
    },
    onWeight: (green) => {
      state.weight.green = green;
      saveState();
    },
    status: () => ({ supervisorPid: process.pid, green: state.green, blue: state.blue, loadgen: loadgen?.stats }),
  };

  let loadgen;
  try {
    const blue = await startColor("blue", ports.blue, null);
    Object.assign(state.blue, { status: "running", url: blue.url, port: blue.port, pid: blue.pid, version: blue.version });
    router = await createRouter({ port: ports.router, adminToken, hooks, log });
    router.setBackend("blue", { url: blue.url, version: blue.version, pid: blue.pid });
    state.router = { url: router.url, port: router.port, metricsUrl: `${router.url}/metrics`, adminUrl: `${router.url}/admin` };
    loadgen = startLoadGenerator({ targetUrl: router.url, rps });
    saveState();
  } catch (err) {
    stopping = true;
    await router?.stop().catch(() => {});
    await stopChild(children.blue?.child);
    throw err;
  }
  log(`router ${router.url} (metrics ${router.url}/metrics), blue ${state.blue.version} on ${state.blue.url}, load ${rps} rps`);
  log(`state file ${stateFile}`);

  let stopped;
  async function stop() {
    if (stopped) return stopped;
    stopping = true;
    stopped = (async () => {
      await loadgen?.stop();
      await router?.stop().catch(() => {});
      await Promise.all([stopChild(children.blue?.child), stopChild(children.green?.child)]);
      children.blue = children.green = null;
      // Remove the state file only if it is still ours, so scripts get "not running" instead of dead URLs.
      try {
        if (readState(dir)?.supervisorPid === process.pid) fs.rmSync(stateFile, { force: true });
      } catch {
        // A broken state file is not worth failing shutdown over.
      }
      log("stopped");
    })();
    return stopped;
  }

  return {
    stop,
    state,
    router,
    urls: {
      router: router.url,
      metrics: `${router.url}/metrics`,
      admin: `${router.url}/admin`,
      blue: state.blue.url,
      get green() {
        return state.green.url;
      },
    },
    loadgen: loadgen.stats,
    stateFile,
  };
}
