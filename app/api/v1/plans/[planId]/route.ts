// GET /api/v1/plans/:id — the plan (by id or slug) with its latest version as TPlan JSON.
import { ActionError } from "@/server/actions/errors";
import { readRoute } from "@/server/http/api-route";
import { getPlanVersionDetail } from "@/server/plans/queries";
import { toApiPlan } from "@/server/plans/api";

export const dynamic = "force-dynamic";

export const GET = readRoute("plans.read", async ({ params }) => {
  const detail = await getPlanVersionDetail(params.planId);
  if (!detail) throw new ActionError("not_found", "There is no plan with this id.");
  return toApiPlan(detail);
});
