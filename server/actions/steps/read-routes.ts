import type { ReadRouteSpec } from "@/server/http/openapi";

/** The step runner's read endpoints, for the OpenAPI document. */
export const stepsReadRoutes: ReadRouteSpec[] = [
  {
    path: "/api/v1/executions/task/{taskId}",
    summary: "A task's action panel: its action (secrets masked), ticked checklist items, recent executions (the latest with its output) and what the caller may do.",
    permission: "tasks.read",
    pathParams: { taskId: "The run task's id (uuid)." },
    tag: "steps",
  },
  {
    path: "/api/v1/executions/{executionId}",
    summary: "One step execution with its stored output (the last 256 KiB; outputTruncated says if older lines were dropped).",
    permission: "tasks.read",
    pathParams: { executionId: "The execution's id (uuid)." },
    tag: "steps",
  },
  {
    path: "/api/v1/sandbox",
    summary: "The local rehearsal sandbox: running or not, router weight, blue/green state, green's injected faults, load generator counts.",
    permission: "runs.read",
    tag: "steps",
  },
];
