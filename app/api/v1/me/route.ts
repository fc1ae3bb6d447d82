import { NextResponse, type NextRequest } from "next/server";
import { actorFromRequest } from "@/server/auth/actor";
import { ActionError } from "@/server/actions/errors";
import { errorResponse } from "@/server/http/api-route";
import { getUserEmail } from "@/server/identity/queries";
import { PERMISSIONS, can } from "@/lib/auth/permissions";

/** Who the request acts as (session or token), with the permissions that role holds. */
export async function GET(request: NextRequest) {
  try {
    const actor = await actorFromRequest(request);
    if (!actor) throw new ActionError("unauthenticated", "Sign in or send a valid API token.");
    const email = await getUserEmail(actor.id);
    return NextResponse.json({ data: { ...actor, email, permissions: PERMISSIONS.filter((p) => can(actor, p)) } });
  } catch (error) {
    return errorResponse(error);
  }
}
