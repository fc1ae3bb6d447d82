import "server-only";
// Reads of imported plans for pages and the REST API. A plan version is read back into the same TPlan
// shape the parser produces, so views, exports and runs work from one type whatever the source.
import { asc, desc, eq, sql } from "drizzle-orm";
import { DateTime } from "luxon";
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
import { toIsoInstant } from "@/lib/plan/dates";
import type { PlanProblem, TMeasurable, TOperator, TPlan } from "@/lib/plan/schema";
import { getDb, type Db, type Tx } from "@/server/db/client";
import type { PlanCounts } from "./counts";
import { isUuid } from "@/server/db/uuid";

export type PlanVersionMeta = {
  id: string;
  version: number;
  title: string;
  timezone: string;
  importedAt: string;
  importedByName: string;
  sourceSha256: string;
};

export type PlanListItem = {
  id: string;
  slug: string;
  title: string;
  createdAt: string;
  versionCount: number;
  latest: PlanVersionMeta & { counts: PlanCounts };
};

/** Row counts of every section of one version, counted in the database (what was actually written). */
// The column must be table-qualified: inside each subquery a bare "id" would mean that table's own id.
const countsSql = (versionId: ReturnType<typeof sql.raw>) => sql<PlanCounts>`json_build_object(
  'roles', (select count(*) from plan_roles where plan_version_id = ${versionId}),
  'phases', (select count(*) from plan_phases where plan_version_id = ${versionId}),
  'tasks', (select count(*) from plan_tasks where plan_version_id = ${versionId}),
  'procedureSections', (select count(*) from plan_procedure_sections where plan_version_id = ${versionId}),
  'procedureSteps', (select count(*) from plan_procedure_steps where plan_version_id = ${versionId}),
  'canarySteps', (select count(*) from plan_canary_steps where plan_version_id = ${versionId}),
  'gates', (select count(*) from plan_health_gates where plan_version_id = ${versionId}),
  'rollbackTriggers', (select count(*) from plan_rollback_triggers where plan_version_id = ${versionId}),
  'rollbackSteps', (select count(*) from plan_rollback_steps where plan_version_id = ${versionId}),
  'risks', (select count(*) from plan_risks where plan_version_id = ${versionId}),
  'monitoringRules', (select count(*) from plan_monitoring_rules where plan_version_id = ${versionId}),
  'successCriteria', (select count(*) from plan_success_criteria where plan_version_id = ${versionId}),
  'notes', (select count(*) from plan_notes where plan_version_id = ${versionId})
)`;

/** Everything but the source text, which can be large and is only needed for downloads. */
const versionMetaColumns = {
  id: planVersions.id,
  version: planVersions.version,
  title: planVersions.title,
  timezone: planVersions.timezone,
  importedAt: planVersions.importedAt,
  importedByName: planVersions.importedByName,
  sourceSha256: planVersions.sourceSha256,
};

function meta(row: { [K in keyof typeof versionMetaColumns]: (typeof planVersions.$inferSelect)[K] }): PlanVersionMeta {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    timezone: row.timezone,
    importedAt: row.importedAt.toISOString(),
    importedByName: row.importedByName,
    sourceSha256: row.sourceSha256,
  };
}

/** Every plan with its latest version, newest import first. */
export async function listPlans(db: Db | Tx = getDb()): Promise<PlanListItem[]> {
  const rows = await db
    .select({
      plan: plans,
      version: versionMetaColumns,
      versionCount: sql<number>`(select count(*)::int from plan_versions pv where pv.plan_id = ${plans.id})`,
      counts: countsSql(sql.raw(`"plan_versions"."id"`)),
    })
    .from(plans)
    .innerJoin(planVersions, eq(planVersions.planId, plans.id))
    .where(sql`${planVersions.version} = (select max(pv.version) from plan_versions pv where pv.plan_id = ${plans.id})`)
    .orderBy(desc(planVersions.importedAt));
  return rows.map((r) => ({
    id: r.plan.id,
    slug: r.plan.slug,
    title: r.plan.title,
    createdAt: r.plan.createdAt.toISOString(),
    versionCount: r.versionCount,
    latest: { ...meta(r.version), counts: r.counts },
  }));
}

export type PlanHeader = { id: string; slug: string; title: string; createdAt: string; versions: PlanVersionMeta[] };

/** A plan by id or slug, with its versions newest first; null when there is none. */
export async function getPlanHeader(idOrSlug: string, db: Db | Tx = getDb()): Promise<PlanHeader | null> {
  const [plan] = await db
    .select()
    .from(plans)
    .where(isUuid(idOrSlug) ? eq(plans.id, idOrSlug) : eq(plans.slug, idOrSlug))
    .limit(1);
  if (!plan) return null;
  const versions = await db.select(versionMetaColumns).from(planVersions).where(eq(planVersions.planId, plan.id)).orderBy(desc(planVersions.version));
  return { id: plan.id, slug: plan.slug, title: plan.title, createdAt: plan.createdAt.toISOString(), versions: versions.map(meta) };
}

export type PlanVersionDetail = {
  plan: Omit<PlanHeader, "versions">;
  versions: PlanVersionMeta[];
  version: PlanVersionMeta & { warnings: PlanProblem[]; counts: PlanCounts };
  content: TPlan;
};

/** One version of a plan (the latest when `version` is omitted), with its content as TPlan. */
export async function getPlanVersionDetail(idOrSlug: string, version?: number, db: Db | Tx = getDb()): Promise<PlanVersionDetail | null> {
  const header = await getPlanHeader(idOrSlug, db);
  if (!header || header.versions.length === 0) return null;
  const chosen = version === undefined ? header.versions[0] : header.versions.find((v) => v.version === version);
  if (!chosen) return null;
  const [row] = await db
    .select({ warnings: planVersions.warnings, counts: countsSql(sql.raw(`"plan_versions"."id"`)) })
    .from(planVersions)
    .where(eq(planVersions.id, chosen.id));
  const content = await loadPlanVersion(chosen.id, db);
  if (!content || !row) return null;
  const { versions, ...plan } = header;
  return { plan, versions, version: { ...chosen, warnings: row.warnings, counts: row.counts }, content };
}

/** The source Markdown as imported, for download. */
export async function getPlanVersionSource(planVersionId: string, db: Db | Tx = getDb()): Promise<string | null> {
  const [row] = await db.select({ source: planVersions.sourceMarkdown }).from(planVersions).where(eq(planVersions.id, planVersionId));
  return row?.source ?? null;
}

function instant(date: Date, zone: string): string {
  return toIsoInstant(DateTime.fromJSDate(date).setZone(zone));
}

/** Reads a plan version back from the normalized tables into TPlan; null when it does not exist. */
export async function loadPlanVersion(planVersionId: string, db: Db | Tx = getDb()): Promise<TPlan | null> {
  if (!isUuid(planVersionId)) return null;
  const [version] = await db.select().from(planVersions).where(eq(planVersions.id, planVersionId));
  if (!version) return null;
  const of = <T extends { planVersionId: unknown }>(table: T) => eq((table as unknown as typeof planRoles).planVersionId, planVersionId);
  const [roles, phases, tasks, sections, steps, canary, gates, triggers, rollbackSteps, risks, monitoring, criteria, notes] = await Promise.all([
    db.select().from(planRoles).where(of(planRoles)).orderBy(asc(planRoles.position)),
    db.select().from(planPhases).where(of(planPhases)).orderBy(asc(planPhases.position)),
    db.select().from(planTasks).where(of(planTasks)).orderBy(asc(planTasks.position)),
    db.select().from(planProcedureSections).where(of(planProcedureSections)).orderBy(asc(planProcedureSections.position)),
    db.select().from(planProcedureSteps).where(of(planProcedureSteps)).orderBy(asc(planProcedureSteps.position)),
    db.select().from(planCanarySteps).where(of(planCanarySteps)).orderBy(asc(planCanarySteps.position)),
    db.select().from(planHealthGates).where(of(planHealthGates)).orderBy(asc(planHealthGates.position)),
    db.select().from(planRollbackTriggers).where(of(planRollbackTriggers)).orderBy(asc(planRollbackTriggers.position)),
    db.select().from(planRollbackSteps).where(of(planRollbackSteps)).orderBy(asc(planRollbackSteps.position)),
    db.select().from(planRisks).where(of(planRisks)).orderBy(asc(planRisks.position)),
    db.select().from(planMonitoringRules).where(of(planMonitoringRules)).orderBy(asc(planMonitoringRules.position)),
    db.select().from(planSuccessCriteria).where(of(planSuccessCriteria)).orderBy(asc(planSuccessCriteria.position)),
    db.select().from(planNotes).where(of(planNotes)).orderBy(asc(planNotes.position)),
  ]);
  const zone = version.timezone;
  return {
    title: version.title,
    timezone: zone,
    overview: version.overview,
    roles: roles.map((r) => ({ name: r.name, responsibility: r.responsibility, contact: r.contact, extra: r.extra })),
    phases: phases.map((p) => ({
      name: p.name,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      tasks: tasks
        .filter((t) => t.phaseId === p.id)
        .map((t) => ({
          key: t.key,
          title: t.title,
          owner: t.owner,
          status: t.status,
          start: instant(t.plannedStart, zone),
          end: instant(t.plannedEnd, zone),
          allDay: t.allDay,
          dependsOn: t.dependsOn,
          extra: t.extra,
        })),
    })),
    procedure: sections.map((s) => ({
      title: s.title,
      steps: steps.filter((st) => st.sectionId === s.id).map((st) => ({ title: st.title, commands: st.commands, checklist: st.checklist })),
    })),
    canary: {
      steps: canary.map((c) => c.percent),
      gates: gates.map((g) => ({ metric: g.metric, operator: g.operator as TOperator, threshold: g.threshold, unit: g.unit, text: g.text })),
    },
    rollback: {
      triggers: triggers.map((t) => ({
        text: t.text,
        metric: t.metric,
        operator: t.operator as TOperator | null,
        threshold: t.threshold,
        unit: t.unit,
        forMinutes: t.forMinutes,
      })),
      steps: rollbackSteps.map((s) => ({ title: s.title, commands: s.commands, checklist: s.checklist })),
    },
    risks: risks.map((r) => ({ risk: r.risk, probability: r.probability, impact: r.impact, mitigation: r.mitigation, owner: r.owner, extra: r.extra })),
    monitoring: monitoring.map((m) => ({
      metric: m.metric,
      label: m.label,
      tool: m.tool,
      threshold: m.threshold,
      operator: m.operator as TOperator | null,
      thresholdValue: m.thresholdValue,
      unit: m.unit,
      alertTo: m.alertTo,
      response: m.response,
      extra: m.extra,
    })),
    successCriteria: criteria.map((c) => ({ category: c.category, text: c.text, measurable: (c.measurable ?? null) as TMeasurable | null })),
    notes: notes.map((n) => ({ heading: n.heading, body: n.body })),
  };
}

/** Whether any plan exists (the seed import runs only on an empty database). */
export async function hasAnyPlan(db: Db | Tx = getDb()): Promise<boolean> {
  const [row] = await db.select({ id: plans.id }).from(plans).limit(1);
  return !!row;
}

