import "server-only";
import pino from "pino";

// One structured logger. Secrets are redacted by key wherever they appear in logged objects.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  redact: {
    paths: ["password", "*.password", "secret", "*.secret", "token", "*.token", "authorization", "*.authorization", "headers.cookie", "*.headers.cookie"],
    censor: "[redacted]",
  },
  base: undefined,
});
