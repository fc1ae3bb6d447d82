import "server-only";
import { pickFilters } from "@/lib/audit/filters";
import { defineAction } from "@/server/actions/pipeline";
import { ZExportAuditLog } from "./schemas";

/**
 * Authorizes and records an export; the route then streams the file. Recording before streaming means
 * even an export that is cancelled half-way is on the record, with the filters it asked for.
 */
export const exportAuditLogAction = defineAction({
  name: "audit.export",
  permission: "audit.export",
  summary: "Export the filtered run log as CSV, JSON (one array) or NDJSON, streamed as a file download. The export is logged with its filters.",
  input: ZExportAuditLog,
  rest: { method: "GET", path: "/api/v1/audit/export" },
  handler: async ({ input, audit }) => {
    const { format, order, ...rest } = input;
    const filters = pickFilters(rest);
    await audit({ action: "audit.export", target: { type: "audit_log", id: "export", label: `Export (${format})` }, after: { format, order, filters } });
    return { format, order, filters: rest };
  },
});
