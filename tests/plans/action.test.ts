// importPlanAction through the real pipeline, the REST routes called with real Request objects (API
// tokens for auth), and the seed import. Each refusal is paired with the legitimate path working.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { desc, sql } from "drizzle-orm";
import { apiTokens, auditEvents, users } from "@/db/schema";
import type { Actor, ProductRole } from "@/lib/auth/permissions";
import { parsePlan } from "@/lib/plan";
import { isActionError } from "@/server/actions/errors";
import { executeAction } from "@/server/actions/pipeline";
import { importPlanAction, MAX_PLAN_BYTES } from "@/server/actions/plans/import-plan";
import { allActions } from "@/server/actions/registry";
import { hashApiToken } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { getPlanHeader, listPlans } from "@/server/plans/queries";
import { SEED_ACTOR, importSeedPlanIfEmpty } from "@/server/plans/seed";
import * as plansRoute from "@/app/api/v1/plans/route";
import * as planRoute from "@/app/api/v1/plans/[planId]/route";
import * as versionRoute from "@/app/api/v1/plans/[planId]/versions/[version]/route";
import * as exportRoute from "@/app/api/v1/plans/[planId]/export/route";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { BROKEN_PATH, parsedSeed, seedSource, tableCounts } from "./helpers";

let db: TestDatabase;
const tokens: Partial<Record<ProductRole, string>> = {};
const actors: Partial<Record<ProductRole, Actor>> = {};

beforeAll(async () => {
  db = await createTestDatabase("fd_plans_action");
  for (const role of ["lead", "engineer", "stakeholder", "auditor", "admin"] as const) {
    const [user] = await getDb()
      .insert(users)
      .values({ email: `${role}@test.local`, name: `Test ${role}`, productRole: role, teamRoles: role === "lead" ? ["Deployment Lead"] : [] })
      .returning();
    const token = `fd_${randomBytes(24).toString("base64url")}`;
    await getDb().insert(apiTokens).values({ userId: user.id, name: "test", prefix: token.slice(0, 10), tokenHash: hashApiToken(token) });
    tokens[role] = token;
    actors[role] = { kind: "user", id: user.id, name: user.name, productRole: role, teamRoles: user.teamRoles };
  }
});
afterAll(async () => {
  await db.drop();
});

const BASE = "http://127.0.0.1:3270";
function request(path: string, init: { method?: string; token?: string; headers?: Record<string, string>; body?: BodyInit } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  return new NextRequest(`${BASE}${path}`, { method: init.method ?? "GET", headers, body: init.body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
}
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const noParams = params({});

async function lastAuditEvent() {
  const [row] = await getDb().select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return row;
}

describe("the seed import", () => {
  it("imports the seed once even when started twice at the same moment", async () => {
    const before = await tableCounts();
    expect(before.plans).toBe(0);
    const outcomes = await Promise.all([importSeedPlanIfEmpty(), importSeedPlanIfEmpty()]);
    expect(outcomes.filter((o) => o.imported)).toHaveLength(1);
    expect(outcomes.find((o) => !o.imported)).toMatchObject({ reason: "the database already has plans" });
    const after = await tableCounts();
    expect(after).toMatchObject({ plans: 1, plan_versions: 1, plan_roles: 6, plan_tasks: 22, plan_risks: 8, "audit:ok": before["audit:ok"] + 1 });
    const event = await lastAuditEvent();
    expect(event).toMatchObject({ action: "plans.import", outcome: "ok", actorId: SEED_ACTOR.id, actorName: "Flightdeck (seed import)", actorRole: "system", targetType: "plan" });
    expect(event.after).toMatchObject({ version: 1, created: true, fileName: "edpsych-deployment-plan.md", counts: { roles: 6, tasks: 22, risks: 8 } });
    // A later start finds the plan and does nothing.
    expect(await importSeedPlanIfEmpty()).toMatchObject({ imported: false });
    expect(await tableCounts()).toEqual(after);
  });
});

describe("importPlanAction", () => {
  it("is registered for the OpenAPI document and the permission matrix", () => {
    expect(allActions["plans.import"]).toBe(importPlanAction);
    expect(importPlanAction.permission).toBe("plans.import");
  });

  it("lets a lead import a new version, audited with the counts", async () => {
    const result = await executeAction(importPlanAction, { markdown: seedSource(), fileName: "seed.md" }, { actor: actors.lead! });
    expect(result).toMatchObject({ version: 2, created: false, counts: { roles: 6, tasks: 22, risks: 8 } });
    expect(result.warnings.length).toBeGreaterThan(0);
    const event = await lastAuditEvent();
    expect(event).toMatchObject({ action: "plans.import", outcome: "ok", actorId: actors.lead!.id, targetId: result.planId, planId: result.planId });
    expect(event.after).toMatchObject({ version: 2, planVersionId: result.planVersionId, counts: result.counts, fileName: "seed.md" });
  });

  for (const role of ["engineer", "stakeholder", "auditor"] as const) {
    it(`refuses a ${role} with 403 and a denied event, writing nothing`, async () => {
      const before = await tableCounts();
      const error = await executeAction(importPlanAction, { markdown: seedSource() }, { actor: actors[role]! }).catch((e) => e);
      expect(isActionError(error) && error.status).toBe(403);
      const after = await tableCounts();
      expect(after).toEqual({ ...before, "audit:denied": before["audit:denied"] + 1 });
      expect(await lastAuditEvent()).toMatchObject({ action: "plans.import", outcome: "denied", actorId: actors[role]!.id });
    });
  }

  it("refuses an invalid plan with every problem and its line, writing nothing and auditing nothing", async () => {
    const before = await tableCounts();
    const error = await executeAction(importPlanAction, { markdown: readFileSync(BROKEN_PATH, "utf8"), fileName: "broken.md" }, { actor: actors.lead! }).catch((e) => e);
    expect(isActionError(error)).toBe(true);
    expect(error).toMatchObject({ code: "invalid", status: 400, message: "The plan has 6 problems." });
    const problems = (error.details as { problems: { line: number | null; message: string }[] }).problems;
    expect(problems).toHaveLength(6);
    expect(problems.map((p) => p.line)).toEqual([12, 16, 17, 23, 24, 31]);
    expect(problems[2].message).toMatch(/Databse Administrator/);
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses a bad time zone option as a plan problem", async () => {
    const error = await executeAction(importPlanAction, { markdown: seedSource(), timezone: "Mars/Olympus" }, { actor: actors.lead! }).catch((e) => e);
    expect(error).toMatchObject({ code: "invalid" });
    expect(JSON.stringify(error.details)).toMatch(/Mars\/Olympus/);
  });

  it("applies the time zone option when the plan states none", async () => {
    const result = await executeAction(importPlanAction, { markdown: seedSource().replace(/^# .*$/m, "# Zoned plan"), timezone: "America/New_York" }, { actor: actors.lead! });
    const header = await getPlanHeader(result.planId);
    expect(header?.versions[0].timezone).toBe("America/New_York");
  });
});

describe("REST /api/v1/plans", () => {
  it("answers 401 without credentials", async () => {
    const response = await plansRoute.POST(request("/api/v1/plans", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
    expect(response.status).toBe(401);
  });

  it("imports a JSON body (201) and lists it", async () => {
    const markdown = seedSource().replace(/^# .*$/m, "# JSON plan");
    const response = await plansRoute.POST(
      request("/api/v1/plans", { method: "POST", token: tokens.lead, headers: { "content-type": "application/json" }, body: JSON.stringify({ markdown, fileName: "json.md" }) }),
    );
    expect(response.status).toBe(201);
    const { data } = await response.json();
    expect(data).toMatchObject({ title: "JSON plan", version: 1, counts: { tasks: 22 } });
    const list = await (await plansRoute.GET(request("/api/v1/plans", { token: tokens.engineer }), noParams)).json();
    expect(list.data.map((p: { title: string }) => p.title)).toContain("JSON plan");
  });

  it("imports a text/markdown body with ?timezone=", async () => {
    const markdown = seedSource().replace(/^# .*$/m, "# Markdown body plan");
    const response = await plansRoute.POST(
      request("/api/v1/plans?timezone=Asia/Tokyo&fileName=m.md", { method: "POST", token: tokens.lead, headers: { "content-type": "text/markdown; charset=utf-8" }, body: markdown }),
    );
    expect(response.status).toBe(201);
    const { data } = await response.json();
    const detail = await (await planRoute.GET(request(`/api/v1/plans/${data.planId}`, { token: tokens.auditor }), params({ planId: data.planId }))).json();
    expect(detail.data.plan.timezone).toBe("Asia/Tokyo");
    expect(detail.data.plan.phases[1].tasks[0].start).toMatch(/\+09:00$/);
  });

  it("imports a multipart file upload", async () => {
    const form = new FormData();
    form.set("file", new File([seedSource().replace(/^# .*$/m, "# Multipart plan")], "upload.md", { type: "text/markdown" }));
    const response = await plansRoute.POST(request("/api/v1/plans", { method: "POST", token: tokens.admin, body: form, headers: {} }));
    expect(response.status).toBe(201);
    const { data } = await response.json();
    expect(data).toMatchObject({ title: "Multipart plan", version: 1 });
    expect(await lastAuditEvent()).toMatchObject({ action: "plans.import", outcome: "ok", actorId: actors.admin!.id });
    expect((await lastAuditEvent()).after).toMatchObject({ fileName: "upload.md" });
  });

  it("answers a broken plan with 400 and the problem list, in every upload form", async () => {
    const broken = readFileSync(BROKEN_PATH, "utf8");
    const before = await tableCounts();
    const form = new FormData();
    form.set("file", new File([broken], "broken.md"));
    const responses = await Promise.all([
      plansRoute.POST(request("/api/v1/plans", { method: "POST", token: tokens.lead, headers: { "content-type": "application/json" }, body: JSON.stringify({ markdown: broken }) })),
      plansRoute.POST(request("/api/v1/plans", { method: "POST", token: tokens.lead, headers: { "content-type": "text/markdown" }, body: broken })),
      plansRoute.POST(request("/api/v1/plans", { method: "POST", token: tokens.lead, body: form })),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error).toMatchObject({ code: "invalid", message: "The plan has 6 problems." });
      expect(body.error.details.problems.map((p: { line: number }) => p.line)).toEqual([12, 16, 17, 23, 24, 31]);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("answers a file that is not UTF-8 with 400 and the line of the bad byte", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("# Plan\n\nline two\n"), 0xff, 0x0a]);
    const response = await plansRoute.POST(request("/api/v1/plans", { method: "POST", token: tokens.lead, headers: { "content-type": "text/markdown" }, body: bytes }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.details.problems[0]).toMatchObject({ line: 4 });
    expect(body.error.details.problems[0].message).toMatch(/UTF-8/);
  });

  it("answers an oversized body with 413 in every upload form, writing nothing", async () => {
    const before = await tableCounts();
    const huge = `# Huge\n\n${"x".repeat(MAX_PLAN_BYTES)}\n`;
    const form = new FormData();
    form.set("file", new File([huge], "huge.md"));
    const responses = await Promise.all([
      plansRoute.POST(request("/api/v1/plans", { method: "POST", token: tokens.lead, headers: { "content-type": "application/json" }, body: JSON.stringify({ markdown: huge }) })),
      plansRoute.POST(request("/api/v1/plans", { method: "POST", token: tokens.lead, headers: { "content-type": "text/markdown" }, body: huge })),
      plansRoute.POST(request("/api/v1/plans", { method: "POST", token: tokens.lead, body: form })),
      // A JSON body far past the cap is cut off while streaming, without a Content-Length.
      plansRoute.POST(request("/api/v1/plans", { method: "POST", token: tokens.lead, headers: { "content-type": "application/json" }, body: "x".repeat(8 * MAX_PLAN_BYTES) })),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(413);
      expect((await response.json()).error.code).toBe("too_large");
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses an engineer's upload with 403 and a denied event (and a lead's same upload works)", async () => {
    const markdown = seedSource().replace(/^# .*$/m, "# Permission pair plan");
    const body = JSON.stringify({ markdown });
    const before = await tableCounts();
    const refused = await plansRoute.POST(request("/api/v1/plans", { method: "POST", token: tokens.engineer, headers: { "content-type": "application/json" }, body }));
    expect(refused.status).toBe(403);
    expect(await tableCounts()).toEqual({ ...before, "audit:denied": before["audit:denied"] + 1 });
    const accepted = await plansRoute.POST(request("/api/v1/plans", { method: "POST", token: tokens.lead, headers: { "content-type": "application/json" }, body }));
    expect(accepted.status).toBe(201);
  });

  it("serves the latest version, a given version, and the Markdown export", async () => {
    const [seedPlan] = (await listPlans()).filter((p) => p.title === parsedSeed().title);
    const latest = await (await planRoute.GET(request(`/api/v1/plans/${seedPlan.slug}`, { token: tokens.engineer }), params({ planId: seedPlan.slug }))).json();
    expect(latest.data).toMatchObject({ id: seedPlan.id, version: { version: 2 }, versions: [{ version: 2 }, { version: 1 }] });
    expect(latest.data.plan).toEqual(parsedSeed());

    const v1 = await versionRoute.GET(request(`/api/v1/plans/${seedPlan.id}/versions/1`, { token: tokens.engineer }), params({ planId: seedPlan.id, version: "1" }));
    expect(v1.status).toBe(200);
    expect((await v1.json()).data.version.version).toBe(1);
    const missing = await versionRoute.GET(request(`/api/v1/plans/${seedPlan.id}/versions/7`, { token: tokens.engineer }), params({ planId: seedPlan.id, version: "7" }));
    expect(missing.status).toBe(404);
    const bad = await versionRoute.GET(request(`/api/v1/plans/${seedPlan.id}/versions/x`, { token: tokens.engineer }), params({ planId: seedPlan.id, version: "x" }));
    expect(bad.status).toBe(400);

    const exported = await exportRoute.GET(request(`/api/v1/plans/${seedPlan.id}/export`, { token: tokens.auditor }), params({ planId: seedPlan.id }));
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/text\/markdown/);
    const markdown = await exported.text();
    const reparsed = parsePlan(markdown);
    expect(reparsed.ok && reparsed.plan).toEqual(parsedSeed());
    const source = await exportRoute.GET(request(`/api/v1/plans/${seedPlan.id}/export?version=1&source=1`, { token: tokens.auditor }), params({ planId: seedPlan.id }));
    expect(await source.text()).toBe(seedSource());
  });

  it("refuses plan reads to a stakeholder (403 + denied) while an engineer reads", async () => {
    const [anyPlan] = await listPlans();
    const before = await tableCounts();
    for (const response of [
      await plansRoute.GET(request("/api/v1/plans", { token: tokens.stakeholder }), noParams),
      await planRoute.GET(request(`/api/v1/plans/${anyPlan.id}`, { token: tokens.stakeholder }), params({ planId: anyPlan.id })),
      await exportRoute.GET(request(`/api/v1/plans/${anyPlan.id}/export`, { token: tokens.stakeholder }), params({ planId: anyPlan.id })),
    ]) {
      expect(response.status).toBe(403);
    }
    expect((await tableCounts())["audit:denied"]).toBe(before["audit:denied"] + 3);
    expect((await planRoute.GET(request(`/api/v1/plans/${anyPlan.id}`, { token: tokens.engineer }), params({ planId: anyPlan.id }))).status).toBe(200);
    expect((await planRoute.GET(request(`/api/v1/plans/nope`, { token: tokens.engineer }), params({ planId: "nope" }))).status).toBe(404);
  });

  it("keeps the audit chain intact after all of this", async () => {
    const { rows } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from audit_events`);
    expect(rows[0].n).toBeGreaterThan(5);
    const { verifyAuditChain } = await import("@/server/audit/verify");
    const result = await verifyAuditChain();
    expect(result.intact).toBe(true);
  });
});
