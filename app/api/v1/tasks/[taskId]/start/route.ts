import { actionRoute } from "@/server/http/api-route";
import { startTaskAction } from "@/server/actions/runs/start-task";

export const dynamic = "force-dynamic";

export const POST = actionRoute(startTaskAction);
