// Personas and sign-in for specs. Signing in goes through next-auth's real credentials endpoint, so the
// browser context holds a genuine session cookie.
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./server-process";

export const PERSONAS = {
  admin: { email: "admin@flightdeck.local", role: "admin" },
  lead: { email: "lead@flightdeck.local", role: "lead" },
  dba: { email: "dba@flightdeck.local", role: "engineer" },
  devops: { email: "devops@flightdeck.local", role: "engineer" },
  qa: { email: "qa@flightdeck.local", role: "engineer" },
  stakeholder: { email: "stakeholder@flightdeck.local", role: "stakeholder" },
  auditor: { email: "auditor@flightdeck.local", role: "auditor" },
} as const;
export type Persona = keyof typeof PERSONAS;

export async function signIn(request: APIRequestContext, persona: Persona, password = DEMO_PASSWORD) {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: PERSONAS[persona].email, password, json: "true", callbackUrl: "/" },
  });
  expect(response.ok(), `sign-in as ${persona}`).toBeTruthy();
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.user?.email, `session for ${persona}`).toBe(PERSONAS[persona].email);
}

/** Signs the page's browser context in as a persona. */
export async function loginAs(page: Page, persona: Persona) {
  await signIn(page.context().request, persona);
}

type Fixtures = { leadPage: Page; dbaPage: Page; stakeholderPage: Page; auditorPage: Page; adminPage: Page };

function personaPage(persona: Persona) {
  return async ({ browser }: { browser: import("@playwright/test").Browser }, use: (page: Page) => Promise<void>) => {
    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const page = await context.newPage();
    await signIn(context.request, persona);
    await use(page);
    await context.close();
  };
}

export const test = base.extend<Fixtures>({
  leadPage: personaPage("lead"),
  dbaPage: personaPage("dba"),
  stakeholderPage: personaPage("stakeholder"),
  auditorPage: personaPage("auditor"),
  adminPage: personaPage("admin"),
});
export { expect };
