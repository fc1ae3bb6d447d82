import type { TPlan } from "@/lib/plan/schema";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { condition } from "./format";

export function SuccessSection({ plan }: { plan: TPlan }) {
  if (plan.successCriteria.length === 0) return <EmptyState title="This plan states no success criteria" />;
  const categories = [...new Set(plan.successCriteria.map((c) => c.category))];
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      {categories.map((category, i) => {
        const items = plan.successCriteria.filter((c) => c.category === category);
        return (
          <section key={category} aria-labelledby={`success-${i + 1}`} className="rounded-md border border-slate-800 bg-slate-900/70 p-4">
            <h3 id={`success-${i + 1}`} className="text-xl font-semibold text-white">
              {category} <span className="text-base font-normal text-slate-300">({items.length})</span>
            </h3>
            <ul className="mt-3 space-y-2">
              {items.map((c, k) => (
                <li key={k} className="text-slate-100">
                  <span aria-hidden="true" className="mr-2 text-slate-400">
                    ☐
                  </span>
                  {c.text}
                  {c.measurable ? (
                    <Badge tone="info" symbol="⏱" className="ml-2">
                      <span className="font-mono">
                        {c.measurable.metric} {condition(c.measurable)}
                      </span>
                    </Badge>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
