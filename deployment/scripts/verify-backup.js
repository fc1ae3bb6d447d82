#!/usr/bin/env node
// Verifies the pre-deployment backup: exists, recent (BACKUP_MAX_AGE_MINUTES, default 1440), checksum
// unchanged since backup-database.js made it, and `pg_restore --list` reads it and finds data for
// BACKUP_REQUIRED_TABLES (default learners,schema_migrations).
//
// Usage: verify-backup.js [FILE]   (default: $BACKUP_FILE or <sandbox dir>/edpsych_pre_deploy_backup.dump)
// Exit: 0 valid; 1 missing/stale/corrupt/incomplete; 2 bad arguments; 3 pg_restore unavailable.
import path from "node:path";
import { runScript, sandboxContext, usage } from "./lib/common.js";
import { defaultBackupFile, verifyBackup, verifyOptionsFromEnv } from "./lib/backup.js";

runScript("verify-backup", async () => {
  const args = process.argv.slice(2);
  if (args.length > 1 || args[0]?.startsWith("-")) throw usage("usage: verify-backup.js [FILE]");
  const ctx = sandboxContext({ needRouter: false });
  const file = path.resolve(args[0] ?? process.env.BACKUP_FILE ?? defaultBackupFile(ctx.dir));
  const v = await verifyBackup(file, verifyOptionsFromEnv());
  return `backup ${file} is valid (${v.entries} entries; data for ${v.tables.join(", ")})`;
});
