import { actionRoute } from "@/server/http/api-route";
import { reactivateUserAction } from "@/server/actions/identity/reactivate-user";

/** Body: { version, reason? }. */
export const POST = actionRoute(reactivateUserAction);
