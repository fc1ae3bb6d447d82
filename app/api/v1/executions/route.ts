import { actionRoute } from "@/server/http/api-route";
import { runStepAction } from "@/server/actions/steps/run-step";

export const dynamic = "force-dynamic";

/** Run a task's step: body { taskId }. What runs is the action stored on the task, never the request. */
export const POST = actionRoute(runStepAction, { successStatus: 201 });
