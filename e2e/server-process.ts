// Starts and stops real Flightdeck server processes for e2e specs (the shared one in global setup, and
// extra ones that specs need for themselves: scale-out, OIDC, embedded database).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const DEMO_PASSWORD = process.env.FLIGHTDECK_DEMO_PASSWORD ?? "demo-password-for-tests";

/** Refuses to run e2e against anything but a local database (a test drops what it creates). */
export function assertLocalDatabase(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`e2e refuses a non-local database host: ${host}`);
}

export async function createDatabase(prefix = "fd_e2e"): Promise<{ url: string; drop: () => Promise<void> }> {
  assertLocalDatabase(ADMIN_URL);
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export type ServerProcess = { url: string; child: ChildProcess; output: () => string; stop: () => Promise<void> };

export async function startServer(options: { port: number; env?: Record<string, string | undefined>; timeoutMs?: number }): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  let output = "";
  // tsx is started directly (not through npx) so the PID we hold is the server's own.
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.node.json", "server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      FLIGHTDECK_DEMO: "1",
      FLIGHTDECK_DEMO_PASSWORD: DEMO_PASSWORD,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
      ...options.env,
    } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk) => (output += chunk.toString()));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server on port ${options.port} exited early (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server on port ${options.port} did not become healthy:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
