import { readRoute } from "@/server/http/api-route";
import { rosterRoleNames } from "@/server/identity/queries";

/** Role names from the current plans' rosters, offered when assigning team roles. */
export const GET = readRoute("users.manage", () => rosterRoleNames());
