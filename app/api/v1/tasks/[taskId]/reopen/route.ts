import { actionRoute } from "@/server/http/api-route";
import { reopenTaskAction } from "@/server/actions/runs/reopen-task";

export const dynamic = "force-dynamic";

export const POST = actionRoute(reopenTaskAction);
