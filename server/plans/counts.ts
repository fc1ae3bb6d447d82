// Pure (no I/O, no server-only) so client components can import the type and the labels.
import type { TPlan } from "@/lib/plan/schema";

/** How many rows of each section an import wrote; shown after an import and kept in the audit event. */
export type PlanCounts = {
  roles: number;
  phases: number;
  tasks: number;
  procedureSections: number;
  procedureSteps: number;
  canarySteps: number;
  gates: number;
  rollbackTriggers: number;
  rollbackSteps: number;
  risks: number;
  monitoringRules: number;
  successCriteria: number;
  notes: number;
};

export function countPlan(plan: TPlan): PlanCounts {
  return {
    roles: plan.roles.length,
    phases: plan.phases.length,
    tasks: plan.phases.reduce((n, p) => n + p.tasks.length, 0),
    procedureSections: plan.procedure.length,
    procedureSteps: plan.procedure.reduce((n, s) => n + s.steps.length, 0),
    canarySteps: plan.canary.steps.length,
    gates: plan.canary.gates.length,
    rollbackTriggers: plan.rollback.triggers.length,
    rollbackSteps: plan.rollback.steps.length,
    risks: plan.risks.length,
    monitoringRules: plan.monitoring.length,
    successCriteria: plan.successCriteria.length,
    notes: plan.notes.length,
  };
}

export const COUNT_LABELS: Record<keyof PlanCounts, string> = {
  roles: "roles",
  phases: "phases",
  tasks: "tasks",
  procedureSections: "procedure sections",
  procedureSteps: "procedure steps",
  canarySteps: "canary steps",
  gates: "health gates",
  rollbackTriggers: "rollback triggers",
  rollbackSteps: "rollback steps",
  risks: "risks",
  monitoringRules: "monitoring rules",
  successCriteria: "success criteria",
  notes: "notes",
};

/** "6 roles, 22 tasks, 8 risks, …" */
export function formatCounts(counts: PlanCounts): string {
  return (Object.keys(COUNT_LABELS) as (keyof PlanCounts)[]).map((k) => `${counts[k]} ${COUNT_LABELS[k]}`).join(", ");
}
