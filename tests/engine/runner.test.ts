// The step runner in one process, on real PostgreSQL, real child processes and a real socket.io room:
// run → stream → record → task moves; refusals; cancel; timeout; secret redaction; retry after failure;
// the in-request kinds (notify, maintenance, checklist, gate) and the lead's action edit.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Server as IoServer } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { and, eq } from "drizzle-orm";
import { auditEvents, runs, stepExecutions } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import type { TOutputLine, TStepOutputEvent } from "@/lib/actions/output";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { executeAction } from "@/server/actions/pipeline";
import { isActionError } from "@/server/actions/errors";
import { getDb } from "@/server/db/client";
import { setIo } from "@/server/realtime/io";
import { startEngine, type EngineHandle } from "@/server/engine";
import { stepsActions } from "@/server/actions/steps";
import { DBA, LEAD, QA, STAKEHOLDER, commandAction, execution, groupAlive, makeRun, task, waitFor, waitForStatus } from "./helpers";

process.env.FLIGHTDECK_KILL_GRACE_MS = "800";
process.env.FLIGHTDECK_STEP_HEARTBEAT_MS = "250";
const SECRET = "tok-S3CRET-9f8e7d6c";
process.env.FLIGHTDECK_SECRET_TEST_TOKEN = SECRET;

let db: TestDatabase;
let engine: EngineHandle;
let httpServer: http.Server;
let ioServer: IoServer;
const streamed = new Map<string, TOutputLine[]>();
let client: Socket;

async function act(name: keyof typeof stepsActions, input: unknown, actor: Actor) {
  return executeAction(stepsActions[name] as never, input, { actor }) as Promise<Record<string, unknown>>;
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isActionError(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function runStep(taskId: string, actor: Actor = LEAD): Promise<string> {
  const result = (await act("steps.run", { taskId }, actor)) as { execution: { id: string } };
  return result.execution.id;
}

function join(runId: string) {
  client.emit("join", `run:${runId}`);
}

beforeAll(async () => {
  db = await createTestDatabase("fd_engine");
  httpServer = http.createServer();
  ioServer = new IoServer(httpServer);
  // A bare room server: the app's own socket auth is the realtime area's; here we only watch events.
  ioServer.on("connection", (socket) => socket.on("join", (room: string) => void socket.join(room)));
  await new Promise<void>((r) => httpServer.listen(0, "127.0.0.1", r));
  setIo(ioServer);
  const port = (httpServer.address() as { port: number }).port;
  client = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"] });
  client.on("step.output", (event: TStepOutputEvent) => streamed.set(event.executionId, [...(streamed.get(event.executionId) ?? []), ...event.lines]));
  await new Promise<void>((r) => client.once("connect", () => r()));
  engine = await startEngine({ workers: true, concurrency: 3 });
});

afterAll(async () => {
  await engine?.stop();
  client?.close();
  ioServer?.close();
  setIo(undefined);
  await db?.drop();
});

describe("running a command step", () => {
  it("streams and stores interleaved, timestamped output, records exit code, duration and actor, completes the task", async () => {
    const { run, tasks } = await makeRun([
      { title: "Execute database migrations", action: commandAction([["node", "-e", "console.log('migrating'); console.error('warn: slow'); console.log('done')"], ["node", "-e", "console.log('verified')"]]) },
    ]);
    join(run.id);
    await new Promise((r) => setTimeout(r, 50));
    const id = await runStep(tasks[0].id, DBA);
    const row = await waitForStatus(id, ["succeeded", "failed"]);
    expect(row.status).toBe("succeeded");
    expect(row.exitCode).toBe(0);
    expect(row.actorName).toBe(DBA.name);
    expect(row.durationMs).toBeGreaterThan(0);
    expect(row.output).toMatch(/^\d+ \S+Z s \$ node -e/m);
    expect(row.output).toMatch(/ o migrating$/m);
    expect(row.output).toMatch(/ e warn: slow$/m);
    expect(row.output).toMatch(/ o verified$/m);
    expect((await task(tasks[0].id)).status).toBe("completed");
    await waitFor("streamed output", async () => (streamed.get(id) ?? []).some((l) => l.text === "verified"));
    const lines = streamed.get(id)!;
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i));
    expect(lines.find((l) => l.text === "warn: slow")?.stream).toBe("stderr");
    const audited = await getDb().select({ action: auditEvents.action, actor: auditEvents.actorId }).from(auditEvents).where(eq(auditEvents.runId, run.id));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(["tasks.start", "steps.run", "steps.started", "steps.finished", "tasks.complete"]));
    expect(audited.find((a) => a.action === "steps.finished")?.actor).toBe("system:runner");
  });

  it("refuses a second run while it runs (409), and a run request carrying its own command", async () => {
    const { tasks } = await makeRun([{ title: "Long", action: commandAction([["sleep", "2"]]) }]);
    const id = await runStep(tasks[0].id);
    const second = await refusal(runStep(tasks[0].id));
    expect(second.status).toBe(409);
    expect(second.message).toMatch(/already running/);
    const injected = await refusal(act("steps.run", { taskId: tasks[0].id, argv: ["rm", "-rf", "/"] }, LEAD));
    expect(injected.status).toBe(400);
    await waitForStatus(id, ["succeeded"]);
  });

  it("refuses a task another role owns, and a stakeholder", async () => {
    const { tasks } = await makeRun([{ title: "DBA only", owner: "Database Administrator", action: commandAction([["true"]]) }]);
    expect((await refusal(runStep(tasks[0].id, QA))).status).toBe(403);
    expect((await refusal(runStep(tasks[0].id, STAKEHOLDER))).status).toBe(403);
    const denied = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, "steps.run"), eq(auditEvents.outcome, "denied")));
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it("fails the task when the exit code is not the expected one, with the output tail as the reason; a retry carries on", async () => {
    const { tasks } = await makeRun([
      { title: "Run smoke tests", owner: "QA Engineer", action: commandAction([["node", "-e", "console.log('checking'); console.error('✖ smoke: 3 of 50 requests failed'); process.exit(1)"]]) },
    ]);
    const id = await runStep(tasks[0].id, QA);
    const row = await waitForStatus(id, ["succeeded", "failed"]);
    expect(row.status).toBe("failed");
    expect(row.exitCode).toBe(1);
    expect(row.error).toMatch(/exited with 1 \(expected exit code 0\)/);
    const failed = await waitFor("task failed", async () => ((await task(tasks[0].id)).status === "failed" ? task(tasks[0].id) : null));
    expect(failed.reason).toMatch(/smoke: 3 of 50 requests failed/);

    // The lead fixes the action; the owner retries the failed step and the task completes.
    await act("tasks.editAction", { taskId: tasks[0].id, action: commandAction([["node", "-e", "console.log('all good')"]]), reason: "Smoke test fixed" }, LEAD);
    const retry = await runStep(tasks[0].id, QA);
    expect((await waitForStatus(retry, ["succeeded", "failed"])).status).toBe("succeeded");
    expect((await task(tasks[0].id)).status).toBe("completed");
  });

  it("fails cleanly when the program does not exist or the cwd escapes through a symlink", async () => {
    const { tasks } = await makeRun([{ title: "Missing", action: commandAction([["definitely-not-a-program-xyz"]]) }]);
    const id = await runStep(tasks[0].id);
    const row = await waitForStatus(id, ["failed"]);
    expect(row.error).toMatch(/Cannot start definitely-not-a-program-xyz: ENOENT/);

    // A cwd that passes the path check but leads outside through a symlink is caught at run time.
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "fd-repo-"));
    fs.symlinkSync(os.tmpdir(), path.join(repo, "escape"));
    process.env.FLIGHTDECK_REPO_DIR = repo;
    try {
      const { tasks: more } = await makeRun([{ title: "Escape", action: commandAction([["true"]], { cwd: "escape" }) }]);
      const escaped = await waitForStatus(await runStep(more[0].id), ["failed", "succeeded"]);
      expect(escaped.status).toBe("failed");
      expect(escaped.error).toMatch(/leads outside the repository/);
    } finally {
      delete process.env.FLIGHTDECK_REPO_DIR;
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe("cancel and timeout", () => {
  it("the lead cancels a running sleep 30: SIGTERM to the group, status cancelled, process gone, task failed", async () => {
    const { tasks } = await makeRun([{ title: "Deploy", owner: "DevOps Engineer", action: commandAction([["sleep", "30"]]) }]);
    const id = await runStep(tasks[0].id);
    const running = await waitFor("pid", async () => {
      const row = await execution(id);
      return row.status === "running" && row.pid ? row : null;
    });
    const pid = running.pid!;
    expect(groupAlive(pid)).toBe(true);
    expect((await refusal(act("steps.cancel", { executionId: id }, DBA))).status).toBe(403);
    const started = Date.now();
    await act("steps.cancel", { executionId: id, reason: "Wrong window" }, LEAD);
    const row = await waitForStatus(id, ["cancelled"], 10_000);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(row.cancelRequestedBy).toBe(LEAD.name);
    expect(row.output).toMatch(/cancel requested by Lee Lead/);
    expect(groupAlive(pid)).toBe(false);
    expect((await task(tasks[0].id)).status).toBe("failed");
    expect((await refusal(act("steps.cancel", { executionId: id }, LEAD))).status).toBe(409);
  });

  it("times out: SIGTERM, then SIGKILL for a process that ignores it; status timed_out", async () => {
    const { tasks } = await makeRun([
      { title: "Stubborn", action: commandAction([["node", "-e", "process.on('SIGTERM', () => console.log('ignoring SIGTERM')); console.log('up'); setInterval(() => {}, 1000)"]], { timeoutSeconds: 1 }) },
    ]);
    const id = await runStep(tasks[0].id);
    const row = await waitForStatus(id, ["timed_out"], 10_000);
    expect(row.output).toMatch(/timed out after 1 s/);
    expect(row.output).toMatch(/ignoring SIGTERM/);
    expect(row.output).toMatch(/sent SIGKILL/);
    expect(row.durationMs).toBeGreaterThanOrEqual(1000);
    expect(row.durationMs).toBeLessThan(6000);
    expect((await task(tasks[0].id)).reason).toMatch(/timed out/i);
  });
});

describe("secrets", () => {
  it("redacts a secret env value from stored and streamed output, even split across chunks and streams", async () => {
    const script = [
      "const s = process.env.API_TOKEN;",
      "process.stdout.write('token=' + s.slice(0, 6));",
      "setTimeout(() => { process.stdout.write(s.slice(6) + ' end\\n'); process.stderr.write('err ' + s + '\\n'); }, 300);",
      "setTimeout(() => { process.stdout.write('partial ' + s.slice(0, 3)); }, 500);",
      "setTimeout(() => { process.stdout.write(s.slice(3) + '\\n'); process.stdout.write('inline ' + process.env.INLINE + '\\n'); }, 1200);",
    ].join(" ");
    const { run, tasks } = await makeRun([
      {
        title: "Secretive",
        action: commandAction([["node", "-e", script]], {
          env: [
            { name: "API_TOKEN", secretRef: "TEST_TOKEN", secret: true },
            { name: "INLINE", value: "inline-pa55word", secret: true },
          ],
        }),
      },
    ]);
    join(run.id);
    await new Promise((r) => setTimeout(r, 50));
    const id = await runStep(tasks[0].id);
    const row = await waitForStatus(id, ["succeeded", "failed"]);
    expect(row.status).toBe("succeeded");
    await waitFor("streamed end", async () => (streamed.get(id) ?? []).some((l) => l.text.startsWith("inline")));
    const live = streamed.get(id)!.map((l) => l.text).join("\n");
    for (const text of [row.output, live]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("inline-pa55word");
      for (const piece of ["S3CRET", "9f8e7d6c"]) expect(text).not.toContain(piece);
      expect(text).toContain("token=[redacted] end");
      expect(text).toContain("err [redacted]");
      expect(text).toContain("partial [redacted]");
      expect(text).toContain("inline [redacted]");
    }
    // Nor in the audit log or the API's view of the action.
    const audit = await getDb().select().from(auditEvents).where(eq(auditEvents.runId, run.id));
    expect(JSON.stringify(audit)).not.toContain("inline-pa55word");
    const [stored] = await getDb().select().from(stepExecutions).where(eq(stepExecutions.id, id));
    const { toExecutionDto } = await import("@/server/engine/executions");
    expect(JSON.stringify(toExecutionDto(stored))).not.toContain("inline-pa55word");
  });

  it("fails the step, without starting anything, when a secret reference is not configured", async () => {
    const { tasks } = await makeRun([{ title: "No secret", action: commandAction([["true"]], { env: [{ name: "X", secretRef: "NOT_CONFIGURED", secret: true }] }) }]);
    const row = await waitForStatus(await runStep(tasks[0].id), ["failed"]);
    expect(row.error).toMatch(/FLIGHTDECK_SECRET_NOT_CONFIGURED/);
  });
});

describe("http steps", () => {
  it("calls the URL with secret headers, checks the status, redacts echoes", async () => {
    const server = http.createServer((req, res) => {
      res.statusCode = req.url === "/ok" ? 200 : 503;
      res.end(`auth was ${req.headers.authorization}\n`);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const headers = [{ name: "Authorization", secretRef: "TEST_TOKEN", secret: true }];
    const { tasks } = await makeRun([
      { title: "Health ok", action: { kind: "http", url: `${base}/ok`, headers } },
      { title: "Health bad", action: { kind: "http", url: `${base}/bad`, headers } },
    ]);
    const ok = await waitForStatus(await runStep(tasks[0].id), ["succeeded", "failed"]);
    const bad = await waitForStatus(await runStep(tasks[1].id), ["succeeded", "failed"]);
    server.close();
    expect(ok.status).toBe("succeeded");
    expect(ok.exitCode).toBe(200);
    expect(ok.output).toContain("auth was [redacted]");
    expect(ok.output).not.toContain(SECRET);
    expect(bad.status).toBe("failed");
    expect(bad.error).toMatch(/answered 503 \(expected 200\)/);
  });
});

describe("in-request kinds", () => {
  it("notify, maintenance, checklist and gate", async () => {
    const { run, tasks } = await makeRun([
      { title: "Send stakeholder notifications", owner: "Deployment Lead", action: { kind: "notify", roles: ["QA Engineer"], message: "Deploying now" } },
      { title: "Activate maintenance page", owner: "Deployment Lead", action: { kind: "maintenance", enabled: true } },
      { title: "Pre-deployment team briefing", owner: "Database Administrator", action: { kind: "manual", checklist: ["Backups checked", "Team present"] } },
      { title: "Go/No-Go", owner: "Deployment Lead", action: { kind: "gate", role: "Deployment Lead" } },
    ]);
    await runStep(tasks[0].id);
    expect((await task(tasks[0].id)).status).toBe("completed");

    await runStep(tasks[1].id);
    const [after] = await getDb().select().from(runs).where(eq(runs.id, run.id));
    expect(after.maintenanceNotice).toBe(true);

    expect((await refusal(runStep(tasks[2].id, DBA))).message).toMatch(/checklist/);
    await act("tasks.checklist", { taskId: tasks[2].id, index: 1, done: true }, DBA);
    expect((await task(tasks[2].id)).checklistDone).toEqual([1]);
    expect((await refusal(act("tasks.checklist", { taskId: tasks[2].id, index: 0, done: true }, QA))).status).toBe(403);
    expect((await refusal(act("tasks.checklist", { taskId: tasks[2].id, index: 5, done: true }, DBA))).status).toBe(400);

    expect((await refusal(act("tasks.decide", { taskId: tasks[3].id, decision: "go", note: "" }, LEAD))).status).toBe(400);
    expect((await refusal(act("tasks.decide", { taskId: tasks[3].id, decision: "go", note: "Looks fine" }, DBA))).status).toBe(403);
    await act("tasks.decide", { taskId: tasks[3].id, decision: "no_go", note: "Error budget spent" }, LEAD);
    const gate = await task(tasks[3].id);
    expect(gate.status).toBe("failed");
    expect(gate.reason).toBe("No-go: Error budget spent");
  });

  it("only a lead or admin edits an action, and only to a valid one", async () => {
    const { tasks } = await makeRun([{ title: "Editable", action: null }]);
    expect((await refusal(act("tasks.editAction", { taskId: tasks[0].id, action: commandAction([["true"]]), reason: "add it" }, DBA))).status).toBe(403);
    expect((await refusal(act("tasks.editAction", { taskId: tasks[0].id, action: { kind: "command", steps: [{ argv: ["sh", "-c", "true"] }] }, reason: "add it" }, LEAD))).status).toBe(400);
    await act("tasks.editAction", { taskId: tasks[0].id, action: commandAction([["true"]], { cwd: "deployment" }), reason: "add it" }, LEAD);
    expect((await task(tasks[0].id)).action).toMatchObject({ kind: "command", cwd: "deployment" });
  });
});
