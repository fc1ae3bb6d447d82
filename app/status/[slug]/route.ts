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

// Signed-out views of public pages are the flood (a link in a customer mail); they share one rendering
// per slug for a second. The live script asks with ?fresh=1 after an event, so it never sees a stale copy.
const CACHE_MS = 1000;
const cache = ((globalThis as unknown as { __fdStatusCache?: Map<string, { at: number; html: string }> }).__fdStatusCache ??= new Map());

export async function GET(request: NextRequest, context: { params: Promise<{ slug: string }> }) {
  const started = performance.now();
  const timing = () => ({ ...HTML_HEADERS, "server-timing": `app;dur=${(performance.now() - started).toFixed(2)}` });
  const { slug } = await context.params;
  const anonymous = !request.headers.get("cookie")?.includes("session-token") && !request.headers.get("authorization");
  const fresh = request.nextUrl.searchParams.has("fresh");
  const hit = anonymous && !fresh ? cache.get(slug) : undefined;
  if (hit && Date.now() - hit.at < CACHE_MS) return new NextResponse(hit.html, { headers: timing() });
  const actor = anonymous ? null : await actorFromRequest(request).catch(() => null);
  const result = await getPublicStatus(slug, actor);
  if ("denied" in result) {
    if (result.denied === "sign_in") return NextResponse.redirect(new URL(`/login?callbackUrl=${encodeURIComponent(`/status/${slug}`)}`, request.url));
    if (result.denied === "forbidden") return NextResponse.redirect(new URL("/forbidden?need=status.read", request.url));
    return new NextResponse(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><main><h1>No status page here</h1><p><a href="/status">All status pages</a></p></main></body></html>`, { status: 404, headers: HTML_HEADERS });
  }
  const html = statusDocument(result.status);
  // Only a page anyone may see goes into the shared cache.
  if (anonymous) {
    if (cache.size > 1000) cache.clear();
    cache.set(slug, { at: Date.now(), html });
  }
  return new NextResponse(html, { headers: timing() });
}
