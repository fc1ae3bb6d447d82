// One production build and one server on a fresh database with demo accounts, shared by the specs.
import { execFileSync } from "node:child_process";
import { createDatabase, startServer } from "./server-process";

export default async function globalSetup() {
  if (process.env.E2E_BASE_URL) return; // pointing at a server someone else runs
  if (!process.env.E2E_SKIP_BUILD) {
    execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  const database = await createDatabase("fd_e2e");
  const port = Number(process.env.E2E_PORT ?? 3210);
  const server = await startServer({ port, env: { DATABASE_URL: database.url } });
  process.env.E2E_DATABASE_URL = database.url;
  return async () => {
    await server.stop();
    if (process.env.E2E_KEEP_DB) console.log(`kept e2e database ${database.url}`);
    else await database.drop();
  };
}
