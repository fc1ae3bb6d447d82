import { actionRoute } from "@/server/http/api-route";
import { overrideTaskAction } from "@/server/actions/runs/override-task";

export const dynamic = "force-dynamic";

export const POST = actionRoute(overrideTaskAction);
