// Action definitions of this area, listed for the registry (REST, OpenAPI, permission matrix).
import { setupAdminAction } from "./setup-admin";
import { createUserAction } from "./create-user";
import { updateUserAction } from "./update-user";
import { deactivateUserAction } from "./deactivate-user";
import { reactivateUserAction } from "./reactivate-user";
import { createTokenAction } from "./create-token";
import { revokeTokenAction } from "./revoke-token";

export const identityActions = {
  "users.setup_admin": setupAdminAction,
  "users.create": createUserAction,
  "users.update": updateUserAction,
  "users.deactivate": deactivateUserAction,
  "users.reactivate": reactivateUserAction,
  "tokens.create": createTokenAction,
  "tokens.revoke": revokeTokenAction,
} as const;
