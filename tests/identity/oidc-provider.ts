// A real OpenID Connect provider (panva's oidc-provider) for tests: in memory, one confidential client,
// named accounts, and the library's own development login + consent pages (any password is accepted; the
// login name picks the account). Used by e2e/identity-oidc.spec.ts against the real next-auth flow.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import Provider from "oidc-provider";

export type TestOidcAccount = { sub: string; email: string; email_verified?: boolean; name: string; flightdeck_role?: string | string[] };

export type TestOidcProvider = { issuer: string; clientId: string; clientSecret: string; close: () => Promise<void> };

export async function startOidcProvider(options: { port: number; redirectUris: string[]; accounts: Record<string, TestOidcAccount>; host?: string }): Promise<TestOidcProvider> {
  const host = options.host ?? "127.0.0.1";
  const issuer = `http://${host}:${options.port}`;
  const clientId = "flightdeck-e2e";
  const clientSecret = "flightdeck-e2e-secret-that-is-long-enough-for-hs256";
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, grant_types: ["authorization_code"], response_types: ["code"] }],
    async findAccount(_ctx, id) {
      const account = options.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ email_verified: true, ...account }) };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "flightdeck_role"] },
    // next-auth reads the profile from the ID token (idToken: true), so put the scope's claims in it.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ["oidc-test-cookie-key"] },
    ttl: { Session: 600, Interaction: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  // The provider logs a warning for devInteractions on every start; tests know.
  provider.on("server_error", (_ctx, error) => console.error("[oidc-provider] server_error", error));
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(options.port, host, () => resolve(s));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function addressOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}
