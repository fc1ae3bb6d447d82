import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyPasswordLogin } from "./password-login";

export const SESSION_MAX_AGE_SECONDS = Number(process.env.FLIGHTDECK_SESSION_MAX_AGE ?? 8 * 60 * 60);

/** next-auth configuration: JWT sessions whose subject is the user id; the user is re-read per request. */
export function buildAuthOptions(): NextAuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const headers = (request?.headers ?? {}) as Record<string, string | undefined>;
          const ip = headers["x-forwarded-for"]?.split(",")[0]?.trim() ?? headers["x-real-ip"] ?? null;
          const user = await verifyPasswordLogin(credentials?.email ?? "", credentials?.password ?? "", { ip, userAgent: headers["user-agent"] ?? null });
          return user ? { id: user.id, name: user.name, email: user.email } : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
