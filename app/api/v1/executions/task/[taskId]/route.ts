import { readRoute } from "@/server/http/api-route";
import { loadTaskPanel } from "@/server/engine/queries";

export const dynamic = "force-dynamic";

export const GET = readRoute("tasks.read", ({ params, actor }) => loadTaskPanel(params.taskId, actor));
