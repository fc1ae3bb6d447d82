import { actionRoute } from "@/server/http/api-route";
import { pauseRunAction } from "@/server/actions/runs/pause-run";

export const dynamic = "force-dynamic";

export const POST = actionRoute(pauseRunAction);
