import { actionRoute } from "@/server/http/api-route";
import { abortRunAction } from "@/server/actions/runs/abort-run";

export const dynamic = "force-dynamic";

export const POST = actionRoute(abortRunAction);
