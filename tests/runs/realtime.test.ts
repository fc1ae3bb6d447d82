// Socket authentication and room joins over real sockets, plus fan-out through Redis between two
// socket.io servers (standing in for two app processes) sharing one PostgreSQL.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Server as IoServer } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { encode } from "next-auth/jwt";
import { and, eq } from "drizzle-orm";
import { apiTokens, runs as runsTable, taskStates, users } from "@/db/schema";
import { getDb } from "@/server/db/client";
import { hashApiToken } from "@/server/auth/actor";
import { setIo } from "@/server/realtime/io";
import { attachRealtime } from "@/server/realtime/server";
import { runsActions as A } from "@/server/actions/runs";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { importSeedPlan, personas, run } from "./setup";
import type { TRunDto } from "@/lib/runs/dto";

let db: TestDatabase;
const servers: Array<{ http: http.Server; io: IoServer; stop: () => Promise<void>; url: string }> = [];
const clients: Socket[] = [];
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let publicRun: TRunDto;
let privateRun: TRunDto;

async function startServer(redis: boolean) {
  const previous = process.env.REDIS_URL;
  if (redis) process.env.REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  else delete process.env.REDIS_URL;
  const server = http.createServer();
  const io = new IoServer(server, { path: "/socket.io", serveClient: false });
  const realtime = await attachRealtime(io);
  if (previous === undefined) delete process.env.REDIS_URL;
  else process.env.REDIS_URL = previous;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const entry = { http: server, io, stop: realtime.stop, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  servers.push(entry);
  return entry;
}

function client(url: string, opts: { token?: string; cookie?: string } = {}): Promise<Socket> {
  const socket = connect(url, { path: "/socket.io", transports: ["websocket"], auth: opts.token ? { token: opts.token } : {}, extraHeaders: opts.cookie ? { cookie: opts.cookie } : undefined, forceNew: true });
  clients.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("hello", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

const join = (socket: Socket, room: string) => socket.emitWithAck("join", { room }) as Promise<{ ok: boolean; error?: string }>;
const next = <T>(socket: Socket, event: string, timeoutMs = 3000) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });

async function user(key: string, productRole: string, teamRoles: string[]) {
  const [row] = await getDb().insert(users).values({ email: `${key}@x`, name: key, productRole, teamRoles }).returning();
  const token = `fd_${randomBytes(16).toString("hex")}`;
  await getDb().insert(apiTokens).values({ userId: row.id, name: "t", prefix: token.slice(0, 8), tokenHash: hashApiToken(token) });
  tokens[key] = token;
  ids[key] = row.id;
}

beforeAll(async () => {
  db = await createTestDatabase("fd_runs_rt");
  process.env.NEXTAUTH_SECRET = "test-secret-for-sockets";
  const planVersionId = await importSeedPlan();
  await user("lead", "lead", ["Deployment Lead"]);
  await user("dba", "engineer", ["Database Administrator"]);
  await user("stakeholder", "stakeholder", []);
  publicRun = await run(A["runs.create"], { planVersionId, title: "Public run", statusPublic: true }, personas.lead);
  privateRun = await run(A["runs.create"], { planVersionId, title: "Private run", statusPublic: false }, personas.lead);
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  for (const s of servers) {
    await s.stop();
    s.io.close();
  }
  setIo(undefined);
  await db?.drop();
});

describe("socket authentication and joins", () => {
  it("a socket without a session cannot join a run room; it may follow a public status page only", async () => {
    const { url } = await startServer(false);
    const anon = await client(url);
    expect(await join(anon, `run:${publicRun.id}`)).toEqual({ ok: false, error: "Sign in to follow a run." });
    expect((await join(anon, `status:${publicRun.slug}`)).ok).toBe(true);
    expect((await join(anon, `status:${privateRun.slug}`)).ok).toBe(false);
    expect((await join(anon, "admin:everything")).ok).toBe(false);
  });

  it("a stakeholder cannot join a run room (private or public); may read status pages", async () => {
    const { url } = servers[0];
    const s = await client(url, { token: tokens.stakeholder });
    expect((await join(s, `run:${privateRun.id}`)).ok).toBe(false);
    expect((await join(s, `run:${publicRun.id}`)).ok).toBe(false);
    expect((await join(s, `status:${privateRun.slug}`)).ok).toBe(true);
  });

  it("an engineer signed in by session cookie joins the run room, sees presence and committed changes", async () => {
    const { url, io } = servers[0];
    setIo(io);
    const jwt = await encode({ token: { sub: ids.dba, name: "dba" }, secret: process.env.NEXTAUTH_SECRET! });
    const eng = await client(url, { cookie: `next-auth.session-token=${jwt}` });
    const presence = next<{ people: Array<{ name: string; productRole: string }> }>(eng, "presence");
    expect(await join(eng, `run:${publicRun.id}`)).toEqual({ ok: true });
    expect((await presence).people.map((p) => p.name)).toContain("dba");

    const bad = await client(url, { cookie: "next-auth.session-token=forged" });
    expect((await join(bad, `run:${publicRun.id}`)).ok).toBe(false);

    const anon = await client(url);
    await join(anon, `status:${publicRun.slug}`);
    const gotTask = next<{ title: string; status: string }>(eng, "task.updated");
    const gotStatus = next<{ label: string; sentence: string }>(anon, "status.changed");
    await run(A["runs.start"], { runId: publicRun.id }, personas.lead);
    const [briefing] = await getDb().select().from(taskStates).where(and(eq(taskStates.runId, publicRun.id), eq(taskStates.title, "Pre-deployment team briefing")));
    await run(A["tasks.complete"], { taskId: briefing.id }, personas.lead);
    expect(await gotTask).toMatchObject({ title: "Pre-deployment team briefing", status: "completed" });
    const status = await gotStatus;
    expect(status.label).toBeTruthy();
    expect(JSON.stringify(status)).not.toMatch(/briefing|Deployment Lead/i);
  });
});

describe("a status page that turns private", () => {
  it("stops reaching signed-out followers at once, while signed-in readers keep getting it", async () => {
    const { url, io } = servers[0];
    setIo(io);
    const planVersionId = (await getDb().select().from(runsTable).where(eq(runsTable.id, publicRun.id)))[0].planVersionId;
    const turning = await run(A["runs.create"], { planVersionId, title: "Turns private", statusPublic: true }, personas.lead);
    await run(A["runs.start"], { runId: turning.id }, personas.lead);
    const anon = await client(url);
    const reader = await client(url, { token: tokens.stakeholder });
    expect((await join(anon, `status:${turning.slug}`)).ok).toBe(true);
    expect((await join(reader, `status:${turning.slug}`)).ok).toBe(true);

    // While public, both follow (the legitimate path).
    let anonBefore = next(anon, "status.changed");
    let readerBefore = next(reader, "status.changed");
    const [current] = await getDb().select().from(runsTable).where(eq(runsTable.id, turning.id));
    await run(A["runs.edit"], { runId: turning.id, expectedVersion: current.version, title: "Turns private (soon)" }, personas.lead);
    await Promise.all([anonBefore, readerBefore]);

    // The lead makes it private: the signed-out socket hears nothing more, the stakeholder still does.
    const [again] = await getDb().select().from(runsTable).where(eq(runsTable.id, turning.id));
    let anonHeard = false;
    anon.on("status.changed", () => (anonHeard = true));
    anon.on("status.posted", () => (anonHeard = true));
    readerBefore = next(reader, "status.changed");
    await run(A["runs.edit"], { runId: turning.id, expectedVersion: again.version, statusPublic: false }, personas.lead);
    await readerBefore;
    const readerPosted = next(reader, "status.posted");
    await run(A["runs.statusUpdate"], { runId: turning.id, bodyMarkdown: "Internal only now." }, personas.lead);
    await readerPosted;
    anonBefore = new Promise((resolve) => setTimeout(resolve, 500));
    await anonBefore;
    expect(anonHeard).toBe(false);
    // And it cannot come back in.
    expect((await join(anon, `status:${turning.slug}`)).ok).toBe(false);
  });
});

describe("scale-out through Redis", () => {
  it("an action published on server A reaches a client connected to server B, and presence spans both", async () => {
    const a = await startServer(true);
    const b = await startServer(true);
    const onB = await client(b.url, { token: tokens.dba });
    const onA = await client(a.url, { token: tokens.lead });
    await join(onB, `run:${privateRun.id}`);
    const presenceOnB = new Promise<string[]>((resolve) => {
      onB.on("presence", (p: { people: Array<{ name: string }> }) => {
        if (p.people.length >= 2) resolve(p.people.map((x) => x.name).sort());
      });
    });
    await join(onA, `run:${privateRun.id}`);
    expect(await presenceOnB).toEqual(["dba", "lead"]);

    setIo(a.io); // the action runs "in process A"
    const received = next<{ state: string }>(onB, "run.updated");
    await run(A["runs.start"], { runId: privateRun.id }, personas.lead);
    expect((await received).state).toBe("in_progress");
  });
});
