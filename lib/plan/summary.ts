import { TEAM_OWNER, type TPlan } from "./schema";

export type PlanSummary = {
  roles: number;
  phases: { name: string; tasks: number }[];
  tasks: number;
  procedureSections: number;
  canarySteps: number[];
  gates: number;
  triggers: number;
  measurableTriggers: number;
  rollbackSteps: number;
  risks: number;
  monitoring: number;
  successCriteria: number;
  successCategories: string[];
  notes: number;
};

/** Counts people check after an import ("6 roles, 22 tasks…") and tests compare across round trips. */
export function summarizePlan(plan: TPlan): PlanSummary {
  return {
    roles: plan.roles.length,
    phases: plan.phases.map((p) => ({ name: p.name, tasks: p.tasks.length })),
    tasks: plan.phases.reduce((n, p) => n + p.tasks.length, 0),
    procedureSections: plan.procedure.length,
    canarySteps: [...plan.canary.steps],
    gates: plan.canary.gates.length,
    triggers: plan.rollback.triggers.length,
    measurableTriggers: plan.rollback.triggers.filter((t) => t.metric !== null).length,
    rollbackSteps: plan.rollback.steps.length,
    risks: plan.risks.length,
    monitoring: plan.monitoring.length,
    successCriteria: plan.successCriteria.length,
    successCategories: [...new Set(plan.successCriteria.map((c) => c.category))],
    notes: plan.notes.length,
  };
}

export function formatSummary(plan: TPlan): string {
  const s = summarizePlan(plan);
  return [
    `${plan.title} (${plan.timezone})`,
    `  roles: ${s.roles}`,
    `  phases: ${s.phases.map((p) => `${p.name} (${p.tasks} tasks)`).join(", ")}`,
    `  procedure sections: ${s.procedureSections}`,
    `  canary steps: ${s.canarySteps.length ? s.canarySteps.map((n) => `${n}%`).join(" → ") : "none"}; gates: ${s.gates}`,
    `  rollback: ${s.triggers} triggers (${s.measurableTriggers} measurable), ${s.rollbackSteps} steps`,
    `  risks: ${s.risks}; monitoring rules: ${s.monitoring}`,
    `  success criteria: ${s.successCriteria} in ${s.successCategories.length} categories`,
    `  notes: ${s.notes}`,
  ].join("\n");
}

/** The roles an owner stands for: the collective "Deployment Team" means every role on the roster. */
export function rolesForOwner(plan: TPlan, owner: string): string[] {
  return owner === TEAM_OWNER ? plan.roles.map((r) => r.name) : plan.roles.some((r) => r.name === owner) ? [owner] : [];
}
