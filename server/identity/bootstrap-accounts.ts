import "server-only";
/** Demo accounts in demo mode; in production with no users, nothing (an initial admin is asked for). */
export async function ensureInitialAccounts(): Promise<void> {
  // Implemented with sign-in.
}
