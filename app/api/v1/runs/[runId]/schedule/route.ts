import { actionRoute } from "@/server/http/api-route";
import { scheduleRunAction } from "@/server/actions/runs/schedule-run";

export const dynamic = "force-dynamic";

export const POST = actionRoute(scheduleRunAction);
