import "server-only";
// Who a socket is, decided once in the handshake, before it can join any room: an API token in
// `auth.token`, else the next-auth session cookie sent with the upgrade request. A socket with neither
// is anonymous and may join only the status rooms of public runs.
import type { IncomingHttpHeaders } from "node:http";
import { getToken } from "next-auth/jwt";
import type { Actor } from "@/lib/auth/permissions";
import { actorForApiToken, actorForUserId } from "@/server/auth/actor";

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name) continue;
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      out[name] = part.slice(eq + 1).trim();
    }
  }
  return out;
}

export async function actorFromHandshake(handshake: { headers: IncomingHttpHeaders; auth?: Record<string, unknown> }): Promise<Actor | null> {
  const apiToken = typeof handshake.auth?.token === "string" ? handshake.auth.token : null;
  if (apiToken) return actorForApiToken(apiToken);
  const bearer = handshake.headers.authorization;
  if (typeof bearer === "string" && bearer.toLowerCase().startsWith("bearer ")) return actorForApiToken(bearer.slice(7).trim());
  if (!handshake.headers.cookie) return null;
  // getToken reads `cookies` (an object) and `headers`; a request-like object is all it needs.
  const req = { cookies: parseCookies(handshake.headers.cookie), headers: handshake.headers };
  const token = await getToken({ req: req as unknown as Parameters<typeof getToken>[0]["req"], secret: process.env.NEXTAUTH_SECRET });
  return token?.sub ? actorForUserId(token.sub) : null;
}
