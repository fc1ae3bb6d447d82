"use client";
// Live step data for one task: the panel query (action, checklist, executions) kept fresh by the run
// room's step events, and the output lines of executions, merged from the stored tail and the stream
// by sequence number (no duplicates, nothing lost across a refetch).
import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { parseOutput, STEP_EVENTS_WIRE, type TOutputLine, type TStepExecutionDto, type TStepOutputEvent } from "@/lib/actions/output";
import type { TTaskDto } from "@/lib/runs/dto";
import { getSocket, joinRoom } from "@/components/realtime/socket";
import { apiCall } from "@/components/runs/api";
import type { TTaskPanelDto } from "./types";

export const stepKeys = {
  panel: (taskId: string) => ["step-panel", taskId] as const,
  output: (executionId: string) => ["step-output", executionId] as const,
};

/** Appends lines newer than what is held; the stored tail wins for what it covers. */
export function mergeLines(current: TOutputLine[] | undefined, incoming: TOutputLine[]): TOutputLine[] {
  const base = current ?? [];
  const last = base.length ? base[base.length - 1].seq : -1;
  const fresh = incoming.filter((l) => l.seq > last).sort((a, b) => a.seq - b.seq);
  return fresh.length ? [...base, ...fresh] : base;
}

export function useTaskPanel(taskId: string, runId: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: stepKeys.panel(taskId),
    queryFn: () => apiCall<TTaskPanelDto>(`/api/v1/executions/task/${taskId}`, { method: "GET" }),
  });

  // Seed the output cache from the stored tail of the newest execution.
  const latest = query.data?.executions[0];
  useEffect(() => {
    if (!latest) return;
    const stored = parseOutput(latest.output);
    queryClient.setQueryData<TOutputLine[]>(stepKeys.output(latest.id), (current) => {
      if (!current?.length) return stored;
      // Keep live lines that arrived after the stored tail was read.
      return mergeLines(stored, current);
    });
  }, [latest, queryClient]);

  useEffect(() => {
    const socket = getSocket();
    const room = `run:${runId}`;
    let joinedOnce = false;
    const join = async () => {
      const answer = await joinRoom(socket, room);
      if (answer.ok && joinedOnce) void queryClient.invalidateQueries({ queryKey: stepKeys.panel(taskId) });
      joinedOnce = joinedOnce || answer.ok;
    };
    const onExecution = (execution: TStepExecutionDto) => {
      if (execution.taskStateId !== taskId) return;
      queryClient.setQueryData<TTaskPanelDto>(stepKeys.panel(taskId), (panel) => {
        if (!panel) return panel;
        const others = panel.executions.filter((e) => e.id !== execution.id);
        const previous = panel.executions.find((e) => e.id === execution.id);
        const merged = { ...execution, output: previous?.output ?? "" };
        return { ...panel, executions: [merged, ...others].sort((a, b) => b.queuedAt.localeCompare(a.queuedAt)) };
      });
      // The final record holds the whole stored tail: fetch it once the step has ended.
      if (!["queued", "running"].includes(execution.status)) void queryClient.invalidateQueries({ queryKey: stepKeys.panel(taskId) });
    };
    const onOutput = (event: TStepOutputEvent) => {
      if (event.taskStateId !== taskId) return;
      queryClient.setQueryData<TOutputLine[]>(stepKeys.output(event.executionId), (current) => mergeLines(current, event.lines));
    };
    const onChecklist = (event: { taskId: string; checklistDone: number[]; version: number }) => {
      if (event.taskId !== taskId) return;
      queryClient.setQueryData<TTaskPanelDto>(stepKeys.panel(taskId), (panel) => (panel && panel.task.version <= event.version ? { ...panel, task: { ...panel.task, checklistDone: event.checklistDone, version: event.version } } : panel));
    };
    const onTask = (task: TTaskDto) => {
      if (task.id !== taskId) return;
      queryClient.setQueryData<TTaskPanelDto>(stepKeys.panel(taskId), (panel) =>
        panel && task.version >= panel.task.version ? { ...panel, task: { ...panel.task, status: task.status, version: task.version, reason: task.reason } } : panel,
      );
    };
    socket.on("connect", join);
    socket.on(STEP_EVENTS_WIRE.execution, onExecution);
    socket.on(STEP_EVENTS_WIRE.output, onOutput);
    socket.on(STEP_EVENTS_WIRE.checklist, onChecklist);
    socket.on("task.updated", onTask);
    if (socket.connected) void join();
    return () => {
      socket.off("connect", join);
      socket.off(STEP_EVENTS_WIRE.execution, onExecution);
      socket.off(STEP_EVENTS_WIRE.output, onOutput);
      socket.off(STEP_EVENTS_WIRE.checklist, onChecklist);
      socket.off("task.updated", onTask);
    };
  }, [runId, taskId, queryClient]);

  return query;
}

export function useOutputLines(executionId: string | undefined): TOutputLine[] {
  const { data } = useQuery({
    queryKey: stepKeys.output(executionId ?? "none"),
    queryFn: async () => [] as TOutputLine[],
    enabled: false,
    initialData: [] as TOutputLine[],
  });
  return executionId ? data : [];
}
