import "server-only";
import type { Actor } from "@/lib/auth/permissions";

function systemActor(id: string, name: string): Actor {
  return { kind: "system", id: `system:${id}`, name, productRole: "system", teamRoles: [] };
}

/**
 * Who records a failed sign-in: the attempt has not proven who is typing, so the log must not name the
 * account holder as the actor; the account tried is the event's target instead.
 */
export const SIGN_IN_ACTOR = systemActor("sign-in", "Sign-in");
/** First start: demo accounts. */
export const BOOTSTRAP_ACTOR = systemActor("bootstrap", "First-start bootstrap");
/** The /setup page, usable only while no user exists. */
export const SETUP_ACTOR = systemActor("setup", "First-run setup");
/** `npm run admin:create` on the server: whoever can run it already holds the database. */
export const CLI_ACTOR = systemActor("cli", "Command line (admin:create)");
/** OpenID Connect sign-in creating or linking an account. */
export const OIDC_ACTOR = systemActor("oidc", "OpenID Connect sign-in");
