import "server-only";
import type { Server as IoServer, Socket } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { logger } from "@/server/logger";
import { ANONYMOUS_ROOM } from "./publish";
import type { Actor } from "@/lib/auth/permissions";
import type { TPresenceEntry } from "@/lib/runs/dto";
import { actorFromHandshake } from "./socket-auth";
import { authorizeJoin } from "./rooms";

type SocketData = { actor: Actor | null };
type Ack = (answer: { ok: true } | { ok: false; error: string }) => void;

/**
 * Wires socket.io: the Redis adapter when REDIS_URL is set (fan-out across app processes), then the
 * authentication and room-join rules: a socket is identified in the handshake, before any join, and
 * every join asks authorizeJoin.
 */
export async function attachRealtime(io: IoServer): Promise<{ stop: () => Promise<void> }> {
  const closers: Array<() => Promise<unknown>> = [];
  // Presence recounts run after disconnects; once stopping, they must not publish to a closed Redis.
  const life = { stopped: false };
  if (process.env.REDIS_URL) {
    const pub = createClient({ url: process.env.REDIS_URL });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    closers.push(() => pub.quit(), () => sub.quit());
    logger.info("socket.io fans out through Redis");
  }

  io.use(async (socket, next) => {
    try {
      (socket.data as SocketData).actor = await actorFromHandshake({ headers: socket.handshake.headers, auth: socket.handshake.auth });
      next();
    } catch (error) {
      logger.warn({ err: error }, "socket authentication failed");
      next(new Error("authentication failed"));
    }
  });

  io.on("connection", (socket) => {
    const actor = (socket.data as SocketData).actor;
    // Signed-out sockets are marked, so a run whose status page turns private stops reaching those that
    // joined while it was public (see statusMessage in server/runs/mutations.ts).
    if (!actor) void socket.join(ANONYMOUS_ROOM);
    socket.emit("hello", { serverTime: new Date().toISOString(), signedIn: !!actor });

    socket.on("join", async (payload: { room?: unknown } | undefined, ack?: Ack) => {
      const reply: Ack = typeof ack === "function" ? ack : () => {};
      try {
        const decision = await authorizeJoin(actor, payload?.room);
        if (!decision.ok) {
          logger.info({ room: payload?.room, actor: actor?.id ?? null }, "socket join refused");
          return reply({ ok: false, error: decision.error });
        }
        await socket.join(decision.room);
        reply({ ok: true });
        if (decision.room.startsWith("run:")) void broadcastPresence(io, decision.room);
      } catch (error) {
        logger.warn({ err: error }, "socket join failed");
        reply({ ok: false, error: "The server could not join you to that room." });
      }
    });

    socket.on("leave", async (payload: { room?: unknown } | undefined, ack?: Ack) => {
      if (typeof payload?.room === "string") {
        await socket.leave(payload.room);
        if (payload.room.startsWith("run:")) void broadcastPresence(io, payload.room);
      }
      if (typeof ack === "function") ack({ ok: true });
    });

    socket.on("disconnecting", () => {
      const runRooms = [...socket.rooms].filter((r) => r.startsWith("run:"));
      // After the socket has left, recount who is still there.
      setImmediate(() => runRooms.forEach((room) => !life.stopped && void broadcastPresence(io, room)));
    });
  });

  return {
    stop: async () => {
      life.stopped = true;
      io.disconnectSockets(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await Promise.allSettled(closers.map((close) => close()));
    },
  };
}

/** Who is connected to a run right now, by person (several tabs count once); works across processes through the adapter. */
export async function presenceOf(io: IoServer, room: string): Promise<TPresenceEntry[]> {
  const sockets = await io.in(room).fetchSockets();
  const people = new Map<string, TPresenceEntry>();
  for (const s of sockets) {
    const actor = (s.data as SocketData).actor;
    if (actor) people.set(actor.id, { userId: actor.id, name: actor.name, productRole: actor.productRole, teamRoles: actor.teamRoles });
  }
  return [...people.values()].sort((a, b) => a.productRole.localeCompare(b.productRole) || a.name.localeCompare(b.name));
}

async function broadcastPresence(io: IoServer, room: string) {
  try {
    io.to(room).emit("presence", { room, people: await presenceOf(io, room) });
  } catch (error) {
    logger.warn({ err: error, room }, "presence broadcast failed");
  }
}

export type { Socket };
