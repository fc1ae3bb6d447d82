// The rehearsal translation table: the ONLY place where a plan's command is replaced by another.
//
// A plan's procedure may name commands that act on the real production system (the seed backs up its
// cloud database with `pg_dump -h <cloud host> … > file.sql`). In a rehearsal — the local sandbox,
// enabled with the embedded default or FLIGHTDECK_SANDBOX=1 — such a line must not run as written: it
// would reach for a host that does not exist here, and it needs a shell for its redirect. Each entry
// below names the production command it stands in for, the sandbox script that does the same job on
// the sandbox database, and why. Outside a rehearsal the table is not applied, and lines that need a
// shell are left out of the derived action with a note instead.

export type RehearsalTranslation = {
  /** The program of the plan's line (first word). */
  program: string;
  /** What the plan's line does in production. */
  production: string;
  /** The sandbox script's argv, relative to the repository root. */
  argv: string[];
  why: string;
};

export const REHEARSAL_TRANSLATIONS: readonly RehearsalTranslation[] = [
  {
    program: "pg_dump",
    production: "pg_dump of the production database (cloud host) to a plain SQL file",
    argv: ["node", "deployment/scripts/backup-database.js"],
    why: "Backs up the sandbox database instead (pg_dump -Fc of flightdeck_sandbox, then verified), so the rehearsal never touches a production host.",
  },
  {
    program: "pg_restore",
    production: "pg_restore --list of that backup file",
    argv: ["node", "deployment/scripts/verify-backup.js"],
    why: "Checks the sandbox backup the same way (pg_restore --list, recency, checksum, required tables).",
  },
];

/** The translation for a plan's command line in a rehearsal, or null when it runs as written. */
export function rehearsalTranslationFor(line: string): RehearsalTranslation | null {
  const program = line.trim().split(/\s+/)[0]?.split("/").pop() ?? "";
  return REHEARSAL_TRANSLATIONS.find((t) => t.program === program) ?? null;
}
