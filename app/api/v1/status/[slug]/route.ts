import { NextResponse, type NextRequest } from "next/server";
import { actorFromRequest } from "@/server/auth/actor";
import { ActionError } from "@/server/actions/errors";
import { errorResponse } from "@/server/http/api-route";
import { getPublicStatus } from "@/server/runs/queries";

export const dynamic = "force-dynamic";

/** One run's sanitized status; public runs answer without signing in. */
export async function GET(request: NextRequest, context: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await context.params;
    const result = await getPublicStatus(slug, await actorFromRequest(request));
    if ("denied" in result) {
      if (result.denied === "sign_in") throw new ActionError("unauthenticated", "Sign in to see this status page.");
      if (result.denied === "forbidden") throw new ActionError("forbidden", "Your role may not read status pages.");
      throw new ActionError("not_found", "No status page here.");
    }
    return NextResponse.json({ data: result.status }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
