import "server-only";
import { getIo } from "./io";
import { logger } from "@/server/logger";

/** A message for the clients in one room, e.g. run:<id> or status:<slug>. */
export type RealtimeMessage = { room: string; event: string; payload: unknown };

/**
 * Sends messages to their rooms. Called only after a transaction commits, so no client ever sees an
 * uncommitted change. With the Redis adapter, the emit reaches clients on every app process.
 */
export function publishAll(messages: RealtimeMessage[]) {
  const io = getIo();
  if (!io || messages.length === 0) return;
  for (const message of messages) {
    try {
      io.to(message.room).emit(message.event, message.payload);
    } catch (error) {
      logger.warn({ err: error, room: message.room }, "realtime publish failed");
    }
  }
}
