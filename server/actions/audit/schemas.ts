import { z } from "zod";
import { AUDIT_FILTER_SHAPE, refineTimeRange } from "@/lib/audit/filters";

export const ZVerifyAuditChain = z
  .object({
    /** Why the auditor verified (e.g. "quarterly review"); recorded as the event's reason. */
    note: z.string().trim().max(500, "At most 500 characters.").optional(),
  })
  .strict();
export type TVerifyAuditChain = z.infer<typeof ZVerifyAuditChain>;

export const ZExportAuditLog = z
  .object({
    ...AUDIT_FILTER_SHAPE,
    format: z.enum(["csv", "json", "ndjson"]).default("csv").describe("csv; json (one streamed array); ndjson (one event per line)."),
    order: z.enum(["desc", "asc"]).default("desc").describe("desc: newest first (default)."),
  })
  .superRefine(refineTimeRange);
export type TExportAuditLog = z.infer<typeof ZExportAuditLog>;
