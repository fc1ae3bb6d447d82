import { requirePagePermission } from "@/server/auth/session";
import { listMyTasks } from "@/server/runs/queries";
import { MyTasks } from "@/components/runs/my-tasks";

export const metadata = { title: "My tasks" };
export const dynamic = "force-dynamic";

export default async function MyTasksPage() {
  const actor = await requirePagePermission("tasks.read", "/my-tasks");
  const groups = await listMyTasks(actor);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold">My tasks</h1>
      <MyTasks initial={groups} actor={actor} />
    </div>
  );
}
