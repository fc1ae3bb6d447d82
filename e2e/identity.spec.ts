// Sign-in, sign-out, throttling, role-shaped navigation, refusal by URL, API tokens and user admin, in the
// browser against the shared production server (demo accounts, FLIGHTDECK_DEMO_PASSWORD).
import { test, expect, PERSONAS, type Persona } from "./fixtures";
import { DEMO_PASSWORD } from "./server-process";
import type { Page } from "@playwright/test";

const NAV_LINKS = ["Plans", "Runs", "My tasks", "Audit log", "Users", "API tokens"] as const;
const EXPECTED_NAV: Record<Persona, ReadonlyArray<(typeof NAV_LINKS)[number]>> = {
  admin: ["Plans", "Runs", "My tasks", "Audit log", "Users", "API tokens"],
  lead: ["Plans", "Runs", "My tasks", "Audit log", "API tokens"],
  dba: ["Plans", "Runs", "My tasks", "API tokens"],
  devops: ["Plans", "Runs", "My tasks", "API tokens"],
  qa: ["Plans", "Runs", "My tasks", "API tokens"],
  stakeholder: ["API tokens"],
  auditor: ["Plans", "Runs", "Audit log", "API tokens"],
};

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test.describe("login page", () => {
  test("shows the demo accounts and their password in demo mode", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    const demo = page.getByRole("region", { name: "Demo accounts" });
    for (const persona of Object.values(PERSONAS)) await expect(demo.getByText(persona.email)).toBeVisible();
    await expect(demo.getByText(DEMO_PASSWORD)).toBeVisible();
    // The email field has focus, so a keyboard user starts typing at once.
    await expect(page.getByLabel("Email")).toBeFocused();
  });

  test("a wrong password shows an error and keeps the person on the login page", async ({ page }) => {
    await signInThroughForm(page, PERSONAS.qa.email, "not the password");
    await expect(page.locator("#login-error")).toContainText("Wrong email or password");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByLabel("Password")).toBeFocused();
  });

  test("repeated failures for one account say how long to wait", async ({ page }) => {
    const email = `nobody-${Date.now()}@example.com`;
    await page.goto("/login");
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(`guess-${i}`);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.locator("#login-error")).toBeVisible();
    }
    await expect(page.locator("#login-error")).toContainText(/Too many attempts\. Try again in \d+ s\./);
    await expect(page.getByRole("button", { name: /Sign in \(wait \d+ s\)/ })).toBeDisabled();
  });
});

for (const persona of Object.keys(PERSONAS) as Persona[]) {
  test(`${persona} signs in through the form and sees the navigation of their role`, async ({ page }) => {
    await signInThroughForm(page, PERSONAS[persona].email, DEMO_PASSWORD);
    await expect(page).not.toHaveURL(/\/login/);
    await page.goto("/settings/tokens");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByText(`· ${PERSONAS[persona].role}`)).toBeVisible();
    for (const link of NAV_LINKS) {
      const locator = nav.getByRole("link", { name: link, exact: true });
      if (EXPECTED_NAV[persona].includes(link)) await expect(locator, `${persona} sees ${link}`).toBeVisible();
      else await expect(locator, `${persona} does not see ${link}`).toHaveCount(0);
    }
  });
}

test("sign-out ends the session", async ({ page }) => {
  await signInThroughForm(page, PERSONAS.devops.email, DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/settings/tokens");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  await page.goto("/settings/tokens");
  await expect(page).toHaveURL(/\/login/);
});

test("a stakeholder opening /admin/users by URL is refused, and the API refuses too", async ({ stakeholderPage }) => {
  await stakeholderPage.goto("/admin/users");
  await expect(stakeholderPage).toHaveURL(/\/forbidden/);
  await expect(stakeholderPage.getByRole("heading", { name: /don.t have access/ })).toBeVisible();
  expect((await stakeholderPage.request.get("/api/v1/users")).status()).toBe(403);
});

test("an engineer creates an API token, uses it, and revokes it", async ({ dbaPage: page }) => {
  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill("e2e script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("Your new token").inputValue();
  expect(token).toMatch(/^fd_/);

  const api = page.context().request;
  const me = await api.get("/api/v1/me", { headers: { authorization: `Bearer ${token}`, cookie: "" } });
  expect(me.status()).toBe(200);
  expect((await me.json()).data).toMatchObject({ email: PERSONAS.dba.email, productRole: "engineer" });

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Revoke token e2e script" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Revoked" })).toBeVisible();
  expect((await api.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test("an admin creates a user with a generated password, sees field errors, and changes a role", async ({ adminPage: page, browser }) => {
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();

  // Field-level errors next to the fields.
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.locator("#new-user-email-error")).toContainText("valid email");
  await expect(page.locator("#new-user-name-error")).toContainText("Enter a name");

  const email = `new-${Date.now()}@example.com`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name", { exact: true }).fill("Nia New");
  await page.getByLabel("Product role").selectOption("engineer");
  await page.getByRole("checkbox", { name: "Database Administrator" }).check().catch(() => {});
  await page.getByRole("button", { name: "Create user" }).click();
  const password = await page.getByLabel("Generated password").inputValue();
  expect(password.length).toBeGreaterThan(12);
  await expect(page.getByRole("cell", { name: email })).toBeVisible();

  // The new user signs in with it.
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const newcomer = await context.newPage();
  await signInThroughForm(newcomer, email, password);
  await expect(newcomer).not.toHaveURL(/\/login/);

  // Promote to lead; their open session follows at once.
  await page.getByRole("button", { name: "Edit Nia New" }).click();
  await page.getByRole("form", { name: "Edit Nia New" }).getByLabel("Product role").selectOption("lead");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved Nia New" })).toBeVisible();
  expect((await (await newcomer.request.get("/api/v1/me")).json()).data.productRole).toBe("lead");

  // Deactivate: the open session stops working.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Deactivate Nia New" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Nia New is now deactivated" })).toBeVisible();
  expect((await newcomer.request.get("/api/v1/me")).status()).toBe(401);
  await context.close();
});
