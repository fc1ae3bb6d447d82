import { notFound } from "next/navigation";
import { SetupForm } from "@/components/identity/setup-form";
import { countUsers } from "@/server/identity/queries";
import { setupAdmin } from "./actions";

export const metadata = { title: "First-run setup" };
export const dynamic = "force-dynamic";

/** Exists only while there are no users; afterwards it is a 404 (the action refuses too). */
export default async function SetupPage() {
  if ((await countUsers()) > 0) notFound();
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-10">
      <p className="text-lg font-bold tracking-tight text-sky-300">Flightdeck</p>
      <h1 className="mt-2 text-3xl font-semibold text-slate-100">Create the first admin</h1>
      <p className="mt-1 mb-6 text-slate-300">
        Nobody can sign in yet. The account you create here manages users; this page disappears once it exists.
      </p>
      <SetupForm submit={setupAdmin} />
    </main>
  );
}
