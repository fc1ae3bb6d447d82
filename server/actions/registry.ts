import "server-only";
// Every action, by area. The OpenAPI document and the permission-matrix test read this list, so a new
// action is documented and tested by adding it to its area's index.
import { plansActions, plansReadRoutes } from "./plans";
import { identityActions, identityReadRoutes } from "./identity";
import { runsActions } from "./runs";
import { stepsActions, stepsReadRoutes } from "./steps";
import { auditActions, auditReadRoutes } from "./audit";
import { notificationsActions, notificationsReadRoutes } from "./notifications";

export const allActions = { ...plansActions, ...identityActions, ...runsActions, ...stepsActions, ...auditActions, ...notificationsActions };

/** GET endpoints (reads), declared by each area next to its actions; the OpenAPI document lists them. */
export const allReadRoutes = [...auditReadRoutes, ...plansReadRoutes, ...identityReadRoutes, ...stepsReadRoutes, ...notificationsReadRoutes];
