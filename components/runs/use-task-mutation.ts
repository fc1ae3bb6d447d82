"use client";
// Task moves with optimistic updates: the cache shows the new status at once, and a refusal rolls it
// back and shows the server's reason (after a lost race, the winner's state from the 409's details).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TRunDetail, TTaskDto } from "@/lib/runs/dto";
import { applyTaskToDetail, applyTaskToMyTasks, runKeys } from "@/components/realtime/use-run-channel";
import { ApiError, apiCall, newKey } from "./api";

export type TaskCommand = "start" | "complete" | "block" | "fail" | "note" | "skip" | "reopen" | "override";

const OPTIMISTIC: Partial<Record<TaskCommand, string>> = { start: "in_progress", complete: "completed", block: "blocked", fail: "failed", skip: "skipped", reopen: "not_started" };

type Vars = { task: TTaskDto; command: TaskCommand; reason?: string; text?: string };
type MyTasksData = Parameters<typeof applyTaskToMyTasks>[0];

export function useTaskMutation(onError: (message: string, task: TTaskDto) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ task, command, reason, text, key }: Vars & { key: string }) =>
      apiCall<TTaskDto>(`/api/v1/tasks/${task.id}/${command}`, { body: { expectedVersion: command === "note" ? undefined : task.version, ...(reason ? { reason } : {}), ...(text ? { text } : {}) }, idempotencyKey: key }),
    onMutate: async (vars) => {
      const detailKey = runKeys.detail(vars.task.runId);
      await Promise.all([queryClient.cancelQueries({ queryKey: detailKey }), queryClient.cancelQueries({ queryKey: runKeys.myTasks })]);
      const previous = { detail: queryClient.getQueryData<TRunDetail>(detailKey), mine: queryClient.getQueryData<MyTasksData>(runKeys.myTasks) };
      const status = OPTIMISTIC[vars.command];
      if (status) {
        // Same version, so the real answer (version + 1) or a realtime event replaces this guess.
        const guess: TTaskDto = { ...vars.task, status, reason: vars.reason ?? vars.task.reason };
        queryClient.setQueryData<TRunDetail>(detailKey, (d) => (d ? { ...d, tasks: d.tasks.map((t) => (t.id === guess.id ? guess : t)) } : d));
        queryClient.setQueryData<MyTasksData>(runKeys.myTasks, (d) => d?.map((g) => ({ ...g, mine: g.mine.map((t) => (t.id === guess.id ? guess : t)) })));
      }
      return previous;
    },
    onError: (error, vars, previous) => {
      const detailKey = runKeys.detail(vars.task.runId);
      if (previous) {
        queryClient.setQueryData(detailKey, previous.detail);
        queryClient.setQueryData(runKeys.myTasks, previous.mine);
      }
      const current = error instanceof ApiError ? (error.details as { task?: TTaskDto } | undefined)?.task : undefined;
      if (current) {
        queryClient.setQueryData<TRunDetail>(detailKey, (d) => applyTaskToDetail(d, current));
        queryClient.setQueryData<MyTasksData>(runKeys.myTasks, (d) => applyTaskToMyTasks(d, current));
      }
      onError(error instanceof Error ? error.message : "The change failed.", vars.task);
    },
    onSuccess: (task) => {
      queryClient.setQueryData<TRunDetail>(runKeys.detail(task.runId), (d) => applyTaskToDetail(d, task));
      queryClient.setQueryData<MyTasksData>(runKeys.myTasks, (d) => applyTaskToMyTasks(d, task));
    },
  });
}

/** One idempotency key per click, so a double-click or a retried request is applied once. */
export function commandVars(vars: Vars): Vars & { key: string } {
  return { ...vars, key: newKey() };
}
