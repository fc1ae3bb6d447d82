import type { TPlan } from "@/lib/plan/schema";
import { DataTable, Td } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/card";
import { condition, operatorWord } from "./format";

export function CanarySection({ plan }: { plan: TPlan }) {
  const { steps, gates } = plan.canary;
  if (steps.length === 0 && gates.length === 0) return <EmptyState title="This plan has no canary release" />;
  return (
    <div className="space-y-8">
      <section aria-labelledby="canary-steps">
        <h3 id="canary-steps" className="text-xl font-semibold text-white">
          Traffic steps
        </h3>
        {steps.length ? (
          <>
            <p className="mt-1 text-slate-300" data-testid="canary-progression">
              {steps.map((s) => `${s}%`).join(" → ")}
            </p>
            <ol className="mt-4 flex flex-wrap items-end gap-2" aria-label="Canary traffic steps">
              {steps.map((percent, i) => (
                <li key={i} className="flex items-end gap-2">
                  <div className="flex w-20 flex-col items-center">
                    <div className="flex h-32 w-12 items-end rounded bg-slate-800" aria-hidden="true">
                      <div className="w-full rounded bg-sky-500" style={{ height: `${Math.max(percent, 2)}%` }} />
                    </div>
                    <span className="mt-1 text-lg font-semibold text-white">{percent}%</span>
                    <span className="text-sm text-slate-300">step {i + 1}</span>
                  </div>
                  {i < steps.length - 1 ? (
                    <span aria-hidden="true" className="mb-10 text-2xl text-slate-400">
                      →
                    </span>
                  ) : null}
                </li>
              ))}
            </ol>
          </>
        ) : (
          <p className="mt-2 text-slate-300">No traffic steps stated.</p>
        )}
      </section>
      <section aria-labelledby="canary-gates">
        <h3 id="canary-gates" className="text-xl font-semibold text-white">
          Health gates <span className="text-base font-normal text-slate-300">(must hold at every step)</span>
        </h3>
        {gates.length ? (
          <DataTable caption="Health gates" headers={["Gate", "Metric", "Passes while"]} className="mt-3 text-base">
            {gates.map((g, i) => (
              <tr key={i}>
                <Td className="font-medium text-white">{g.text}</Td>
                <Td className="font-mono text-sm">{g.metric}</Td>
                <Td>
                  <span className="font-semibold text-white">{condition(g)}</span>
                  <span className="ml-2 text-slate-300">({operatorWord(g.operator)} {g.threshold}{g.unit})</span>
                </Td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p className="mt-2 text-slate-300">No health gates stated.</p>
        )}
      </section>
    </div>
  );
}
