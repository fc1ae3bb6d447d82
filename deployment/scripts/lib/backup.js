// Backup verification shared by backup-database.js (verify right after dumping) and verify-backup.js.
import fs from "node:fs";
import path from "node:path";
import { fail, log } from "./common.js";
import { PG_RESTORE, runTool, sha256File, toolMajor } from "./pg-tools.js";

export function defaultBackupFile(dir) {
  return path.join(dir, "edpsych_pre_deploy_backup.dump");
}

export function metaFile(backupFile) {
  return `${backupFile}.json`;
}

/**
 * A backup is good when: it exists and is non-empty, matches the checksum recorded when it was made,
 * is recent enough, and pg_restore can read its table of contents and finds data for the required
 * tables. (A plain-SQL dump has no table of contents, which is why backups are custom format, -Fc.)
 */
export async function verifyBackup(file, { maxAgeMinutes = 24 * 60, requiredTables = ["learners", "schema_migrations"] } = {}) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    throw fail(`backup file ${file} does not exist; run node deployment/scripts/backup-database.js`);
  }
  if (stat.size === 0) throw fail(`backup file ${file} is empty`);
  const ageMin = (Date.now() - stat.mtimeMs) / 60_000;
  log(`backup: ${file} (${stat.size} bytes, ${ageMin.toFixed(1)} min old)`);
  if (ageMin > maxAgeMinutes) throw fail(`backup ${file} is ${ageMin.toFixed(0)} min old, older than the ${maxAgeMinutes} min allowed (BACKUP_MAX_AGE_MINUTES)`);

  let meta = null;
  try {
    meta = JSON.parse(fs.readFileSync(metaFile(file), "utf8"));
  } catch {
    log(`backup: no metadata ${metaFile(file)}; skipping checksum check`);
  }
  if (meta?.sha256) {
    const actual = sha256File(file);
    if (actual !== meta.sha256) throw fail(`backup ${file} checksum mismatch (recorded ${meta.sha256.slice(0, 12)}…, now ${actual.slice(0, 12)}…): the file changed after it was made`);
    log(`backup: sha256 ${actual.slice(0, 16)}… matches the recorded checksum`);
  }

  const { text } = toolMajor(PG_RESTORE);
  log(`backup: listing contents with ${text}`);
  const r = await runTool(PG_RESTORE, ["--list", file]);
  if (r.code !== 0) throw fail(`pg_restore --list cannot read ${file}: ${r.stderr.split("\n")[0] || `exit ${r.code}`} (a plain-SQL dump is not listable; use pg_dump -Fc)`);
  const entries = r.stdout.split("\n").filter((l) => l && !l.startsWith(";"));
  const dataTables = new Set();
  for (const line of entries) {
    const m = /\bTABLE DATA \S+ (\S+)/.exec(line);
    if (m) dataTables.add(m[1]);
  }
  log(`backup: ${entries.length} entries in the table of contents, data for ${dataTables.size} tables (${[...dataTables].join(", ")})`);
  const missing = requiredTables.filter((t) => !dataTables.has(t));
  if (missing.length) throw fail(`backup ${file} has no data for table(s) ${missing.join(", ")}`);
  return { entries: entries.length, tables: [...dataTables], bytes: stat.size };
}

export function verifyOptionsFromEnv() {
  const maxAge = Number(process.env.BACKUP_MAX_AGE_MINUTES ?? 24 * 60);
  return {
    maxAgeMinutes: Number.isFinite(maxAge) && maxAge > 0 ? maxAge : 24 * 60,
    requiredTables: (process.env.BACKUP_REQUIRED_TABLES ?? "learners,schema_migrations").split(",").map((s) => s.trim()).filter(Boolean),
  };
}
