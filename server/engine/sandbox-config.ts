import "server-only";
// Whether this install is a rehearsal: the local sandbox runs beside the app and plans' production
// commands are translated to sandbox scripts (lib/actions/rehearsal.ts). On by default with the
// embedded database (a try-out install on one machine); FLIGHTDECK_SANDBOX=1 / 0 forces it on / off.

export function sandboxEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const setting = env.FLIGHTDECK_SANDBOX;
  if (setting === "1" || setting === "true") return true;
  if (setting === "0" || setting === "false") return false;
  return env.FLIGHTDECK_EMBEDDED === "1";
}

/** Imports derive rehearsal actions exactly when the sandbox is part of this install. */
export const rehearsalMode = sandboxEnabled;
