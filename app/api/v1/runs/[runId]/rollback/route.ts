import { actionRoute } from "@/server/http/api-route";
import { rollbackRunAction } from "@/server/actions/runs/rollback-run";

export const dynamic = "force-dynamic";

export const POST = actionRoute(rollbackRunAction);
