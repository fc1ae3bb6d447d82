import { actionRoute } from "@/server/http/api-route";
import { editTaskActionAction } from "@/server/actions/steps/edit-task-action";

export const dynamic = "force-dynamic";

export const PUT = actionRoute(editTaskActionAction);
