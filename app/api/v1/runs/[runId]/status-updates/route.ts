import { actionRoute, readRoute } from "@/server/http/api-route";
import { postStatusUpdateAction } from "@/server/actions/runs/post-status-update";
import { getRunDetail } from "@/server/runs/queries";
import { ActionError } from "@/server/actions/errors";

export const dynamic = "force-dynamic";

export const GET = readRoute("runs.read", async ({ params }) => {
  const detail = await getRunDetail(params.runId);
  if (!detail) throw new ActionError("not_found", "No run with this id.");
  return detail.statusUpdates;
});
export const POST = actionRoute(postStatusUpdateAction, { successStatus: 201 });
