"use client";
// The task's action panel: what the task runs and the controls for it — Run (command/http, notify,
// maintenance) with live output, the lead's Cancel and interrupted-step resolution, checklist ticking,
// the go/no-go decision. Every button calls the REST API; the server decides, the panel explains.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ACTION_KIND_LABELS, formatArgv, type TTaskAction } from "@/lib/actions/schema";
import { EXECUTION_STATUS_LABELS, outputTail, type TExecutionStatus, type TStepExecutionDto } from "@/lib/actions/output";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { apiCall, newKey } from "@/components/runs/api";
import { OutputViewer } from "./output-viewer";
import { stepKeys, useOutputLines, useTaskPanel } from "./use-step-channel";
import type { TTaskPanelDto } from "./types";

const STATUS_TONE: Record<TExecutionStatus, Tone> = {
  queued: "info",
  running: "info",
  succeeded: "success",
  failed: "danger",
  cancelled: "warning",
  timed_out: "danger",
  interrupted: "warning",
};

function ExecutionBadge({ status }: { status: TExecutionStatus }) {
  const look = EXECUTION_STATUS_LABELS[status] ?? EXECUTION_STATUS_LABELS.failed;
  return (
    <span data-testid="execution-status" data-status={status}>
      <Badge tone={STATUS_TONE[status] ?? "neutral"} symbol={look.symbol}>
        {look.label}
      </Badge>
    </span>
  );
}

function seconds(ms: number | null): string {
  if (ms === null) return "";
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function ActionSummary({ action }: { action: TTaskAction }) {
  switch (action.kind) {
    case "command":
      return (
        <ol className="list-decimal space-y-1 pl-6 font-mono text-sm text-slate-200">
          {action.steps.map((step, i) => (
            <li key={i}>
              <code>{formatArgv(step.argv)}</code>
              {step.label ? <span className="ml-2 font-sans text-slate-400">— {step.label}</span> : null}
            </li>
          ))}
          <li className="list-none font-sans text-slate-400">
            in <code>{action.cwd}</code> · timeout {action.timeoutSeconds} s · expects exit {action.expectedExitCode}
            {action.env.length ? ` · env ${action.env.map((e) => `${e.name}${e.secret ? " (secret)" : ""}`).join(", ")}` : ""}
          </li>
        </ol>
      );
    case "http":
      return (
        <p className="font-mono text-sm text-slate-200">
          {action.method} {action.url} <span className="font-sans text-slate-400">· expects {action.expectedStatus.join(" or ")} · timeout {action.timeoutSeconds} s</span>
        </p>
      );
    case "notify":
      return (
        <p className="text-sm text-slate-200">
          Tells {action.roles.join(", ")}: “{action.message}”
        </p>
      );
    case "maintenance":
      return <p className="text-sm text-slate-200">Switches the status page&apos;s maintenance notice {action.enabled ? "on" : "off"}.</p>;
    case "gate":
      return <p className="text-sm text-slate-200">{action.question ?? "Go or no-go?"} Decided by the {action.role}, with a note.</p>;
    case "manual":
      return null;
  }
}

export function TaskActionPanel({ taskId, runId }: { taskId: string; runId: string }) {
  const queryClient = useQueryClient();
  const { data: panel, isLoading, error } = useTaskPanel(taskId, runId);
  const [message, setMessage] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");

  const mutation = useMutation({
    mutationFn: ({ url, body, method }: { url: string; body: unknown; method?: string }) => apiCall<unknown>(url, { body, method, idempotencyKey: newKey() }),
    onSuccess: () => {
      setMessage(null);
      void queryClient.invalidateQueries({ queryKey: stepKeys.panel(taskId) });
    },
    onError: (e) => {
      setMessage(e.message);
      void queryClient.invalidateQueries({ queryKey: stepKeys.panel(taskId) });
    },
  });

  const latest = panel?.executions[0];
  const lines = useOutputLines(latest?.id);

  if (isLoading) return <p className="text-sm text-slate-400">Loading the task&apos;s step…</p>;
  if (error || !panel) return <p role="alert" className="text-sm text-rose-300">Could not load the step: {(error as Error | null)?.message ?? "unknown error"}</p>;
  const { action, task, may } = panel;
  if (!action) return <p className="text-sm text-slate-400">This task has no action: it is ticked by hand.</p>;

  const live = latest && (latest.status === "queued" || latest.status === "running");
  const interrupted = latest && latest.status === "interrupted" && !latest.resolution;
  const runLive = panel.runState === "in_progress";
  const post = (url: string, body: unknown, method = "POST") => mutation.mutate({ url, body, method });
  const runnable = action.kind === "command" || action.kind === "http" || action.kind === "notify" || action.kind === "maintenance";
  const runBlocked = !runLive
    ? "The run is not in progress."
    : live
      ? "A step of this task is already running."
      : interrupted
        ? "The last run was interrupted: the lead must resolve it first."
        : task.status === "completed" || task.status === "skipped"
          ? `The task is ${task.status}.`
          : !may.run
            ? `Only the ${task.ownerRole} or the lead can run it.`
            : null;

  return (
    <div className="space-y-3 rounded-md border border-slate-800 bg-slate-950/60 p-3" data-testid={`step-panel-${task.key}`}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="neutral">{ACTION_KIND_LABELS[action.kind]}</Badge>
        {latest ? <ExecutionBadge status={latest.status} /> : null}
        {latest?.resolution ? <span className="text-sm text-slate-400">resolved: {latest.resolution.replace("_", " ")} by {latest.resolvedBy}</span> : null}
      </div>
      <ActionSummary action={action} />

      {action.kind === "manual" ? (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-200">
            Checklist ({task.checklistDone.length}/{action.checklist.length} done)
          </legend>
          {action.checklist.map((item, index) => {
            const done = task.checklistDone.includes(index);
            return (
              <label key={index} className="flex min-h-9 items-center gap-3 text-slate-100">
                <input
                  type="checkbox"
                  className="h-5 w-5 accent-emerald-500"
                  checked={done}
                  disabled={!may.tick || mutation.isPending}
                  onChange={(e) => post("/api/v1/executions/checklist", { taskId, index, done: e.target.checked })}
                />
                <span className={done ? "text-slate-400 line-through" : ""}>{item}</span>
                <span className="sr-only">{done ? "(done)" : "(not done)"}</span>
              </label>
            );
          })}
          {!may.tick ? <p className="text-sm text-slate-400">Only the {task.ownerRole} or the lead ticks this list.</p> : null}
        </fieldset>
      ) : null}

      {action.kind === "gate" ? (
        task.status === "completed" || task.status === "failed" ? (
          <p className="text-sm text-slate-200">{latest ? lines.map((l) => l.text).join(" ") : `Decided (${task.status}).`}</p>
        ) : may.decide ? (
          <form
            className="space-y-2"
            onSubmit={(e) => {
              e.preventDefault();
              const decision = (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value");
              post("/api/v1/executions/decisions", { taskId, decision, note });
            }}
          >
            <label className="block text-sm text-slate-200" htmlFor={`gate-note-${taskId}`}>
              Note (required)
            </label>
            <textarea id={`gate-note-${taskId}`} required minLength={3} value={note} onChange={(e) => setNote(e.target.value)} className="w-full rounded-md border border-slate-700 bg-slate-900 p-2 text-slate-100" rows={2} />
            <div className="flex gap-2">
              <Button type="submit" name="decision" value="go" variant="primary" disabled={note.trim().length < 3 || mutation.isPending}>
                ✓ Go
              </Button>
              <Button type="submit" name="decision" value="no_go" variant="danger" disabled={note.trim().length < 3 || mutation.isPending}>
                ✕ No-go
              </Button>
            </div>
          </form>
        ) : (
          <p className="text-sm text-slate-400">Waiting for the {action.role}&apos;s decision.</p>
        )
      ) : null}

      {runnable ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="primary" disabled={!!runBlocked || mutation.isPending} onClick={() => post("/api/v1/executions", { taskId })} aria-describedby={runBlocked ? `run-why-${taskId}` : undefined}>
            ▶ {task.status === "failed" ? "Retry step" : action.kind === "notify" ? "Send" : action.kind === "maintenance" ? (action.enabled ? "Switch notice on" : "Switch notice off") : "Run step"}
          </Button>
          {live && may.cancel ? (
            <Button variant="danger" disabled={latest.cancelRequested || mutation.isPending} onClick={() => post(`/api/v1/executions/${latest.id}/cancel`, {})}>
              {latest.cancelRequested ? "Cancelling…" : "Cancel step"}
            </Button>
          ) : null}
          {runBlocked ? (
            <span id={`run-why-${taskId}`} className="text-sm text-slate-400">
              {runBlocked}
            </span>
          ) : null}
        </div>
      ) : null}

      {interrupted && may.resolve ? (
        <div className="space-y-2 rounded-md border border-amber-700 bg-amber-950/40 p-2">
          <p className="text-sm text-amber-100">⚠ {latest.error ?? "The step was interrupted."}</p>
          <label className="block text-sm text-slate-200" htmlFor={`resolve-reason-${taskId}`}>
            Reason (required to mark done or failed)
          </label>
          <input id={`resolve-reason-${taskId}`} value={reason} onChange={(e) => setReason(e.target.value)} className="w-full rounded-md border border-slate-700 bg-slate-900 p-2 text-slate-100" />
          <div className="flex flex-wrap gap-2">
            <Button variant="primary" disabled={mutation.isPending} onClick={() => post(`/api/v1/executions/${latest.id}/resolve`, { resolution: "retry", reason: reason || undefined })}>
              ↻ Retry
            </Button>
            <Button disabled={reason.trim().length < 3 || mutation.isPending} onClick={() => post(`/api/v1/executions/${latest.id}/resolve`, { resolution: "mark_done", reason })}>
              ✓ Mark done
            </Button>
            <Button variant="danger" disabled={reason.trim().length < 3 || mutation.isPending} onClick={() => post(`/api/v1/executions/${latest.id}/resolve`, { resolution: "mark_failed", reason })}>
              ✕ Mark failed
            </Button>
          </div>
        </div>
      ) : null}

      {message ? (
        <p role="alert" className="rounded bg-rose-950 px-3 py-2 text-sm text-rose-100">
          {message}
        </p>
      ) : null}

      {latest && (action.kind === "command" || action.kind === "http" || action.kind === "notify" || action.kind === "maintenance") ? (
        <ExecutionDetails execution={latest} lines={lines} />
      ) : null}
      {panel.executions.length > 1 ? <History executions={panel.executions.slice(1)} /> : null}
    </div>
  );
}

function ExecutionDetails({ execution, lines }: { execution: TStepExecutionDto; lines: ReturnType<typeof useOutputLines> }) {
  const running = execution.status === "queued" || execution.status === "running";
  const steps = (execution.spec as { action?: TTaskAction } | null)?.action;
  return (
    <div className="space-y-2">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-400">Started by</dt>
          <dd className="text-slate-100">{execution.actorName ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-400">{execution.kind === "http" ? "HTTP status" : "Exit code"}</dt>
          <dd className="text-slate-100" data-testid="exit-code">
            {execution.exitCode ?? "—"}
          </dd>
        </div>
        <div>
          <dt className="text-slate-400">Duration</dt>
          <dd className="text-slate-100">{running ? "running…" : seconds(execution.durationMs)}</dd>
        </div>
        <div>
          <dt className="text-slate-400">Step</dt>
          <dd className="text-slate-100">{steps?.kind === "command" && execution.currentStep !== null ? `${execution.currentStep + 1} of ${steps.steps.length}` : "—"}</dd>
        </div>
      </dl>
      {execution.error && !running ? (
        <p role="status" className="rounded bg-rose-950/70 px-3 py-2 text-sm text-rose-100">
          ✕ {execution.error}
        </p>
      ) : null}
      {!running && execution.status !== "succeeded" && lines.length ? (
        <details open>
          <summary className="cursor-pointer text-sm text-slate-300">Why it failed: the last lines</summary>
          <pre className="mt-1 whitespace-pre-wrap rounded bg-black/60 p-2 font-mono text-[13px] text-rose-200">{outputTail(lines.map((l) => `${l.seq} ${l.at || "1970-01-01T00:00:00.000Z"} ${l.stream[0]} ${l.text}`).join("\n"), 8)}</pre>
        </details>
      ) : null}
      <OutputViewer lines={lines} truncated={execution.outputTruncated} running={running} label="Step output" />
    </div>
  );
}

function History({ executions }: { executions: TTaskPanelDto["executions"] }) {
  return (
    <details>
      <summary className="cursor-pointer text-sm text-slate-300">Earlier runs ({executions.length})</summary>
      <ul className="mt-1 space-y-1 text-sm">
        {executions.map((e) => (
          <li key={e.id} className="flex flex-wrap items-center gap-2">
            <ExecutionBadge status={e.status} />
            <span className="text-slate-300">
              {new Date(e.queuedAt).toLocaleString()} · {e.actorName ?? "—"}
              {e.exitCode !== null ? ` · exit ${e.exitCode}` : ""}
              {e.durationMs !== null ? ` · ${seconds(e.durationMs)}` : ""}
              {e.error ? ` · ${e.error}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** A compact toggle for task lists: shows the panel on demand. */
export function TaskStepToggle({ taskId, runId, title, defaultOpen = false }: { taskId: string; runId: string; title: string; defaultOpen?: boolean }) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <div className="basis-full">
      <Button variant="ghost" aria-expanded={open} aria-controls={`step-${taskId}`} onClick={() => setOpen((o) => !o)} aria-label={`${open ? "Hide" : "Show"} the step of ${title}`}>
        {open ? "▾" : "▸"} Step
      </Button>
      {open ? (
        <div id={`step-${taskId}`} className="mt-2">
          <TaskActionPanel taskId={taskId} runId={runId} />
        </div>
      ) : null}
    </div>
  );
}
