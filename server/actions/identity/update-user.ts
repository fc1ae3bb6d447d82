import "server-only";
import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { defineAction } from "@/server/actions/pipeline";
import { ActionError } from "@/server/actions/errors";
import { auditUser, cleanTeamRoles, toUserView } from "@/server/identity/users";
import { assertNotLastAdmin, lockUserForChange } from "./admin-guard";
import { ZId, ZName, ZProductRole, ZTeamRoles, ZVersion } from "./schemas";

export const ZUpdateUser = z
  .object({ id: ZId, version: ZVersion, name: ZName.optional(), productRole: ZProductRole.optional(), teamRoles: ZTeamRoles.optional() })
  .refine((v) => v.name !== undefined || v.productRole !== undefined || v.teamRoles !== undefined, { error: "Nothing to change: give name, productRole or teamRoles." });
export type TUpdateUser = z.infer<typeof ZUpdateUser>;

export const updateUserAction = defineAction({
  name: "users.update",
  rest: { method: "PATCH", path: "/api/v1/users/{id}" },
  permission: "users.manage",
  input: ZUpdateUser,
  summary: "Change a user's name, product role or team roles (optimistic: send the version you edited).",
  handler: async ({ input, tx, audit }) => {
    const { user, activeAdminIds } = await lockUserForChange(tx, input.id, input.version);
    const next = {
      name: input.name ?? user.name,
      productRole: input.productRole ?? user.productRole,
      teamRoles: input.teamRoles ? cleanTeamRoles(input.teamRoles) : user.teamRoles,
    };
    if (user.productRole === "admin" && next.productRole !== "admin") assertNotLastAdmin(user, activeAdminIds, "changing their role");
    const unchanged = next.name === user.name && next.productRole === user.productRole && JSON.stringify(next.teamRoles) === JSON.stringify(user.teamRoles);
    if (unchanged) throw new ActionError("invalid", "Nothing changed.", { _: ["Nothing changed."] });
    const [updated] = await tx
      .update(users)
      .set({ ...next, version: user.version + 1 })
      .where(and(eq(users.id, user.id), eq(users.version, user.version)))
      .returning();
    await audit({ action: "users.update", target: { type: "user", id: user.id, label: user.email }, before: auditUser(user), after: auditUser(updated) });
    return toUserView(updated);
  },
});
