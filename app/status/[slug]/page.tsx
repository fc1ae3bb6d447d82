import { notFound, redirect } from "next/navigation";
import Markdown from "react-markdown";
import { getCurrentActor } from "@/server/auth/session";
import { getPublicStatus } from "@/server/runs/queries";
import { StatusLive } from "@/components/runs/status/status-live";

export const dynamic = "force-dynamic";

const TONE: Record<string, string> = {
  scheduled: "border-slate-500 bg-slate-900",
  maintenance_in_progress: "border-amber-400 bg-amber-950",
  deploying: "border-sky-400 bg-sky-950",
  degraded: "border-rose-400 bg-rose-950",
  rolled_back: "border-amber-400 bg-amber-950",
  completed: "border-emerald-400 bg-emerald-950",
  cancelled: "border-slate-400 bg-slate-900",
};

function when(iso: string | null, timeZone: string): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZoneName: "short" }).format(new Date(iso));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  return { title: `Status · ${(await params).slug}`, robots: { index: false } };
}

/** Stakeholders' view of one run: plain words, one progress bar, updates. Works without JavaScript. */
export default async function StatusPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await getCurrentActor().catch(() => null);
  const result = await getPublicStatus(slug, actor);
  if ("denied" in result) {
    if (result.denied === "sign_in") redirect(`/login?callbackUrl=${encodeURIComponent(`/status/${slug}`)}`);
    if (result.denied === "forbidden") redirect(`/forbidden?need=status.read`);
    notFound();
  }
  const s = result.status;
  return (
    <main id="main" className="mx-auto max-w-2xl space-y-5 px-4 py-8">
      <header>
        <p className="text-sm uppercase tracking-wide text-slate-400">Service status</p>
        <h1 className="text-3xl font-bold">{s.title}</h1>
      </header>
      <section aria-labelledby="state" className={`rounded-lg border-l-8 p-4 ${TONE[s.state] ?? TONE.scheduled}`}>
        <h2 id="state" className="text-2xl font-semibold" data-testid="status-label">
          <span aria-hidden="true">{s.symbol} </span>
          {s.label}
        </h2>
        <p className="mt-1 text-lg">{s.sentence}</p>
        {s.phaseName ? <p className="mt-1 text-slate-300">Current stage: {s.phaseName}</p> : null}
        <div className="mt-4">
          <div className="flex justify-between text-sm">
            <span>Progress</span>
            <span data-testid="status-percent">{s.percentDone}%</span>
          </div>
          <div className="mt-1 h-3 w-full overflow-hidden rounded bg-slate-800" role="progressbar" aria-label="Progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={s.percentDone}>
            <div className="h-full bg-emerald-400" style={{ width: `${s.percentDone}%` }} />
          </div>
        </div>
        <dl className="mt-4 grid grid-cols-1 gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-400">{s.startedAt ? "Started" : "Scheduled for"}</dt>
            <dd className="font-medium">{when(s.startedAt ?? s.scheduledStart, s.timezone)}</dd>
          </div>
          <div>
            <dt className="text-slate-400">{s.endedAt ? "Ended" : "Expected to end"}</dt>
            <dd className="font-medium">{when(s.endedAt ?? s.expectedEnd, s.timezone)}</dd>
          </div>
        </dl>
      </section>
      <StatusLive slug={s.slug} />
      <section aria-labelledby="updates">
        <h2 id="updates" className="text-xl font-semibold">
          Updates
        </h2>
        {s.updates.length === 0 ? (
          <p className="mt-2 text-slate-300">No updates posted yet.</p>
        ) : (
          <ol className="mt-2 space-y-3">
            {s.updates.map((u) => (
              <li key={u.id} className="rounded border border-slate-800 bg-slate-900/60 p-3">
                <p className="text-sm text-slate-400">
                  {when(u.createdAt, s.timezone)} · {u.authorName}
                </p>
                {/* react-markdown never renders raw HTML (no rehype-raw), and only safe link protocols. */}
                <div className="mt-1 space-y-2 [&_a]:text-sky-300 [&_a]:underline [&_li]:ml-5 [&_ul]:list-disc">
                  <Markdown skipHtml>{u.bodyMarkdown}</Markdown>
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}
