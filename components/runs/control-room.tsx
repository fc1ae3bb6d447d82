"use client";
// The lead's control room for one run: built to be watched for hours on a wall screen.
import { useMemo, useState } from "react";
import Link from "next/link";
import clsx from "clsx";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { can, ownsTask, type Actor } from "@/lib/auth/permissions";
import { allowedRunEvents, isRunState, type RunEvent } from "@/lib/runs/run-machine";
import { allowedTaskEvents, isTaskStatus } from "@/lib/runs/task-machine";
import { currentFocus, formatAgo, formatCountdown, formatDuration, isStartable, runClock, runProgress, taskLateness } from "@/lib/runs/progress";
import { formatTaskWindow } from "@/lib/runs/zone";
import type { TRunDetail, TRunDto, TTaskDto } from "@/lib/runs/dto";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { runKeys, useRunChannel } from "@/components/realtime/use-run-channel";
import { ApiError, apiCall, newKey } from "./api";
import { Gantt } from "./gantt";
import { ACTION_WORDS, RUN_LOOK, TASK_LOOK } from "./labels";
import { ReasonDialog } from "./reason-dialog";
import { commandVars, useTaskMutation, type TaskCommand } from "./use-task-mutation";
import { formatClock, formatTime, useNow } from "./use-now";
import { TaskStepToggle } from "@/components/steps/task-action-panel";

type Pending = { title: string; description?: string; confirmLabel: string; needsReason: boolean; danger?: boolean; run: (reason: string) => void } | null;

const RUN_BUTTONS: Array<{ event: RunEvent; label: string; path: string; permission: Parameters<typeof can>[1]; needsReason: boolean; danger?: boolean; confirm?: string }> = [
  { event: "schedule", label: "Schedule", path: "schedule", permission: "runs.edit", needsReason: false },
  { event: "start", label: "Start run", path: "start", permission: "runs.start", needsReason: false, confirm: "Engineers can start their tasks once the run is in progress." },
  { event: "pause", label: "Pause", path: "pause", permission: "runs.pause", needsReason: true, confirm: "Tasks cannot start or complete while the run is paused." },
  { event: "resume", label: "Resume", path: "resume", permission: "runs.resume", needsReason: false },
  { event: "complete", label: "Complete run", path: "complete", permission: "runs.complete", needsReason: false, confirm: "Every task must be completed or skipped." },
  { event: "rollback", label: "Roll back", path: "rollback", permission: "runs.rollback", needsReason: true, danger: true, confirm: "Marks the run as rolling back." },
  { event: "finish_rollback", label: "Rollback done", path: "rollback", permission: "runs.rollback", needsReason: true },
  { event: "abort", label: "Abort", path: "abort", permission: "runs.abort", needsReason: true, danger: true, confirm: "Aborting ends the run for good." },
];

export function ControlRoom({ initial, actor, kiosk }: { initial: TRunDetail; actor: Actor; kiosk: boolean }) {
  const runId = initial.run.id;
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: runKeys.detail(runId),
    queryFn: () => apiCall<TRunDetail>(`/api/v1/runs/${runId}`, { method: "GET" }),
    initialData: initial,
  });
  const channel = useRunChannel(runId);
  const now = useNow(1000);
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const detail = data ?? initial;
  const { run, tasks } = detail;
  const phases = useMemo(() => groupByPhase(tasks), [tasks]);
  const focus = currentFocus(tasks);
  const [phaseShown, setPhaseShown] = useState<string | null>(null);
  const ganttPhase = phaseShown ?? focus.phaseName ?? phases[phases.length - 1]?.name ?? null;

  const runMutation = useMutation({
    mutationFn: ({ path, reason, finished }: { path: string; reason?: string; finished?: boolean }) =>
      apiCall<TRunDto>(`/api/v1/runs/${runId}/${path}`, { body: { expectedVersion: run.version, ...(reason ? { reason } : {}), ...(finished ? { finished } : {}) }, idempotencyKey: newKey() }),
    onSuccess: (updated) => {
      queryClient.setQueryData<TRunDetail>(runKeys.detail(runId), (d) => (d ? { ...d, run: updated } : d));
      setMessage(null);
    },
    onError: (error) => {
      setMessage({ tone: "error", text: error.message });
      const current = error instanceof ApiError ? (error.details as { run?: TRunDto } | undefined)?.run : undefined;
      if (current) queryClient.setQueryData<TRunDetail>(runKeys.detail(runId), (d) => (d ? { ...d, run: current } : d));
    },
  });
  const taskMutation = useTaskMutation((text) => setMessage({ tone: "error", text }));
  const act = (task: TTaskDto, command: TaskCommand, reason?: string) => taskMutation.mutate(commandVars({ task, command, reason }));

  const state = isRunState(run.state) ? run.state : "draft";
  const allowed = new Set(allowedRunEvents(state));
  const progress = now !== null ? runProgress(tasks, now) : null;
  const clock = now !== null ? runClock(run, now) : null;
  const look = RUN_LOOK[run.state] ?? RUN_LOOK.draft;
  const finished = state === "completed" || state === "aborted" || state === "rolled_back";
  // Before the window opens, count down to its start; after it, say how long ago it ended.
  const countdown =
    clock?.untilStartMs != null && clock.untilStartMs > 0 && !run.startedAt
      ? formatCountdown(clock.untilStartMs, { before: "Window opens in", after: "Window opened" })
      : clock?.countdownMs != null
        ? formatCountdown(clock.countdownMs)
        : null;
  const localZone = typeof Intl !== "undefined" ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";

  return (
    <div className={clsx(kiosk && "fixed inset-0 z-40 overflow-auto bg-slate-950 p-6 text-lg", "space-y-5")}>
      <header className="rounded-lg border border-slate-800 bg-slate-900/70 p-4">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className={clsx("font-bold tracking-tight", kiosk ? "text-4xl" : "text-3xl")}>{run.title}</h1>
          <Badge tone={look.tone} symbol={look.symbol} className={kiosk ? "text-xl" : "text-base"}>
            <span data-testid="run-state">{look.label}</span>
          </Badge>
          <span className="text-sm text-slate-400">
            {run.planTitle} v{run.planVersion}
          </span>
          <span className="ml-auto flex items-center gap-2 text-sm">
            <span aria-hidden="true" className={channel.connected ? "text-emerald-400" : "text-amber-400"}>
              {channel.connected ? "●" : "◌"}
            </span>
            <span>{channel.connected ? "Live" : channel.error ?? "Reconnecting…"}</span>
            <Link href={kiosk ? `/runs/${runId}` : `/runs/${runId}?kiosk=1`} className="rounded px-2 py-1 ring-1 ring-slate-600 hover:bg-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400">
              {kiosk ? "Leave TV mode" : "TV mode"}
            </Link>
          </span>
        </div>
        <dl className={clsx("mt-4 grid gap-4", kiosk ? "grid-cols-2 sm:grid-cols-3 lg:grid-cols-6" : "grid-cols-2 md:grid-cols-3 xl:grid-cols-6")}>
          <Stat label="Done" value={progress ? `${progress.percentDone}%` : "—"} testId="percent-done" sub={progress ? `${progress.finished} of ${progress.total} tasks` : undefined} big={kiosk} />
          <Stat label="Now" value={focus.active[0]?.title ?? focus.next?.title ?? "—"} sub={focus.phaseName ?? undefined} big={kiosk} />
          <Stat label={`Plan time (${run.timezone})`} value={now !== null ? formatClock(now, run.timezone) : "—"} sub={now !== null ? `Local ${formatClock(now, localZone)}` : undefined} big={kiosk} />
          <Stat
            label={countdown?.label ?? "Window ends in"}
            value={countdown?.value ?? "—"}
            sub={run.windowEnd ? `at ${formatTime(run.windowEnd, run.timezone, !sameDayAs(run.windowEnd, now, run.timezone))}` : undefined}
            warn={countdown != null && !finished && (countdown.past || clock!.countdownMs! < 15 * 60_000)}
            testId="window-countdown"
            big={kiosk}
          />
          <Stat label="Elapsed / planned" value={clock?.elapsedMs != null ? formatDuration(clock.elapsedMs) : "not started"} sub={clock?.plannedMs != null ? `of ${formatDuration(clock.plannedMs)}` : undefined} big={kiosk} />
          <Stat label="Late tasks" value={progress ? String(progress.late.filter((l) => l.lateness.kind !== "finished_late").length) : "—"} sub={progress && progress.behindMs > 0 ? `behind by ${formatDuration(progress.behindMs)}` : "on time"} warn={!!progress && progress.behindMs > 0} big={kiosk} />
        </dl>
        <div className="mt-3 h-3 w-full overflow-hidden rounded bg-slate-800" role="progressbar" aria-label="Run progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress?.percentDone ?? 0}>
          <div className="h-full bg-emerald-500 transition-all" style={{ width: `${progress?.percentDone ?? 0}%` }} />
        </div>
        {run.maintenanceNotice && !finished ? (
          <p role="status" data-testid="maintenance-banner" className={clsx("mt-3 flex items-center gap-2 rounded border-2 border-amber-400 bg-amber-950 px-3 py-2 font-semibold text-amber-100", kiosk && "text-2xl")}>
            <span aria-hidden="true">⚠</span> Maintenance notice is on: the status page shows “Scheduled maintenance in progress”.
          </p>
        ) : null}
        {!kiosk ? (
          <div role="group" className="mt-4 flex flex-wrap gap-2" aria-label="Run controls">
            {RUN_BUTTONS.filter((b) => allowed.has(b.event) && can(actor, b.permission)).map((b) => (
              <Button
                key={b.event}
                variant={b.danger ? "danger" : b.event === "start" || b.event === "complete" ? "primary" : "secondary"}
                disabled={runMutation.isPending}
                onClick={() =>
                  setPending({
                    title: `${b.label}?`,
                    description: b.confirm,
                    confirmLabel: b.label,
                    needsReason: b.needsReason,
                    danger: b.danger,
                    run: (reason) => runMutation.mutate({ path: b.path, reason: reason || undefined, finished: b.event === "finish_rollback" }),
                  })
                }
              >
                {b.label}
              </Button>
            ))}
          </div>
        ) : null}
        {message ? (
          <p role="alert" className={clsx("mt-3 rounded px-3 py-2", message.tone === "error" ? "bg-rose-950 text-rose-100" : "bg-emerald-950 text-emerald-100")}>
            {message.text}
          </p>
        ) : null}
      </header>

      <div className="grid gap-5 xl:grid-cols-[1fr_22rem]">
        <div className="space-y-5">
          <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-800 bg-slate-900/60 p-4">
            <div className="mb-3 flex flex-wrap items-center gap-2">
              <h2 id="timeline-title" className="text-xl font-semibold">
                Timeline
              </h2>
              <span className="text-sm text-slate-400">dashed: planned · filled: actual · ⚑ late</span>
              <span className="ml-auto flex gap-1">
                {phases.map((p) => (
                  <Button key={p.name} variant={p.name === ganttPhase ? "primary" : "ghost"} aria-pressed={p.name === ganttPhase} onClick={() => setPhaseShown(p.name)}>
                    {p.name}
                  </Button>
                ))}
              </span>
            </div>
            <Gantt tasks={phases.find((p) => p.name === ganttPhase)?.tasks ?? []} now={now} timezone={run.timezone} />
          </section>

          <section aria-labelledby="board-title" className="space-y-4">
            <h2 id="board-title" className="text-xl font-semibold">
              Tasks
            </h2>
            {phases.map((phase) => (
              <div key={phase.name} className="rounded-lg border border-slate-800 bg-slate-900/60">
                <h3 className="border-b border-slate-800 px-4 py-2 text-lg font-semibold">{phase.name}</h3>
                <ul className="divide-y divide-slate-800">
                  {phase.tasks.map((task) => (
                    <TaskRow key={task.id} task={task} tasks={tasks} actor={actor} now={now} timezone={run.timezone} runLive={state === "in_progress"} kiosk={kiosk} onAct={act} ask={setPending} />
                  ))}
                </ul>
              </div>
            ))}
          </section>
        </div>

        <aside className="space-y-5">
          <section aria-labelledby="presence-title" className="rounded-lg border border-slate-800 bg-slate-900/60 p-4">
            <h2 id="presence-title" className="text-xl font-semibold">
              Connected now
            </h2>
            {channel.presence.length === 0 ? (
              <p className="mt-2 text-slate-400">Nobody else yet.</p>
            ) : (
              <ul className="mt-2 space-y-1" data-testid="presence">
                {channel.presence.map((p) => (
                  <li key={p.userId}>
                    <span aria-hidden="true" className="text-emerald-400">● </span>
                    <span className="font-medium">{p.name}</span> <span className="text-slate-400">· {p.teamRoles[0] ?? p.productRole}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="feed-title" className="rounded-lg border border-slate-800 bg-slate-900/60 p-4">
            <h2 id="feed-title" className="text-xl font-semibold">
              Activity
            </h2>
            <ol className="mt-2 max-h-[36rem] space-y-2 overflow-auto" aria-live="polite" data-testid="activity">
              {detail.activity.slice(0, 60).map((item) => (
                <li key={item.id} className="text-base">
                  <span className="font-medium">{item.actorName}</span> {item.outcome === "denied" ? <span className="text-rose-300">was refused: {item.action}</span> : ACTION_WORDS[item.action] ?? item.action}
                  {item.targetLabel && (item.action.startsWith("tasks.") || item.action.startsWith("steps.")) ? <> “{item.targetLabel}”</> : null}
                  {item.reason ? <span className="text-slate-400"> — {item.reason}</span> : null}
                  <span className="block text-sm text-slate-400">{now !== null ? formatAgo(now - Date.parse(item.at)) : ""}</span>
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
      <ReasonDialog open={!!pending} title={pending?.title ?? ""} description={pending?.description} confirmLabel={pending?.confirmLabel ?? "OK"} needsReason={pending?.needsReason ?? false} danger={pending?.danger} onConfirm={(reason) => pending?.run(reason)} onClose={() => setPending(null)} />
    </div>
  );
}

function Stat({ label, value, sub, warn, big, testId }: { label: string; value: string; sub?: string; warn?: boolean; big?: boolean; testId?: string }) {
  return (
    <div className="min-w-0 break-words">
      <dt className="text-sm uppercase tracking-wide text-slate-400">{label}</dt>
      <dd className={clsx("font-semibold tabular-nums", big ? "text-4xl" : "text-2xl", warn ? "text-amber-300" : "text-slate-50")} data-testid={testId}>
        {warn ? <span aria-hidden="true">⚠ </span> : null}
        {value}
      </dd>
      {sub ? <dd className="text-sm text-slate-400">{sub}</dd> : null}
    </div>
  );
}

function TaskRow({
  task,
  tasks,
  actor,
  now,
  timezone,
  runLive,
  kiosk,
  onAct,
  ask,
}: {
  task: TTaskDto;
  tasks: TTaskDto[];
  actor: Actor;
  now: number | null;
  timezone: string;
  runLive: boolean;
  kiosk: boolean;
  onAct: (task: TTaskDto, command: TaskCommand, reason?: string) => void;
  ask: (p: Pending) => void;
}) {
  const look = TASK_LOOK[task.status] ?? TASK_LOOK.not_started;
  const late = now !== null ? taskLateness(task, now) : null;
  const status = isTaskStatus(task.status) ? task.status : "not_started";
  const events = new Set(allowedTaskEvents(status));
  const mine = ownsTask(actor, task.ownerRole);
  const startable = isStartable(task, tasks);
  const waiting = task.status === "not_started" && !startable;
  const buttons: Array<{ label: string; onClick: () => void; variant?: "primary" | "danger" }> = [];
  if (!kiosk) {
    if (runLive && mine && events.has("start") && startable && can(actor, "tasks.start")) buttons.push({ label: "Start", onClick: () => onAct(task, "start"), variant: "primary" });
    if (runLive && mine && events.has("complete") && (task.status !== "not_started" || startable) && can(actor, "tasks.complete")) buttons.push({ label: "Complete", onClick: () => onAct(task, "complete"), variant: "primary" });
    if (runLive && mine && events.has("block") && can(actor, "tasks.block"))
      buttons.push({ label: "Block", onClick: () => ask({ title: `Block “${task.title}”?`, confirmLabel: "Block", needsReason: true, run: (r) => onAct(task, "block", r) }) });
    if (waiting && can(actor, "tasks.override"))
      buttons.push({ label: "Override", onClick: () => ask({ title: `Let “${task.title}” start now?`, description: "Its predecessors have not finished. The override is audited.", confirmLabel: "Override", needsReason: true, run: (r) => onAct(task, "override", r) }) });
    if (events.has("skip") && can(actor, "tasks.skip"))
      buttons.push({ label: "Skip", onClick: () => ask({ title: `Skip “${task.title}”?`, confirmLabel: "Skip", needsReason: true, run: (r) => onAct(task, "skip", r) }) });
    if (events.has("reopen") && can(actor, "tasks.reopen"))
      buttons.push({ label: "Reopen", onClick: () => ask({ title: `Reopen “${task.title}”?`, description: "Clears its actual times.", confirmLabel: "Reopen", needsReason: false, run: () => onAct(task, "reopen") }) });
  }
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-2" data-testid={`task-${task.key}`} data-status={task.status}>
      <Badge tone={look.tone} symbol={look.symbol} className="w-36 justify-center">
        {look.label}
      </Badge>
      <div className="min-w-0 flex-1">
        <p className={clsx("font-medium", kiosk ? "text-xl" : "text-base")}>
          {task.title}
          {late && late.kind !== "finished_late" ? <span className="ml-2 text-sm font-semibold text-amber-300">⚑ {late.kind === "late_start" ? "late start" : "overdue"} {formatDuration(late.ms)}</span> : null}
        </p>
        <p className="text-sm text-slate-400">
          {formatTaskWindow(task.plannedStart, task.plannedEnd, timezone)} · {task.ownerRole}
          {task.assigneeName ? ` · ${task.assigneeName}` : ""}
          {waiting ? " · waiting for predecessors" : ""}
          {task.overrideReason ? ` · override: ${task.overrideReason}` : ""}
          {task.reason && (task.status === "blocked" || task.status === "skipped" || task.status === "failed") ? ` · ${task.reason}` : ""}
        </p>
      </div>
      {buttons.length ? (
        <div className="flex flex-wrap gap-2">
          {buttons.map((b) => (
            <Button key={b.label} variant={b.variant ?? "secondary"} onClick={b.onClick} aria-label={`${b.label} ${task.title}`}>
              {b.label}
            </Button>
          ))}
        </div>
      ) : null}
      {task.hasAction && !kiosk ? <TaskStepToggle taskId={task.id} runId={task.runId} title={task.title} /> : null}
    </li>
  );
}

function groupByPhase(tasks: TTaskDto[]): Array<{ name: string; tasks: TTaskDto[] }> {
  const map = new Map<number, { name: string; tasks: TTaskDto[] }>();
  for (const t of [...tasks].sort((a, b) => a.phasePosition - b.phasePosition || a.position - b.position)) {
    const entry = map.get(t.phasePosition) ?? { name: t.phaseName, tasks: [] };
    entry.tasks.push(t);
    map.set(t.phasePosition, entry);
  }
  return [...map.values()];
}

function sameDayAs(iso: string, now: number | null, timeZone: string): boolean {
  if (now === null) return true;
  return formatTime(iso, timeZone, true).slice(0, 6) === formatTime(new Date(now).toISOString(), timeZone, true).slice(0, 6);
}
