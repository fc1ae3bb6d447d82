/**
 * bench:audit — how the auditor's reads behave on a large log.
 *
 *   npm run bench:audit [-- --count 100000] [--runs 15] [--no-write]
 *
 * Creates a throwaway database on the machine's PostgreSQL (TEST_DATABASE_ADMIN_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), seeds a valid hash chain of --count events, measures
 * page queries (first page, deep page, each filter), the full streamed export (CSV, JSON) with its peak
 * memory, and chain verification, then drops the database. Writes the numbers into BENCHMARKS.md
 * (between the bench:audit markers) unless --no-write.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { createTestDatabase } from "../tests/helpers/db";
import { bulkSeedAuditEvents } from "../server/audit/bulk-seed";
import { auditWhere, listAuditEvents } from "../server/audit/queries";
import { streamAuditExport, type AuditExportFormat } from "../server/audit/export";
import { verifyAuditChain } from "../server/audit/verify";
import { ZAuditFilters, ZAuditPageQuery, type TAuditFilters } from "../lib/audit/filters";

type Args = { count: number; runs: number; write: boolean };

function parseArgs(argv: string[]): Args {
  const args: Args = { count: 100_000, runs: 15, write: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--count") args.count = Number(argv[++i]);
    else if (arg === "--runs") args.runs = Number(argv[++i]);
    else if (arg === "--no-write") args.write = false;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(args.count) || args.count < 1) throw new Error("--count must be a positive integer");
  return args;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

function ms(n: number): string {
  return n < 10 ? n.toFixed(2) : n.toFixed(1);
}

/** Index and scan names of a plan, e.g. "Index Scan Backward (audit_events_pkey)". */
function planSummary(plan: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (node: Record<string, unknown>) => {
    const type = String(node["Node Type"]);
    const direction = node["Scan Direction"] === "Backward" ? " Backward" : "";
    if (/Scan/.test(type)) out.push(`${type}${direction}${node["Index Name"] ? ` (${node["Index Name"]})` : node["Relation Name"] ? ` (${node["Relation Name"]})` : ""}`);
    else if (type === "Sort") out.push("Sort");
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(plan);
  return out;
}

type Case = { name: string; filters: Record<string, string>; page?: Record<string, string> };

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const loadAtStart = os.loadavg()[0];
  const database = await createTestDatabase("fd_bench_audit");
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  try {
    console.log(`seeding ${args.count} events…`);
    const seedStart = performance.now();
    const seeded = await bulkSeedAuditEvents(pool, args.count);
    const seedMs = performance.now() - seedStart;
    const size = await pool.query("SELECT pg_size_pretty(pg_total_relation_size('audit_events')) AS total, pg_size_pretty(pg_relation_size('audit_events')) AS heap");
    console.log(`seeded in ${(seedMs / 1000).toFixed(1)} s; table ${size.rows[0].heap}, with indexes ${size.rows[0].total}`);

    const lastSeq = args.count;
    const someTime = new Date(Date.now() - 30 * 86_400_000);
    const cases: Case[] = [
      { name: "first page (50, newest first)", filters: {} },
      { name: "first page (200)", filters: {}, page: { limit: "200" } },
      { name: "deep page (before=1000)", filters: {}, page: { before: "1000" } },
      { name: "middle page (before=N/2)", filters: {}, page: { before: String(Math.floor(lastSeq / 2)) } },
      { name: "newer page (after=N/2)", filters: {}, page: { after: String(Math.floor(lastSeq / 2)) } },
      { name: "actor id", filters: { actor: "6f1c1e1a-0000-4000-8000-000000000003" } },
      { name: "actor name contains ('quinn')", filters: { actor: "quinn" } },
      { name: "actor name contains, rare ('mallory')", filters: { actor: "mallory" } },
      { name: "actor name contains, deep", filters: { actor: "quinn" }, page: { before: "2000" } },
      { name: "action exact (runs.rollback, rare)", filters: { action: "runs.rollback" } },
      { name: "action prefix (tasks.)", filters: { action: "tasks." } },
      { name: "action prefix (plans., rare)", filters: { action: "plans." } },
      { name: "outcome denied", filters: { outcome: "denied" } },
      { name: "outcome denied, deep", filters: { outcome: "denied" }, page: { before: "2000" } },
      { name: "run id", filters: { runId: seeded.runIds[3] } },
      { name: "target type+id", filters: { targetType: "task", targetId: "task-42" } },
      { name: "time range (one day)", filters: { from: someTime.toISOString(), to: new Date(someTime.getTime() + 86_400_000).toISOString() } },
      { name: "run + action prefix + denied", filters: { runId: seeded.runIds[5], action: "tasks.", outcome: "denied" } },
      { name: "no match (actor 'nobody')", filters: { actor: "nobody" } },
    ];

    const results: Array<{ name: string; median: number; p95: number; rows: number; plan: string }> = [];
    for (const c of cases) {
      const filters = ZAuditFilters.parse(c.filters);
      const page = ZAuditPageQuery.parse(c.page ?? {});
      for (let i = 0; i < 3; i++) await listAuditEvents(filters, page, pool);
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < args.runs; i++) {
        const t = performance.now();
        const result = await listAuditEvents(filters, page, pool);
        times.push(performance.now() - t);
        rows = result.events.length;
      }
      times.sort((a, b) => a - b);
      const plan = await explainPage(pool, filters, page);
      results.push({ name: c.name, median: percentile(times, 0.5), p95: percentile(times, 0.95), rows, plan });
      console.log(`${c.name.padEnd(40)} median ${ms(percentile(times, 0.5))} ms  p95 ${ms(percentile(times, 0.95))} ms  rows ${rows}  ${plan}`);
    }

    const exports: Array<{ format: string; seconds: number; mb: number; peakRssMb: number; baseRssMb: number; rows: number }> = [];
    for (const format of ["csv", "json"] as AuditExportFormat[]) {
      global.gc?.();
      const base = process.memoryUsage().rss;
      let peak = base;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      let bytes = 0;
      const t = performance.now();
      const exported = await streamAuditExport({} as TAuditFilters, format, { pool });
      await pipeline(
        exported.stream,
        new Writable({
          write(chunk: Buffer, _enc, done) {
            bytes += chunk.length;
            // A network socket is slower than /dev/null; yielding keeps backpressure honest.
            setImmediate(done);
          },
        }),
      );
      const rows = await exported.done;
      const seconds = (performance.now() - t) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      exports.push({ format, seconds, mb: bytes / 1024 / 1024, peakRssMb: peak / 1024 / 1024, baseRssMb: base / 1024 / 1024, rows });
      console.log(`export ${format}: ${rows} events, ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${seconds.toFixed(2)} s; RSS ${(base / 1048576).toFixed(0)} → peak ${(peak / 1048576).toFixed(0)} MiB`);
    }

    const verifyStart = performance.now();
    const verified = await verifyAuditChain(pool);
    const verifySeconds = (performance.now() - verifyStart) / 1000;
    console.log(`verify: ${verified.count} events, ${verified.intact ? "chain intact" : "BROKEN"} in ${verifySeconds.toFixed(2)} s`);

    if (args.write) {
      writeBenchmarks({ args, loadAtStart, seedMs, size: size.rows[0], results, exports, verifySeconds, verifiedCount: verified.count, intact: verified.intact });
      console.log("BENCHMARKS.md updated (section bench:audit)");
    }
  } finally {
    await pool.end();
    await database.drop();
  }
}

async function explainPage(pool: pg.Pool, filters: TAuditFilters, page: ReturnType<typeof ZAuditPageQuery.parse>): Promise<string> {
  // Mirrors listAuditEvents' main statement (the EXISTS probe is cheaper than it).
  const where = auditWhere(filters);
  const params = [...where.params];
  const clauses = [...where.clauses];
  let asc = page.order === "asc";
  if (page.after) {
    params.push(page.after);
    clauses.push(`seq > $${params.length}`);
    asc = true;
  } else if (page.before) {
    params.push(page.before);
    clauses.push(`seq < $${params.length}`);
    asc = false;
  }
  params.push(page.limit + 1);
  const text = `EXPLAIN (FORMAT JSON) SELECT * FROM audit_events ${clauses.length ? `WHERE ${clauses.join(" AND ")}` : ""} ORDER BY seq ${asc ? "ASC" : "DESC"} LIMIT $${params.length}`;
  const result = await pool.query(text, params);
  const plan = (result.rows[0]["QUERY PLAN"] as Array<{ Plan: Record<string, unknown> }>)[0].Plan;
  return planSummary(plan).join(" → ");
}

function writeBenchmarks(data: {
  args: Args;
  loadAtStart: number;
  seedMs: number;
  size: { total: string; heap: string };
  results: Array<{ name: string; median: number; p95: number; rows: number; plan: string }>;
  exports: Array<{ format: string; seconds: number; mb: number; peakRssMb: number; baseRssMb: number; rows: number }>;
  verifySeconds: number;
  verifiedCount: number;
  intact: boolean;
}) {
  const file = path.resolve(process.cwd(), "BENCHMARKS.md");
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    "<!-- bench:audit:start -->",
    "## Audit log at scale (`npm run bench:audit`)",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu} (nproc ${os.availableParallelism()}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Node ${process.version}, ` +
      `PostgreSQL 15 on 127.0.0.1. The machine is shared (1-minute load average ${data.loadAtStart.toFixed(1)} when the run started), so treat these as upper bounds. ${data.args.count.toLocaleString("en")} events seeded as one valid hash chain in ${(data.seedMs / 1000).toFixed(1)} s ` +
      `(table ${data.size.heap}, ${data.size.total} with indexes). Each query: 3 warm-up runs, then ${data.args.runs} timed runs through \`listAuditEvents\` (the code the page and REST read use), page size 50 unless noted.`,
    "",
    "| query | median ms | p95 ms | rows | plan |",
    "|---|---:|---:|---:|---|",
    ...data.results.map((r) => `| ${r.name} | ${ms(r.median)} | ${ms(r.p95)} | ${r.rows} | ${r.plan} |`),
    "",
    "Full export of the unfiltered log, streamed through the same code as `GET /api/v1/audit/export` into a consumer that yields between chunks:",
    "",
    "| format | events | size | time | process RSS before → peak |",
    "|---|---:|---:|---:|---:|",
    ...data.exports.map((e) => `| ${e.format} | ${e.rows.toLocaleString("en")} | ${e.mb.toFixed(1)} MiB | ${e.seconds.toFixed(2)} s | ${e.baseRssMb.toFixed(0)} → ${e.peakRssMb.toFixed(0)} MiB |`),
    "",
    `Chain verification (\`verifyAuditChain\`, streamed): ${data.verifiedCount.toLocaleString("en")} events, ${data.intact ? "intact" : "BROKEN"}, ${data.verifySeconds.toFixed(2)} s.`,
    "<!-- bench:audit:end -->",
  ];
  const section = lines.join("\n");
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n\nNumbers measured on this project's machines; each section names its script, machine and date.\n";
  const pattern = /<!-- bench:audit:start -->[\s\S]*?<!-- bench:audit:end -->/;
  const next = pattern.test(existing) ? existing.replace(pattern, section) : `${existing.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
