// GET /api/v1/plans/:id/versions/:version — one version of a plan as TPlan JSON.
import { ActionError } from "@/server/actions/errors";
import { readRoute } from "@/server/http/api-route";
import { getPlanVersionDetail } from "@/server/plans/queries";
import { parseVersionParam, toApiPlan } from "@/server/plans/api";

export const dynamic = "force-dynamic";

export const GET = readRoute("plans.read", async ({ params }) => {
  const version = parseVersionParam(params.version);
  const detail = await getPlanVersionDetail(params.planId, version);
  if (!detail) throw new ActionError("not_found", `There is no version ${params.version} of this plan.`);
  return toApiPlan(detail);
});
