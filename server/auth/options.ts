import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { RequestMeta } from "@/server/audit/append";
import { getDb } from "@/server/db/client";
import { appendAuditEvent } from "@/server/audit/append";
import { verifyPasswordLogin } from "./password-login";
import { actorForUserId } from "./actor";
import { SIGN_IN_ACTOR } from "./system-actors";
import { OIDC_PROVIDER_ID, oidcProvider, signInWithOidc } from "./oidc";

const DEFAULT_SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** How long a session lives after its last refresh; FLIGHTDECK_SESSION_MAX_AGE (seconds) overrides 8 h. */
export function sessionMaxAgeSeconds(): number {
  const value = Number(process.env.FLIGHTDECK_SESSION_MAX_AGE);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : DEFAULT_SESSION_MAX_AGE_SECONDS;
}

/** Sign-in refusals the login page turns into words; next-auth passes the thrown message as ?error=. */
export const THROTTLED_ERROR_PREFIX = "Throttled:";

const NO_META: RequestMeta = { ip: null, userAgent: null, requestId: null };

/**
 * next-auth configuration: JWT sessions whose subject is the user id; the user is re-read per request
 * (server/auth/actor.ts), so deactivation and role changes apply at once. Built per request so sign-in
 * audit events carry the request's IP and user agent.
 */
export function buildAuthOptions(meta: RequestMeta = NO_META): NextAuthOptions {
  const maxAge = sessionMaxAgeSeconds();
  const oidc = oidcProvider();
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const result = await verifyPasswordLogin(credentials?.email ?? "", credentials?.password ?? "", meta);
          if (result.ok) return { id: result.user.id, name: result.user.name, email: result.user.email };
          if (result.reason === "throttled") throw new Error(`${THROTTLED_ERROR_PREFIX}${result.retryAfterSeconds}`);
          return null;
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        return signInWithOidc(user, account, profile as Record<string, unknown> | undefined, meta);
      },
      async jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        const userId = (token as { sub?: string } | null)?.sub;
        if (!userId) return;
        const actor = (await actorForUserId(userId)) ?? SIGN_IN_ACTOR;
        await getDb().transaction((tx) =>
          appendAuditEvent(tx, { actor, action: "auth.logout", target: { type: "user", id: userId, label: (token as { email?: string }).email ?? null }, meta }),
        );
      },
    },
  };
}
