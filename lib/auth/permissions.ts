// The one declared permission table. Every action, REST route and socket room join asks `can()` or
// `assertPermission()` — never an ad-hoc role comparison in a page.

export const PRODUCT_ROLES = ["admin", "lead", "engineer", "stakeholder", "auditor"] as const;
export type ProductRole = (typeof PRODUCT_ROLES)[number];

export const PERMISSIONS = [
  "plans.read",
  "plans.import",
  "runs.read",
  "runs.create",
  "runs.start",
  "runs.pause",
  "runs.resume",
  "runs.complete",
  "runs.abort",
  "runs.rollback",
  "runs.edit",
  "runs.statusUpdate",
  "tasks.read",
  "tasks.start",
  "tasks.complete",
  "tasks.block",
  "tasks.fail",
  "tasks.note",
  "tasks.skip",
  "tasks.reopen",
  "tasks.override",
  "tasks.checklist",
  "tasks.decide",
  "tasks.editAction",
  "steps.run",
  "steps.cancel",
  "steps.resolve",
  "status.read",
  "audit.read",
  "audit.export",
  "audit.verify",
  "users.manage",
  "tokens.manage",
  "sandbox.manage",
  "notifications.read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// notifications.read: everyone reads (and acknowledges) the notifications addressed to them.
const READ_ALL: Permission[] = ["plans.read", "runs.read", "tasks.read", "status.read", "notifications.read"];
const ENGINEER_WORK: Permission[] = ["tasks.start", "tasks.complete", "tasks.block", "tasks.fail", "tasks.note", "tasks.checklist", "tasks.decide", "steps.run"];

export const ROLE_PERMISSIONS: Record<ProductRole, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([...PERMISSIONS]),
  lead: new Set<Permission>([
    ...READ_ALL,
    ...ENGINEER_WORK,
    "plans.import",
    "runs.create",
    "runs.start",
    "runs.pause",
    "runs.resume",
    "runs.complete",
    "runs.abort",
    "runs.rollback",
    "runs.edit",
    "runs.statusUpdate",
    "tasks.skip",
    "tasks.reopen",
    "tasks.override",
    "tasks.editAction",
    "steps.cancel",
    "steps.resolve",
    "audit.read",
    "tokens.manage",
    "sandbox.manage",
  ]),
  // runs.statusUpdate: the status-update action further limits engineers to the "Support Lead" team role.
  engineer: new Set<Permission>([...READ_ALL, ...ENGINEER_WORK, "runs.statusUpdate", "tokens.manage"]),
  stakeholder: new Set<Permission>(["status.read", "tokens.manage", "notifications.read"]),
  auditor: new Set<Permission>([...READ_ALL, "audit.read", "audit.export", "audit.verify", "tokens.manage"]),
};

/** Who is acting. System actors (jobs, triggers) have their own identity in the log. */
export type Actor = {
  kind: "user" | "system";
  id: string;
  name: string;
  productRole: ProductRole | "system";
  teamRoles: string[];
};

export function can(actor: Pick<Actor, "productRole">, permission: Permission): boolean {
  if (actor.productRole === "system") return true;
  return ROLE_PERMISSIONS[actor.productRole]?.has(permission) ?? false;
}

/** The collective owner a plan may name for tasks the whole team shares. */
export const WHOLE_TEAM_OWNER = "Deployment Team";

/**
 * Ownership on top of permissions: leads, admins and system actors act on any task; an engineer only on
 * tasks owned by a team role they hold (a task owned by the whole team is everyone's).
 */
export function ownsTask(actor: Actor, taskOwnerRole: string): boolean {
  if (actor.productRole === "system" || actor.productRole === "admin" || actor.productRole === "lead") return true;
  if (taskOwnerRole === WHOLE_TEAM_OWNER) return actor.teamRoles.length > 0;
  return actor.teamRoles.some((role) => role.toLowerCase() === taskOwnerRole.toLowerCase());
}

export function isProductRole(value: string): value is ProductRole {
  return (PRODUCT_ROLES as readonly string[]).includes(value);
}
