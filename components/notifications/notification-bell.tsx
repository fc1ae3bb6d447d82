"use client";
// The inbox in the nav: unread count on the bell, the list in a panel, "Mark read" per item. Live: the
// socket joins the reader's own room (user:<id>, checked on the server) and a ping refetches the list.
import { useEffect, useId, useRef, useState } from "react";
import Link from "next/link";
import clsx from "clsx";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { NOTIFICATION_EVENTS, type TNotificationDto } from "@/lib/runs/notifications";
import { formatAgo } from "@/lib/runs/progress";
import { apiCall, newKey } from "@/components/runs/api";
import { getSocket, joinRoom } from "@/components/realtime/socket";
import { useNow } from "@/components/runs/use-now";

type Inbox = { items: TNotificationDto[]; unread: number };
const KEY = ["notifications"] as const;

export function NotificationBell({ userId }: { userId: string }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const inbox = useQuery({ queryKey: KEY, queryFn: () => apiCall<Inbox>("/api/v1/notifications", { method: "GET" }), refetchInterval: 120_000 });

  useEffect(() => {
    const socket = getSocket();
    const refresh = () => void queryClient.invalidateQueries({ queryKey: KEY });
    const join = () => void joinRoom(socket, `user:${userId}`).then(refresh);
    if (socket.connected) join();
    socket.on("connect", join);
    socket.on(NOTIFICATION_EVENTS.created, refresh);
    socket.on(NOTIFICATION_EVENTS.acked, refresh);
    return () => {
      socket.off("connect", join);
      socket.off(NOTIFICATION_EVENTS.created, refresh);
      socket.off(NOTIFICATION_EVENTS.acked, refresh);
    };
  }, [queryClient, userId]);

  // Escape or a click outside closes the panel; focus goes back to the bell.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (!panelRef.current?.contains(e.target as Node) && !buttonRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const ack = useMutation({
    mutationFn: (id: string) => apiCall<{ id: string }>(`/api/v1/notifications/${id}/ack`, { idempotencyKey: newKey() }),
    onMutate: async (id) => {
      setError(null);
      await queryClient.cancelQueries({ queryKey: KEY });
      const before = queryClient.getQueryData<Inbox>(KEY);
      queryClient.setQueryData<Inbox>(KEY, (d) => (d ? { items: d.items.map((n) => (n.id === id ? { ...n, acked: true } : n)), unread: Math.max(0, d.unread - (d.items.find((n) => n.id === id && !n.acked) ? 1 : 0)) } : d));
      return { before };
    },
    onError: (e, _id, context) => {
      if (context?.before) queryClient.setQueryData(KEY, context.before);
      setError(e.message);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });

  const unread = inbox.data?.unread ?? 0;
  const label = unread ? `Notifications, ${unread} unread` : "Notifications";
  const now = useNow(30_000);

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        data-testid="notification-bell"
        onClick={() => setOpen((o) => !o)}
        className="relative inline-flex items-center gap-1.5 rounded px-2.5 py-1.5 text-slate-100 ring-1 ring-slate-700 hover:bg-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        <span className="hidden sm:inline">Inbox</span>
        {unread ? (
          <span aria-hidden="true" data-testid="notification-unread" className="rounded-full bg-amber-400 px-1.5 text-xs font-bold text-slate-950">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      <span className="sr-only" aria-live="polite">
        {unread ? `${unread} unread notification${unread === 1 ? "" : "s"}` : ""}
      </span>
      {open ? (
        <div ref={panelRef} id={panelId} role="region" aria-label="Notifications" className="absolute right-0 z-50 mt-2 w-[min(26rem,calc(100vw-2rem))] rounded-lg border border-slate-700 bg-slate-900 p-3 text-left shadow-xl">
          <h2 className="mb-2 text-base font-semibold text-slate-100">Notifications</h2>
          {inbox.isPending ? (
            <p className="text-slate-300">Loading…</p>
          ) : inbox.isError ? (
            <p role="alert" className="text-rose-300">
              Could not load notifications: {inbox.error.message}{" "}
              <button type="button" className="underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400" onClick={() => void inbox.refetch()}>
                Try again
              </button>
            </p>
          ) : inbox.data.items.length === 0 ? (
            <p className="text-slate-300">Nothing for you yet. Messages sent to your roles during a run show up here.</p>
          ) : (
            <ul className="max-h-[60vh] space-y-2 overflow-auto" data-testid="notification-list">
              {inbox.data.items.map((n) => (
                <li key={n.id} className={clsx("rounded border p-2", n.acked ? "border-slate-800 text-slate-300" : "border-amber-500/60 bg-slate-950 text-slate-50")}>
                  <p className="font-medium">
                    {!n.acked ? <span className="mr-1 text-amber-300">● <span className="sr-only">Unread: </span></span> : null}
                    {n.message}
                  </p>
                  <p className="mt-0.5 text-sm text-slate-400">
                    {n.fromName} · {now !== null ? formatAgo(now - Date.parse(n.createdAt)) : ""}
                    {n.runId && n.runTitle ? (
                      <>
                        {" · "}
                        <Link href={`/runs/${n.runId}`} className="text-sky-300 underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400" onClick={() => setOpen(false)}>
                          {n.runTitle}
                        </Link>
                      </>
                    ) : null}
                  </p>
                  {!n.acked ? (
                    <button
                      type="button"
                      onClick={() => ack.mutate(n.id)}
                      className="mt-1 rounded bg-slate-800 px-2 py-1 text-sm text-slate-100 ring-1 ring-slate-600 hover:bg-slate-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400"
                      aria-label={`Mark read: ${n.message}`}
                    >
                      Mark read
                    </button>
                  ) : (
                    <p className="mt-1 text-xs text-slate-400">✓ Read</p>
                  )}
                </li>
              ))}
            </ul>
          )}
          {error ? (
            <p role="alert" className="mt-2 text-sm text-rose-300">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
