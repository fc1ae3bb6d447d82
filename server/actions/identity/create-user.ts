import "server-only";
import { z } from "zod";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { defineAction } from "@/server/actions/pipeline";
import { ActionError } from "@/server/actions/errors";
import { hashPassword } from "@/server/auth/password-login";
import { auditUser, cleanTeamRoles, generatePassword, toUserView, type TUserView } from "@/server/identity/users";
import { ZEmail, ZName, ZPassword, ZProductRole, ZTeamRoles } from "./schemas";

export const ZCreateUser = z.object({
  email: ZEmail,
  name: ZName,
  productRole: ZProductRole,
  teamRoles: ZTeamRoles.default([]),
  /** Omitted or empty: a password is generated and returned once. */
  password: z.preprocess((v) => (v === "" || v === null ? undefined : v), ZPassword.optional()),
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const createUserAction = defineAction({
  name: "users.create",
  rest: { method: "POST", path: "/api/v1/users", successStatus: 201 },
  permission: "users.manage",
  input: ZCreateUser,
  summary: "Create a user with a product role, team roles and an initial password (given, or generated and shown once).",
  handler: async ({ input, tx, audit }): Promise<{ user: TUserView; generatedPassword: string | null }> => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
    if (existing) throw new ActionError("conflict", "A user with this email already exists.", { email: ["A user with this email already exists."] });
    const generatedPassword = input.password ? null : generatePassword();
    const passwordHash = await hashPassword(input.password ?? generatedPassword!);
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, productRole: input.productRole, teamRoles: cleanTeamRoles(input.teamRoles), passwordHash })
      .returning();
    await audit({ action: "users.create", target: { type: "user", id: user.id, label: user.email }, after: { ...auditUser(user), passwordGenerated: generatedPassword !== null } });
    return { user: toUserView(user), generatedPassword };
  },
});
