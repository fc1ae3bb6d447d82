// Runs live, across browsers: an engineer's click reaches the lead's control room and the public status
// page without a reload; ownership is enforced in the UI and by the server.
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";
import type { APIRequestContext, Page } from "@playwright/test";

type Task = { id: string; key: string; title: string; status: string; version: number };
type Run = { id: string; slug: string };

async function api<T>(request: APIRequestContext, method: "GET" | "POST", url: string, data?: unknown): Promise<T> {
  const response = method === "GET" ? await request.get(url) : await request.post(url, { data: data ?? {} });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()).data as T;
}

/** A started, public run of the seed plan, with the briefing done so the DBA's backup check may start. */
async function liveRun(lead: Page): Promise<{ run: Run; tasks: Task[] }> {
  // Other specs import plans too: pick the seed by its title, not by list order.
  const plans = await api<Array<{ title: string; latest: { id: string } }>>(lead.request, "GET", "/api/v1/plans");
  const seed = plans.find((plan) => plan.title.startsWith("EdPsych AI Platform"));
  expect(seed, "the seed plan is imported").toBeTruthy();
  const run = await api<Run>(lead.request, "POST", "/api/v1/runs", { planVersionId: seed!.latest.id, title: `E2E run ${Date.now()}`, statusPublic: true });
  await api(lead.request, "POST", `/api/v1/runs/${run.id}/start`);
  const detail = await api<{ tasks: Task[] }>(lead.request, "GET", `/api/v1/runs/${run.id}`);
  const briefing = detail.tasks.find((t) => t.title === "Pre-deployment team briefing")!;
  await api(lead.request, "POST", `/api/v1/tasks/${briefing.id}/complete`);
  return { run, tasks: detail.tasks };
}

async function serious(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

test("a DBA completes a task; the lead's control room and the public status page follow within 2 s", async ({ leadPage, dbaPage, browser }) => {
  const { run, tasks } = await liveRun(leadPage);
  const backups = tasks.find((t) => t.title === "Verify system backups")!;

  await leadPage.goto(`/runs/${run.id}`);
  await expect(leadPage.getByText("Live", { exact: true })).toBeVisible();
  const leadRow = leadPage.getByTestId(`task-${backups.key}`);
  await expect(leadRow).toHaveAttribute("data-status", "not_started");

  const publicContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const statusPage = await publicContext.newPage();
  await statusPage.goto(`/status/${run.slug}`);
  await expect(statusPage.getByTestId("status-label")).toContainText("Deploying");
  await expect(statusPage.getByText("Updates automatically")).toBeVisible();
  const percentBefore = await statusPage.getByTestId("status-percent").textContent();

  await dbaPage.goto("/my-tasks");
  const mine = dbaPage.getByTestId(`my-task-${backups.key}`);
  await expect(mine).toBeVisible();
  // The presence list on the lead's screen shows the DBA once their My Tasks joins the run.
  await expect(leadPage.getByTestId("presence")).toContainText("Database Administrator");
  await mine.getByRole("button", { name: "Complete Verify system backups" }).click();
  await expect(mine).toHaveAttribute("data-status", "completed");

  await expect(leadRow).toHaveAttribute("data-status", "completed", { timeout: 2_000 });
  await expect(statusPage.getByTestId("status-percent")).not.toHaveText(percentBefore ?? "", { timeout: 2_000 });
  await expect(leadPage.getByTestId("activity")).toContainText("Verify system backups");

  expect(await serious(leadPage)).toEqual([]);
  expect(await serious(statusPage)).toEqual([]);
  expect(await serious(dbaPage)).toEqual([]);
  // Nothing internal on the public page.
  await expect(statusPage.locator("body")).not.toContainText("Verify system backups");
  await expect(statusPage.locator("body")).not.toContainText("Database Administrator");
  await publicContext.close();
});

test("an engineer cannot complete a task another role owns: the UI hides it and the API refuses with 403", async ({ leadPage, dbaPage }) => {
  const { run, tasks } = await liveRun(leadPage);
  const maintenance = tasks.find((t) => t.title === "Activate maintenance page")!; // DevOps Engineer's

  await dbaPage.goto("/my-tasks");
  await expect(dbaPage.getByRole("heading", { name: "My tasks" })).toBeVisible();
  await expect(dbaPage.getByTestId(`my-task-${maintenance.key}`)).toHaveCount(0);

  await dbaPage.goto(`/runs/${run.id}`);
  await expect(dbaPage.getByTestId(`task-${maintenance.key}`)).toBeVisible();
  await expect(dbaPage.getByRole("button", { name: "Complete Activate maintenance page" })).toHaveCount(0);

  const response = await dbaPage.request.post(`/api/v1/tasks/${maintenance.id}/complete`, { data: {} });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.message).toMatch(/DevOps Engineer/);
  // The legitimate path: the lead may act on it.
  const ok = await leadPage.request.post(`/api/v1/tasks/${maintenance.id}/override`, { data: { reason: "rehearsal: let it go first" } });
  expect(ok.status()).toBe(200);
});

test("a private run's status page asks strangers to sign in (page and API)", async ({ leadPage, browser }) => {
  const plans = await api<Array<{ latest: { id: string } }>>(leadPage.request, "GET", "/api/v1/plans");
  const run = await api<Run>(leadPage.request, "POST", "/api/v1/runs", { planVersionId: plans[0].latest.id, title: "Private E2E run", statusPublic: false });
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await page.goto(`/status/${run.slug}`);
  await expect(page).toHaveURL(/\/login/);
  const api404 = await page.request.get(`/api/v1/status/${run.slug}`);
  expect(api404.status()).toBe(401);
  await context.close();
});
