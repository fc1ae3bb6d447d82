import { Readable } from "node:stream";
import type { NextRequest } from "next/server";
import { queryRecord } from "@/lib/audit/filters";
import { exportAuditLogAction } from "@/server/actions/audit/export-audit-log";
import { executeAction } from "@/server/actions/pipeline";
import { actorFromRequest } from "@/server/auth/actor";
import { EXPORT_CONTENT_TYPES, exportFileName, streamAuditExport } from "@/server/audit/export";
import { errorResponse, requestMeta } from "@/server/http/api-route";
import { logger } from "@/server/logger";

// The file is streamed from a database cursor as it is read, never built in memory.
export async function GET(request: NextRequest) {
  try {
    const actor = await actorFromRequest(request);
    const meta = requestMeta(request);
    const { format, order, filters } = await executeAction(exportAuditLogAction, queryRecord(new URL(request.url).searchParams), { actor, meta });
    const exported = await streamAuditExport(filters, format, { order });
    exported.done.then(
      (count) => logger.info({ format, count, requestId: meta.requestId }, "audit export finished"),
      (error) => logger.warn({ err: error, requestId: meta.requestId }, "audit export ended early"),
    );
    return new Response(Readable.toWeb(exported.stream) as ReadableStream<Uint8Array>, {
      headers: {
        "content-type": EXPORT_CONTENT_TYPES[format],
        "content-disposition": `attachment; filename="${exportFileName(format)}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
