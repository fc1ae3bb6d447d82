#!/usr/bin/env bash
# Sets the share of traffic the router sends to green (the canary), then reads it back to prove the
# router took it. 0 = all blue, 100 = all green. Refused (exit 1) when green is not deployed.
#
# Usage: canary-release.sh <environment> <percent>     e.g. canary-release.sh green 25
#        environment must be "green" (the colour receiving the canary); percent an integer 0-100.
# Exit:  0 weight set and confirmed; 1 router refused or read-back differs; 2 bad arguments; 3 sandbox unreachable.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cli=(node "$here/lib/sandbox-cli.js")

die_usage() { printf '✖ canary-release: %s (usage: canary-release.sh green <0-100>)\n' "$1" >&2; exit 2; }

[ "$#" -eq 2 ] || die_usage "expected 2 arguments, got $#"
env_name="$1"
percent="$2"
[ "$env_name" = "green" ] || die_usage "environment must be 'green', got '$env_name'"
case "$percent" in
  '' | *[!0-9]*) die_usage "percent must be an integer 0-100, got '$percent'" ;;
esac
[ "${#percent}" -le 3 ] || die_usage "percent must be an integer 0-100, got '$percent'"
percent=$((10#$percent)) # base 10: "08" is eight, not an octal error
[ "$percent" -le 100 ] || die_usage "percent must be an integer 0-100, got '$percent'"

out="$("${cli[@]}" set-weight "$percent")"
read -r previous _ <<<"$out"
printf 'canary-release: green weight %s%% -> %s%%\n' "$previous" "$percent"

# Read back separately from the write: the router's answer, not our intention, is what we report.
now="$("${cli[@]}" weight)"
if [ "$now" != "$percent" ]; then
  printf '✖ canary-release: router reports green at %s%% after setting %s%%\n' "$now" "$percent" >&2
  exit 1
fi
printf '✔ canary-release: green now receives %s%% of traffic (blue %s%%)\n' "$now" "$((100 - now))"
