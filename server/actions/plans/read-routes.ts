import { z } from "zod";
import type { ReadRouteSpec } from "@/server/http/openapi";

const PLAN_PARAM = { planId: "The plan's id (uuid) or slug." };

/** The area's read endpoints, for the OpenAPI document. */
export const plansReadRoutes: ReadRouteSpec[] = [
  {
    path: "/api/v1/plans",
    summary: "List plans, each with its latest version and the row counts of its sections.",
    permission: "plans.read",
    tag: "plans",
  },
  {
    path: "/api/v1/plans/{planId}",
    summary: "A plan's latest version: `data.plan` is the plan (TPlan), beside version metadata and the versions list.",
    permission: "plans.read",
    pathParams: PLAN_PARAM,
    tag: "plans",
  },
  {
    path: "/api/v1/plans/{planId}/versions/{version}",
    summary: "One version of a plan, in the same shape as the latest.",
    permission: "plans.read",
    pathParams: { ...PLAN_PARAM, version: "The version number (1, 2, …)." },
    tag: "plans",
  },
  {
    path: "/api/v1/plans/{planId}/export",
    summary: "The plan as Markdown: exported from the stored tables, or with source=1 the file exactly as imported.",
    permission: "plans.read",
    pathParams: PLAN_PARAM,
    query: z.object({
      version: z.coerce.number().int().min(1).optional().describe("A version number; the latest when omitted."),
      source: z.enum(["1"]).optional().describe("1: the original file as imported instead of the export."),
    }),
    produces: ["text/markdown"],
    tag: "plans",
  },
];
