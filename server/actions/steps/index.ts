import "server-only";
// Action definitions of this area, listed for the registry (REST, OpenAPI, permission matrix).
import { runStepAction } from "./run-step";
export { stepsReadRoutes } from "./read-routes";
import { cancelStepAction } from "./cancel-step";
import { resolveInterruptedAction } from "./resolve-interrupted";
import { tickChecklistAction } from "./tick-checklist";
import { decideGateAction } from "./decide-gate";
import { editTaskActionAction } from "./edit-task-action";
import { setSandboxFaultsAction, startSandboxAction, stopSandboxAction } from "./sandbox-control";

export const stepsActions = {
  "steps.run": runStepAction,
  "steps.cancel": cancelStepAction,
  "steps.resolve": resolveInterruptedAction,
  "tasks.checklist": tickChecklistAction,
  "tasks.decide": decideGateAction,
  "tasks.editAction": editTaskActionAction,
  "sandbox.start": startSandboxAction,
  "sandbox.stop": stopSandboxAction,
  "sandbox.faults": setSandboxFaultsAction,
} as const;
