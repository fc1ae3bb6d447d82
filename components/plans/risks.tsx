import clsx from "clsx";
import type { TPlan, TRisk } from "@/lib/plan/schema";
import { Badge } from "@/components/ui/badge";
import { DataTable, Td } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/card";
import { IMPACT_LEVELS, PROBABILITY_LEVELS, SEVERITY_LOOK, impactLevel, probabilityLevel, riskSeverity, severity, type Severity } from "./risk-scale";

/** Same colors as the heat map's cells, so a severity looks alike in the grid and the table. */
function SeverityBadge({ value }: { value: Severity | null }) {
  if (!value) return <Badge symbol="?">Unrated</Badge>;
  return (
    <span className={clsx("inline-flex items-center gap-1 rounded px-2 py-0.5 text-sm font-semibold ring-1 ring-inset", SEVERITY_LOOK[value].cell)}>
      <span aria-hidden="true">{SEVERITY_LOOK[value].symbol}</span>
      {value}
    </span>
  );
}

/** Impact rows (Critical → Low) by probability columns (Low → High); each cell names its risks. */
function HeatMap({ risks }: { risks: TRisk[] }) {
  const numbered = risks.map((risk, i) => ({ risk, n: i + 1 }));
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] table-fixed border-separate border-spacing-1 text-left" data-testid="risk-heat-map">
        <caption className="mb-2 text-left text-slate-300">
          Risk heat map: impact (rows) by probability (columns). Each cell says its severity in words and lists its risks by number.
        </caption>
        <thead>
          <tr>
            <td className="w-32" />
            {PROBABILITY_LEVELS.map((p) => (
              <th key={p} scope="col" className="px-2 py-1 text-center text-sm font-semibold text-slate-200">
                Probability: {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {IMPACT_LEVELS.map((impact) => (
            <tr key={impact}>
              <th scope="row" className="px-2 py-1 text-sm font-semibold text-slate-200">
                Impact: {impact}
              </th>
              {PROBABILITY_LEVELS.map((probability) => {
                const sev = severity(impact, probability);
                const look = SEVERITY_LOOK[sev];
                const here = numbered.filter(({ risk }) => impactLevel(risk.impact) === impact && probabilityLevel(risk.probability) === probability);
                return (
                  <td key={probability} className={clsx("h-24 rounded-md p-2 align-top ring-1 ring-inset", look.cell)}>
                    <div className="text-xs font-bold uppercase tracking-wide">
                      <span aria-hidden="true">{look.symbol} </span>
                      {sev}
                    </div>
                    {here.length ? (
                      <ul className="mt-1 space-y-0.5 text-sm">
                        {here.map(({ risk, n }) => (
                          <li key={n}>
                            <span className="font-semibold">#{n}</span> {risk.risk}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p className="mt-1 text-sm opacity-80">No risks</p>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RisksSection({ plan }: { plan: TPlan }) {
  if (plan.risks.length === 0) return <EmptyState title="This plan lists no risks" />;
  const unrated = plan.risks.filter((r) => riskSeverity(r) === null);
  return (
    <div className="space-y-8">
      <HeatMap risks={plan.risks} />
      {unrated.length ? (
        <p className="text-slate-300">
          {unrated.length} risk{unrated.length === 1 ? "" : "s"} could not be placed on the grid (probability or impact not Low/Medium/High/Critical): {unrated.map((r) => r.risk).join("; ")}.
        </p>
      ) : null}
      <DataTable caption={`Risk register: ${plan.risks.length} risks`} headers={["#", "Risk", "Probability", "Impact", "Severity", "Mitigation", "Owner"]} className="text-base">
        {plan.risks.map((risk, i) => (
          <tr key={i} data-testid="risk-row">
            <Td className="font-mono text-sm">#{i + 1}</Td>
            <Td className="font-medium text-white">{risk.risk}</Td>
            <Td>{risk.probability}</Td>
            <Td>{risk.impact}</Td>
            <Td>
              <SeverityBadge value={riskSeverity(risk)} />
            </Td>
            <Td>{risk.mitigation || "—"}</Td>
            <Td>{risk.owner}</Td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
