import { actionRoute, readRoute } from "@/server/http/api-route";
import { ActionError } from "@/server/actions/errors";
import { editRunAction } from "@/server/actions/runs/edit-run";
import { getRunDetail } from "@/server/runs/queries";

export const dynamic = "force-dynamic";

export const GET = readRoute("runs.read", async ({ params }) => {
  const detail = await getRunDetail(params.runId);
  if (!detail) throw new ActionError("not_found", "No run with this id.");
  return detail;
});
export const PATCH = actionRoute(editRunAction);
