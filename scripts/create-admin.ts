/**
 * admin:create — create an admin account from the server's shell (first start in production, or
 * recovery when every admin is locked out).
 *
 *   npm run admin:create -- --email you@example.com --name "Your Name"
 *
 * The password comes from FLIGHTDECK_ADMIN_PASSWORD, else it is asked for on the terminal (hidden).
 * Uses DATABASE_URL, or the embedded database like the server does. The creation is audited, with the
 * command line as the actor. Exit 0: created; 1: refused (e.g. the email exists); 2: usage.
 */
import readline from "node:readline";
import { Writable } from "node:stream";
import { bootstrapDatabase } from "@/server/db/bootstrap";
import { closeDb } from "@/server/db/client";
import { executeAction } from "@/server/actions/pipeline";
import { isActionError } from "@/server/actions/errors";
import { createUserAction } from "@/server/actions/identity/create-user";
import { CLI_ACTOR } from "@/server/auth/system-actors";

const USAGE = 'usage: npm run admin:create -- --email you@example.com --name "Your Name"   (password: FLIGHTDECK_ADMIN_PASSWORD or prompt)';

function parseArgs(argv: string[]): { email: string; name: string } | string {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--(email|name)(?:=(.*))?$/.exec(arg);
    if (!match) return arg === "--help" || arg === "-h" ? "" : `unknown argument ${arg}`;
    const value = match[2] ?? argv[++i];
    if (value === undefined) return `--${match[1]} needs a value`;
    out[match[1]] = value;
  }
  if (!out.email || !out.name) return "both --email and --name are required";
  return { email: out.email, name: out.name };
}

async function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, (answer) => resolve(answer));
      muted = true;
    });
  } finally {
    rl.close();
    process.stdout.write("\n");
  }
}

async function readPassword(): Promise<string | null> {
  if (process.env.FLIGHTDECK_ADMIN_PASSWORD) return process.env.FLIGHTDECK_ADMIN_PASSWORD;
  if (!process.stdin.isTTY) return null;
  const first = await askHidden("Password (at least 12 characters): ");
  const second = await askHidden("Repeat the password: ");
  if (first !== second) {
    console.error("The two passwords differ.");
    process.exit(1);
  }
  return first;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === "string") {
    if (args) console.error(args);
    console.error(USAGE);
    process.exit(args ? 2 : 0);
  }
  const password = await readPassword();
  if (!password) {
    console.error("No password: set FLIGHTDECK_ADMIN_PASSWORD or run this on a terminal to be asked.");
    process.exit(2);
  }
  const database = await bootstrapDatabase();
  let code = 0;
  try {
    const result = await executeAction(createUserAction, { email: args.email, name: args.name, productRole: "admin", teamRoles: [], password }, { actor: CLI_ACTOR });
    console.log(`Created admin ${result.user.email} (${result.user.name}). Sign in at /login.`);
  } catch (error) {
    if (isActionError(error)) {
      console.error(`Refused: ${error.message}`);
      for (const [field, messages] of Object.entries(error.fields ?? {})) console.error(`  ${field}: ${messages.join(" ")}`);
      code = 1;
    } else throw error;
  } finally {
    await closeDb();
    await database.stop();
  }
  // Explicit: something in the module graph resets process.exitCode on the way out.
  process.exit(code);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
