import "server-only";
import type { Server as IoServer } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { logger } from "@/server/logger";

/**
 * Wires socket.io: the Redis adapter when REDIS_URL is set (fan-out across app processes), then the
 * authentication and room-join rules (added by the realtime module).
 */
export async function attachRealtime(io: IoServer): Promise<{ stop: () => Promise<void> }> {
  const closers: Array<() => Promise<unknown>> = [];
  if (process.env.REDIS_URL) {
    const pub = createClient({ url: process.env.REDIS_URL });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    closers.push(() => pub.quit(), () => sub.quit());
    logger.info("socket.io fans out through Redis");
  }
  io.on("connection", (socket) => {
    socket.emit("hello", { serverTime: new Date().toISOString() });
  });
  return { stop: async () => void (await Promise.allSettled(closers.map((close) => close()))) };
}
