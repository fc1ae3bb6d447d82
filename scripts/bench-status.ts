// npm run bench:status — what the status page costs: the gzipped JavaScript a browser downloads for it
// (every <script src> the server-rendered page references, plus inline scripts), and response times at a
// steady 200 requests per second. Needs a production build and PostgreSQL on 127.0.0.1:5432.
import { gzipSync } from "node:zlib";
import { api, benchServer, machine, percentiles, runBench, startPublicRun, usage } from "./bench-common";

const PORT = Number(process.env.BENCH_PORT ?? 3331);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function main() {
  console.log(`machine: ${machine()}`);
  const { server, url, stop } = await benchServer(PORT);
  try {
    const { lead, run } = await startPublicRun(url, "Bench status");
    await api(url, lead, "POST", `/api/v1/runs/${run.id}/status-updates`, { bodyMarkdown: "We have **started**. Expect short interruptions." });
    const page = `${url}/status/${run.slug}`;

    const html = await (await fetch(page)).text();
    const srcs = [...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]))];
    let external = 0;
    const files: Array<{ src: string; gzip: number }> = [];
    for (const src of srcs) {
      const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
      const gz = gzipSync(body, { level: 9 }).length;
      external += gz;
      files.push({ src, gzip: gz });
    }
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("");
    const inlineGz = gzipSync(Buffer.from(inline), { level: 9 }).length;
    const htmlGz = gzipSync(Buffer.from(html), { level: 9 }).length;

    // Warm up, then an open-loop load: requests leave on schedule whether or not earlier ones finished.
    for (let i = 0; i < 20; i++) await (await fetch(page)).text();
    const pid = server.child.pid!;
    const before = usage(pid);
    const times: number[] = [];
    const appTimes: number[] = [];
    let errors = 0;
    const inflight: Promise<void>[] = [];
    const start = performance.now();
    const total = RATE * SECONDS;
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inflight.push(
        (async () => {
          const t = performance.now();
          try {
            const response = await fetch(page);
            await response.arrayBuffer();
            const dur = /dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "");
            if (dur) appTimes.push(Number(dur[1]));
            if (!response.ok) errors++;
          } catch {
            errors++;
          }
          times.push(performance.now() - t);
        })(),
      );
    }
    await Promise.all(inflight);
    const wall = (performance.now() - start) / 1000;
    const after = usage(pid);
    const sorted = times.sort((a, b) => a - b);
    console.log(
      JSON.stringify(
        {
          page: "/status/<slug> (signed out, public run, one update)",
          js: { scripts: files.length, externalGzipKiB: +(external / 1024).toFixed(1), inlineGzipKiB: +(inlineGz / 1024).toFixed(1), totalGzipKiB: +((external + inlineGz) / 1024).toFixed(1) },
          htmlGzipKiB: +(htmlGz / 1024).toFixed(1),
          load: { targetRps: RATE, seconds: SECONDS, achievedRps: +(total / wall).toFixed(1), errors },
          // Time inside the route handler (Server-Timing), i.e. the server's own work for the page.
          handlerMs: percentiles(appTimes.sort((x, y) => x - y), 2),
          // Seen by the load generator on the same 2 cores: includes Next's routing, queueing and the client itself.
          responseMs: percentiles(sorted, 1),
          serverCpuAverageCores: +((after.cpuSeconds - before.cpuSeconds) / wall).toFixed(2),
          serverRssMiB: Math.round(after.rssMiB),
          largestScripts: files.sort((a, b) => b.gzip - a.gzip).slice(0, 5).map((f) => `${f.src} ${(f.gzip / 1024).toFixed(1)} KiB`),
        },
        null,
        2,
      ),
    );
  } finally {
    await stop();
  }
}

runBench(main);
