import "server-only";
// OpenID Connect sign-in, on when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. next-auth's
// generic OAuth provider discovers the issuer, runs the authorization-code flow with PKCE and state, and
// validates the ID token; this module maps the verified identity to a Flightdeck user.
import type { Account, User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { RequestMeta } from "@/server/audit/append";
import { provisionOidcUser } from "@/server/identity/oidc-accounts";

export const OIDC_PROVIDER_ID = "oidc";

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; name: string };

export function oidcSettings(): OidcSettings | null {
  const issuer = process.env.OIDC_ISSUER?.trim();
  const clientId = process.env.OIDC_CLIENT_ID?.trim();
  const clientSecret = process.env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer: issuer.replace(/\/+$/, ""), clientId, clientSecret, name: process.env.OIDC_NAME?.trim() || "Single sign-on" };
}

type OidcProfile = Record<string, unknown> & { sub: string; email?: string; name?: string; preferred_username?: string };

export function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const settings = oidcSettings();
  if (!settings) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.name,
    type: "oauth",
    issuer: settings.issuer,
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: process.env.OIDC_SCOPE?.trim() || "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub };
    },
  };
}

/**
 * next-auth's signIn callback for OIDC: finds or creates the user, then puts the Flightdeck user id on
 * `user` (the same object becomes the JWT subject). Returning a path sends the browser to the login page
 * with a reason.
 */
export async function signInWithOidc(user: User, account: Account, profile: Record<string, unknown> | undefined, meta: RequestMeta): Promise<boolean | string> {
  const claims = profile ?? {};
  const result = await provisionOidcUser(
    {
      subject: account.providerAccountId,
      email: typeof claims.email === "string" ? claims.email : null,
      emailVerified: claims.email_verified === true || claims.email_verified === "true",
      name: typeof claims.name === "string" ? claims.name : (user.name ?? null),
      claims,
    },
    meta,
  );
  if (!result.ok) return `/login?error=${encodeURIComponent(result.error)}`;
  user.id = result.userId;
  user.name = result.name;
  user.email = result.email;
  return true;
}
