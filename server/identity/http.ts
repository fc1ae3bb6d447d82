import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { executeAction, type ActionDefinition } from "@/server/actions/pipeline";
import { actorFromRequest } from "@/server/auth/actor";
import { errorResponse, readJsonBody, requestMeta } from "@/server/http/api-route";

/**
 * Like actionRoute, for actions whose answer holds a secret shown once (a new API token, a generated
 * password). Idempotency-Key is ignored on purpose: replaying needs the answer stored, and a stored
 * answer would keep the secret in the database after all.
 */
export function secretActionRoute<S extends z.ZodType, O>(definition: ActionDefinition<S, O>, options: { successStatus?: number } = {}) {
  return async (request: NextRequest) => {
    try {
      const body = await readJsonBody(request);
      const actor = await actorFromRequest(request);
      const result = await executeAction(definition, body, { actor, meta: requestMeta(request), idempotencyKey: null });
      return NextResponse.json({ data: result }, { status: options.successStatus ?? 201, headers: { "cache-control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
