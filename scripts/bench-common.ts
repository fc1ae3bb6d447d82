// Shared parts of the runs benchmarks: a real server process on a fresh database, a signed-in lead, and
// process-tree CPU/memory readings from /proc.
import { readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import { createDatabase, startServer, DEMO_PASSWORD, type ServerProcess } from "../e2e/server-process";

export { DEMO_PASSWORD };

export async function benchServer(port: number, env: Record<string, string> = {}): Promise<{ server: ServerProcess; url: string; stop: () => Promise<void> }> {
  const db = await createDatabase("fd_bench");
  const server = await startServer({ port, env: { DATABASE_URL: db.url, LOG_LEVEL: "warn", ...env }, timeoutMs: 120_000 });
  return { server, url: server.url, stop: async () => { await server.stop(); await db.drop(); } };
}

/** Signs in through next-auth's credentials endpoint; returns the Cookie header to send. */
export async function signInCookie(base: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true", callbackUrl: "/" }),
  });
  keep(login);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in as ${email} failed (${login.status})`);
  return header();
}

export async function api<T>(base: string, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, { method, headers: { "content-type": "application/json", cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json.data as T;
}

/** Signs the demo lead in and starts a public run of the first imported plan: what both runs benchmarks drive. */
export async function startPublicRun(base: string, title: string): Promise<{ lead: string; run: { id: string; slug: string } }> {
  const lead = await signInCookie(base, "lead@flightdeck.local");
  const plans = await api<Array<{ latest: { id: string } }>>(base, lead, "GET", "/api/v1/plans");
  const run = await api<{ id: string; slug: string }>(base, lead, "POST", "/api/v1/runs", { planVersionId: plans[0].latest.id, title, statusPublic: true });
  await api(base, lead, "POST", `/api/v1/runs/${run.id}/start`);
  return { lead, run };
}

/** Runs a benchmark's main and exits (open sockets and timers must not keep it alive); 1 on an error. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** The PIDs of a process and all its descendants. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // gone
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parents) if (ppid === out[i]) out.push(pid);
  return out;
}

const TICK = 100; // USER_HZ on Linux

/** CPU seconds (user+system) used so far by a process tree, and its resident memory now (MiB). */
export function usage(root: number): { cpuSeconds: number; rssMiB: number } {
  let ticks = 0;
  let rssKb = 0;
  for (const pid of processTree(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]);
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      rssKb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return { cpuSeconds: ticks / TICK, rssMiB: rssKb / 1024 };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** p50, p95 and p99 of sorted values, rounded to `digits` decimals. */
export function percentiles(sorted: number[], digits: number): { p50: number; p95: number; p99: number } {
  const at = (p: number) => +percentile(sorted, p).toFixed(digits);
  return { p50: at(50), p95: at(95), p99: at(99) };
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}
