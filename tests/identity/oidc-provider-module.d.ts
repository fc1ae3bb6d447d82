// oidc-provider ships no TypeScript types; the test provider uses a small, stable part of its API.
declare module "oidc-provider" {
  import type { Server } from "node:http";
  type Claims = Record<string, unknown>;
  type Account = { accountId: string; claims: (use?: string, scope?: string) => Promise<Claims> | Claims };
  export type Configuration = {
    clients?: Array<Record<string, unknown>>;
    findAccount?: (ctx: unknown, id: string) => Promise<Account | undefined> | Account | undefined;
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    features?: Record<string, unknown>;
    pkce?: Record<string, unknown>;
    cookies?: Record<string, unknown>;
    ttl?: Record<string, number>;
  };
  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    listen(port: number, host: string, callback?: () => void): Server;
    on(event: string, listener: (ctx: unknown, error: Error) => void): this;
  }
}
