import Markdown from "react-markdown";
import type { PlanProblem, TPlan } from "@/lib/plan/schema";
import { formatProblem } from "@/lib/plan/problems";

export type CountItem = { key: string; label: string; value: number };

export function OverviewSection({ plan, counts, warnings }: { plan: TPlan; counts: CountItem[]; warnings: PlanProblem[] }) {
  return (
    <div className="space-y-6">
      {plan.overview ? (
        <div className="max-w-prose space-y-2 text-lg leading-relaxed text-slate-100">
          <Markdown skipHtml>{plan.overview}</Markdown>
        </div>
      ) : (
        <p className="text-slate-300">The plan has no overview text.</p>
      )}
      <section aria-labelledby="overview-counts">
        <h3 id="overview-counts" className="text-xl font-semibold text-white">
          What this version holds
        </h3>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {counts.map(({ key, label, value }) => (
            <div key={key} className="rounded-md border border-slate-800 bg-slate-900/70 p-3">
              <dt className="text-sm text-slate-300">{label}</dt>
              <dd className="text-3xl font-bold text-white" data-testid={`count-${key}`}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {warnings.length ? (
        <section aria-labelledby="overview-warnings" className="rounded-md border border-amber-700 bg-amber-950/40 p-4">
          <h3 id="overview-warnings" className="text-lg font-semibold text-amber-100">
            <span aria-hidden="true">⚠ </span>
            {warnings.length} warning{warnings.length === 1 ? "" : "s"} at import
          </h3>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-amber-50">
            {warnings.map((w, i) => (
              <li key={i}>{formatProblem(w)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
