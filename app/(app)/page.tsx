import { redirect } from "next/navigation";
import { getCurrentActor } from "@/server/auth/session";
import { can } from "@/lib/auth/permissions";

/** Home sends each persona to where they work. */
export default async function Home() {
  const actor = await getCurrentActor();
  if (!actor) redirect("/login");
  if (actor.productRole === "engineer") redirect("/my-tasks");
  if (actor.productRole === "auditor") redirect("/audit");
  if (can(actor, "runs.read")) redirect("/runs");
  redirect("/status");
}
