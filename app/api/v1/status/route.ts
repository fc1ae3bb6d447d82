import { NextResponse, type NextRequest } from "next/server";
import { actorFromRequest } from "@/server/auth/actor";
import { errorResponse } from "@/server/http/api-route";
import { listStatusRuns } from "@/server/runs/queries";

export const dynamic = "force-dynamic";

/** Status pages this caller may see: public ones for everyone, all of them with status.read. */
export async function GET(request: NextRequest) {
  try {
    return NextResponse.json({ data: await listStatusRuns(await actorFromRequest(request)) });
  } catch (error) {
    return errorResponse(error);
  }
}
