// npm run bench:live — 500 socket clients follow one run while 200 task changes go through the action
// pipeline (REST, as the UI sends them). Measures change → client receipt latency and the server's CPU
// and memory. Needs a production build (NEXT_DIST_DIR honoured) and PostgreSQL on 127.0.0.1:5432.
import { io, type Socket } from "socket.io-client";
import { api, benchServer, machine, percentile, percentiles, runBench, startPublicRun, usage } from "./bench-common";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 3330);

type Task = { id: string; title: string; version: number; status: string; updatedAt: string | null; runId: string };

async function main() {
  console.log(`machine: ${machine()}`);
  const { server, url, stop } = await benchServer(PORT);
  try {
    const { lead, run } = await startPublicRun(url, "Bench run");
    const detail = await api<{ tasks: Task[] }>(url, lead, "GET", `/api/v1/runs/${run.id}`);
    let task = detail.tasks.find((t) => t.title === "Pre-deployment team briefing")!;

    // Receipt times per (version) per client; the server stamps updatedAt in the transaction that commits the change.
    const latencies: number[] = [];
    const received = new Map<number, number>();
    const sockets: Socket[] = [];
    const connectStart = Date.now();
    for (let i = 0; i < CLIENTS; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, CLIENTS - i) }, () =>
          new Promise<void>((resolve, reject) => {
            const s = io(url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie: lead }, forceNew: true });
            sockets.push(s);
            s.on("task.updated", (t: Task) => {
              const now = Date.now();
              if (t.updatedAt) latencies.push(now - Date.parse(t.updatedAt));
              received.set(t.version, (received.get(t.version) ?? 0) + 1);
            });
            s.once("connect_error", reject);
            s.once("hello", async () => {
              const answer = (await s.emitWithAck("join", { room: `run:${run.id}` })) as { ok: boolean; error?: string };
              if (answer.ok) resolve();
              else reject(new Error(answer.error));
            });
          }),
        ),
      );
    }
    console.log(`${CLIENTS} clients joined run:${run.id} in ${Date.now() - connectStart} ms`);
    await new Promise((r) => setTimeout(r, 3000)); // let the presence broadcasts of the joins settle

    const pid = server.child.pid!;
    const before = usage(pid);
    let peakRss = before.rssMiB;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, usage(pid).rssMiB)), 200);
    const requestMs: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < CHANGES; i++) {
      const command = task.status === "completed" ? "reopen" : "complete";
      const started = performance.now();
      task = await api<Task>(url, lead, "POST", `/api/v1/tasks/${task.id}/${command}`, { expectedVersion: task.version });
      requestMs.push(performance.now() - started);
    }
    const wall = (Date.now() - t0) / 1000;
    // Wait for stragglers: every client should get every change.
    const deadline = Date.now() + 10_000;
    while (latencies.length < CLIENTS * CHANGES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    clearInterval(sampler);
    const after = usage(pid);

    const sorted = [...latencies].sort((a, b) => a - b);
    const req = [...requestMs].sort((a, b) => a - b);
    const result = {
      clients: CLIENTS,
      changes: CHANGES,
      deliveries: `${latencies.length} of ${CLIENTS * CHANGES}`,
      latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] },
      actionRequestMs: percentiles(req, 1),
      changesPerSecond: +(CHANGES / wall).toFixed(1),
      serverCpu: { seconds: +(after.cpuSeconds - before.cpuSeconds).toFixed(2), averageCores: +((after.cpuSeconds - before.cpuSeconds) / wall).toFixed(2) },
      serverRssMiB: { before: Math.round(before.rssMiB), peak: Math.round(peakRss), after: Math.round(after.rssMiB) },
    };
    console.log(JSON.stringify(result, null, 2));
    for (const s of sockets) s.disconnect();
  } finally {
    await stop();
  }
}

runBench(main);
