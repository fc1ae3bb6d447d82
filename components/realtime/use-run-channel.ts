"use client";
// Follows one run live: joins run:<id>, applies events to the TanStack Query cache, and refetches after
// every reconnect so a dropped connection never leaves a stale screen.
import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { TActivityItem, TPresenceEntry, TRunDetail, TRunDto, TStatusUpdateDto, TTaskDto } from "@/lib/runs/dto";
import { getSocket, joinRoom } from "./socket";

export const runKeys = {
  detail: (runId: string) => ["runs", runId] as const,
  myTasks: ["my-tasks"] as const,
};

export type ChannelState = { connected: boolean; error: string | null; presence: TPresenceEntry[] };

type MyTasksData = Array<{ run: TRunDto; mine: TTaskDto[]; all: Array<Partial<TTaskDto> & { key: string }> }>;

/** Replaces a cached entity only with a newer version (events can cross an optimistic update or a refetch). */
function newer<T extends { version: number }>(current: T, incoming: T): T {
  return incoming.version >= current.version ? incoming : current;
}

export function applyTaskToDetail(detail: TRunDetail | undefined, task: TTaskDto): TRunDetail | undefined {
  if (!detail) return detail;
  return { ...detail, tasks: detail.tasks.map((t) => (t.id === task.id ? newer(t, task) : t)) };
}

export function applyTaskToMyTasks(data: MyTasksData | undefined, task: TTaskDto): MyTasksData | undefined {
  if (!data) return data;
  return data.map((group) =>
    group.run.id !== task.runId
      ? group
      : { ...group, mine: group.mine.map((t) => (t.id === task.id ? newer(t, task) : t)), all: group.all.map((t) => (t.key === task.key ? { ...t, status: task.status } : t)) },
  );
}

export function useRunChannel(runId: string | null, options: { includeMyTasks?: boolean } = {}): ChannelState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ChannelState>({ connected: false, error: null, presence: [] });

  useEffect(() => {
    if (!runId) return;
    const socket = getSocket();
    const room = `run:${runId}`;
    const key = runKeys.detail(runId);
    let joinedOnce = false;

    const join = async () => {
      const answer = await joinRoom(socket, room);
      setState((s) => ({ ...s, connected: answer.ok, error: answer.ok ? null : answer.error }));
      // The first join follows a fresh page load; every later one follows a reconnect: resync.
      if (answer.ok && joinedOnce) {
        void queryClient.invalidateQueries({ queryKey: key });
        if (options.includeMyTasks) void queryClient.invalidateQueries({ queryKey: runKeys.myTasks });
      }
      joinedOnce = joinedOnce || answer.ok;
    };
    const onDisconnect = () => setState((s) => ({ ...s, connected: false }));
    const onRun = (run: TRunDto) => {
      if (run.id !== runId) return;
      queryClient.setQueryData<TRunDetail>(key, (d) => (d ? { ...d, run: newer(d.run, run) } : d));
      if (options.includeMyTasks) queryClient.setQueryData<MyTasksData>(runKeys.myTasks, (d) => d?.map((g) => (g.run.id === run.id ? { ...g, run: newer(g.run, run) } : g)));
    };
    const onTask = (task: TTaskDto) => {
      if (task.runId !== runId) return;
      queryClient.setQueryData<TRunDetail>(key, (d) => applyTaskToDetail(d, task));
      if (options.includeMyTasks) queryClient.setQueryData<MyTasksData>(runKeys.myTasks, (d) => applyTaskToMyTasks(d, task));
    };
    const onActivity = (item: TActivityItem & { runId?: string }) => {
      if (item.runId && item.runId !== runId) return;
      queryClient.setQueryData<TRunDetail>(key, (d) => (d && !d.activity.some((a) => a.id === item.id) ? { ...d, activity: [item, ...d.activity].slice(0, 200) } : d));
    };
    const onStatusUpdate = (update: TStatusUpdateDto) => {
      if (update.runId !== runId) return;
      queryClient.setQueryData<TRunDetail>(key, (d) => (d && !d.statusUpdates.some((u) => u.id === update.id) ? { ...d, statusUpdates: [update, ...d.statusUpdates] } : d));
    };
    const onPresence = (p: { room: string; people: TPresenceEntry[] }) => {
      if (p.room === room) setState((s) => ({ ...s, presence: p.people }));
    };

    socket.on("connect", join);
    socket.on("disconnect", onDisconnect);
    socket.on("run.updated", onRun);
    socket.on("task.updated", onTask);
    socket.on("activity", onActivity);
    socket.on("status.posted", onStatusUpdate);
    socket.on("presence", onPresence);
    if (socket.connected) void join();
    return () => {
      socket.off("connect", join);
      socket.off("disconnect", onDisconnect);
      socket.off("run.updated", onRun);
      socket.off("task.updated", onTask);
      socket.off("activity", onActivity);
      socket.off("status.posted", onStatusUpdate);
      socket.off("presence", onPresence);
      socket.emit("leave", { room });
    };
  }, [runId, queryClient, options.includeMyTasks]);

  return state;
}
