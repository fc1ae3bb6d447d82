import { actionRoute } from "@/server/http/api-route";
import { revokeTokenAction } from "@/server/actions/identity/revoke-token";

export const DELETE = actionRoute(revokeTokenAction, { readBody: false });
