// Action definitions of this area, listed for the registry (REST, OpenAPI, permission matrix).
import { importPlanAction } from "./import-plan";

export const plansActions = {
  "plans.import": importPlanAction,
} as const;

/** The area's read endpoints, for the OpenAPI document. */
export { plansReadRoutes } from "./read-routes";
