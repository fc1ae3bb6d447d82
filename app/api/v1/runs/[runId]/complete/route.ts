import { actionRoute } from "@/server/http/api-route";
import { completeRunAction } from "@/server/actions/runs/complete-run";

export const dynamic = "force-dynamic";

export const POST = actionRoute(completeRunAction);
