#!/usr/bin/env bash
# Every test Flightdeck has: types, lint, unit + integration (Vitest on a real PostgreSQL), and e2e
# (Playwright in Debian's Chromium against the production build). Ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
report_dir="$(mktemp -d)"

if [ -z "${CHROMIUM_PATH:-}" ] && ! [ -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "== installing Debian's Chromium for e2e"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "e2e needs Chromium: run 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)." >&2
    exit 1
  fi
fi

echo "== typecheck"
npx tsc --noEmit
echo "== lint"
npx eslint . --max-warnings=0
echo "== unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report_dir/vitest.json"
echo "== end-to-end tests (playwright, production build)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$report_dir/playwright.json" npx playwright test --reporter=list,json

node -e '
const fs = require("fs");
const dir = process.argv[1];
const v = JSON.parse(fs.readFileSync(dir + "/vitest.json", "utf8"));
const p = JSON.parse(fs.readFileSync(dir + "/playwright.json", "utf8"));
const passed = v.numPassedTests + (p.stats.expected ?? 0);
const failed = v.numFailedTests + (p.stats.unexpected ?? 0) + (p.stats.flaky ?? 0);
const skipped = v.numPendingTests + v.numTodoTests + (p.stats.skipped ?? 0);
console.log(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed; playwright: ${p.stats.expected} passed, ${p.stats.unexpected} failed`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
' "$report_dir"
