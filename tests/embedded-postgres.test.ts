// The embedded default is where every new user starts, so it is tested for real: initdb, start, migrate,
// restart with data kept, a second process attaching to the running server, clean stop.
import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedHandle } from "@/server/db/embedded";
import { runMigrations } from "@/server/db/migrate";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "fd-embedded-"));
fs.chmodSync(root, 0o755);
const handles: EmbeddedHandle[] = [];

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  afterAll(async () => {
    for (const handle of handles.reverse()) await handle.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("initialises, migrates, keeps data across a restart and stops cleanly", async () => {
    process.env.FLIGHTDECK_DATA_DIR = root;
    process.env.FLIGHTDECK_PG_PORT = "0";
    const first = await startEmbeddedPostgres();
    handles.push(first);
    expect(first.startedHere).toBe(true);
    expect(new URL(first.url).port).not.toBe("5432");
    await runMigrations(first.url);
    await runMigrations(first.url); // a second migration run is a no-op
    await query(first.url, "INSERT INTO settings (key, value) VALUES ('probe', '\"kept\"'::jsonb)");

    // Another process on the same data folder attaches instead of starting a second server.
    const attached = await startEmbeddedPostgres();
    expect(attached.startedHere).toBe(false);
    expect(new URL(attached.url).port).toBe(new URL(first.url).port);

    await first.stop();
    handles.pop();
    expect(fs.existsSync(path.join(root, "pg", "postmaster.pid"))).toBe(false);

    const second = await startEmbeddedPostgres();
    handles.push(second);
    expect(second.startedHere).toBe(true);
    const rows = await query(second.url, "SELECT value FROM settings WHERE key = 'probe'");
    expect(rows).toEqual([{ value: "kept" }]);
  }, 60_000);
});
