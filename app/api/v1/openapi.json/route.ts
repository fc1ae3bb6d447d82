import { NextResponse } from "next/server";
import { allActions, allReadRoutes } from "@/server/actions/registry";
import { buildOpenApiDocument } from "@/server/http/openapi";

let cached: ReturnType<typeof buildOpenApiDocument> | null = null;

/** Public: the API's description holds no data, and clients need it before they have a token. */
export async function GET() {
  cached ??= buildOpenApiDocument({ actions: allActions, readRoutes: allReadRoutes });
  return NextResponse.json(cached, { headers: { "cache-control": "public, max-age=300" } });
}
