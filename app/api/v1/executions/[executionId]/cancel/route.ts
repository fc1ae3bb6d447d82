import { actionRoute } from "@/server/http/api-route";
import { cancelStepAction } from "@/server/actions/steps/cancel-step";

export const dynamic = "force-dynamic";

export const POST = actionRoute(cancelStepAction);
