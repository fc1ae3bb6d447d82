import "server-only";
// Fills a (throwaway) database with a large, valid hash chain fast: events are built and hashed in
// memory with the same pure functions the appender uses, then inserted a few thousand rows per
// statement. For benchmarks and scale tests only — the app appends through appendAuditEvent.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { GENESIS_HASH, hashEvent, type AuditEventBody } from "@/lib/audit/chain";

export type SeedShape = {
  /** First event time; events are spread evenly until `spanDays` later. */
  start?: Date;
  spanDays?: number;
  /** Deterministic pseudo-random choices, so two runs of the benchmark see the same data. */
  seed?: number;
};

function rng(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

const USERS = [
  { id: "6f1c1e1a-0000-4000-8000-000000000001", name: "Ada Admin", role: "admin", teamRoles: [] },
  { id: "6f1c1e1a-0000-4000-8000-000000000002", name: "Lee Lead", role: "lead", teamRoles: ["Deployment Lead"] },
  { id: "6f1c1e1a-0000-4000-8000-000000000003", name: "Dana DBA", role: "engineer", teamRoles: ["Database Administrator"] },
  { id: "6f1c1e1a-0000-4000-8000-000000000004", name: "Dev Ops", role: "engineer", teamRoles: ["DevOps Engineer"] },
  { id: "6f1c1e1a-0000-4000-8000-000000000005", name: "Quinn QA", role: "engineer", teamRoles: ["QA Engineer"] },
  { id: "6f1c1e1a-0000-4000-8000-000000000006", name: "Sam Stakeholder", role: "stakeholder", teamRoles: [] },
  { id: "6f1c1e1a-0000-4000-8000-000000000007", name: "Audrey Auditor", role: "auditor", teamRoles: [] },
  { id: "system:canary", name: "Canary controller", role: "system", teamRoles: [] },
  { id: "system:scheduler", name: "Scheduler", role: "system", teamRoles: [] },
];

const RARE_USER = { id: "6f1c1e1a-0000-4000-8000-000000000099", name: "Mallory Contractor", role: "engineer", teamRoles: ["QA Engineer"] };

// Weighted like a real log: mostly task work and step runs, a few run-level moves, rare imports/exports.
const ACTIONS: Array<[string, number, string]> = [
  ["tasks.start", 22, "task"],
  ["tasks.complete", 22, "task"],
  ["tasks.note", 10, "task"],
  ["tasks.block", 2, "task"],
  ["steps.run", 18, "step"],
  ["canary.evaluate", 14, "run"],
  ["runs.statusUpdate", 4, "run"],
  ["runs.pause", 1, "run"],
  ["runs.resume", 1, "run"],
  ["runs.rollback", 0.2, "run"],
  ["plans.import", 0.3, "plan"],
  ["audit.export", 0.2, "audit"],
  ["audit.verify", 0.3, "audit"],
];

export type SeedResult = { count: number; headHash: string; runIds: string[] };

/** Appends `count` events after the current chain head (normally to an empty log). */
export async function bulkSeedAuditEvents(pool: pg.Pool, count: number, shape: SeedShape = {}): Promise<SeedResult> {
  const random = rng(shape.seed ?? 42);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const totalWeight = ACTIONS.reduce((sum, [, w]) => sum + w, 0);
  const pickAction = () => {
    let r = random() * totalWeight;
    for (const entry of ACTIONS) {
      r -= entry[1];
      if (r <= 0) return entry;
    }
    return ACTIONS[0];
  };
  const runIds = Array.from({ length: 20 }, () => randomUUID());
  const planId = randomUUID();
  const start = (shape.start ?? new Date(Date.now() - (shape.spanDays ?? 90) * 86_400_000)).getTime();
  const stepMs = ((shape.spanDays ?? 90) * 86_400_000) / Math.max(count, 1);

  const head = await pool.query<{ seq: string; hash: string }>("SELECT seq, hash FROM audit_chain_head WHERE id = 1");
  let seq = Number(head.rows[0]?.seq ?? 0);
  let prevHash = head.rows[0]?.hash ?? GENESIS_HASH;
  const batchSize = 2000;
  for (let done = 0; done < count; ) {
    const batch: Array<AuditEventBody & { hash: string }> = [];
    for (let i = 0; i < batchSize && done < count; i++, done++) {
      // One rare actor (≈0.1%) so a name search that matches little is measured too.
      const user = random() < 0.001 ? RARE_USER : pick(USERS);
      const [action, , targetType] = pickAction();
      const denied = user.role === "stakeholder" || random() < 0.02;
      const runId = targetType === "plan" || targetType === "audit" ? null : pick(runIds);
      const targetNo = Math.floor(random() * 500);
      seq += 1;
      const body: AuditEventBody = {
        seq,
        id: randomUUID(),
        occurredAt: new Date(Math.floor(start + done * stepMs)).toISOString(),
        actorId: user.id,
        actorName: user.name,
        actorRole: user.role,
        actorTeamRoles: user.teamRoles,
        action,
        outcome: denied ? "denied" : "ok",
        targetType,
        targetId: targetType === "audit" ? null : `${targetType}-${targetNo}`,
        targetLabel: targetType === "audit" ? null : `${targetType} ${targetNo}`,
        runId,
        planId: targetType === "plan" ? planId : null,
        before: action.startsWith("tasks.") && !denied ? { status: "pending", version: targetNo % 7 } : null,
        after: denied ? null : { status: action.split(".")[1], version: (targetNo % 7) + 1 },
        reason: denied ? `Your role (${user.role}) may not ${action}.` : random() < 0.1 ? "Scheduled maintenance window" : null,
        ip: `10.0.${Math.floor(random() * 4)}.${Math.floor(random() * 250) + 1}`,
        userAgent: user.role === "system" ? null : "Mozilla/5.0 (X11; Linux x86_64) Flightdeck-bench",
        requestId: randomUUID(),
        prevHash,
      };
      const hash = hashEvent(body);
      prevHash = hash;
      batch.push({ ...body, hash });
    }
    await pool.query(
      `INSERT INTO audit_events (seq, id, occurred_at, actor_id, actor_name, actor_role, actor_team_roles, action, outcome,
         target_type, target_id, target_label, run_id, plan_id, before, after, reason, ip, user_agent, request_id, prev_hash, hash)
       SELECT seq, id, "occurredAt"::timestamptz, "actorId", "actorName", "actorRole", "actorTeamRoles", action, outcome,
         "targetType", "targetId", "targetLabel", "runId", "planId", before, after, reason, ip, "userAgent", "requestId", "prevHash", hash
       FROM jsonb_to_recordset($1::jsonb) AS t(seq bigint, id uuid, "occurredAt" text, "actorId" text, "actorName" text, "actorRole" text,
         "actorTeamRoles" jsonb, action text, outcome text, "targetType" text, "targetId" text, "targetLabel" text, "runId" uuid,
         "planId" uuid, before jsonb, after jsonb, reason text, ip text, "userAgent" text, "requestId" text, "prevHash" text, hash text)`,
      [JSON.stringify(batch)],
    );
  }
  await pool.query("UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id = 1", [seq, prevHash]);
  await pool.query("ANALYZE audit_events");
  return { count, headHash: prevHash, runIds };
}
