// Action definitions of this area, listed for the registry (REST, OpenAPI, permission matrix).
// setupAdminAction is not listed: it runs only as the setup system actor from the /setup page (no REST).
import { createUserAction } from "./create-user";
import { updateUserAction } from "./update-user";
import { deactivateUserAction } from "./deactivate-user";
import { reactivateUserAction } from "./reactivate-user";
import { createTokenAction } from "./create-token";
import { revokeTokenAction } from "./revoke-token";

export const identityActions = {
  "users.create": createUserAction,
  "users.update": updateUserAction,
  "users.deactivate": deactivateUserAction,
  "users.reactivate": reactivateUserAction,
  "tokens.create": createTokenAction,
  "tokens.revoke": revokeTokenAction,
} as const;

/** The area's read endpoints, for the OpenAPI document. */
export { identityReadRoutes } from "./read-routes";
