#!/usr/bin/env bash
# Deploys the new release to the green environment of the sandbox:
#   1. writes green's release marker (<sandbox dir>/releases/green.json) with the version,
#   2. asks the sandbox supervisor (router admin API) to (re)start the green service from that marker,
#   3. waits until green answers /health ok and /version with the new version.
# Green gets no user traffic until canary-release.sh gives it weight. Redeploying while green takes
# traffic is refused: roll back first.
#
# Usage: deploy-green.sh [version]   (default: $SANDBOX_GREEN_VERSION or 2.0.0)
# Env:   DEPLOY_TIMEOUT_SECONDS (default 30), FLIGHTDECK_SANDBOX_DIR, SANDBOX_ROUTER_URL, SANDBOX_ADMIN_TOKEN
# Exit:  0 deployed and healthy; 1 failed to start/become healthy or refused; 2 bad arguments; 3 sandbox unreachable.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cli=(node "$here/lib/sandbox-cli.js")

die_usage() { printf '✖ deploy-green: %s\n' "$1" >&2; exit 2; }

[ "$#" -le 1 ] || die_usage "usage: deploy-green.sh [version]"
version="${1:-${SANDBOX_GREEN_VERSION:-2.0.0}}"
timeout="${DEPLOY_TIMEOUT_SECONDS:-30}"
[[ "$version" =~ ^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$ ]] || die_usage "invalid version '$version' (letters, digits, . _ + - only)"
[[ "$timeout" =~ ^[0-9]+$ ]] || die_usage "DEPLOY_TIMEOUT_SECONDS must be a whole number of seconds"

out="$("${cli[@]}" status)"
read -r router weight <<<"$out"
printf 'deploy-green: sandbox router %s; green currently receives %s%% of traffic\n' "$router" "$weight"

marker="$("${cli[@]}" write-release green "$version")"
printf 'deploy-green: release marker %s -> version %s\n' "$marker" "$version"

printf 'deploy-green: starting green %s…\n' "$version"
out="$("${cli[@]}" deploy green)" # a failure exits here with the helper's code
read -r deployed url pid <<<"$out"
printf 'deploy-green: green %s started on %s (pid %s)\n' "$deployed" "$url" "$pid"

printf 'deploy-green: waiting up to %ss for green /health and /version %s…\n' "$timeout" "$version"
"${cli[@]}" wait-ready green "$version" "$timeout" >/dev/null

printf '✔ deploy-green: green %s is deployed and healthy at %s (no traffic until canary-release.sh)\n' "$version" "$url"
