import { actionRoute } from "@/server/http/api-route";
import { startSandboxAction } from "@/server/actions/steps/sandbox-control";

export const dynamic = "force-dynamic";

export const POST = actionRoute(startSandboxAction);
