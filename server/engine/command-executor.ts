import "server-only";
// Runs a command action: its argv steps in order, each as its own process group (detached), so a cancel
// or timeout can end the step's children too. No shell is involved anywhere.
import { spawn, type ChildProcess } from "node:child_process";
import { formatArgv, type TCommandAction } from "@/lib/actions/schema";
import type { OutputRecorder } from "./output";

export type ExecutionOutcome = {
  status: "succeeded" | "failed" | "cancelled" | "timed_out";
  exitCode: number | null;
  error: string | null;
};

/** Signals the runner sends to a running action: cancel and the deadline. */
export type ExecutionControl = {
  /** Resolves when a cancel is requested (a lead's cancel, or the worker shutting down). */
  cancelled: Promise<string>;
  /** Milliseconds since epoch after which the action is timed out. */
  deadline: number;
  /** Called with each step's process group id (its pid), and null when it ends. */
  onProcess?: (pid: number | null, stepIndex: number) => void;
};

/** Between SIGTERM and SIGKILL (FLIGHTDECK_KILL_GRACE_MS, default 5 s). */
export function killGraceMs(): number {
  return Number(process.env.FLIGHTDECK_KILL_GRACE_MS ?? 5000);
}

/** Sends a signal to a whole process group; a group already gone is not an error. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

export async function runCommandAction(
  action: TCommandAction,
  options: { cwd: string; env: Record<string, string>; output: OutputRecorder; control: ExecutionControl },
): Promise<ExecutionOutcome> {
  const { output, control } = options;
  let stopReason: { status: "cancelled" | "timed_out"; message: string } | null = null;
  let current: ChildProcess | null = null;
  let killTimer: NodeJS.Timeout | null = null;

  const stop = (status: "cancelled" | "timed_out", message: string) => {
    if (stopReason) return;
    stopReason = { status, message };
    output.system(message);
    const child = current;
    if (child?.pid) {
      signalGroup(child.pid, "SIGTERM");
      const grace = killGraceMs();
      killTimer = setTimeout(() => {
        if (child.pid && signalGroup(child.pid, "SIGKILL")) output.system(`still running ${(grace / 1000).toFixed(1)} s after SIGTERM: sent SIGKILL`);
      }, grace);
    }
  };
  void control.cancelled.then((message) => stop("cancelled", message));
  const untilDeadline = Math.max(0, control.deadline - Date.now());
  const deadlineTimer = setTimeout(() => stop("timed_out", `timed out after ${action.timeoutSeconds} s: sent SIGTERM to the process group`), untilDeadline);

  try {
    for (let index = 0; index < action.steps.length; index++) {
      if (stopReason) break;
      const step = action.steps[index];
      output.system(`$ ${formatArgv(step.argv)}${step.label ? `    # ${step.label}` : ""}`);
      const started = Date.now();
      const result = await runProcess(step.argv, options.cwd, options.env, output, (child) => {
        current = child;
        control.onProcess?.(child.pid ?? null, index);
        // A stop requested between two steps reaches the new process at once.
        if (stopReason && child.pid) signalGroup(child.pid, "SIGTERM");
      });
      current = null;
      control.onProcess?.(null, index);
      if (killTimer) clearTimeout(killTimer);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (result.spawnError) {
        output.system(`cannot start ${step.argv[0]}: ${result.spawnError}`);
        return { status: "failed", exitCode: null, error: `Cannot start ${step.argv[0]}: ${result.spawnError}` };
      }
      const reason = stopReason as { status: "cancelled" | "timed_out"; message: string } | null;
      if (reason) {
        output.system(`stopped (${result.signal ?? `exit ${result.code}`}) after ${seconds} s`);
        return { status: reason.status, exitCode: result.code, error: reason.message };
      }
      output.system(result.signal ? `killed by ${result.signal} after ${seconds} s` : `exit ${result.code} after ${seconds} s`);
      if (result.code !== action.expectedExitCode) {
        const what = result.signal ? `was killed by ${result.signal}` : `exited with ${result.code}`;
        return { status: "failed", exitCode: result.code, error: `${formatArgv(step.argv)} ${what} (expected exit code ${action.expectedExitCode}).` };
      }
    }
    const reason = stopReason as { status: "cancelled" | "timed_out"; message: string } | null;
    if (reason) return { status: reason.status, exitCode: null, error: reason.message };
    return { status: "succeeded", exitCode: action.expectedExitCode, error: null };
  } finally {
    clearTimeout(deadlineTimer);
    if (killTimer) clearTimeout(killTimer);
  }
}

type ProcessResult = { code: number | null; signal: NodeJS.Signals | null; spawnError: string | null };

function runProcess(argv: string[], cwd: string, env: Record<string, string>, output: OutputRecorder, onStart: (child: ChildProcess) => void): Promise<ProcessResult> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(argv[0], argv.slice(1), { cwd, env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"], shell: false });
    } catch (error) {
      resolve({ code: null, signal: null, spawnError: (error as Error).message });
      return;
    }
    let settled = false;
    const partialTimer = setInterval(() => output.flushPartial(false), 500);
    const finish = (result: ProcessResult) => {
      if (settled) return;
      settled = true;
      clearInterval(partialTimer);
      output.flushPartial(true);
      resolve(result);
    };
    child.once("error", (error: NodeJS.ErrnoException) => finish({ code: null, signal: null, spawnError: error.code ? `${error.code} (${error.message})` : error.message }));
    child.stdout?.on("data", (chunk: Buffer) => output.write("stdout", chunk));
    child.stderr?.on("data", (chunk: Buffer) => output.write("stderr", chunk));
    child.once("spawn", () => onStart(child));
    child.once("exit", (code, signal) => {
      // The step is over when its main process is. Anything it left in its group goes with it, and
      // output pipes a leftover holds open are closed after a moment rather than waited on forever.
      if (child.pid) signalGroup(child.pid, "SIGTERM");
      const closeTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish({ code, signal, spawnError: null });
      }, 2000);
      child.once("close", () => {
        clearTimeout(closeTimer);
        finish({ code, signal, spawnError: null });
      });
    });
  });
}
