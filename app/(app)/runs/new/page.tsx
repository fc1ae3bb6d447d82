import { requirePagePermission } from "@/server/auth/session";
import { listPlanVersionChoices } from "@/server/runs/queries";
import { NewRunForm } from "@/components/runs/new-run-form";
import { EmptyState } from "@/components/ui/card";

export const metadata = { title: "New run" };
export const dynamic = "force-dynamic";

export default async function NewRunPage() {
  await requirePagePermission("runs.create", "/runs/new");
  const versions = await listPlanVersionChoices();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-3xl font-bold">New run</h1>
      {versions.length === 0 ? <EmptyState title="No plans yet">Import a plan first; a run is made from a plan version.</EmptyState> : <NewRunForm versions={versions} />}
    </div>
  );
}
