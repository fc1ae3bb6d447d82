// The rehearsal from the UI: an app server with the sandbox on (its own database and sandbox ports), a
// DBA runs the backup and migration steps from My Tasks and watches the output stream in, while the
// lead's control room shows the same output live; then a broken green fails the smoke test in the UI.
// (The whole seed procedure through the runner, with measured traffic shares, is tests/engine/rehearsal.test.ts.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test, expect, type BrowserContext } from "@playwright/test";
import { createDatabase, startServer, type ServerProcess } from "./server-process";
import { signIn } from "./fixtures";

const ROUTER_PORT = 47230;

test.describe("rehearsal from the UI", () => {
  let server: ServerProcess;
  let drop: () => Promise<void>;
  let dir: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const database = await createDatabase("fd_e2e_rehearsal");
    drop = database.drop;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fd-e2e-sandbox-"));
    server = await startServer({
      port: Number(process.env.E2E_REHEARSAL_PORT ?? 3353),
      env: {
        DATABASE_URL: database.url,
        FLIGHTDECK_SANDBOX: "1",
        FLIGHTDECK_SANDBOX_DIR: dir,
        SANDBOX_DATABASE_URL: database.url.replace(/\/([^/]+)$/, "/$1_sbx"),
        SANDBOX_ROUTER_PORT: String(ROUTER_PORT),
        SANDBOX_BLUE_PORT: String(ROUTER_PORT + 1),
        SANDBOX_GREEN_PORT: String(ROUTER_PORT + 2),
        SANDBOX_RPS: "5",
      },
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    await drop?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("engineers run the seed's steps and everyone watches the output stream in", async ({ browser }) => {
    test.setTimeout(120_000);
    const lead = await browser.newContext({ baseURL: server.url });
    await signIn(lead.request, "lead");
    const plans = (await (await lead.request.get("/api/v1/plans")).json()).data as Array<{ latest: { id: string } }>;
    const run = (await (await lead.request.post("/api/v1/runs", { data: { planVersionId: plans[0].latest.id, title: "UI rehearsal" } })).json()).data as { id: string };
    expect((await lead.request.post(`/api/v1/runs/${run.id}/start`, { data: {} })).ok()).toBeTruthy();
    const tasks = ((await (await lead.request.get(`/api/v1/runs/${run.id}`)).json()).data as { tasks: Array<{ id: string; key: string; title: string }> }).tasks;
    const byTitle = (title: string) => tasks.find((t) => t.title === title)!;
    expect((await lead.request.post(`/api/v1/tasks/${byTitle("Pre-deployment team briefing").id}/complete`, { data: {} })).ok()).toBeTruthy();

    const leadPage = await lead.newPage();
    await leadPage.goto(`/runs/${run.id}`);
    await leadPage.getByRole("button", { name: "Show the step of Verify system backups" }).click();
    const leadPanel = leadPage.getByTestId(`step-panel-${byTitle("Verify system backups").key}`);
    await expect(leadPanel.getByText("node deployment/scripts/backup-database.js")).toBeVisible();

    const dba: BrowserContext = await browser.newContext({ baseURL: server.url });
    await signIn(dba.request, "dba");
    const dbaPage = await dba.newPage();
    await dbaPage.goto("/my-tasks");
    const backup = byTitle("Verify system backups");
    const toggle = dbaPage.getByRole("button", { name: "Show the step of Verify system backups" });
    if (await toggle.isVisible()) await toggle.click();
    const dbaPanel = dbaPage.getByTestId(`step-panel-${backup.key}`);
    await dbaPanel.getByRole("button", { name: /Run step/ }).click();
    await expect(dbaPanel.getByText(/✔ verify-backup/)).toBeVisible({ timeout: 30_000 });
    await expect(dbaPanel.getByTestId("execution-status").first()).toHaveAttribute("data-status", "succeeded");
    // The lead saw it without a reload.
    await expect(leadPanel.getByText(/✔ verify-backup/)).toBeVisible({ timeout: 10_000 });
    await expect(leadPanel.getByTestId("exit-code")).toHaveText("0");

    // Maintenance on (DevOps' task; the lead may run any), migrations by the DBA, deploy green.
    await leadPage.getByRole("button", { name: "Show the step of Activate maintenance page" }).click();
    await leadPage.getByTestId(`step-panel-${byTitle("Activate maintenance page").key}`).getByRole("button", { name: /Switch notice on/ }).click();
    await expect(leadPage.getByTestId(`task-${byTitle("Activate maintenance page").key}`)).toHaveAttribute("data-status", "completed");
    for (const title of ["Execute database migrations", "Deploy to green environment"]) {
      await leadPage.getByRole("button", { name: `Show the step of ${title}` }).click();
      const panel = leadPage.getByTestId(`step-panel-${byTitle(title).key}`);
      await panel.getByRole("button", { name: /Run step/ }).click();
      await expect(panel.getByTestId("execution-status").first()).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
    }

    // A broken green (faults injected on the sandbox page) fails the smoke test, and says why.
    await leadPage.goto("/sandbox");
    await leadPage.getByLabel("Error rate (%)").fill("100");
    await leadPage.getByRole("button", { name: "Inject into green" }).click();
    await expect(leadPage.getByText(/Green's faults now: 100% errors/)).toBeVisible({ timeout: 10_000 });
    await leadPage.goto(`/runs/${run.id}`);
    await leadPage.getByRole("button", { name: "Show the step of Run smoke tests" }).click();
    const smoke = leadPage.getByTestId(`step-panel-${byTitle("Run smoke tests").key}`);
    await smoke.getByRole("button", { name: /Run step/ }).click();
    await expect(smoke.getByTestId("execution-status").first()).toHaveAttribute("data-status", "failed", { timeout: 45_000 });
    await expect(smoke.getByText("Why it failed: the last lines")).toBeVisible();
    await expect(smoke.getByText(/✖ run-smoke-tests/).first()).toBeVisible();
    await expect(leadPage.getByTestId(`task-${byTitle("Run smoke tests").key}`)).toHaveAttribute("data-status", "failed");
    await expect(smoke.getByRole("button", { name: /Retry step/ })).toBeEnabled();
    await lead.close();
    await dba.close();
  });
});
