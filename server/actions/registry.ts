import "server-only";
// Every action, by area. The OpenAPI document and the permission-matrix test read this list, so a new
// action is documented and tested by adding it to its area's index.
import { plansActions } from "./plans";
import { identityActions } from "./identity";
import { runsActions } from "./runs";
import { stepsActions } from "./steps";

export const allActions = { ...plansActions, ...identityActions, ...runsActions, ...stepsActions };
