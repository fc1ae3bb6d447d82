import { redirect } from "next/navigation";
import { AppNav } from "@/components/layout/app-nav";
import { getCurrentActor } from "@/server/auth/session";

export const dynamic = "force-dynamic";

/** Every page in this group needs a signed-in user; each page also checks its own permission. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await getCurrentActor();
  if (!actor) redirect("/login");
  return (
    <>
      <AppNav actor={actor} />
      <main id="main" className="mx-auto max-w-screen-2xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
