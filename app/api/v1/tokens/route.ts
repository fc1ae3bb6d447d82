import { readRoute } from "@/server/http/api-route";
import { secretActionRoute } from "@/server/identity/http";
import { createTokenAction } from "@/server/actions/identity/create-token";
import { listTokens } from "@/server/identity/queries";

/** Your own API tokens (never the token itself: only its first characters). */
export const GET = readRoute("tokens.manage", ({ actor }) => listTokens(actor.id));

/** Creates a token; `data.token` is the only time it is shown. */
export const POST = secretActionRoute(createTokenAction);
