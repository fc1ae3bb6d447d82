import { readRoute } from "@/server/http/api-route";
import { getRunActivity } from "@/server/runs/queries";

export const dynamic = "force-dynamic";

/** The run's slice of the audit log, newest first (`?limit=`, at most 500). */
export const GET = readRoute("runs.read", async ({ params, request }) => {
  const limit = Math.min(500, Math.max(1, Number(request.nextUrl.searchParams.get("limit") ?? 100) || 100));
  return getRunActivity(params.runId, limit);
});
