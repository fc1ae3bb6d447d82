// OpenID Connect sign-in end to end: a real OIDC provider (panva's oidc-provider, in memory) on
// 127.0.0.1:3261 and a Flightdeck server of this spec's own on 127.0.0.1:3260 (own database, OIDC env),
// from the same production build. The browser goes through next-auth's real authorization-code flow with
// PKCE and state, the provider's login and consent pages, and back.
import { test, expect, type Browser, type Page } from "@playwright/test";
import { createDatabase, startServer, type ServerProcess } from "./server-process";
import { startOidcProvider, type TestOidcProvider } from "../tests/identity/oidc-provider";

const APP_PORT = Number(process.env.E2E_OIDC_APP_PORT ?? 3260);
const IDP_PORT = Number(process.env.E2E_OIDC_IDP_PORT ?? 3261);
const APP = `http://127.0.0.1:${APP_PORT}`;

let idp: TestOidcProvider;
let app: ServerProcess;
let database: { url: string; drop: () => Promise<void> };

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  idp = await startOidcProvider({
    port: IDP_PORT,
    redirectUris: [`${APP}/api/auth/callback/oidc`],
    accounts: {
      "new-lead": { sub: "sub-new-lead", email: "new.lead@corp.example", name: "Nora Newlead", flightdeck_role: "lead" },
      "new-plain": { sub: "sub-new-plain", email: "plain@corp.example", name: "Pat Plain" },
      "dba-sso": { sub: "sub-dba", email: "dba@flightdeck.local", name: "Dana via SSO" },
      "unverified-auditor": { sub: "sub-unverified", email: "auditor@flightdeck.local", email_verified: false, name: "Not Really Avery" },
    },
  });
  database = await createDatabase("fd_e2e_oidc");
  app = await startServer({
    port: APP_PORT,
    timeoutMs: 90_000,
    env: {
      DATABASE_URL: database.url,
      NEXTAUTH_URL: APP,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_NAME: "Corp SSO",
      OIDC_ROLE_CLAIM: "flightdeck_role",
    },
  });
});

test.afterAll(async () => {
  await app?.stop();
  await idp?.close();
  await database?.drop();
});

async function signInWithSso(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${APP}/login`);
  await page.getByRole("button", { name: "Continue with Corp SSO" }).click();
  // The provider's own login page (development interactions): the login name picks the account.
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  return page;
}

async function me(page: Page) {
  const response = await page.request.get(`${APP}/api/v1/me`);
  return { status: response.status(), body: await response.json() };
}

test("a first-time OIDC user is created with the role from the role claim and signed in", async ({ browser }) => {
  const page = await signInWithSso(browser, "new-lead");
  await page.waitForURL((url) => url.origin === APP && !url.pathname.startsWith("/login") && !url.pathname.startsWith("/api/auth"));
  const answer = await me(page);
  expect(answer.status).toBe(200);
  expect(answer.body.data).toMatchObject({ email: "new.lead@corp.example", name: "Nora Newlead", productRole: "lead" });
  await page.goto(`${APP}/settings/tokens`);
  await expect(page.getByRole("navigation", { name: "Main" }).getByText("Nora Newlead")).toBeVisible();

  // Signing in again finds the same user (by subject), not a new one.
  await page.context().clearCookies();
  const again = await signInWithSso(browser, "new-lead");
  await again.waitForURL((url) => url.origin === APP && !url.pathname.startsWith("/login") && !url.pathname.startsWith("/api/auth"));
  expect((await me(again)).body.data.id).toBe(answer.body.data.id);
  await again.context().close();
  await page.context().close();
});

test("without a role claim the default role (stakeholder) applies", async ({ browser }) => {
  const page = await signInWithSso(browser, "new-plain");
  await page.waitForURL((url) => url.origin === APP && !url.pathname.startsWith("/api/auth"));
  expect((await me(page)).body.data).toMatchObject({ email: "plain@corp.example", productRole: "stakeholder" });
  await page.context().close();
});

test("a verified email links the existing account (the demo DBA keeps role and team roles)", async ({ browser }) => {
  const page = await signInWithSso(browser, "dba-sso");
  await page.waitForURL((url) => url.origin === APP && !url.pathname.startsWith("/api/auth"));
  expect((await me(page)).body.data).toMatchObject({ email: "dba@flightdeck.local", productRole: "engineer", teamRoles: ["Database Administrator"] });
  await page.context().close();
});

test("an unverified email is not linked to an existing account: back on the login page with the reason", async ({ browser }) => {
  const page = await signInWithSso(browser, "unverified-auditor");
  await page.waitForURL((url) => url.origin === APP && url.pathname.startsWith("/login"));
  await expect(page.locator("#login-error")).toContainText("has not verified that email");
  expect((await me(page)).status).toBe(401);
  await page.context().close();
});
