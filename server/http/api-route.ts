import "server-only";
// REST route handlers under /api/v1 are thin: read the request, hand it to the same action pipeline the
// UI uses, and answer with one error shape: { error: { code, message, fields? } }.
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { executeAction, type ActionDefinition } from "@/server/actions/pipeline";
import { ActionError, isActionError } from "@/server/actions/errors";
import { actorFromRequest } from "@/server/auth/actor";
import type { RequestMeta } from "@/server/audit/append";
import { can, type Actor, type Permission } from "@/lib/auth/permissions";
import { logger } from "@/server/logger";
import { getDb } from "@/server/db/client";
import { appendAuditEvent } from "@/server/audit/append";

export const MAX_JSON_BODY_BYTES = 256 * 1024;

export function requestMeta(request: Request): RequestMeta {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: forwarded || request.headers.get("x-real-ip") || null,
    userAgent: request.headers.get("user-agent"),
    requestId: request.headers.get("x-request-id") || randomUUID(),
  };
}

export function errorResponse(error: unknown): NextResponse {
  if (isActionError(error)) return NextResponse.json(error.toJSON(), { status: error.status });
  logger.error({ err: error }, "unexpected error in API route");
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on the server. It was logged." } }, { status: 500 });
}

const bodyTooLarge = (maxBytes: number) => new ActionError("too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);

/** Reads a JSON body with a size cap; malformed JSON and oversized bodies are refused before any work. */
export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const text = (await readBytesCapped(request, maxBytes)).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ActionError("invalid", "The request body is not valid JSON.");
  }
}

/**
 * The body's bytes, refused with `tooLarge()` as soon as its declared length or the bytes read so far pass
 * `maxBytes`, so a huge body is never buffered whole.
 */
export async function readBytesCapped(request: Request, maxBytes: number, tooLarge: () => Error = () => bodyTooLarge(maxBytes)): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

type RouteParams = Promise<Record<string, string | string[]>>;

/**
 * A route handler for one action. `toInput` builds the action input from the body and path params
 * (path params win over body fields, so a URL can't be contradicted by its body).
 */
export function actionRoute<S extends z.ZodType, O>(
  definition: ActionDefinition<S, O>,
  options: { toInput?: (body: unknown, params: Record<string, string>) => unknown; successStatus?: number; readBody?: boolean } = {},
) {
  return async (request: NextRequest, context: { params: RouteParams }) => {
    try {
      const params = Object.fromEntries(Object.entries((await context.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      const body = options.readBody === false ? {} : await readJsonBody(request);
      const input = options.toInput ? options.toInput(body, params) : { ...(isObject(body) ? body : {}), ...params };
      const actor = await actorFromRequest(request);
      const result = await executeAction(definition, input, {
        actor,
        meta: requestMeta(request),
        idempotencyKey: request.headers.get("idempotency-key"),
      });
      return NextResponse.json({ data: result }, { status: options.successStatus ?? 200 });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A read-only route: authenticate, check a permission, run the query. */
export function readRoute<T>(
  permission: Permission,
  load: (args: { actor: Actor; params: Record<string, string>; request: NextRequest }) => Promise<T>,
) {
  return async (request: NextRequest, context: { params: RouteParams }) => {
    try {
      const actor = await actorFromRequest(request);
      if (!actor) throw new ActionError("unauthenticated", "Sign in to do this.");
      if (!can(actor, permission)) {
        const message = `Your role (${actor.productRole}) may not ${permission}.`;
        await getDb().transaction((tx) => appendAuditEvent(tx, { actor, action: permission, outcome: "denied", reason: message, meta: requestMeta(request) }));
        throw new ActionError("forbidden", message);
      }
      const params = Object.fromEntries(Object.entries((await context.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      return NextResponse.json({ data: await load({ actor, params, request }) });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
