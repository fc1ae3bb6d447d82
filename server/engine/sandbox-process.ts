import "server-only";
// Runs the rehearsal sandbox (sandbox/) inside the app server process: started with the app in the
// embedded default (or FLIGHTDECK_SANDBOX=1), on a second database of the app's PostgreSQL server
// (flightdeck_sandbox, unless SANDBOX_DATABASE_URL says otherwise), and controllable from the UI.
import { optionsFromEnv, startSandbox, type Sandbox } from "@/sandbox/index.js";
import { logger } from "@/server/logger";
import { sandboxEnabled } from "./sandbox-config";
import { registerSandboxControl, type SandboxControl, type SandboxFaultsInput, type SandboxStatus } from "./sandbox-control";

/** The sandbox's database: SANDBOX_DATABASE_URL, else the app's DATABASE_URL with the database name swapped. */
export function sandboxDatabaseUrlFor(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SANDBOX_DATABASE_URL) return env.SANDBOX_DATABASE_URL;
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  const url = new URL(env.DATABASE_URL);
  url.pathname = "/flightdeck_sandbox";
  return url.toString();
}

async function adminFetch(sandbox: Sandbox, pathName: string, init: RequestInit = {}): Promise<unknown> {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  if (process.env.SANDBOX_ADMIN_TOKEN) headers.set("authorization", `Bearer ${process.env.SANDBOX_ADMIN_TOKEN}`);
  const response = await fetch(`${sandbox.urls.router}${pathName}`, { ...init, headers, signal: AbortSignal.timeout(5000) });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error((body as { error?: string } | null)?.error ?? `sandbox answered ${response.status}`);
  return body;
}

export function createSandboxManager(options: { start?: typeof startSandbox } = {}) {
  let sandbox: Sandbox | null = null;
  let pending: Promise<unknown> = Promise.resolve();
  let lastError: string | null = null;
  // One start/stop at a time: a double click must not start two supervisors.
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = pending.then(work, work);
    pending = next.catch(() => {});
    return next;
  };

  const status = async (): Promise<SandboxStatus> => {
    const base: SandboxStatus = {
      enabled: sandboxEnabled(),
      controllable: true,
      running: !!sandbox,
      startedAt: sandbox?.state.startedAt ?? null,
      routerUrl: sandbox?.urls.router ?? null,
      weight: sandbox ? { green: sandbox.state.weight.green } : null,
      blue: sandbox ? { status: sandbox.state.blue.status, version: sandbox.state.blue.version } : null,
      green: sandbox ? { status: sandbox.state.green.status, version: sandbox.state.green.version } : null,
      faults: null,
      loadgen: sandbox ? { rps: sandbox.loadgen.rps, sent: sandbox.loadgen.sent, ok: sandbox.loadgen.ok, failed: sandbox.loadgen.failed } : null,
      database: sandbox?.state.databaseName ?? null,
      error: lastError,
    };
    if (sandbox && sandbox.state.green.status === "running") {
      const faults = (await adminFetch(sandbox, "/admin/faults?color=green").catch(() => null)) as { errorRate?: number; latencyMs?: number } | null;
      base.faults = { green: faults ? { errorRate: faults.errorRate ?? 0, latencyMs: faults.latencyMs ?? 0 } : null };
    }
    return base;
  };

  const control: SandboxControl = {
    status,
    start: () =>
      serial(async () => {
        if (!sandbox) {
          try {
            sandbox = await (options.start ?? startSandbox)({ ...optionsFromEnv(), databaseUrl: sandboxDatabaseUrlFor(), log: (line) => logger.info({ sandbox: line }, "sandbox") });
            lastError = null;
            logger.info({ router: sandbox.urls.router }, "sandbox started");
          } catch (error) {
            lastError = (error as Error).message;
            throw error;
          }
        }
        return status();
      }),
    stop: () =>
      serial(async () => {
        const current = sandbox;
        sandbox = null;
        if (current) await current.stop();
        return status();
      }),
    setFaults: async (input: SandboxFaultsInput) => {
      if (!sandbox) throw new Error("The sandbox is not running.");
      await adminFetch(sandbox, "/admin/faults", { method: "PUT", body: JSON.stringify(input) });
      return status();
    },
  };
  return { control, current: () => sandbox };
}

/** Called from server/startup.ts: registers the controls and, when enabled, starts the sandbox. */
export async function startSandboxWithApp(): Promise<{ stop: () => Promise<void> }> {
  const manager = createSandboxManager();
  registerSandboxControl(manager.control);
  if (sandboxEnabled()) {
    await manager.control.start().catch((error) => logger.warn({ err: error }, "sandbox did not start; start it from the Sandbox page once the cause is fixed"));
  }
  return {
    stop: async () => {
      await manager.control.stop().catch((error) => logger.warn({ err: error }, "sandbox stop failed"));
      registerSandboxControl(undefined);
    },
  };
}
