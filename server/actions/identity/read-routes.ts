import type { ReadRouteSpec } from "@/server/http/openapi";

const USER_PARAM = { id: "The user's id (uuid)." };

/**
 * The area's read endpoints, for the OpenAPI document. GET /api/v1/me is left out: it needs a signed-in
 * actor but no permission, which ReadRouteSpec cannot say yet (null would document it as public).
 */
export const identityReadRoutes: ReadRouteSpec[] = [
  { path: "/api/v1/tokens", summary: "Your API tokens: name, first characters, created, last used, revoked. Never the token itself.", permission: "tokens.manage", tag: "identity" },
  { path: "/api/v1/users", summary: "All users (no password hashes), active first.", permission: "users.manage", tag: "identity" },
  { path: "/api/v1/users/{id}", summary: "One user, with the `version` to send back when changing it.", permission: "users.manage", pathParams: USER_PARAM, tag: "identity" },
  { path: "/api/v1/users/team-roles", summary: "Team role names from the current plans' rosters, offered when assigning team roles.", permission: "users.manage", tag: "identity" },
];
