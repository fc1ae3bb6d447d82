import { actionRoute } from "@/server/http/api-route";
import { skipTaskAction } from "@/server/actions/runs/skip-task";

export const dynamic = "force-dynamic";

export const POST = actionRoute(skipTaskAction);
