import type { TPlan } from "@/lib/plan/schema";
import { Badge } from "@/components/ui/badge";
import { DataTable, Td } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/card";

export function MonitoringSection({ plan }: { plan: TPlan }) {
  if (plan.monitoring.length === 0) return <EmptyState title="This plan has no monitoring rules" />;
  const roles = new Set(plan.roles.map((r) => r.name));
  return (
    <DataTable caption={`Monitoring rules: ${plan.monitoring.length}`} headers={["Metric", "Tool", "Alert threshold", "Alert to", "Response"]} className="text-base">
      {plan.monitoring.map((m, i) => (
        <tr key={i}>
          <Td>
            <span className="font-medium text-white">{m.label}</span>
            <span className="block font-mono text-sm text-slate-300">{m.metric}</span>
          </Td>
          <Td>{m.tool || "—"}</Td>
          <Td>
            <span className="font-semibold text-white">{m.threshold}</span>
            {m.operator === null ? <span className="block text-sm text-slate-300">(not machine-checkable)</span> : null}
          </Td>
          <Td>
            <ul className="flex flex-wrap gap-1">
              {m.alertTo.map((to) => (
                <li key={to}>
                  {roles.has(to) ? (
                    <Badge tone="info">{to}</Badge>
                  ) : (
                    <Badge tone="warning" symbol="?">
                      {to} (not on roster)
                    </Badge>
                  )}
                </li>
              ))}
            </ul>
          </Td>
          <Td>{m.response || "—"}</Td>
        </tr>
      ))}
    </DataTable>
  );
}
