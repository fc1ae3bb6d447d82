// Stand-in for the "server-only" package when code runs in plain Node (the custom server, CLI scripts,
// Vitest). Those are never client bundles, so the guard has nothing to guard; inside Next's bundler the
// real package still refuses any client import of server/.
export {};
