import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/server/auth/session";
import { listPlans } from "@/server/plans/queries";
import { Card, EmptyState } from "@/components/ui/card";
import { DataTable, Td } from "@/components/ui/table";
import { ImportPlanForm } from "@/components/plans/import-plan-form";
import { formatInstant, plural } from "@/components/plans/format";

export const metadata: Metadata = { title: "Plans" };
export const dynamic = "force-dynamic";

export default async function PlansPage() {
  const actor = await requirePagePermission("plans.read", "/plans");
  const plans = await listPlans();
  const mayImport = can(actor, "plans.import");
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-white">Plans</h1>
        <p className="mt-1 text-slate-300">Deployment plans imported from Markdown. Each re-import of a plan adds a version; older versions stay readable.</p>
      </header>
      <Card>
        {plans.length === 0 ? (
          <EmptyState title="No plans yet">{mayImport ? "Import a Markdown plan below to get started." : "A lead imports plans; ask yours to import one."}</EmptyState>
        ) : (
          <DataTable caption={`Plans: ${plans.length}`} headers={["Plan", "Versions", "Latest import", "Time zone", "Contents"]} className="text-base">
            {plans.map((plan) => (
              <tr key={plan.id} data-testid="plan-row">
                <Td>
                  <Link href={`/plans/${plan.id}`} className="text-lg font-semibold text-sky-300 underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400">
                    {plan.title}
                  </Link>
                </Td>
                <Td>
                  v{plan.latest.version}
                  <span className="block text-sm text-slate-300">{plural(plan.versionCount, "version")}</span>
                </Td>
                <Td>
                  {formatInstant(plan.latest.importedAt, plan.latest.timezone)}
                  <span className="block text-sm text-slate-300">by {plan.latest.importedByName || "unknown"}</span>
                </Td>
                <Td>{plan.latest.timezone}</Td>
                <Td className="text-sm">
                  {plural(plan.latest.counts.roles, "role")}, {plural(plan.latest.counts.tasks, "task")}, {plural(plan.latest.counts.risks, "risk")},{" "}
                  {plural(plan.latest.counts.gates, "gate")}, {plural(plan.latest.counts.monitoringRules, "monitoring rule")}
                </Td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
      {mayImport ? (
        <Card>
          <ImportPlanForm />
        </Card>
      ) : null}
    </div>
  );
}
