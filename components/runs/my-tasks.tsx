"use client";
// The engineer's list: tasks owned by their team roles across live runs, next actionable first.
// Keyboard-first (j/k move, s start, c complete, b block, n note) and usable on a phone.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import clsx from "clsx";
import { useQuery } from "@tanstack/react-query";
import { ownsTask, type Actor } from "@/lib/auth/permissions";
import { allowedTaskEvents, isTaskStatus } from "@/lib/runs/task-machine";
import { isStartable, orderForWork, taskLateness, formatDuration } from "@/lib/runs/progress";
import type { TTaskDto } from "@/lib/runs/dto";
import type { TMyTasksRun } from "@/server/runs/queries";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { runKeys, useRunChannel } from "@/components/realtime/use-run-channel";
import { RUN_LOOK, TASK_LOOK } from "./labels";
import { apiCall } from "./api";
import { ReasonDialog } from "./reason-dialog";
import { commandVars, useTaskMutation, type TaskCommand } from "./use-task-mutation";
import { useNow } from "./use-now";
import { formatTaskWindow } from "@/lib/runs/zone";
import { TaskStepToggle } from "@/components/steps/task-action-panel";

function RunChannel({ runId }: { runId: string }) {
  useRunChannel(runId, { includeMyTasks: true });
  return null;
}

type Dialog = { kind: "block" | "note"; task: TTaskDto } | null;

export function MyTasks({ initial, actor }: { initial: TMyTasksRun[]; actor: Actor }) {
  const { data } = useQuery({ queryKey: runKeys.myTasks, queryFn: () => apiCall<TMyTasksRun[]>("/api/v1/tasks", { method: "GET" }), initialData: initial });
  const groups = useMemo(() => data ?? initial, [data, initial]);
  const now = useNow(15_000);
  const [message, setMessage] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [selected, setSelected] = useState(0);
  const rows = useRef<Array<HTMLLIElement | null>>([]);
  const mutation = useTaskMutation((text, task) => setMessage(`“${task.title}”: ${text}`));

  const ordered = useMemo(
    () => groups.flatMap((g) => orderForWork(g.mine, g.all as never).map((task) => ({ task, group: g }))),
    [groups],
  );

  const act = useCallback(
    (task: TTaskDto, command: TaskCommand, extra: { reason?: string; text?: string } = {}) => {
      setMessage(null);
      mutation.mutate(commandVars({ task, command, ...extra }));
    },
    [mutation],
  );

  const can = useCallback(
    (entry: (typeof ordered)[number], command: "start" | "complete" | "block") => {
      const { task, group } = entry;
      if (group.run.state !== "in_progress" || !ownsTask(actor, task.ownerRole)) return false;
      const status = isTaskStatus(task.status) ? task.status : "not_started";
      if (!allowedTaskEvents(status).includes(command)) return false;
      if ((command === "start" || command === "complete") && task.status === "not_started") return isStartable(task, group.all as never);
      return true;
    },
    [actor],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (dialog || event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable=true]")) return;
      const entry = ordered[selected];
      if (event.key === "j" || event.key === "ArrowDown") {
        event.preventDefault();
        setSelected((i) => Math.min(ordered.length - 1, i + 1));
      } else if (event.key === "k" || event.key === "ArrowUp") {
        event.preventDefault();
        setSelected((i) => Math.max(0, i - 1));
      } else if (entry && event.key === "s" && can(entry, "start")) act(entry.task, "start");
      else if (entry && event.key === "c" && can(entry, "complete")) act(entry.task, "complete");
      else if (entry && event.key === "b" && can(entry, "block")) setDialog({ kind: "block", task: entry.task });
      else if (entry && event.key === "n") setDialog({ kind: "note", task: entry.task });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [ordered, selected, dialog, act, can]);

  useEffect(() => {
    rows.current[selected]?.focus({ preventScroll: false });
  }, [selected]);

  if (groups.length === 0) {
    return <EmptyState title="No tasks for you right now">Tasks owned by your team roles ({actor.teamRoles.join(", ") || "none"}) show here while a run is scheduled or in progress.</EmptyState>;
  }

  return (
    <div className="space-y-4">
      {groups.map((g) => (
        <RunChannel key={g.run.id} runId={g.run.id} />
      ))}
      <p className="hidden text-sm text-slate-400 sm:block">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>s</kbd> start · <kbd>c</kbd> complete · <kbd>b</kbd> block · <kbd>n</kbd> note
      </p>
      {message ? (
        <p role="alert" className="rounded bg-rose-950 px-3 py-2 text-rose-100">
          {message}
        </p>
      ) : null}
      <ul className="space-y-2" aria-label="Your tasks, next actionable first">
        {ordered.map((entry, index) => {
          const { task, group } = entry;
          const look = TASK_LOOK[task.status] ?? TASK_LOOK.not_started;
          const runLook = RUN_LOOK[group.run.state] ?? RUN_LOOK.draft;
          const late = now !== null ? taskLateness(task, now) : null;
          const waiting = task.status === "not_started" && !isStartable(task, group.all as never);
          return (
            <li
              key={task.id}
              ref={(el) => {
                rows.current[index] = el;
              }}
              tabIndex={index === selected ? 0 : -1}
              onFocus={() => setSelected(index)}
              data-testid={`my-task-${task.key}`}
              data-status={task.status}
              className={clsx("rounded-lg border bg-slate-900/60 p-3 outline-none", index === selected ? "border-sky-400 ring-2 ring-sky-400" : "border-slate-800")}
            >
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={look.tone} symbol={look.symbol}>
                  {look.label}
                </Badge>
                <span className="text-lg font-medium">{task.title}</span>
                {late && late.kind !== "finished_late" ? <span className="text-sm font-semibold text-amber-300">⚑ {late.kind === "late_start" ? "late start" : "overdue"} {formatDuration(late.ms)}</span> : null}
              </div>
              <p className="mt-1 text-sm text-slate-400">
                {group.run.title} ({runLook.label.toLowerCase()}) · {task.phaseName} · {formatTaskWindow(task.plannedStart, task.plannedEnd, group.run.timezone)} · {task.ownerRole}
                {waiting ? " · waiting for earlier tasks" : ""}
                {task.reason && task.status === "blocked" ? ` · blocked: ${task.reason}` : ""}
                {task.note ? ` · note: ${task.note}` : ""}
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                {can(entry, "start") ? (
                  <Button variant="primary" className="min-h-11 px-4" onClick={() => act(task, "start")} aria-label={`Start ${task.title}`}>
                    Start
                  </Button>
                ) : null}
                {can(entry, "complete") ? (
                  <Button variant="primary" className="min-h-11 px-4" onClick={() => act(task, "complete")} aria-label={`Complete ${task.title}`}>
                    Complete
                  </Button>
                ) : null}
                {can(entry, "block") ? (
                  <Button className="min-h-11 px-4" onClick={() => setDialog({ kind: "block", task })} aria-label={`Block ${task.title}`}>
                    Block…
                  </Button>
                ) : null}
                {ownsTask(actor, task.ownerRole) ? (
                  <Button variant="ghost" className="min-h-11 px-4" onClick={() => setDialog({ kind: "note", task })} aria-label={`Add a note to ${task.title}`}>
                    Note…
                  </Button>
                ) : null}
              </div>
              {task.hasAction ? <TaskStepToggle taskId={task.id} runId={task.runId} title={task.title} defaultOpen={task.status === "in_progress"} /> : null}
            </li>
          );
        })}
      </ul>
      <ReasonDialog
        open={dialog?.kind === "block"}
        title={`Block “${dialog?.task.title ?? ""}”?`}
        description="The lead sees the reason at once."
        confirmLabel="Block"
        needsReason
        onConfirm={(reason) => dialog && act(dialog.task, "block", { reason })}
        onClose={() => setDialog(null)}
      />
      <ReasonDialog
        open={dialog?.kind === "note"}
        title={`Note on “${dialog?.task.title ?? ""}”`}
        confirmLabel="Add note"
        reasonLabel="Note (the lead and your team see it)"
        needsReason
        onConfirm={(text) => dialog && act(dialog.task, "note", { text })}
        onClose={() => setDialog(null)}
      />
    </div>
  );
}
