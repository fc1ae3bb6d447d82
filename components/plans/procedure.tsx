import type { TPlan, TStep } from "@/lib/plan/schema";
import { EmptyState } from "@/components/ui/card";

export function Commands({ commands, label }: { commands: string[]; label: string }) {
  if (commands.length === 0) return null;
  return (
    <pre aria-label={label} tabIndex={0} className="mt-2 overflow-x-auto rounded-md border border-slate-700 bg-black/60 p-3 font-mono text-sm leading-relaxed text-emerald-200 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400">
      <code>{commands.map((c) => `$ ${c}`).join("\n")}</code>
    </pre>
  );
}

export function StepList({ steps, idPrefix }: { steps: TStep[]; idPrefix: string }) {
  return (
    <ol className="mt-3 space-y-4">
      {steps.map((step, i) => (
        <li key={i} className="rounded-md border border-slate-800 bg-slate-900/70 p-3">
          <h4 id={`${idPrefix}-${i + 1}`} className="text-base font-semibold text-white">
            <span className="mr-2 text-slate-400">{i + 1}.</span>
            {step.title || "Untitled step"}
          </h4>
          <Commands commands={step.commands} label={`Commands for ${step.title || `step ${i + 1}`}`} />
          {step.checklist.length ? (
            <ul className="mt-2 space-y-1" aria-label={`Checklist for ${step.title || `step ${i + 1}`}`}>
              {step.checklist.map((item, k) => (
                <li key={k} className="flex gap-2 text-slate-200">
                  <span aria-hidden="true" className="text-slate-400">☐</span>
                  {item}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function ProcedureSection({ plan }: { plan: TPlan }) {
  if (plan.procedure.length === 0) return <EmptyState title="This plan has no deployment procedure" />;
  return (
    <div className="space-y-8">
      {plan.procedure.map((section, i) => (
        <section key={i} aria-labelledby={`procedure-${i + 1}`}>
          <h3 id={`procedure-${i + 1}`} className="text-xl font-semibold text-white">
            {section.title}
          </h3>
          {section.steps.length ? <StepList steps={section.steps} idPrefix={`procedure-${i + 1}-step`} /> : <p className="mt-2 text-slate-300">No steps.</p>}
        </section>
      ))}
    </div>
  );
}
