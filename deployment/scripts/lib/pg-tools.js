// pg_dump / pg_restore as child processes (argv arrays, never a shell string), with the connection
// passed through PG* environment variables so a password never appears in `ps` output.
//
// Which pg_dump: its major version must be >= the server's (pg_dump refuses a newer server). The
// sandbox runs on PostgreSQL 15, so Debian's postgresql-client 15 (/usr/bin/pg_dump) fits. Override
// the binaries with PG_DUMP / PG_RESTORE (e.g. /usr/lib/postgresql/16/bin/pg_dump).
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { unavailable } from "./common.js";

export const PG_DUMP = process.env.PG_DUMP || "pg_dump";
export const PG_RESTORE = process.env.PG_RESTORE || "pg_restore";

export function pgEnv(databaseUrl) {
  const url = new URL(databaseUrl);
  const env = { ...process.env };
  env.PGHOST = decodeURIComponent(url.hostname || "127.0.0.1");
  env.PGPORT = url.port || "5432";
  env.PGDATABASE = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (url.username) env.PGUSER = decodeURIComponent(url.username);
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const sslmode = url.searchParams.get("sslmode");
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** Major version of a client tool, or an "unavailable" error saying what to install. */
export function toolMajor(binary) {
  const r = spawnSync(binary, ["--version"], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    throw unavailable(`${binary} not found or not runnable (${r.error?.code ?? r.stderr.trim()}); install Debian's postgresql-client (15) or set ${binary === PG_DUMP ? "PG_DUMP" : "PG_RESTORE"}`);
  }
  const m = /(\d+)(?:\.\d+)?/.exec(r.stdout);
  return { major: Number(m?.[1]), text: r.stdout.trim() };
}

/** Runs a tool; streams its stderr as progress lines; resolves {code, stdout}. */
export function runTool(binary, args, { env, onLine } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    let errText = "";
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => {
      errText += d;
      for (const line of String(d).split("\n")) if (line.trim()) onLine?.(line.trim());
    });
    child.on("error", (err) => reject(unavailable(`cannot run ${binary}: ${err.code ?? err.message}`)));
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: errText.trim() }));
  });
}

export function sha256File(file) {
  const hash = crypto.createHash("sha256");
  hash.update(fs.readFileSync(file));
  return hash.digest("hex");
}
