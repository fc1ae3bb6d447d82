import { actionRoute } from "@/server/http/api-route";
import { failTaskAction } from "@/server/actions/runs/fail-task";

export const dynamic = "force-dynamic";

export const POST = actionRoute(failTaskAction);
