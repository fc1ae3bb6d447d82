// The status page, served as plain HTML (see server/runs/status-html.ts for why there is no React
// runtime on it). Public runs answer everyone; private ones need a signed-in viewer with status.read.
import { NextResponse, type NextRequest } from "next/server";
import { actorFromRequest } from "@/server/auth/actor";
import { getPublicStatus } from "@/server/runs/queries";
import { statusDocument } from "@/server/runs/status-html";

export const dynamic = "force-dynamic";

const HTML_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; script-src 'self'; connect-src 'self' ws: wss:",
  "x-content-type-options": "nosniff",
};

export async function GET(request: NextRequest, context: { params: Promise<{ slug: string }> }) {
  const { slug } = await context.params;
  const actor = await actorFromRequest(request).catch(() => null);
  const result = await getPublicStatus(slug, actor);
  if ("denied" in result) {
    if (result.denied === "sign_in") return NextResponse.redirect(new URL(`/login?callbackUrl=${encodeURIComponent(`/status/${slug}`)}`, request.url));
    if (result.denied === "forbidden") return NextResponse.redirect(new URL("/forbidden?need=status.read", request.url));
    return new NextResponse(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><main><h1>No status page here</h1><p><a href="/status">All status pages</a></p></main></body></html>`, { status: 404, headers: HTML_HEADERS });
  }
  return new NextResponse(statusDocument(result.status), { headers: HTML_HEADERS });
}
