#!/usr/bin/env node
// Backs up the sandbox database before the deployment: pg_dump in custom format (-Fc), so that
// pg_restore can list and selectively restore it, then verifies the result.
//
// Needs pg_dump whose major version >= the server's (Debian postgresql-client 15 for the sandbox's
// PostgreSQL 15). Override with PG_DUMP=/path/to/pg_dump.
//
// Usage: backup-database.js [--out FILE] [--no-verify]
//   default FILE: $BACKUP_FILE or <sandbox dir>/edpsych_pre_deploy_backup.dump
// Exit: 0 backup made and verified; 1 dump or verification failed; 2 bad arguments; 3 DB/tool unavailable.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { redactUrl } from "../../sandbox/config.js";
import { ensureDir, fail, log, runScript, sandboxContext, unavailable, usage } from "./lib/common.js";
import { defaultBackupFile, metaFile, verifyBackup, verifyOptionsFromEnv } from "./lib/backup.js";
import { PG_DUMP, pgEnv, runTool, sha256File, toolMajor } from "./lib/pg-tools.js";

function parseArgs(argv) {
  const opts = { out: process.env.BACKUP_FILE || null, verify: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out" && argv[i + 1]) opts.out = argv[++i];
    else if (argv[i] === "--no-verify") opts.verify = false;
    else throw usage(`unknown argument ${JSON.stringify(argv[i])}; usage: backup-database.js [--out FILE] [--no-verify]`);
  }
  return opts;
}

runScript("backup-database", async () => {
  const opts = parseArgs(process.argv.slice(2));
  const ctx = sandboxContext({ needRouter: false });
  const file = path.resolve(opts.out ?? defaultBackupFile(ctx.dir));
  ensureDir(path.dirname(file));

  const client = new pg.Client({ connectionString: ctx.databaseUrl, connectionTimeoutMillis: 5000 });
  let serverMajor;
  let serverVersion;
  try {
    await client.connect();
    const { rows } = await client.query("SELECT current_setting('server_version_num')::int AS num, current_setting('server_version') AS v");
    serverMajor = Math.floor(rows[0].num / 10000);
    serverVersion = rows[0].v;
  } catch (err) {
    throw unavailable(`cannot connect to ${redactUrl(ctx.databaseUrl)}: ${err.message}`);
  } finally {
    await client.end().catch(() => {});
  }
  const dump = toolMajor(PG_DUMP);
  log(`backup: server PostgreSQL ${serverVersion}; client ${dump.text}`);
  if (!(dump.major >= serverMajor)) {
    throw unavailable(`${PG_DUMP} ${dump.major} cannot dump a PostgreSQL ${serverMajor} server (client major must be >= server major); install postgresql-client-${serverMajor} or set PG_DUMP`);
  }

  log(`backup: dumping ${redactUrl(ctx.databaseUrl)} to ${file} (custom format)`);
  const tmp = `${file}.partial`;
  const started = Date.now();
  const r = await runTool(PG_DUMP, ["--format=custom", "--no-password", `--file=${tmp}`], {
    env: pgEnv(ctx.databaseUrl),
    onLine: (line) => log(`pg_dump: ${line}`),
  });
  if (r.code !== 0) {
    fs.rmSync(tmp, { force: true });
    throw fail(`pg_dump exited ${r.code}: ${r.stderr.split("\n").pop() || "no message"}`);
  }
  // Only a complete dump takes the real name, so a crash mid-dump never leaves a plausible-looking file.
  fs.renameSync(tmp, file);
  const bytes = fs.statSync(file).size;
  const sha256 = sha256File(file);
  fs.writeFileSync(
    metaFile(file),
    JSON.stringify({ createdAt: new Date().toISOString(), database: redactUrl(ctx.databaseUrl), serverVersion, pgDump: dump.text, format: "custom", bytes, sha256 }, null, 2) + "\n",
  );
  log(`backup: wrote ${bytes} bytes in ${Date.now() - started} ms, sha256 ${sha256.slice(0, 16)}…`);

  if (!opts.verify) return `backup written to ${file} (not verified: --no-verify)`;
  const v = await verifyBackup(file, verifyOptionsFromEnv());
  return `backup ${file} made and verified (${v.entries} entries, ${v.tables.length} tables with data)`;
});
