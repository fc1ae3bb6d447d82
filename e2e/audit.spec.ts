// The auditor's view: filter the log through the URL-driven form, export exactly what is shown, verify
// the chain; a stakeholder cannot get in; text anyone could type is shown as text; no serious axe issue.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";

const HOSTILE = "'); DROP TABLE audit_events; -- <img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

/** Sequence numbers of the rows on the page, top to bottom. */
async function shownSeqs(page: Page): Promise<number[]> {
  return (await page.locator("[data-testid=audit-table] tbody > tr[data-seq]").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-seq")))));
}

test.describe("auditor view", () => {
  test("filters the log, exports exactly the events shown, and shows typed text as text", async ({ auditorPage: page }) => {
    // Events to find: the auditor's own verifications, one with a hostile note.
    for (const note of ["e2e check one", HOSTILE, "e2e check three"]) {
      const response = await page.request.post("/api/v1/audit/verify", { data: { note } });
      expect(response.status()).toBe(200);
    }

    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    // Filter by keyboard, as a user would: type, then Enter submits the GET form.
    await page.getByLabel("Action").fill("audit.verify");
    await page.getByLabel("Outcome").selectOption("ok");
    await page.getByLabel("Action").press("Enter");
    await expect(page).toHaveURL(/[?&]action=audit\.verify/);
    await expect(page).toHaveURL(/[?&]outcome=ok/);

    const seqs = await shownSeqs(page);
    expect(seqs.length).toBeGreaterThanOrEqual(3);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const actions = await page.locator("[data-testid=audit-table] tbody > tr[data-seq] td:nth-child(4) span.font-mono").allTextContents();
    expect(new Set(actions)).toEqual(new Set(["audit.verify"]));

    // The hostile note is text in its cell: no element from it, no script run.
    const cell = page.getByTestId("audit-reason").filter({ hasText: "DROP TABLE" });
    await expect(cell).toHaveText(HOSTILE);
    await expect(page.locator("[data-testid=audit-table] img, [data-testid=audit-table] script")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // A shareable link: the same URL in a fresh load shows the same rows.
    await page.reload();
    expect(await shownSeqs(page)).toEqual(seqs);

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^flightdeck-audit-\d{8}T\d{6}Z\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("seq,time,actor,role,team roles,action,outcome,target,run,reason,ip,user agent,request id,before,after,hash");
    // The export records itself (as audit.export, outside this filter), so the file holds the rows shown.
    const exported = lines.slice(1).filter((l) => /^\d+,/.test(l)).map((l) => Number(l.split(",")[0]));
    expect(exported).toEqual(seqs);

    // The export is on the record, with the filters it used.
    await page.goto("/audit?action=audit.export");
    await expect(page.getByTestId("audit-table")).toContainText("audit.export");
  });

  test("verifies the chain from the view", async ({ auditorPage: page }) => {
    await page.goto("/audit");
    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(page.getByRole("status").filter({ hasText: "chain intact" })).toBeVisible();
  });

  test("pages older and newer by keyset links that keep the filters", async ({ auditorPage: page }) => {
    for (let i = 0; i < 4; i++) await page.request.post("/api/v1/audit/verify", { data: { note: `paging ${i}` } });
    await page.goto("/audit?action=audit.verify&limit=25");
    const first = await shownSeqs(page);
    await page.goto("/audit?action=audit.verify&limit=25&before=" + first[1]);
    const older = await shownSeqs(page);
    expect(older[0]).toBe(first[2]);
    const newer = page.getByRole("navigation", { name: "Audit log pages" }).getByRole("link", { name: /Newer/ });
    await expect(newer).toHaveAttribute("href", /action=audit\.verify/);
    await newer.click();
    await expect(page).toHaveURL(/after=/);
    await expect(page.locator("[data-testid=audit-table] tbody > tr[data-seq]").first()).toHaveAttribute("data-seq", String(first[0]));
  });

  test("has no serious or critical accessibility violations, with a change expanded", async ({ auditorPage: page }) => {
    await page.request.post("/api/v1/audit/verify", { data: { note: "axe" } });
    await page.goto("/audit");
    await page.locator("details summary").first().click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto("/audit?limit=abc&runId=nope");
    await expect(page.getByRole("alert").filter({ hasText: "not valid" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe("who may not", () => {
  test("a stakeholder cannot reach /audit by URL, nor read it over the API", async ({ stakeholderPage: page }) => {
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/forbidden\?need=audit\.read/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("don't have access");
    expect((await page.request.get("/api/v1/audit")).status()).toBe(403);
    expect((await page.request.get("/api/v1/audit/export?format=csv")).status()).toBe(403);
  });

  test("a stakeholder's bearer token on a lead action gets 403 JSON, and the auditor sees the denied attempt", async ({ stakeholderPage, auditorPage }) => {
    const created = await stakeholderPage.request.post("/api/v1/tokens", { data: { name: "e2e script" } });
    expect(created.status()).toBe(201);
    const { token } = (await created.json()).data as { token: string };
    const runId = "00000000-0000-4000-8000-00000000e2e0";
    const response = await stakeholderPage.request.fetch(`/api/v1/runs/${runId}/pause`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      data: { reason: "trying my luck" },
    });
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });

    await auditorPage.goto("/audit?action=runs.pause&outcome=denied");
    const row = auditorPage.locator("[data-testid=audit-table] tbody > tr[data-seq]").first();
    await expect(row).toContainText("stakeholder");
    await expect(row).toContainText("denied");
  });
});
