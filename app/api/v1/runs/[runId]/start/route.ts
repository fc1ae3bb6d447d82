import { actionRoute } from "@/server/http/api-route";
import { startRunAction } from "@/server/actions/runs/start-run";

export const dynamic = "force-dynamic";

export const POST = actionRoute(startRunAction);
