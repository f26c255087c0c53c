#!/usr/bin/env bash
# Runs every test from a clean clone: installs what the browser and client tests need, then the .NET suites.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for setup in tests/setup/*.sh; do
  [ -e "$setup" ] && bash "$setup"
done

log=$(mktemp)
status=0
dotnet test IndustryGraph.sln -c Release 2>&1 | tee "$log" || status=$?
# One closing line for CI: the totals of all test projects.
awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { gsub(",", "", p); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $status
