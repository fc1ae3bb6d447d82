// Plans: the seed plan's views as a lead, the upload form's problem list, and accessibility of the page.
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";

const SEED_TITLE = "EdPsych AI Platform - Deployment Execution Plan";
const BROKEN = path.resolve(import.meta.dirname, "../tests/fixtures/plans/broken.md");

async function openSeedPlan(page: Page) {
  await page.goto("/plans");
  await expect(page.getByRole("heading", { level: 1, name: "Plans" })).toBeVisible();
  await page.getByRole("link", { name: SEED_TITLE }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: SEED_TITLE })).toBeVisible();
}

async function openTab(page: Page, name: RegExp) {
  const nav = page.getByRole("navigation", { name: "Plan sections" });
  await nav.getByRole("link", { name }).click();
  await expect(nav.getByRole("link", { name })).toHaveAttribute("aria-current", "page");
}

/** Serious and critical axe violations on the page as readable lines (empty when clean). */
async function seriousViolations(page: Page, what: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  return serious.map((v) => `${what}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html.slice(0, 120)} ${n.failureSummary ?? ""}`).slice(0, 3).join(" | ")}`);
}

test("a lead sees the seed plan's roster, timeline and risks", async ({ leadPage: page }) => {
  await openSeedPlan(page);
  await expect(page.getByTestId("count-roles")).toHaveText("6");
  await expect(page.getByTestId("count-tasks")).toHaveText("22");
  await expect(page.getByTestId("count-risks")).toHaveText("8");

  await openTab(page, /^Roster/);
  await expect(page.getByTestId("roster-role")).toHaveCount(6);
  await expect(page.getByRole("cell", { name: "Database Administrator", exact: true })).toBeVisible();

  await openTab(page, /^Timeline/);
  await expect(page.getByTestId("timeline-task")).toHaveCount(22);
  await expect(page.getByText("Europe/London").first()).toBeVisible();

  await openTab(page, /^Risks/);
  await expect(page.getByTestId("risk-row")).toHaveCount(8);
  const heatMap = page.getByTestId("risk-heat-map");
  await expect(heatMap.getByRole("rowheader")).toHaveText(["Impact: Critical", "Impact: High", "Impact: Medium", "Impact: Low"]);
  await expect(heatMap.getByText("Database migration failure")).toBeVisible();

  await openTab(page, /^Canary/);
  await expect(page.getByTestId("canary-progression")).toHaveText("5% → 10% → 25% → 50% → 100%");
});

test("the plan sections are reachable with the keyboard", async ({ leadPage: page }) => {
  await openSeedPlan(page);
  const nav = page.getByRole("navigation", { name: "Plan sections" });
  await nav.getByRole("link", { name: /^Roster/ }).focus();
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: /^Timeline/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/tab=timeline/);
  await expect(page.getByRole("heading", { level: 2, name: "Timeline" })).toBeVisible();
});

test("uploading a broken plan lists its problems with line numbers and imports nothing", async ({ leadPage: page }) => {
  await page.goto("/plans");
  const before = await page.getByTestId("plan-row").count();
  await page.getByLabel("choose a file").setInputFiles(BROKEN);
  await page.getByRole("button", { name: "Import plan" }).click();
  const problems = page.getByTestId("plan-problems");
  await expect(problems).toBeVisible();
  await expect(problems).toContainText("The plan has 6 problems.");
  await expect(problems.getByTestId("problem-line")).toHaveText([
    "broken.md:line 12",
    "broken.md:line 16",
    "broken.md:line 17",
    "broken.md:line 23",
    "broken.md:line 24",
    "broken.md:line 31",
  ]);
  await expect(problems).toContainText("Databse Administrator");
  await page.reload();
  await expect(page.getByTestId("plan-row")).toHaveCount(before);
});

test("uploading a valid plan opens it", async ({ leadPage: page }) => {
  await page.goto("/plans");
  const source = readFileSync(path.resolve(import.meta.dirname, "../tests/fixtures/plans/payments-cutover.md"), "utf8");
  await page.getByLabel("choose a file").setInputFiles({ name: "payments.md", mimeType: "text/markdown", buffer: Buffer.from(source) });
  await page.getByRole("button", { name: "Import plan" }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}\?version=\d+/);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Plans");
});

test("the plan pages have no serious or critical accessibility violations", async ({ leadPage: page }) => {
  // Every page is checked before asserting, so one run reports all problems.
  const found: string[] = [];
  await page.goto("/plans");
  found.push(...(await seriousViolations(page, "/plans")));
  await openSeedPlan(page);
  found.push(...(await seriousViolations(page, "overview")));
  for (const tab of [/^Roster/, /^Timeline/, /^Procedure/, /^Canary/, /^Rollback/, /^Risks/, /^Monitoring/, /^Success/, /^Notes/]) {
    await openTab(page, tab);
    found.push(...(await seriousViolations(page, String(tab))));
  }
  // The upload form with its problem list shown.
  await page.goto("/plans");
  await page.getByLabel("choose a file").setInputFiles(BROKEN);
  await page.getByRole("button", { name: "Import plan" }).click();
  await expect(page.getByTestId("plan-problems")).toBeVisible();
  found.push(...(await seriousViolations(page, "/plans with problems")));
  expect(found).toEqual([]);
});

test("a stakeholder may not read plans", async ({ stakeholderPage: page }) => {
  await page.goto("/plans");
  await expect(page).toHaveURL(/\/forbidden/);
});
