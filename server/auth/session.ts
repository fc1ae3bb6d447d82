import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { buildAuthOptions } from "./options";
import { actorForUserId } from "./actor";
import { can, type Actor, type Permission } from "@/lib/auth/permissions";

/** The signed-in actor for a server component or server action, or null. */
export async function getCurrentActor(): Promise<Actor | null> {
  const session = await getServerSession(buildAuthOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  return userId ? actorForUserId(userId) : null;
}

/** For pages: signed-in actor holding `permission`, else redirect to login or show 403. */
export async function requirePagePermission(permission: Permission, callbackPath: string): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!can(actor, permission)) redirect(`/forbidden?need=${encodeURIComponent(permission)}`);
  return actor;
}
