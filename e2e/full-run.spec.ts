// The whole seed timeline, live: engineers tick their own tasks in their own browsers (My tasks), the lead
// ticks the lead's and the team's in the control room and completes the run, while the lead's screen and
// the public status page follow without a reload; every completion is in the run log.
import { test, expect, signIn, type Persona } from "./fixtures";
import type { Browser, Page } from "@playwright/test";

type Task = { id: string; key: string; title: string; status: string; ownerRole: string };

const OWNER_PERSONA: Record<string, Persona> = {
  "Database Administrator": "dba",
  "DevOps Engineer": "devops",
  "QA Engineer": "qa",
};

async function personaPage(browser: Browser, persona: Persona): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await signIn(context.request, persona);
  return context.newPage();
}

test("a lead runs the whole seed timeline to completed with engineers in other browsers", async ({ leadPage, browser }) => {
  test.setTimeout(180_000);
  const plans = (await (await leadPage.request.get("/api/v1/plans")).json()).data as Array<{ title: string; latest: { id: string } }>;
  const seed = plans.find((plan) => plan.title.startsWith("EdPsych AI Platform"))!;
  const created = await leadPage.request.post("/api/v1/runs", { data: { planVersionId: seed.latest.id, title: `Full run ${Date.now()}`, statusPublic: true } });
  expect(created.status()).toBe(201);
  const run = (await created.json()).data as { id: string; slug: string };
  expect((await leadPage.request.post(`/api/v1/runs/${run.id}/start`, { data: {} })).ok()).toBeTruthy();
  const tasks = ((await (await leadPage.request.get(`/api/v1/runs/${run.id}`)).json()).data.tasks as Task[]).filter((t) => t.status !== "completed");

  await leadPage.goto(`/runs/${run.id}`);
  await expect(leadPage.getByText("Live", { exact: true })).toBeVisible();
  const statusContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const statusPage = await statusContext.newPage();
  await statusPage.goto(`/status/${run.slug}`);
  await expect(statusPage.getByTestId("status-label")).toContainText("Deploying");

  const engineers = new Map<Persona, Page>();
  for (const persona of ["dba", "devops", "qa"] as const) {
    const page = await personaPage(browser, persona);
    await page.goto("/my-tasks");
    await expect(page.getByRole("heading", { name: "My tasks" })).toBeVisible();
    engineers.set(persona, page);
  }

  // "Monitor canary metrics" runs alongside the canary steps: it is finished just before the full switch.
  const monitor = tasks.find((t) => t.title === "Monitor canary metrics")!;
  const order = tasks.filter((t) => t !== monitor);
  order.splice(order.findIndex((t) => t.title === "Complete traffic switch"), 0, monitor);

  for (const task of order) {
    const persona = OWNER_PERSONA[task.ownerRole];
    if (persona) {
      const page = engineers.get(persona)!;
      const card = page.getByTestId(`my-task-${task.key}`);
      await card.getByRole("button", { name: `Complete ${task.title}` }).click();
      await expect(card).toHaveAttribute("data-status", "completed");
    } else {
      // The lead's own tasks, the whole team's and the Support Lead's (no demo account holds that role).
      await leadPage.getByTestId(`task-${task.key}`).getByRole("button", { name: `Complete ${task.title}` }).click();
    }
    // The lead's screen follows every completion without a reload.
    await expect(leadPage.getByTestId(`task-${task.key}`)).toHaveAttribute("data-status", "completed", { timeout: 5_000 });
  }
  await expect(statusPage.getByTestId("status-percent")).toHaveText(/100\s*%/, { timeout: 5_000 });

  await leadPage.getByRole("button", { name: "Complete run" }).click();
  await leadPage.getByRole("dialog").getByRole("button", { name: "Complete run" }).click();
  await expect(leadPage.getByTestId("run-state")).toHaveText(/Completed/, { timeout: 5_000 });
  await expect(statusPage.getByTestId("status-label")).toContainText("Completed", { timeout: 5_000 });

  // Every step is in the run log, by the person who did it.
  const auditor = await personaPage(browser, "auditor");
  const log = await auditor.request.get(`/api/v1/audit?runId=${run.id}&action=tasks.complete&limit=200`);
  expect(log.ok()).toBeTruthy();
  const events = (await log.json()).data.events as Array<{ target: { id: string }; actor: { name: string }; outcome: string }>;
  const completed = new Set(events.filter((e) => e.outcome === "ok").map((e) => e.target.id));
  for (const task of tasks) expect(completed.has(task.id), `audit event for "${task.title}"`).toBe(true);
  const runLog = await auditor.request.get(`/api/v1/audit?runId=${run.id}&action=runs.complete`);
  expect((await runLog.json()).data.events).toHaveLength(1);
  await statusContext.close();
});
