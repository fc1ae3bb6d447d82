import "server-only";
import { z } from "zod";
import { eq } from "drizzle-orm";
import { apiTokens } from "@/db/schema";
import { defineAction } from "@/server/actions/pipeline";
import { ActionError } from "@/server/actions/errors";
import { can } from "@/lib/auth/permissions";
import { ZId } from "./schemas";

export const ZRevokeToken = z.object({ id: ZId });
export type TRevokeToken = z.infer<typeof ZRevokeToken>;

/** Revokes one of your tokens (admins: anyone's). A revoked token gets 401 from then on. */
export const revokeTokenAction = defineAction({
  name: "tokens.revoke",
  rest: { method: "DELETE", path: "/api/v1/tokens/{id}" },
  permission: "tokens.manage",
  input: ZRevokeToken,
  summary: "Revoke an API token (your own; admins may revoke anyone's).",
  handler: async ({ input, actor, tx, audit, deny }) => {
    const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, input.id)).limit(1).for("update");
    if (!row) throw new ActionError("not_found", "No such token.");
    const target = { type: "api_token", id: row.id, label: `${row.name} (${row.prefix}…)` };
    if (row.userId !== actor.id && !can(actor, "users.manage")) throw deny("You can only revoke your own tokens.", target);
    if (row.revokedAt) throw new ActionError("conflict", "This token is already revoked.");
    const [revoked] = await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, row.id)).returning();
    await audit({ action: "tokens.revoke", target, before: { revokedAt: null, userId: row.userId }, after: { revokedAt: revoked.revokedAt, userId: row.userId } });
    return { id: revoked.id, revokedAt: revoked.revokedAt!.toISOString() };
  },
});
