import { actionRoute } from "@/server/http/api-route";
import { tickChecklistAction } from "@/server/actions/steps/tick-checklist";

export const dynamic = "force-dynamic";

export const POST = actionRoute(tickChecklistAction);
