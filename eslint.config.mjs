import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", ".flightdeck/**", "node_modules/**", "db/migrations/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    files: ["sandbox/**/*.js", "deployment/**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
];
export default config;
