import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/server/auth/session";
import { listRuns } from "@/server/runs/queries";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { DataTable, Td } from "@/components/ui/table";
import { RUN_LOOK } from "@/components/runs/labels";

export const metadata = { title: "Runs" };
export const dynamic = "force-dynamic";

export default async function RunsPage() {
  const actor = await requirePagePermission("runs.read", "/runs");
  const runs = await listRuns();
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-3xl font-bold">Runs</h1>
        {can(actor, "runs.create") ? (
          <Link href="/runs/new" className="rounded-md bg-sky-600 px-4 py-2 font-medium text-white hover:bg-sky-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400">
            New run
          </Link>
        ) : null}
      </div>
      {runs.length === 0 ? (
        <EmptyState title="No runs yet">{can(actor, "runs.create") ? "Create one from an imported plan with “New run”." : "The lead creates runs from imported plans."}</EmptyState>
      ) : (
        <DataTable caption="Runs, newest first" headers={["Run", "State", "Window", "Progress", "Late", "Status page"]}>
          {runs.map((run) => {
            const look = RUN_LOOK[run.state] ?? RUN_LOOK.draft;
            return (
              <tr key={run.id}>
                <Td>
                  <Link href={`/runs/${run.id}`} className="font-medium text-sky-300 underline-offset-2 hover:underline">
                    {run.title}
                  </Link>
                  <div className="text-xs text-slate-400">
                    {run.planTitle} v{run.planVersion}
                  </div>
                </Td>
                <Td>
                  <Badge tone={look.tone} symbol={look.symbol}>
                    {look.label}
                  </Badge>
                </Td>
                <Td>{run.windowStart ? `${new Date(run.windowStart).toLocaleString("en-GB", { timeZone: run.timezone, dateStyle: "medium", timeStyle: "short" })} (${run.timezone})` : "—"}</Td>
                <Td>
                  {run.progress.percentDone}% · {run.progress.finished}/{run.progress.total}
                </Td>
                <Td>{run.progress.late ? <span className="text-amber-300">⚑ {run.progress.late}</span> : "—"}</Td>
                <Td>
                  <Link href={`/status/${run.slug}`} className="text-sky-300 underline-offset-2 hover:underline">
                    {run.statusPublic ? "Public" : "Signed-in only"}
                  </Link>
                </Td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </div>
  );
}
