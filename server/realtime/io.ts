import "server-only";
import type { Server as IoServer } from "socket.io";

// The socket.io server lives in the custom server's module graph; Next's route handlers (a separate
// bundle in the same process) reach it through globalThis.
const holder = globalThis as unknown as { __flightdeckIo?: IoServer };

export function setIo(io: IoServer | undefined) {
  holder.__flightdeckIo = io;
}

export function getIo(): IoServer | undefined {
  return holder.__flightdeckIo;
}
