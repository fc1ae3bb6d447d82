import "server-only";
// The one write path. Every change — form, button, REST call, job, metric trigger — runs through
// executeAction: authenticate → validate → authorize → one transaction (change + audit) → publish after
// commit. A denied attempt changes nothing and leaves a `denied` audit event.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { eq } from "drizzle-orm";
import { can, type Actor, type Permission } from "@/lib/auth/permissions";
import { appendAuditEvent, type AuditInput, type RequestMeta } from "@/server/audit/append";
import { getDb, type Tx } from "@/server/db/client";
import { idempotencyKeys } from "@/db/schema";
import { publishAll, type RealtimeMessage } from "@/server/realtime/publish";
import { ActionError, isActionError } from "./errors";
import { logger } from "@/server/logger";

export type ActionContext = {
  actor: Actor | null;
  meta?: RequestMeta;
  /** A client-chosen key: a retried request with the same key gets the first answer, applied once. */
  idempotencyKey?: string | null;
};

export type HandlerArgs<I> = {
  input: I;
  actor: Actor;
  tx: Tx;
  meta: RequestMeta;
  /** Appends an audit event in this transaction (actor and request meta filled in). */
  audit: (event: Omit<AuditInput, "actor" | "meta">) => Promise<void>;
  /** Queues a realtime message, sent only after the transaction commits. */
  publish: (message: RealtimeMessage) => void;
  /** Records a denial discovered inside the handler (e.g. ownership) and returns the error to throw. */
  deny: (message: string, target?: AuditInput["target"], scope?: { runId?: string | null; planId?: string | null }) => ActionError;
};

export type ActionDefinition<S extends z.ZodType, O> = {
  /** The audit action name, e.g. "tasks.complete". */
  name: string;
  permission: Permission;
  input: S;
  summary?: string;
  /** Where the action is served under /api/v1 (path params in {braces}); the OpenAPI document reads it. */
  rest?: RestBinding;
  handler: (args: HandlerArgs<z.infer<S>>) => Promise<O>;
};

export type RestBinding = { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; path: string; successStatus?: number };

export function defineAction<S extends z.ZodType, O>(definition: ActionDefinition<S, O>): ActionDefinition<S, O> {
  return definition;
}

/** Turns zod issues into field-level messages keyed by dotted path ("" for the whole input). */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

async function recordDenied(actor: Actor, action: string, reason: string, meta: RequestMeta, extra?: Partial<AuditInput>) {
  await getDb().transaction(async (tx) => {
    await appendAuditEvent(tx, { actor, action, outcome: "denied", reason, meta, ...extra });
  });
}

export async function executeAction<S extends z.ZodType, O>(definition: ActionDefinition<S, O>, rawInput: unknown, context: ActionContext): Promise<O> {
  const meta: RequestMeta = context.meta ?? { ip: null, userAgent: null, requestId: randomUUID() };
  const actor = context.actor;
  if (!actor) {
    logger.info({ action: definition.name, ip: meta.ip, requestId: meta.requestId }, "refused: not signed in");
    throw new ActionError("unauthenticated", "Sign in to do this.");
  }

  const parsed = definition.input.safeParse(rawInput);
  if (!parsed.success) {
    logger.info({ action: definition.name, actor: actor.id, requestId: meta.requestId }, "refused: invalid input");
    throw new ActionError("invalid", "Some fields are not valid.", fieldErrors(parsed.error));
  }

  if (!can(actor, definition.permission)) {
    const message = `Your role (${actor.productRole}) may not ${definition.permission}.`;
    await recordDenied(actor, definition.name, message, meta);
    throw new ActionError("forbidden", message);
  }

  const idempotencyKey = context.idempotencyKey ? `${actor.id}:${definition.name}:${context.idempotencyKey}` : null;
  if (idempotencyKey) {
    const previous = await findIdempotentAnswer(idempotencyKey);
    if (previous !== undefined) return previous as O;
  }

  const outbox: RealtimeMessage[] = [];
  let pendingDenial: { message: string; extra: Partial<AuditInput> } | null = null;
  let audited = 0;
  let result: O;
  try {
    result = await getDb().transaction(async (tx) => {
      const output = await definition.handler({
        input: parsed.data,
        actor,
        tx,
        meta,
        audit: async (event) => {
          audited += 1;
          await appendAuditEvent(tx, { ...event, actor, meta });
        },
        publish: (message) => outbox.push(message),
        deny: (message, target, scope) => {
          pendingDenial = { message, extra: { target, runId: scope?.runId, planId: scope?.planId } };
          return new ActionError("forbidden", message);
        },
      });
      if (audited === 0) throw new Error(`action ${definition.name} changed state without an audit event`);
      if (idempotencyKey) {
        await tx.insert(idempotencyKeys).values({ key: idempotencyKey, actorId: actor.id, status: 200, response: (output ?? null) as object });
      }
      return output;
    });
  } catch (error) {
    if (pendingDenial) {
      const denial = pendingDenial as { message: string; extra: Partial<AuditInput> };
      await recordDenied(actor, definition.name, denial.message, meta, denial.extra);
    }
    if (idempotencyKey && isUniqueViolation(error)) {
      // A concurrent retry with the same key committed first: answer as it did.
      const previous = await findIdempotentAnswer(idempotencyKey);
      if (previous !== undefined) return previous as O;
    }
    if (isActionError(error)) throw error;
    throw error;
  }
  publishAll(outbox);
  return result;
}

async function findIdempotentAnswer(key: string): Promise<unknown | undefined> {
  const [row] = await getDb().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key)).limit(1);
  return row ? row.response : undefined;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code === "23505";
}
