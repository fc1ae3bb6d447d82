import { actionRoute, readRoute } from "@/server/http/api-route";
import { createRunAction } from "@/server/actions/runs/create-run";
import { listRuns } from "@/server/runs/queries";

export const dynamic = "force-dynamic";

export const GET = readRoute("runs.read", () => listRuns());
export const POST = actionRoute(createRunAction, { successStatus: 201 });
