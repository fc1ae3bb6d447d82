import { z } from "zod";
import { AUDIT_FILTER_SHAPE, AUDIT_PAGE_SHAPE } from "@/lib/audit/filters";
import type { ReadRouteSpec } from "@/server/http/openapi";

export const auditReadRoutes: ReadRouteSpec[] = [
  {
    path: "/api/v1/audit",
    summary: "Read the run log, filtered, newest first, one keyset page at a time.",
    description:
      "Filters combine with AND. Paging is by sequence number: pass `nextCursor` as `cursor` to continue, or `before`/`after` a sequence number. " +
      "The answer's `data` holds `events`, `hasNewer`, `hasOlder`, `newerCursor`, `olderCursor` and `nextCursor`.",
    permission: "audit.read",
    query: z.object({ ...AUDIT_FILTER_SHAPE, ...AUDIT_PAGE_SHAPE }),
    tag: "audit",
  },
];
