import type { TPlan } from "@/lib/plan/schema";
import { DataTable, Td } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/card";

export function RosterSection({ plan }: { plan: TPlan }) {
  if (plan.roles.length === 0) return <EmptyState title="No roles on the roster" />;
  const extraHeaders = [...new Set(plan.roles.flatMap((r) => Object.keys(r.extra)))];
  const ownerCounts = new Map<string, number>();
  for (const task of plan.phases.flatMap((p) => p.tasks)) ownerCounts.set(task.owner, (ownerCounts.get(task.owner) ?? 0) + 1);
  return (
    <DataTable caption={`Deployment team: ${plan.roles.length} roles`} headers={["Role", "Responsibility", "Contact", "Tasks owned", ...extraHeaders]} className="text-base">
      {plan.roles.map((role) => (
        <tr key={role.name} data-testid="roster-role">
          <Td className="font-semibold text-white">{role.name}</Td>
          <Td>{role.responsibility || "—"}</Td>
          <Td>{role.contact ? role.contact.includes("@") ? <a className="text-sky-300 underline underline-offset-2 hover:text-sky-200" href={`mailto:${role.contact}`}>{role.contact}</a> : role.contact : "—"}</Td>
          <Td>{ownerCounts.get(role.name) ?? 0}</Td>
          {extraHeaders.map((h) => (
            <Td key={h}>{role.extra[h] ?? ""}</Td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
