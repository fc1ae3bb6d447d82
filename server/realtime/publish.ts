import "server-only";
import { getIo } from "./io";
import { logger } from "@/server/logger";

/** A message for the clients in one room, e.g. run:<id> or status:<slug>, minus those in `except` rooms. */
export type RealtimeMessage = { room: string; event: string; payload: unknown; except?: string[] };

/** Every socket that connected without a session or token is also in this room (see server.ts). */
export const ANONYMOUS_ROOM = "anonymous";

/**
 * Sends messages to their rooms. Called only after a transaction commits, so no client ever sees an
 * uncommitted change. With the Redis adapter, the emit reaches clients on every app process.
 */
export function publishAll(messages: RealtimeMessage[]) {
  const io = getIo();
  if (!io || messages.length === 0) return;
  for (const message of messages) {
    try {
      const target = io.to(message.room);
      (message.except?.length ? target.except(message.except) : target).emit(message.event, message.payload);
    } catch (error) {
      logger.warn({ err: error, room: message.room }, "realtime publish failed");
    }
  }
}
