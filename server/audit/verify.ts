import "server-only";
import pg from "pg";
import QueryStream from "pg-query-stream";
import { ChainVerifier, type ChainBreak } from "@/lib/audit/chain";
import { getPool } from "@/server/db/client";
import { AUDIT_COLUMNS, rowToEvent } from "./queries";

export type VerifyResult = { intact: true; count: number } | { intact: false; count: number; firstBreak: ChainBreak };

/** Recomputes the whole chain from the database, streaming rows so memory stays flat at any size. */
export async function verifyAuditChain(pool: pg.Pool = getPool()): Promise<VerifyResult> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const verifier = new ChainVerifier();
    const stream = client.query(new QueryStream(`SELECT ${AUDIT_COLUMNS} FROM audit_events ORDER BY seq`, [], { batchSize: 1000 }));
    for await (const row of stream as AsyncIterable<Record<string, unknown>>) {
      // Keep draining after a break: ending a streaming query early leaves the connection mid-protocol.
      verifier.push(rowToEvent(row));
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
