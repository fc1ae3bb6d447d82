// Scale-out: two app processes on one PostgreSQL and one Redis. An action sent to process A reaches a
// browser connected to process B, through the Redis adapter.
import { test, expect } from "@playwright/test";
import { createDatabase, startServer, type ServerProcess } from "./server-process";
import { signIn } from "./fixtures";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

test.describe("two app processes", () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let drop: () => Promise<void>;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const database = await createDatabase("fd_e2e_scale");
    drop = database.drop;
    // A first, so migrations, seed and demo accounts happen once; B then joins the same database.
    a = await startServer({ port: 3320, env: { DATABASE_URL: database.url, REDIS_URL, NEXTAUTH_SECRET: "scale-out-e2e-secret" } });
    b = await startServer({ port: 3321, env: { DATABASE_URL: database.url, REDIS_URL, NEXTAUTH_SECRET: "scale-out-e2e-secret" } });
  });

  test.afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await drop?.();
  });

  test("a task completed through process A shows on a lead's screen served by process B", async ({ browser }) => {
    const leadOnB = await browser.newContext({ baseURL: b.url });
    await signIn(leadOnB.request, "lead");
    const dbaOnA = await browser.newContext({ baseURL: a.url });
    await signIn(dbaOnA.request, "dba");

    const plans = (await (await leadOnB.request.get("/api/v1/plans")).json()).data as Array<{ latest: { id: string } }>;
    const run = (await (await leadOnB.request.post("/api/v1/runs", { data: { planVersionId: plans[0].latest.id, title: "Scale-out run" } })).json()).data as { id: string };
    expect((await leadOnB.request.post(`/api/v1/runs/${run.id}/start`, { data: {} })).ok()).toBeTruthy();
    const tasks = ((await (await leadOnB.request.get(`/api/v1/runs/${run.id}`)).json()).data as { tasks: Array<{ id: string; key: string; title: string }> }).tasks;
    const briefing = tasks.find((t) => t.title === "Pre-deployment team briefing")!;
    const backups = tasks.find((t) => t.title === "Verify system backups")!;
    expect((await leadOnB.request.post(`/api/v1/tasks/${briefing.id}/complete`, { data: {} })).ok()).toBeTruthy();

    const page = await leadOnB.newPage();
    await page.goto(`/runs/${run.id}`);
    await expect(page.getByText("Live", { exact: true })).toBeVisible();
    const row = page.getByTestId(`task-${backups.key}`);
    await expect(row).toHaveAttribute("data-status", "not_started");

    const response = await dbaOnA.request.post(`/api/v1/tasks/${backups.id}/complete`, { data: {} });
    expect(response.status()).toBe(200);
    await expect(row).toHaveAttribute("data-status", "completed", { timeout: 2_000 });
    await leadOnB.close();
    await dbaOnA.close();
  });
});
