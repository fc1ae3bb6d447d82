import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/server/auth/session";
import { getPlanVersionDetail } from "@/server/plans/queries";
import { COUNT_LABELS, type PlanCounts } from "@/server/plans/counts";
import { Badge } from "@/components/ui/badge";
import { formatInstant } from "@/components/plans/format";
import { PlanTabs, planTab, type PlanTabId } from "@/components/plans/plan-tabs";
import { OverviewSection } from "@/components/plans/overview";
import { RosterSection } from "@/components/plans/roster";
import { TimelineSection } from "@/components/plans/timeline";
import { ProcedureSection } from "@/components/plans/procedure";
import { CanarySection } from "@/components/plans/canary";
import { RollbackSection } from "@/components/plans/rollback";
import { RisksSection } from "@/components/plans/risks";
import { MonitoringSection } from "@/components/plans/monitoring";
import { SuccessSection } from "@/components/plans/success";
import { NotesSection } from "@/components/plans/notes";
import { VersionPicker } from "@/components/plans/version-picker";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ planId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function versionParam(value: string | string[] | undefined): number | undefined | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { planId } = await params;
  const detail = await getPlanVersionDetail(planId).catch(() => null);
  return { title: detail ? detail.plan.title : "Plan" };
}

const TAB_TITLES: Record<PlanTabId, string> = {
  overview: "Overview",
  roster: "Roster",
  timeline: "Timeline",
  procedure: "Deployment procedure",
  canary: "Canary release and health gates",
  rollback: "Rollback",
  risks: "Risks",
  monitoring: "Monitoring rules",
  success: "Success criteria",
  notes: "Notes",
};

export default async function PlanPage({ params, searchParams }: Props) {
  const { planId } = await params;
  const query = await searchParams;
  await requirePagePermission("plans.read", `/plans/${planId}`);
  const version = versionParam(query.version);
  if (version === null) notFound();
  const detail = await getPlanVersionDetail(planId, version);
  if (!detail) notFound();

  const tab = planTab(query.tab);
  const plan = detail.content;
  const basePath = `/plans/${detail.plan.id}`;
  const latest = detail.versions[0];
  const isLatest = detail.version.version === latest.version;
  const counts = detail.version.counts;
  const tabCounts: Partial<Record<PlanTabId, number>> = {
    roster: counts.roles,
    timeline: counts.tasks,
    procedure: counts.procedureSteps,
    canary: counts.gates,
    rollback: counts.rollbackTriggers + counts.rollbackSteps,
    risks: counts.risks,
    monitoring: counts.monitoringRules,
    success: counts.successCriteria,
    notes: counts.notes,
  };
  const exportHref = `/api/v1/plans/${detail.plan.id}/export?version=${detail.version.version}`;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-300">
        <Link href="/plans" className="underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400">
          Plans
        </Link>
        <span aria-hidden="true"> / </span>
        <span>{detail.plan.title}</span>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-white">{plan.title}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-slate-300">
            <Badge tone={isLatest ? "success" : "warning"} symbol={isLatest ? "●" : "◐"}>
              Version {detail.version.version}
              {isLatest ? " (latest)" : ` of ${latest.version}`}
            </Badge>
            <span>
              imported {formatInstant(detail.version.importedAt, plan.timezone)} by {detail.version.importedByName || "unknown"}
            </span>
            <span>· time zone {plan.timezone}</span>
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          {detail.versions.length > 1 ? (
            <VersionPicker basePath={basePath} tab={tab} current={detail.version.version} versions={detail.versions.map((v) => ({ version: v.version, importedAt: formatInstant(v.importedAt, v.timezone) }))} />
          ) : null}
          <a
            href={exportHref}
            className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-slate-100 ring-1 ring-slate-600 hover:bg-slate-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400"
          >
            Export Markdown
          </a>
          <a
            href={`${exportHref}&source=1`}
            className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-200 hover:bg-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400"
          >
            Original file
          </a>
        </div>
      </header>

      <PlanTabs basePath={basePath} current={tab} version={isLatest ? undefined : detail.version.version} counts={tabCounts} />

      <section aria-labelledby="plan-section-title" className="rounded-lg border border-slate-800 bg-slate-900/40 p-4 md:p-6">
        <h2 id="plan-section-title" className="mb-4 text-2xl font-semibold text-white">
          {TAB_TITLES[tab]}
        </h2>
        {tab === "overview" ? (
          <OverviewSection
            plan={plan}
            warnings={detail.version.warnings}
            counts={(Object.keys(COUNT_LABELS) as (keyof PlanCounts)[]).map((key) => ({ key, label: COUNT_LABELS[key], value: counts[key] }))}
          />
        ) : null}
        {tab === "roster" ? <RosterSection plan={plan} /> : null}
        {tab === "timeline" ? <TimelineSection plan={plan} /> : null}
        {tab === "procedure" ? <ProcedureSection plan={plan} /> : null}
        {tab === "canary" ? <CanarySection plan={plan} /> : null}
        {tab === "rollback" ? <RollbackSection plan={plan} /> : null}
        {tab === "risks" ? <RisksSection plan={plan} /> : null}
        {tab === "monitoring" ? <MonitoringSection plan={plan} /> : null}
        {tab === "success" ? <SuccessSection plan={plan} /> : null}
        {tab === "notes" ? <NotesSection plan={plan} /> : null}
      </section>
    </div>
  );
}
