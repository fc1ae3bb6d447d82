import "server-only";
import { z } from "zod";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { defineAction } from "@/server/actions/pipeline";
import { ActionError } from "@/server/actions/errors";
import { auditUser, toUserView } from "@/server/identity/users";
import { assertNotLastAdmin, lockUserForChange } from "./admin-guard";
import { ZId, ZVersion } from "./schemas";

export const ZSetUserActive = z.object({ id: ZId, version: ZVersion, reason: z.string().trim().max(500).optional() });
export type TSetUserActive = z.infer<typeof ZSetUserActive>;

/** Deactivation takes effect at once: sessions and tokens re-read the user on every request. */
export const deactivateUserAction = defineAction({
  name: "users.deactivate",
  rest: { method: "POST", path: "/api/v1/users/{id}/deactivate" },
  permission: "users.manage",
  input: ZSetUserActive,
  summary: "Deactivate a user: their sessions and API tokens stop working at once. Not yourself, not the last admin.",
  handler: async ({ input, actor, tx, audit }) => {
    if (input.id === actor.id) throw new ActionError("conflict", "You cannot deactivate your own account. Ask another admin.");
    const { user, activeAdminIds } = await lockUserForChange(tx, input.id, input.version);
    if (!user.active) throw new ActionError("conflict", `${user.name} is already deactivated.`, undefined, { current: toUserView(user) });
    assertNotLastAdmin(user, activeAdminIds, "deactivating them");
    const [updated] = await tx.update(users).set({ active: false, version: user.version + 1 }).where(eq(users.id, user.id)).returning();
    await audit({ action: "users.deactivate", target: { type: "user", id: user.id, label: user.email }, before: auditUser(user), after: auditUser(updated), reason: input.reason || null });
    return toUserView(updated);
  },
});
