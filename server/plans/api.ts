import "server-only";
// Shapes and checks shared by the plan REST routes.
import { can, type Actor } from "@/lib/auth/permissions";
import { ActionError } from "@/server/actions/errors";
import { appendAuditEvent } from "@/server/audit/append";
import { actorFromRequest } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { requestMeta } from "@/server/http/api-route";
import type { PlanVersionDetail } from "./queries";

/** The REST form of a plan version: identity and version metadata beside the plan itself (TPlan). */
export function toApiPlan(detail: PlanVersionDetail) {
  return {
    id: detail.plan.id,
    slug: detail.plan.slug,
    title: detail.plan.title,
    createdAt: detail.plan.createdAt,
    version: detail.version,
    versions: detail.versions,
    plan: detail.content,
  };
}

export function parseVersionParam(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ActionError("invalid", `"${value}" is not a version number (1, 2, …).`);
  return n;
}

/** readRoute's checks for handlers that answer with something other than JSON. */
export async function authorizeRead(request: Request): Promise<Actor> {
  const actor = await actorFromRequest(request);
  if (!actor) throw new ActionError("unauthenticated", "Sign in to do this.");
  if (!can(actor, "plans.read")) {
    const message = `Your role (${actor.productRole}) may not plans.read.`;
    await getDb().transaction((tx) => appendAuditEvent(tx, { actor, action: "plans.read", outcome: "denied", reason: message, meta: requestMeta(request) }));
    throw new ActionError("forbidden", message);
  }
  return actor;
}
