import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { apiTokens } from "@/db/schema";
import { defineAction } from "@/server/actions/pipeline";
import { hashApiToken } from "@/server/auth/actor";

export const ZCreateToken = z.object({
  name: z.string({ error: "Name the token (what will use it?)." }).trim().min(1, "Name the token (what will use it?).").max(80, "Keep the name under 80 characters."),
});
export type TCreateToken = z.infer<typeof ZCreateToken>;

export type TCreatedToken = { id: string; name: string; prefix: string; createdAt: string; token: string };

export const TOKEN_PREFIX_LENGTH = 10;

/** A personal API token: acts with its owner's permissions. Shown once; only its sha256 is stored. */
export const createTokenAction = defineAction({
  name: "tokens.create",
  rest: { method: "POST", path: "/api/v1/tokens", successStatus: 201 },
  permission: "tokens.manage",
  input: ZCreateToken,
  summary: "Create a personal API token (returned once; send it as Authorization: Bearer fd_…).",
  handler: async ({ input, actor, tx, audit }): Promise<TCreatedToken> => {
    const token = `fd_${randomBytes(32).toString("base64url")}`;
    const prefix = token.slice(0, TOKEN_PREFIX_LENGTH);
    const [row] = await tx.insert(apiTokens).values({ userId: actor.id, name: input.name, prefix, tokenHash: hashApiToken(token) }).returning();
    await audit({ action: "tokens.create", target: { type: "api_token", id: row.id, label: `${row.name} (${prefix}…)` }, after: { id: row.id, name: row.name, prefix, userId: actor.id } });
    return { id: row.id, name: row.name, prefix, createdAt: row.createdAt.toISOString(), token };
  },
});
