import "server-only";
import { z } from "zod";
import { count, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { defineAction } from "@/server/actions/pipeline";
import { ActionError } from "@/server/actions/errors";
import { hashPassword } from "@/server/auth/password-login";
import { auditUser, toUserView } from "@/server/identity/users";
import { ZEmail, ZName, ZPassword } from "./schemas";

export const ZSetupAdmin = z.object({ email: ZEmail, name: ZName, password: ZPassword });
export type TSetupAdmin = z.infer<typeof ZSetupAdmin>;

// Shared with the demo bootstrap's lock: a first admin and demo accounts never both appear.
const BOOTSTRAP_LOCK = 7_304_112_902;

/** The first-run admin (the /setup page, run as the setup system actor). Refused once any user exists. */
export const setupAdminAction = defineAction({
  name: "users.setup_admin",
  permission: "users.manage",
  input: ZSetupAdmin,
  summary: "Create the first admin while no user exists (first-run setup).",
  handler: async ({ input, tx, audit }) => {
    const passwordHash = await hashPassword(input.password);
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    const [{ n }] = await tx.select({ n: count() }).from(users);
    if (n > 0) throw new ActionError("conflict", "Setup is already done: users exist. Sign in instead.");
    const [user] = await tx.insert(users).values({ email: input.email, name: input.name, productRole: "admin", teamRoles: [], passwordHash }).returning();
    await audit({ action: "users.setup_admin", target: { type: "user", id: user.id, label: user.email }, after: auditUser(user) });
    return toUserView(user);
  },
});
