// The custom server: Next.js and socket.io on one port, after the database is up and migrated.
import http from "node:http";
import next from "next";
import { Server as IoServer } from "socket.io";
import { bootstrapDatabase } from "@/server/db/bootstrap";
import { closeDb } from "@/server/db/client";
import { setIo } from "@/server/realtime/io";
import { attachRealtime } from "@/server/realtime/server";
import { onStartup } from "@/server/startup";
import { logger } from "@/server/logger";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";
const dev = process.env.NODE_ENV !== "production";
const trustProxy = process.env.TRUST_PROXY === "1";

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.NEXTAUTH_URL ??= `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`;
  const database = await bootstrapDatabase();
  const startup = await onStartup();

  const app = next({ dev, hostname, port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  const httpServer = http.createServer((req, res) => {
    // The client address recorded in audit events and used by the login throttle. Only a proxy we were
    // told to trust may supply it; otherwise a client could forge X-Forwarded-For to dodge the per-IP limit.
    if (!trustProxy) {
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
      delete req.headers["x-real-ip"];
    }
    return handle(req, res);
  });
  const io = new IoServer(httpServer, { path: "/socket.io", serveClient: false });
  setIo(io);
  const realtime = await attachRealtime(io);

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    io.close();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    await startup.stop();
    await realtime.stop();
    await closeDb();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  httpServer.listen(port, hostname, () => {
    logger.info({ url: `http://${hostname}:${port}`, embeddedDatabase: database.embedded }, "Flightdeck control room is up");
  });
}

main().catch((error) => {
  logger.error({ err: error }, "Flightdeck failed to start");
  process.exit(1);
});
