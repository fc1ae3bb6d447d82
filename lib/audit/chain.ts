// The hash chain of the run log, as pure functions: the server appends with them and the verifier (CLI,
// auditor button, tests) recomputes with them, so both always agree on what was hashed.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** The fields an audit event's hash covers: everything but the hash itself. */
export type AuditEventBody = {
  seq: number;
  id: string;
  occurredAt: string; // ISO 8601, millisecond precision, UTC
  actorId: string | null;
  actorName: string;
  actorRole: string;
  actorTeamRoles: string[];
  action: string;
  outcome: "ok" | "denied";
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  runId: string | null;
  planId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  prevHash: string;
};

/** JSON with object keys sorted at every depth and undefined dropped, so equal data hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function hashEvent(body: AuditEventBody): string {
  return createHash("sha256").update(body.prevHash).update(canonicalJson(body)).digest("hex");
}

export type ChainBreak = { seq: number; reason: "edited" | "deleted_or_inserted" | "prev_hash_mismatch" };

/**
 * Walks events in sequence order. Returns the first place the chain breaks:
 * - a gap or repeat in sequence numbers → an event was deleted or inserted;
 * - prevHash not equal to the previous event's hash → an event was removed, inserted or reordered;
 * - hash not equal to the recomputed hash → the event was edited.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  count = 0;
  firstBreak: ChainBreak | null = null;

  push(event: AuditEventBody & { hash: string }): ChainBreak | null {
    if (this.firstBreak) return this.firstBreak;
    this.count += 1;
    if (event.seq !== this.expectedSeq) {
      this.firstBreak = { seq: Math.min(event.seq, this.expectedSeq), reason: "deleted_or_inserted" };
    } else if (event.prevHash !== this.previousHash) {
      this.firstBreak = { seq: event.seq, reason: "prev_hash_mismatch" };
    } else if (hashEvent(withoutHash(event)) !== event.hash) {
      this.firstBreak = { seq: event.seq, reason: "edited" };
    }
    this.expectedSeq = event.seq + 1;
    this.previousHash = event.hash;
    return this.firstBreak;
  }

  /** The chain head stored separately must match the last event, or the tail was cut off. */
  finish(head: { seq: number; hash: string } | null): ChainBreak | null {
    if (this.firstBreak || !head) return this.firstBreak;
    if (head.seq !== this.expectedSeq - 1 || head.hash !== this.previousHash) {
      this.firstBreak = { seq: Math.min(head.seq, this.expectedSeq - 1) + (head.seq > this.expectedSeq - 1 ? 1 : 0), reason: "deleted_or_inserted" };
    }
    return this.firstBreak;
  }
}

function withoutHash(event: AuditEventBody & { hash: string }): AuditEventBody {
  const { hash: _hash, ...body } = event;
  void _hash;
  return body;
}
