import "server-only";
import { and, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Tx } from "@/server/db/client";
import { ActionError } from "@/server/actions/errors";
import { toUserView, type UserRow } from "@/server/identity/users";

/**
 * Loads the user to change, locked, and checks the version the caller edited. Active admins are locked
 * too, so two admins demoting or deactivating each other at once cannot leave zero admins.
 */
export async function lockUserForChange(tx: Tx, id: string, version: number): Promise<{ user: UserRow; activeAdminIds: string[] }> {
  const admins = await tx.select({ id: users.id }).from(users).where(and(eq(users.productRole, "admin"), eq(users.active, true))).orderBy(users.id).for("update");
  const [user] = await tx.select().from(users).where(eq(users.id, id)).limit(1).for("update");
  if (!user) throw new ActionError("not_found", "No such user.");
  if (user.version !== version) {
    throw new ActionError("conflict", `Someone changed ${user.name} since you loaded it (version ${version}, now ${user.version}). Reload and try again.`, undefined, { current: toUserView(user) });
  }
  return { user, activeAdminIds: admins.map((a) => a.id) };
}

/** Refuses a change that would leave no active admin. */
export function assertNotLastAdmin(user: UserRow, activeAdminIds: string[], what: string) {
  if (user.productRole === "admin" && user.active && activeAdminIds.length <= 1 && activeAdminIds.includes(user.id)) {
    throw new ActionError("conflict", `${user.name} is the last active admin: ${what} would leave nobody able to manage users. Make someone else an admin first.`);
  }
}
