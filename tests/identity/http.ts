// Calls the real route handlers with real Request objects, authenticated by a real next-auth session
// cookie or a real bearer token, exactly as Next hands them a request.
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type Auth = { session?: string; bearer?: string };

export async function sessionFor(userId: string): Promise<string> {
  return encode({ token: { sub: userId }, secret: process.env.NEXTAUTH_SECRET! });
}

export async function call(handler: Handler, options: { method?: string; path?: string; auth?: Auth; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "user-agent": "vitest", "x-forwarded-for": "192.0.2.10", ...(options.headers ?? {}) };
  if (options.auth?.session) headers.cookie = `next-auth.session-token=${options.auth.session}`;
  if (options.auth?.bearer) headers.authorization = `Bearer ${options.auth.bearer}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const request = new NextRequest(`http://localhost${options.path ?? "/api/v1/x"}`, {
    method: options.method ?? (options.body !== undefined ? "POST" : "GET"),
    headers,
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const json = (await response.json()) as { data?: unknown; error?: { code: string; message: string; fields?: Record<string, string[]> } };
  return { status: response.status, ...json } as { status: number; data: any; error?: { code: string; message: string; fields?: Record<string, string[]> } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
