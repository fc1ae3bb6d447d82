import { actionRoute } from "@/server/http/api-route";
import { resolveInterruptedAction } from "@/server/actions/steps/resolve-interrupted";

export const dynamic = "force-dynamic";

export const POST = actionRoute(resolveInterruptedAction);
