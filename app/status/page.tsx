import Link from "next/link";
import { getCurrentActor } from "@/server/auth/session";
import { listStatusRuns } from "@/server/runs/queries";

export const metadata = { title: "Status" };
export const dynamic = "force-dynamic";

/** Status pages the viewer may see: public ones for everyone; all of them when signed in with status.read. */
export default async function StatusIndex() {
  const actor = await getCurrentActor().catch(() => null);
  const runs = await listStatusRuns(actor);
  return (
    <main id="main" className="mx-auto max-w-2xl space-y-4 px-4 py-8">
      <h1 className="text-3xl font-bold">Service status</h1>
      {runs.length === 0 ? (
        <p className="text-slate-300">No maintenance to report.{actor ? "" : " Sign in to see non-public maintenance."}</p>
      ) : (
        <ul className="space-y-2">
          {runs.map((r) => (
            <li key={r.slug}>
              <Link href={`/status/${r.slug}`} className="block rounded border border-slate-800 bg-slate-900/60 p-3 hover:bg-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400">
                <span className="font-medium">{r.title}</span>
                <span className="block text-sm text-slate-300">
                  <span aria-hidden="true">{r.symbol} </span>
                  {r.label} · {r.percentDone}% done{r.statusPublic ? "" : " · signed-in only"}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
