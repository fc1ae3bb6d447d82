"use server";
import { headers } from "next/headers";
import { randomUUID } from "node:crypto";
import { executeAction } from "@/server/actions/pipeline";
import { isActionError } from "@/server/actions/errors";
import { setupAdminAction } from "@/server/actions/identity/setup-admin";
import { SETUP_ACTOR } from "@/server/auth/system-actors";
import { logger } from "@/server/logger";

export type SetupState = { ok: boolean; message?: string; fields?: Record<string, string[]> };

/** The /setup form's submit: runs the setup action as the setup system actor (nobody is signed in yet). */
export async function setupAdmin(input: { email: string; name: string; password: string; confirm: string }): Promise<SetupState> {
  if (input.password !== input.confirm) return { ok: false, message: "Some fields are not valid.", fields: { confirm: ["The two passwords differ."] } };
  const h = await headers();
  const meta = { ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null, userAgent: h.get("user-agent"), requestId: randomUUID() };
  try {
    await executeAction(setupAdminAction, { email: input.email, name: input.name, password: input.password }, { actor: SETUP_ACTOR, meta });
    return { ok: true };
  } catch (error) {
    if (isActionError(error)) return { ok: false, message: error.message, fields: error.fields };
    logger.error({ err: error }, "first-run setup failed");
    return { ok: false, message: "Something went wrong on the server. It was logged." };
  }
}
