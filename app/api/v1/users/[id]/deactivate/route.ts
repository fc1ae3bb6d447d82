import { actionRoute } from "@/server/http/api-route";
import { deactivateUserAction } from "@/server/actions/identity/deactivate-user";

/** Body: { version, reason? }. */
export const POST = actionRoute(deactivateUserAction);
