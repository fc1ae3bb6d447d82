import { actionRoute } from "@/server/http/api-route";
import { completeTaskAction } from "@/server/actions/runs/complete-task";

export const dynamic = "force-dynamic";

export const POST = actionRoute(completeTaskAction);
