import { parseAuditQuery } from "@/lib/audit/filters";
import { ActionError } from "@/server/actions/errors";
import { listAuditEvents } from "@/server/audit/queries";
import { readRoute } from "@/server/http/api-route";

export const GET = readRoute("audit.read", async ({ request }) => {
  const parsed = parseAuditQuery(new URL(request.url).searchParams);
  if (!parsed.ok) throw new ActionError("invalid", "Some filters are not valid.", parsed.fields);
  return listAuditEvents(parsed.filters, parsed.page);
});
