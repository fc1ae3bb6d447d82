// What a task does when it is run. Actions come only from the plan (derived at import) or from a lead's
// edit (`tasks.editAction`) — never from free text in a run request: a request names a task, and the
// runner executes the action stored on that task.
import { posix } from "node:path";
import { z } from "zod";

/** The names of secret references: resolved by the runner from its environment (see resolveSecretEnvName). */
export const SECRET_REF = /^[A-Z][A-Z0-9_]{0,63}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;

/** Shells that turn a string into a command line; `sh -c "…"` is exactly what argv lists exist to avoid. */
const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "fish", "csh", "tcsh", "ash", "busybox", "cmd", "cmd.exe", "powershell", "pwsh"]);

/**
 * An environment variable or header value: plain (`value`), or secret — either inline (`value` with
 * `secret: true`) or by reference (`secretRef`, always secret). Secret values are redacted from every
 * output the runner stores or streams, and masked when the action is shown.
 */
const secretValueShape = {
  value: z.string().max(8192).optional(),
  secretRef: z.string().regex(SECRET_REF, "A secret reference is UPPER_SNAKE_CASE, e.g. SANDBOX_ADMIN_TOKEN.").optional(),
  secret: z.boolean().default(false),
};

function checkValueOrRef(v: { value?: string; secretRef?: string; secret: boolean }, ctx: z.RefinementCtx) {
  if (v.value === undefined && v.secretRef === undefined) ctx.addIssue({ code: "custom", message: "Give a value or a secretRef.", path: ["value"] });
  if (v.value !== undefined && v.secretRef !== undefined) ctx.addIssue({ code: "custom", message: "Give a value or a secretRef, not both.", path: ["secretRef"] });
  if (v.secretRef !== undefined && !v.secret) ctx.addIssue({ code: "custom", message: "A value by secretRef is a secret: mark it secret: true.", path: ["secret"] });
}

export const ZEnvVar = z
  .object({ name: z.string().regex(ENV_NAME, "Environment variable names are letters, digits and _ (not starting with a digit)."), ...secretValueShape })
  .superRefine(checkValueOrRef);
export type TEnvVar = z.infer<typeof ZEnvVar>;

export const ZHeader = z.object({ name: z.string().regex(HEADER_NAME, "Not a valid HTTP header name."), ...secretValueShape }).superRefine(checkValueOrRef);
export type THeader = z.infer<typeof ZHeader>;

/**
 * A working directory relative to the repository root that stays inside it. Pure path arithmetic: the
 * runner also resolves symlinks at run time before it starts anything.
 */
export const ZRepoRelativeDir = z
  .string()
  .max(1024)
  .default(".")
  .superRefine((dir, ctx) => {
    const problem = repoRelativeProblem(dir);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((dir) => normalizeRepoRelative(dir));

export function repoRelativeProblem(dir: string): string | null {
  if (dir.includes("\0")) return "The working directory contains a NUL character.";
  if (dir.startsWith("/") || /^[A-Za-z]:[\\/]/.test(dir) || dir.startsWith("\\")) return "The working directory must be relative to the repository (no absolute paths).";
  if (dir.startsWith("~")) return "The working directory must be relative to the repository (no ~).";
  const normal = posix.normalize(dir.replace(/\\/g, "/"));
  if (normal === ".." || normal.startsWith("../")) return "The working directory must stay inside the repository (no ..).";
  return null;
}

export function normalizeRepoRelative(dir: string): string {
  const normal = posix.normalize(dir.replace(/\\/g, "/")).replace(/\/+$/, "");
  return normal === "" ? "." : normal;
}

export const ZArgv = z
  .array(z.string().max(4096).refine((a) => !a.includes("\0"), "Arguments cannot contain NUL characters."))
  .min(1, "Give at least the program to run.")
  .max(200)
  .superRefine((argv, ctx) => {
    const program = argv[0] ?? "";
    if (program.trim() === "") ctx.addIssue({ code: "custom", message: "The program (argv[0]) is empty.", path: [0] });
    else if (/\s/.test(program)) {
      ctx.addIssue({ code: "custom", message: `argv[0] "${program}" contains spaces: a command is an argv list, one argument per item (e.g. ["node", "script.js"]), never a shell line.`, path: [0] });
    }
    const base = program.split(/[\\/]/).pop()?.toLowerCase() ?? "";
    if (SHELLS.has(base) && argv.slice(1).some((a) => /^-[a-z]*c[a-z]*$/i.test(a) || a === "/c" || a.toLowerCase() === "-command")) {
      ctx.addIssue({ code: "custom", message: `"${base} -c …" runs a shell string; give the program and its arguments as an argv list instead.`, path: [0] });
    }
  });

export const ZCommandStep = z.object({
  argv: ZArgv,
  /** What the step does, for people ("Back up the database"); the argv is shown beside it. */
  label: z.string().max(200).optional(),
});
export type TCommandStep = z.infer<typeof ZCommandStep>;

export const ZCommandAction = z.object({
  kind: z.literal("command"),
  /** Run in order; the first step that does not exit with expectedExitCode stops the execution. */
  steps: z.array(ZCommandStep).min(1).max(20),
  cwd: ZRepoRelativeDir,
  env: z.array(ZEnvVar).max(50).default([]),
  /** For the whole execution (all steps). */
  timeoutSeconds: z.number().int().min(1).max(24 * 3600).default(600),
  expectedExitCode: z.number().int().min(0).max(255).default(0),
});
export type TCommandAction = z.infer<typeof ZCommandAction>;

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

export const ZHttpAction = z.object({
  kind: z.literal("http"),
  method: z.enum(HTTP_METHODS).default("GET"),
  url: z
    .url({ message: "Give a full http(s) URL." })
    .max(2048)
    .refine((u) => /^https?:\/\//i.test(u), "Only http and https URLs can be called."),
  headers: z.array(ZHeader).max(50).default([]),
  body: z.string().max(64 * 1024).optional(),
  /** Statuses that count as success; a single number is accepted. */
  expectedStatus: z
    .union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599)).min(1).max(20)])
    .default([200])
    .transform((s) => (Array.isArray(s) ? s : [s])),
  timeoutSeconds: z.number().int().min(1).max(600).default(30),
});
export type THttpAction = z.infer<typeof ZHttpAction>;

export const ZManualAction = z.object({
  kind: z.literal("manual"),
  checklist: z.array(z.string().trim().min(1).max(500)).min(1).max(100),
});
export type TManualAction = z.infer<typeof ZManualAction>;

export const ZGateAction = z.object({
  kind: z.literal("gate"),
  /** The team role whose holder decides go or no-go ("Deployment Lead"). */
  role: z.string().trim().min(1).max(120),
  question: z.string().trim().max(500).optional(),
});
export type TGateAction = z.infer<typeof ZGateAction>;

export const ZNotifyAction = z.object({
  kind: z.literal("notify"),
  /** Team roles to tell; delivered in-app now (mail and webhooks come later). */
  roles: z.array(z.string().trim().min(1).max(120)).min(1).max(50),
  message: z.string().trim().min(1).max(2000),
});
export type TNotifyAction = z.infer<typeof ZNotifyAction>;

export const ZMaintenanceAction = z.object({
  kind: z.literal("maintenance"),
  /** Turn the status page's maintenance notice on (true) or off (false). */
  enabled: z.boolean(),
});
export type TMaintenanceAction = z.infer<typeof ZMaintenanceAction>;

export const ZTaskAction = z.discriminatedUnion("kind", [ZManualAction, ZCommandAction, ZHttpAction, ZGateAction, ZNotifyAction, ZMaintenanceAction]);
export type TTaskAction = z.infer<typeof ZTaskAction>;
export type TTaskActionInput = z.input<typeof ZTaskAction>;
export type TTaskActionKind = TTaskAction["kind"];

/** Kinds the runner executes as a queued job (a process or a request); the others resolve in the request. */
export const RUNNABLE_KINDS: ReadonlySet<TTaskActionKind> = new Set(["command", "http"]);

export const ACTION_KIND_LABELS: Record<TTaskActionKind, string> = {
  manual: "Checklist",
  command: "Command",
  http: "HTTP request",
  gate: "Go / no-go",
  notify: "Notification",
  maintenance: "Maintenance notice",
};

/** Parses a stored action (jsonb) defensively: a malformed one reads as null, not as a crash. */
export function readTaskAction(value: unknown): TTaskAction | null {
  if (value === null || value === undefined) return null;
  const parsed = ZTaskAction.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The action as people may see it: secret values masked, references named. */
export function maskActionSecrets(action: TTaskAction): TTaskAction {
  const mask = <T extends { value?: string; secretRef?: string; secret: boolean }>(v: T): T => (v.secret && v.value !== undefined ? { ...v, value: "[secret]" } : v);
  if (action.kind === "command") return { ...action, env: action.env.map(mask) };
  if (action.kind === "http") return { ...action, headers: action.headers.map(mask) };
  return action;
}

/** A command step's argv as one readable line (quoted where needed); for display, never for execution. */
export function formatArgv(argv: string[]): string {
  return argv.map((a) => (a === "" ? "''" : /^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}
