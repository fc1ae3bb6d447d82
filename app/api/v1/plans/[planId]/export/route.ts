// GET /api/v1/plans/:id/export[?version=N][&source=1] — the plan as Markdown: exported from the stored
// tables (exportPlan), or with source=1 the file exactly as it was imported.
import { NextResponse, type NextRequest } from "next/server";
import { exportPlan } from "@/lib/plan";
import { ActionError } from "@/server/actions/errors";
import { errorResponse } from "@/server/http/api-route";
import { getPlanVersionDetail, getPlanVersionSource } from "@/server/plans/queries";
import { authorizeRead, parseVersionParam } from "@/server/plans/api";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, context: { params: Promise<{ planId: string }> }) {
  try {
    await authorizeRead(request);
    const { planId } = await context.params;
    const search = request.nextUrl.searchParams;
    const versionParam = search.get("version");
    const version = versionParam ? parseVersionParam(versionParam) : undefined;
    const detail = await getPlanVersionDetail(planId, version);
    if (!detail) throw new ActionError("not_found", "There is no such plan or version.");
    const original = search.get("source") === "1";
    const markdown = original ? ((await getPlanVersionSource(detail.version.id)) ?? "") : exportPlan(detail.content);
    const fileName = `${detail.plan.slug}-v${detail.version.version}${original ? "-source" : ""}.md`;
    return new NextResponse(markdown, {
      headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
