import "server-only";
// Runs an http action: one request with a timeout; the status decides success. Headers may carry
// secrets (by reference); they and anything the response echoes of them are redacted from the output.
import type { THttpAction } from "@/lib/actions/schema";
import type { ExecutionControl, ExecutionOutcome } from "./command-executor";
import type { OutputRecorder } from "./output";

const MAX_BODY_SHOWN = 64 * 1024;

export async function runHttpAction(
  action: THttpAction,
  options: { headers: Array<{ name: string; value: string }>; output: OutputRecorder; control: ExecutionControl },
): Promise<ExecutionOutcome> {
  const { output, control } = options;
  const abort = new AbortController();
  let stopped: { status: "cancelled" | "timed_out"; message: string } | null = null;
  void control.cancelled.then((message) => {
    stopped ??= { status: "cancelled", message };
    abort.abort();
  });
  const timeoutMs = Math.min(action.timeoutSeconds * 1000, Math.max(0, control.deadline - Date.now()));
  const timer = setTimeout(() => {
    stopped ??= { status: "timed_out", message: `timed out after ${action.timeoutSeconds} s` };
    abort.abort();
  }, timeoutMs);

  output.system(`→ ${action.method} ${action.url}`);
  const started = Date.now();
  try {
    const headers = new Headers();
    for (const h of options.headers) headers.append(h.name, h.value);
    const response = await fetch(action.url, { method: action.method, headers, body: action.body, signal: abort.signal, redirect: "manual" });
    const ms = Date.now() - started;
    output.system(`← ${response.status} ${response.statusText} (${ms} ms)`);
    if (action.method !== "HEAD") {
      const text = await response.text();
      const shown = text.length > MAX_BODY_SHOWN ? text.slice(0, MAX_BODY_SHOWN) : text;
      if (shown) output.write("stdout", Buffer.from(shown.endsWith("\n") ? shown : shown + "\n"));
      output.flushPartial(true);
      if (shown.length < text.length) output.system(`(response body cut at ${MAX_BODY_SHOWN / 1024} KiB)`);
    }
    if (action.expectedStatus.includes(response.status)) return { status: "succeeded", exitCode: response.status, error: null };
    return { status: "failed", exitCode: response.status, error: `${action.method} ${action.url} answered ${response.status} (expected ${action.expectedStatus.join(" or ")}).` };
  } catch (error) {
    const reason = stopped as { status: "cancelled" | "timed_out"; message: string } | null;
    if (reason) {
      output.system(reason.message);
      return { status: reason.status, exitCode: null, error: reason.message };
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const message = cause?.code ? `${cause.code}${cause.message ? ` (${cause.message})` : ""}` : (error as Error).message;
    output.system(`request failed: ${message}`);
    return { status: "failed", exitCode: null, error: `${action.method} ${action.url} failed: ${message}` };
  } finally {
    clearTimeout(timer);
  }
}
