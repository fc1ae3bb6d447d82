"use client";
import { io, type Socket } from "socket.io-client";

// One socket per tab, shared by every channel hook: the browser sends the session cookie with the
// handshake, which is how the server knows who we are before any join.
let shared: Socket | null = null;

export function getSocket(): Socket {
  if (!shared) shared = io({ path: "/socket.io", transports: ["websocket", "polling"], withCredentials: true });
  return shared;
}

export type JoinAnswer = { ok: true } | { ok: false; error: string };

export function joinRoom(socket: Socket, room: string): Promise<JoinAnswer> {
  return socket.timeout(5000).emitWithAck("join", { room }).catch(() => ({ ok: false as const, error: "The server did not answer the join." }));
}
