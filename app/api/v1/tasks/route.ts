import { readRoute } from "@/server/http/api-route";
import { listMyTasks } from "@/server/runs/queries";

export const dynamic = "force-dynamic";

/** The caller's tasks (owned by their team roles) across runs that are not finished, grouped by run. */
export const GET = readRoute("tasks.read", ({ actor }) => listMyTasks(actor));
