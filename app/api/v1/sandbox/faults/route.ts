import { actionRoute } from "@/server/http/api-route";
import { setSandboxFaultsAction } from "@/server/actions/steps/sandbox-control";

export const dynamic = "force-dynamic";

export const PUT = actionRoute(setSandboxFaultsAction);
