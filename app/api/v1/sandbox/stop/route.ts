import { actionRoute } from "@/server/http/api-route";
import { stopSandboxAction } from "@/server/actions/steps/sandbox-control";

export const dynamic = "force-dynamic";

export const POST = actionRoute(stopSandboxAction);
