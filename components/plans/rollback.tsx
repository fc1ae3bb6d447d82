import type { TPlan } from "@/lib/plan/schema";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { condition } from "./format";
import { StepList } from "./procedure";

function minutes(n: number): string {
  return n < 1 ? `${Math.round(n * 60)} s` : `${n} min`;
}

export function RollbackSection({ plan }: { plan: TPlan }) {
  const { triggers, steps } = plan.rollback;
  if (triggers.length === 0 && steps.length === 0) return <EmptyState title="This plan has no rollback procedure" />;
  return (
    <div className="space-y-8">
      <section aria-labelledby="rollback-triggers">
        <h3 id="rollback-triggers" className="text-xl font-semibold text-white">
          Triggers
        </h3>
        {triggers.length ? (
          <ul className="mt-3 grid gap-3 md:grid-cols-2">
            {triggers.map((t, i) => (
              <li key={i} className="rounded-md border border-slate-800 bg-slate-900/70 p-3">
                <p className="text-base font-semibold text-white">{t.text}</p>
                <div className="mt-2 flex flex-wrap items-center gap-2">
                  {t.metric && t.operator && t.threshold !== null ? (
                    <>
                      <Badge tone="info" symbol="⏱">
                        Measurable
                      </Badge>
                      <span className="font-mono text-sm text-slate-200">
                        {t.metric} {condition({ operator: t.operator, threshold: t.threshold, unit: t.unit ?? "" })}
                      </span>
                      <span className="text-slate-200">{t.forMinutes !== null ? `for ${minutes(t.forMinutes)}` : "at once"}</span>
                    </>
                  ) : (
                    <Badge tone="warning" symbol="☝">
                      A person decides
                    </Badge>
                  )}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-slate-300">No triggers stated.</p>
        )}
      </section>
      <section aria-labelledby="rollback-steps">
        <h3 id="rollback-steps" className="text-xl font-semibold text-white">
          Steps
        </h3>
        {steps.length ? <StepList steps={steps} idPrefix="rollback-step" /> : <p className="mt-2 text-slate-300">No rollback steps stated.</p>}
      </section>
    </div>
  );
}
