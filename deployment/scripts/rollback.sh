#!/usr/bin/env bash
# Rolls the deployment back: router weight for green to 0 (all traffic to blue, confirmed by reading
# it back), then stops green and marks its release as rolled back. Safe to run more than once.
#
# Usage: rollback.sh [reason]   (default: $ROLLBACK_REASON or "manual rollback")
# Exit:  0 rolled back (all traffic on blue); 1 the router did not take weight 0; 3 sandbox unreachable.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cli=(node "$here/lib/sandbox-cli.js")

reason="${1:-${ROLLBACK_REASON:-manual rollback}}"

out="$("${cli[@]}" set-weight 0)"
read -r previous _ <<<"$out"
printf 'rollback: green weight %s%% -> 0%% (all traffic to blue)\n' "$previous"
now="$("${cli[@]}" weight)"
if [ "$now" != "0" ]; then
  printf '✖ rollback: router still sends %s%% to green\n' "$now" >&2
  exit 1
fi
printf 'rollback: router confirms 0%% to green\n'

printf 'rollback: stopping green (reason: %s)\n' "$reason"
out="$("${cli[@]}" undeploy green "$reason")"
read -r result version <<<"$out"
if [ "$result" = "stopped" ]; then
  printf 'rollback: green %s stopped and marked rolled back\n' "$version"
else
  printf 'rollback: green was not running (last release: %s)\n' "$version"
fi
printf '✔ rollback: all traffic is on blue\n'
