// POST /api/v1/plans — import a plan (JSON, text/markdown or multipart upload); GET — list plans.
import { NextResponse, type NextRequest } from "next/server";
import { ActionError } from "@/server/actions/errors";
import { executeAction } from "@/server/actions/pipeline";
import { importPlanAction } from "@/server/actions/plans/import-plan";
import { actorFromRequest } from "@/server/auth/actor";
import { errorResponse, readRoute, requestMeta } from "@/server/http/api-route";
import { listPlans } from "@/server/plans/queries";
import { readPlanUpload } from "@/server/plans/upload";

export const dynamic = "force-dynamic";

export const GET = readRoute("plans.read", () => listPlans());

export async function POST(request: NextRequest) {
  try {
    // Who is asking is known from headers alone, so an anonymous upload is refused before it is read.
    const actor = await actorFromRequest(request);
    if (!actor) throw new ActionError("unauthenticated", "Sign in to do this.");
    const input = await readPlanUpload(request);
    const result = await executeAction(importPlanAction, input, { actor, meta: requestMeta(request), idempotencyKey: request.headers.get("idempotency-key") });
    return NextResponse.json({ data: result }, { status: 201, headers: { location: `/api/v1/plans/${result.planId}/versions/${result.version}` } });
  } catch (error) {
    return errorResponse(error);
  }
}
