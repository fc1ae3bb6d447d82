import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { auditChainHead, auditEvents } from "@/db/schema";
import { hashEvent, type AuditEventBody } from "@/lib/audit/chain";
import type { Actor } from "@/lib/auth/permissions";
import type { Db, Tx } from "@/server/db/client";

export type RequestMeta = { ip: string | null; userAgent: string | null; requestId: string | null };

export type AuditInput = {
  actor: Actor;
  action: string;
  outcome?: "ok" | "denied";
  target?: { type: string; id: string; label?: string | null };
  runId?: string | null;
  planId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  meta?: RequestMeta;
};

export type AppendedAuditEvent = AuditEventBody & { hash: string };

/**
 * Appends one event to the hash chain inside the caller's transaction. Locking the head row serializes
 * appenders, so sequence numbers are gap-free and each hash covers the one before it. If the caller's
 * transaction rolls back, the event and the head move vanish with it.
 */
export async function appendAuditEvent(tx: Tx | Db, input: AuditInput): Promise<AppendedAuditEvent> {
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for("update");
  if (!head) throw new Error("audit chain head is missing: migrations were not applied");
  const occurredAt = new Date(Math.floor(Date.now()));
  const body: AuditEventBody = {
    seq: head.seq + 1,
    id: randomUUID(),
    occurredAt: occurredAt.toISOString(),
    actorId: input.actor.id,
    actorName: input.actor.name,
    actorRole: input.actor.productRole,
    actorTeamRoles: input.actor.teamRoles,
    action: input.action,
    outcome: input.outcome ?? "ok",
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    targetLabel: input.target?.label ?? null,
    runId: input.runId ?? null,
    planId: input.planId ?? null,
    before: normalizeJson(input.before),
    after: normalizeJson(input.after),
    reason: input.reason ?? null,
    ip: input.meta?.ip ?? null,
    userAgent: input.meta?.userAgent ?? null,
    requestId: input.meta?.requestId ?? null,
    prevHash: head.hash,
  };
  const hash = hashEvent(body);
  await tx.insert(auditEvents).values({ ...body, occurredAt, hash });
  await tx.update(auditChainHead).set({ seq: body.seq, hash }).where(eq(auditChainHead.id, 1));
  return { ...body, hash };
}

/** What PostgreSQL's jsonb gives back (dates as strings, undefined dropped), so hashes survive a round trip. */
function normalizeJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value));
}

