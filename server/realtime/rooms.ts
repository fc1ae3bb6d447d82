import "server-only";
// Which rooms a socket may join. Checked server-side on every join, whatever the client claims.
import { eq } from "drizzle-orm";
import { runs } from "@/db/schema";
import { can, type Actor } from "@/lib/auth/permissions";
import { getDb } from "@/server/db/client";
import { isUuid } from "@/server/db/uuid";

export type JoinDecision = { ok: true; room: string; runId: string } | { ok: false; error: string };

export async function authorizeJoin(actor: Actor | null, room: unknown): Promise<JoinDecision> {
  if (typeof room !== "string") return { ok: false, error: "Name a room: run:<id> or status:<slug>." };
  const [kind, key] = [room.slice(0, room.indexOf(":")), room.slice(room.indexOf(":") + 1)];
  if (kind === "run") {
    if (!actor) return { ok: false, error: "Sign in to follow a run." };
    if (!can(actor, "runs.read")) return { ok: false, error: `Your role (${actor.productRole}) may not read runs.` };
    if (!isUuid(key)) return { ok: false, error: "No such run." };
    const [run] = await getDb().select({ id: runs.id }).from(runs).where(eq(runs.id, key)).limit(1);
    return run ? { ok: true, room, runId: run.id } : { ok: false, error: "No such run." };
  }
  if (kind === "status") {
    const [run] = await getDb().select({ id: runs.id, statusPublic: runs.statusPublic, state: runs.state }).from(runs).where(eq(runs.slug, key)).limit(1);
    if (!run || run.state === "draft") return { ok: false, error: "No such status page." };
    if (run.statusPublic || (actor && can(actor, "status.read"))) return { ok: true, room, runId: run.id };
    return { ok: false, error: actor ? "Your role may not read status pages." : "Sign in to follow this status page." };
  }
  if (kind === "user") {
    // A person's own inbox pings (notifications): only that person may listen.
    if (!actor || actor.kind !== "user") return { ok: false, error: "Sign in to get your notifications." };
    if (key !== actor.id) return { ok: false, error: "That is someone else's room." };
    return { ok: true, room, runId: "" };
  }
  return { ok: false, error: "Unknown room." };
}
