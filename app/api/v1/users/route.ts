import { readRoute } from "@/server/http/api-route";
import { secretActionRoute } from "@/server/identity/http";
import { createUserAction } from "@/server/actions/identity/create-user";
import { listUsers } from "@/server/identity/queries";

export const GET = readRoute("users.manage", () => listUsers());

/** Creates a user; a generated password comes back once in `data.generatedPassword`. */
export const POST = secretActionRoute(createUserAction);
