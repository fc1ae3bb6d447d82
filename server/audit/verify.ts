import "server-only";
import pg from "pg";
import QueryStream from "pg-query-stream";
import { ChainVerifier, type ChainBreak } from "@/lib/audit/chain";
import { getPool } from "@/server/db/client";

export type VerifyResult = { intact: true; count: number } | { intact: false; count: number; firstBreak: ChainBreak };

/** Recomputes the whole chain from the database, streaming rows so memory stays flat at any size. */
export async function verifyAuditChain(pool: pg.Pool = getPool()): Promise<VerifyResult> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const verifier = new ChainVerifier();
    const stream = client.query(
      new QueryStream(
        `SELECT seq, id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
                actor_id, actor_name, actor_role, actor_team_roles, action, outcome, target_type, target_id,
                target_label, run_id, plan_id, before, after, reason, ip, user_agent, request_id, prev_hash, hash
           FROM audit_events ORDER BY seq`,
        [],
        { batchSize: 1000 },
      ),
    );
    for await (const row of stream as AsyncIterable<Record<string, unknown>>) {
      // Keep draining after a break: ending a streaming query early leaves the connection mid-protocol.
      verifier.push({
        seq: Number(row.seq),
        id: String(row.id),
        occurredAt: String(row.occurred_at),
        actorId: (row.actor_id as string | null) ?? null,
        actorName: String(row.actor_name),
        actorRole: String(row.actor_role),
        actorTeamRoles: (row.actor_team_roles as string[]) ?? [],
        action: String(row.action),
        outcome: row.outcome as "ok" | "denied",
        targetType: (row.target_type as string | null) ?? null,
        targetId: (row.target_id as string | null) ?? null,
        targetLabel: (row.target_label as string | null) ?? null,
        runId: (row.run_id as string | null) ?? null,
        planId: (row.plan_id as string | null) ?? null,
        before: row.before ?? null,
        after: row.after ?? null,
        reason: (row.reason as string | null) ?? null,
        ip: (row.ip as string | null) ?? null,
        userAgent: (row.user_agent as string | null) ?? null,
        requestId: (row.request_id as string | null) ?? null,
        prevHash: String(row.prev_hash),
        hash: String(row.hash),
      });
    }
    const head = await client.query<{ seq: string; hash: string }>("SELECT seq, hash FROM audit_chain_head WHERE id = 1");
    const headRow = head.rows[0] ? { seq: Number(head.rows[0].seq), hash: head.rows[0].hash } : null;
    const firstBreak = verifier.finish(headRow);
    await client.query("COMMIT");
    return firstBreak ? { intact: false, count: verifier.count, firstBreak } : { intact: true, count: verifier.count };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
