import "server-only";
// Slows down password guessing, per account and per IP. Counters live in PostgreSQL (login_throttle), so
// every app process behind a load balancer sees the same counts; each update is a single atomic upsert.
import { sql } from "drizzle-orm";
import { getDb } from "@/server/db/client";

export type ThrottlePolicy = {
  /** Failures allowed within the window before a key is blocked. */
  maxFailures: number;
  windowSeconds: number;
  /** The first block; each further failure while over the limit doubles it, up to maxBlockSeconds. */
  baseBlockSeconds: number;
  maxBlockSeconds: number;
};

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** An account is a narrow target: few tries. An IP may be a shared NAT with many honest people: more. */
export function accountPolicy(): ThrottlePolicy {
  return {
    maxFailures: envNumber("FLIGHTDECK_LOGIN_MAX_FAILURES", 5),
    windowSeconds: envNumber("FLIGHTDECK_LOGIN_WINDOW_SECONDS", 15 * 60),
    baseBlockSeconds: envNumber("FLIGHTDECK_LOGIN_BLOCK_SECONDS", 30),
    maxBlockSeconds: 15 * 60,
  };
}

export function ipPolicy(): ThrottlePolicy {
  return { ...accountPolicy(), maxFailures: envNumber("FLIGHTDECK_LOGIN_MAX_FAILURES_PER_IP", 20) };
}

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** Block length after `failures` failures (pure, for tests and for the message). */
export function blockSecondsFor(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.maxFailures) return 0;
  const doublings = Math.min(failures - policy.maxFailures, 20);
  return Math.min(policy.baseBlockSeconds * 2 ** doublings, policy.maxBlockSeconds);
}

/** Seconds until every given key may try again (0 when none is blocked). */
export async function secondsUntilAllowed(keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const result = await getDb().execute<{ wait: string | null }>(sql`
    SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS wait
    FROM login_throttle
    WHERE key IN (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) AND blocked_until > now()`);
  const wait = Number(result.rows[0]?.wait ?? 0);
  return Number.isFinite(wait) && wait > 0 ? wait : 0;
}

/**
 * Counts one failure for `key` and blocks it once over the limit. Returns the block length in seconds
 * (0 when not blocked). The window restarts only when it has passed and the key is not blocked, so a
 * blocked key keeps counting and its blocks grow.
 */
export async function recordFailure(key: string, policy: ThrottlePolicy): Promise<number> {
  const db = getDb();
  const window = sql`make_interval(secs => ${policy.windowSeconds})`;
  const fresh = sql`(login_throttle.window_start < now() - ${window} AND (login_throttle.blocked_until IS NULL OR login_throttle.blocked_until <= now()))`;
  const result = await db.execute<{ failures: number }>(sql`
    INSERT INTO login_throttle (key, failures, window_start, blocked_until)
    VALUES (${key}, 1, now(), NULL)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN ${fresh} THEN 1 ELSE login_throttle.failures + 1 END,
      window_start = CASE WHEN ${fresh} THEN now() ELSE login_throttle.window_start END
    RETURNING failures`);
  const failures = Number(result.rows[0]?.failures ?? 1);
  const block = blockSecondsFor(failures, policy);
  if (block > 0) {
    // greatest(): two processes failing at once must not shorten each other's block.
    await db.execute(sql`
      UPDATE login_throttle
      SET blocked_until = greatest(coalesce(blocked_until, now()), now() + make_interval(secs => ${block}))
      WHERE key = ${key}`);
  }
  return block;
}

/** A successful sign-in forgives the account's failures (not the IP's: one good account must not unlock guessing others). */
export async function clearFailures(key: string): Promise<void> {
  await getDb().execute(sql`DELETE FROM login_throttle WHERE key = ${key}`);
}
