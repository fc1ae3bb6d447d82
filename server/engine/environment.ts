import "server-only";
// What a step's process sees: a small base environment (never the app's own secrets such as
// DATABASE_URL or NEXTAUTH_SECRET), the sandbox settings the rehearsal scripts read, the action's env,
// and secrets resolved by reference. Every secret value is also returned as a redaction needle.
import fs from "node:fs";
import path from "node:path";
import type { TEnvVar, THeader } from "@/lib/actions/schema";

const BASE = ["PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "USER", "LOGNAME", "SHELL", "PG_DUMP", "PG_RESTORE", "FLIGHTDECK_SANDBOX_DIR"];
const LOOKS_SECRET = /TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL|_URL$/i;

export class StepSetupError extends Error {}

/** Where secret references come from: FLIGHTDECK_SECRET_<REF> in the runner's environment. */
export function resolveSecretRef(ref: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[`FLIGHTDECK_SECRET_${ref}`];
  if (value === undefined) throw new StepSetupError(`Secret "${ref}" is not configured: set FLIGHTDECK_SECRET_${ref} in the runner's environment.`);
  return value;
}

export type ResolvedValues = { values: Array<{ name: string; value: string }>; secrets: string[] };

export function resolveValues(items: Array<TEnvVar | THeader>, env: NodeJS.ProcessEnv = process.env): ResolvedValues {
  const values: Array<{ name: string; value: string }> = [];
  const secrets: string[] = [];
  for (const item of items) {
    const value = item.secretRef !== undefined ? resolveSecretRef(item.secretRef, env) : (item.value ?? "");
    if (item.secret || item.secretRef !== undefined) secrets.push(value);
    values.push({ name: item.name, value });
  }
  return { values, secrets };
}

/**
 * The child's environment. Sandbox settings pass through (SANDBOX_*, the sandbox dir) so the rehearsal
 * scripts find the sandbox; those that look secret (tokens, URLs with credentials) are redacted too.
 * FLIGHTDECK_STEP_ENV_PASSTHROUGH names further variables to pass, comma-separated.
 */
export function buildChildEnv(
  actionEnv: TEnvVar[],
  context: { executionId: string; runId: string; taskKey: string; actorName: string },
  env: NodeJS.ProcessEnv = process.env,
): { env: Record<string, string>; secrets: string[] } {
  const out: Record<string, string> = {};
  const secrets: string[] = [];
  const extra = (env.FLIGHTDECK_STEP_ENV_PASSTHROUGH ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  for (const name of [...BASE, ...extra]) if (env[name] !== undefined) out[name] = env[name]!;
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith("SANDBOX_") || value === undefined) continue;
    out[name] = value;
    if (LOOKS_SECRET.test(name) && value) secrets.push(value, ...urlPasswords(value));
  }
  const resolved = resolveValues(actionEnv, env);
  for (const { name, value } of resolved.values) out[name] = value;
  secrets.push(...resolved.secrets);
  // Who and what, for scripts that record it (send-deployment-notification.js, document-rollback.js);
  // FLIGHTDECK_EXECUTION_ID also lets crash recovery recognise an orphaned process as one of ours.
  out.FLIGHTDECK_EXECUTION_ID = context.executionId;
  out.FLIGHTDECK_RUN_ID = context.runId;
  out.FLIGHTDECK_TASK_KEY = context.taskKey;
  out.FLIGHTDECK_ACTOR = context.actorName;
  return { env: out, secrets: secrets.filter(Boolean) };
}

function urlPasswords(value: string): string[] {
  try {
    const url = new URL(value);
    return url.password ? [decodeURIComponent(url.password), url.password] : [];
  } catch {
    return [];
  }
}

/** The repository the plan's relative paths refer to. */
export function repoRoot(): string {
  return path.resolve(process.env.FLIGHTDECK_REPO_DIR ?? process.cwd());
}

/** Resolves the action's cwd, following symlinks, and refuses anything outside the repository. */
export function resolveWorkingDir(relative: string): string {
  const root = fs.realpathSync(repoRoot());
  const wanted = path.resolve(root, relative);
  let real: string;
  try {
    real = fs.realpathSync(wanted);
  } catch {
    throw new StepSetupError(`The working directory "${relative}" does not exist.`);
  }
  if (real !== root && !real.startsWith(root + path.sep)) throw new StepSetupError(`The working directory "${relative}" leads outside the repository.`);
  if (!fs.statSync(real).isDirectory()) throw new StepSetupError(`The working directory "${relative}" is not a directory.`);
  return real;
}
