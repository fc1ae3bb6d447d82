import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "server/server-only-node.ts") } },
  test: {
    include: ["lib/**/*.test.ts", "server/**/*.test.ts", "tests/**/*.test.ts", "sandbox/**/*.test.ts", "scripts/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
