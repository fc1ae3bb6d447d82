import { actionRoute, readRoute } from "@/server/http/api-route";
import { ActionError } from "@/server/actions/errors";
import { updateUserAction } from "@/server/actions/identity/update-user";
import { getUser } from "@/server/identity/queries";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const GET = readRoute("users.manage", async ({ params }) => {
  const user = UUID.test(params.id) ? await getUser(params.id) : null;
  if (!user) throw new ActionError("not_found", "No such user.");
  return user;
});

/** Body: { version, name?, productRole?, teamRoles? }. */
export const PATCH = actionRoute(updateUserAction);
