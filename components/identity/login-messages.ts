// What the login page says for each refusal next-auth reports (?error= or signIn()'s error).
export const THROTTLED_PREFIX = "Throttled:";

export function throttledSeconds(error: string | null | undefined): number | null {
  if (!error?.startsWith(THROTTLED_PREFIX)) return null;
  const seconds = Number(error.slice(THROTTLED_PREFIX.length));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong email or password. Check both and try again.",
  AccessDenied: "This account may not sign in. Ask an admin.",
  OidcAccountDeactivated: "Your Flightdeck account is deactivated. Ask an admin to reactivate it.",
  OidcEmailMissing: "The identity provider did not share your email address, so Flightdeck cannot tell who you are.",
  OidcEmailNotVerified: "An account with your email exists, but the identity provider has not verified that email, so it was not linked. Ask an admin.",
  OidcAccountMismatch: "Your email belongs to a Flightdeck account linked to a different single sign-on identity. Ask an admin.",
  OAuthSignin: "Could not reach the identity provider. Try again, or sign in with email and password.",
  OAuthCallback: "The identity provider's answer could not be verified. Try again.",
  Callback: "Sign-in could not be completed. Try again.",
  SessionRequired: "Sign in to see that page.",
  Configuration: "Sign-in is misconfigured on the server. The problem was logged.",
};

export function loginErrorMessage(error: string | null | undefined): string | null {
  if (!error) return null;
  const seconds = throttledSeconds(error);
  if (seconds !== null) return `Too many attempts. Try again in ${seconds} s.`;
  return MESSAGES[error] ?? "Sign-in failed. Try again.";
}

/** Only same-site paths: an open redirect after sign-in would make the login page a phishing tool. */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value) return "/";
  try {
    const url = new URL(value, "http://flightdeck.invalid");
    if (url.origin !== "http://flightdeck.invalid") {
      // An absolute URL to this very site is fine (next-auth hands those back); keep just the path.
      return typeof window !== "undefined" && value.startsWith(window.location.origin) ? url.pathname + url.search + url.hash : "/";
    }
    return url.pathname.startsWith("//") ? "/" : url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}
