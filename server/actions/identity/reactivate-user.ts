import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { defineAction } from "@/server/actions/pipeline";
import { ActionError } from "@/server/actions/errors";
import { auditUser, toUserView } from "@/server/identity/users";
import { lockUserForChange } from "./admin-guard";
import { ZSetUserActive } from "./deactivate-user";

export const reactivateUserAction = defineAction({
  name: "users.reactivate",
  rest: { method: "POST", path: "/api/v1/users/{id}/reactivate" },
  permission: "users.manage",
  input: ZSetUserActive,
  summary: "Reactivate a deactivated user.",
  handler: async ({ input, tx, audit }) => {
    const { user } = await lockUserForChange(tx, input.id, input.version);
    if (user.active) throw new ActionError("conflict", `${user.name} is already active.`, undefined, { current: toUserView(user) });
    const [updated] = await tx.update(users).set({ active: true, version: user.version + 1 }).where(eq(users.id, user.id)).returning();
    await audit({ action: "users.reactivate", target: { type: "user", id: user.id, label: user.email }, before: auditUser(user), after: auditUser(updated), reason: input.reason || null });
    return toUserView(updated);
  },
});
