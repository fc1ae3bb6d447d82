import { requirePagePermission } from "@/server/auth/session";
import { can } from "@/lib/auth/permissions";
import { Card } from "@/components/ui/card";
import { SandboxPanel } from "@/components/steps/sandbox-panel";

export const metadata = { title: "Rehearsal sandbox" };
export const dynamic = "force-dynamic";

export default async function SandboxPage() {
  const actor = await requirePagePermission("runs.read", "/sandbox");
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-3xl font-bold">Rehearsal sandbox</h1>
      <p className="text-slate-300">
        A small live system on this machine that the plan&apos;s scripts drive: a sandbox database, blue and green versions of a service, a weighted router with
        metrics, and steady load. Run the seed procedure against it from a run&apos;s tasks.
      </p>
      <Card title="Status and controls" id="sandbox">
        <SandboxPanel canManage={can(actor, "sandbox.manage")} />
      </Card>
    </div>
  );
}
