import { actionRoute } from "@/server/http/api-route";
import { decideGateAction } from "@/server/actions/steps/decide-gate";

export const dynamic = "force-dynamic";

export const POST = actionRoute(decideGateAction);
