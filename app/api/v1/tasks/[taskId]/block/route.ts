import { actionRoute } from "@/server/http/api-route";
import { blockTaskAction } from "@/server/actions/runs/block-task";

export const dynamic = "force-dynamic";

export const POST = actionRoute(blockTaskAction);
