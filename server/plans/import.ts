import "server-only";
// Writes a parsed plan into the normalized plan tables. Everything happens in the caller's transaction,
// so an import is all or nothing: a failure on the last row leaves no plan, version or section behind.
import { createHash, randomUUID } from "node:crypto";
import { eq, like, max, sql } from "drizzle-orm";
import {
  planCanarySteps,
  planHealthGates,
  planMonitoringRules,
  planNotes,
  planPhases,
  planProcedureSections,
  planProcedureSteps,
  planRisks,
  planRoles,
  planRollbackSteps,
  planRollbackTriggers,
  planSuccessCriteria,
  planTasks,
  planVersions,
  plans,
} from "@/db/schema";
import type { PlanProblem, TPlan } from "@/lib/plan/schema";
import type { Actor } from "@/lib/auth/permissions";
import type { Tx } from "@/server/db/client";
import { countPlan, type PlanCounts } from "./counts";
import { deriveTaskActions } from "@/lib/actions";
import { rehearsalMode } from "@/server/engine/sandbox-config";
import { isUuid } from "@/server/db/uuid";

export type ImportedPlan = {
  planId: string;
  planVersionId: string;
  slug: string;
  title: string;
  version: number;
  /** True when this import created the plan (version 1), false when it added a version. */
  created: boolean;
  counts: PlanCounts;
};

export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return slug || "plan";
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Two different titles can slugify alike ("A/B" and "A B"); the later one gets "-2", "-3"… */
async function freeSlug(tx: Tx, base: string): Promise<string> {
  const taken = new Set((await tx.select({ slug: plans.slug }).from(plans).where(like(plans.slug, `${base}%`))).map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Finds or creates the plan for `title` and returns it locked for the rest of the transaction. The
 * advisory lock keyed on the title serializes concurrent imports of the same plan, so two imports can't
 * both create it or both take the same next version number.
 */
async function lockPlanByTitle(tx: Tx, title: string): Promise<{ id: string; slug: string; created: boolean }> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`flightdeck:plan:${title}`}, 0))`);
  const [existing] = await tx.select({ id: plans.id, slug: plans.slug }).from(plans).where(eq(plans.title, title)).limit(1);
  if (existing) return { ...existing, created: false };
  // Slugs are unique across titles; serialize their choice too (another title may want the same slug).
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('flightdeck:plan-slugs', 0))`);
  const slug = await freeSlug(tx, slugify(title));
  const [row] = await tx.insert(plans).values({ title, slug }).returning({ id: plans.id, slug: plans.slug });
  return { ...row, created: true };
}

/**
 * Imports `plan` as a new plan, or as the next version of the plan with the same title. `tx` must be the
 * caller's transaction (the action pipeline's, so the audit event commits or rolls back with the rows).
 */
export async function importPlanVersion(
  tx: Tx,
  plan: TPlan,
  sourceMarkdown: string,
  importedBy: Pick<Actor, "kind" | "id" | "name">,
  options: { warnings?: PlanProblem[] } = {},
): Promise<ImportedPlan> {
  const planRow = await lockPlanByTitle(tx, plan.title);
  const [{ latest }] = await tx.select({ latest: max(planVersions.version) }).from(planVersions).where(eq(planVersions.planId, planRow.id));
  const version = (latest ?? 0) + 1;

  const planVersionId = randomUUID();
  await tx.insert(planVersions).values({
    id: planVersionId,
    planId: planRow.id,
    version,
    title: plan.title,
    timezone: plan.timezone,
    overview: plan.overview,
    sourceMarkdown,
    sourceSha256: sha256(sourceMarkdown),
    importedBy: importedBy.kind === "user" && isUuid(importedBy.id) ? importedBy.id : null,
    importedByName: importedBy.name,
    warnings: options.warnings ?? [],
  });
  const v = { planVersionId };

  if (plan.roles.length) {
    await tx.insert(planRoles).values(plan.roles.map((r, position) => ({ ...v, position, name: r.name, responsibility: r.responsibility, contact: r.contact, extra: r.extra })));
  }

  const phaseRows = plan.phases.map((p, position) => ({ id: randomUUID(), ...v, position, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn }));
  if (phaseRows.length) await tx.insert(planPhases).values(phaseRows);
  // What each task runs, derived from the procedure (step runner, lib/actions/derive.ts).
  const derivedActions = deriveTaskActions(plan, { rehearsal: rehearsalMode() }).actions;
  const taskRows = plan.phases.flatMap((p, i) =>
    p.tasks.map((t, position) => ({
      ...v,
      phaseId: phaseRows[i].id,
      position,
      key: t.key,
      title: t.title,
      owner: t.owner,
      status: t.status,
      plannedStart: new Date(t.start),
      plannedEnd: new Date(t.end),
      allDay: t.allDay,
      dependsOn: t.dependsOn,
      action: derivedActions[t.key] ?? null,
      extra: t.extra,
    })),
  );
  if (taskRows.length) await tx.insert(planTasks).values(taskRows);

  const sectionRows = plan.procedure.map((s, position) => ({ id: randomUUID(), ...v, position, title: s.title }));
  if (sectionRows.length) await tx.insert(planProcedureSections).values(sectionRows);
  const stepRows = plan.procedure.flatMap((s, i) =>
    s.steps.map((step, position) => ({ ...v, sectionId: sectionRows[i].id, position, title: step.title, commands: step.commands, checklist: step.checklist })),
  );
  if (stepRows.length) await tx.insert(planProcedureSteps).values(stepRows);

  if (plan.canary.steps.length) await tx.insert(planCanarySteps).values(plan.canary.steps.map((percent, position) => ({ ...v, position, percent })));
  if (plan.canary.gates.length) {
    await tx.insert(planHealthGates).values(plan.canary.gates.map((g, position) => ({ ...v, position, text: g.text, metric: g.metric, operator: g.operator, threshold: g.threshold, unit: g.unit })));
  }

  if (plan.rollback.triggers.length) {
    await tx.insert(planRollbackTriggers).values(
      plan.rollback.triggers.map((t, position) => ({ ...v, position, text: t.text, metric: t.metric, operator: t.operator, threshold: t.threshold, unit: t.unit, forMinutes: t.forMinutes })),
    );
  }
  if (plan.rollback.steps.length) {
    await tx.insert(planRollbackSteps).values(plan.rollback.steps.map((s, position) => ({ ...v, position, title: s.title, commands: s.commands, checklist: s.checklist })));
  }

  if (plan.risks.length) {
    await tx.insert(planRisks).values(
      plan.risks.map((r, position) => ({ ...v, position, risk: r.risk, probability: r.probability, impact: r.impact, mitigation: r.mitigation, owner: r.owner, extra: r.extra })),
    );
  }
  if (plan.monitoring.length) {
    await tx.insert(planMonitoringRules).values(
      plan.monitoring.map((m, position) => ({
        ...v,
        position,
        metric: m.metric,
        label: m.label,
        tool: m.tool,
        threshold: m.threshold,
        operator: m.operator,
        thresholdValue: m.thresholdValue,
        unit: m.unit,
        alertTo: m.alertTo,
        response: m.response,
        extra: m.extra,
      })),
    );
  }
  if (plan.successCriteria.length) {
    await tx.insert(planSuccessCriteria).values(plan.successCriteria.map((c, position) => ({ ...v, position, category: c.category, text: c.text, measurable: c.measurable })));
  }
  if (plan.notes.length) await tx.insert(planNotes).values(plan.notes.map((n, position) => ({ ...v, position, heading: n.heading, body: n.body })));

  return { planId: planRow.id, planVersionId, slug: planRow.slug, title: plan.title, version, created: planRow.created, counts: countPlan(plan) };
}
