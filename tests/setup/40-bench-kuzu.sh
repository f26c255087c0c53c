#!/usr/bin/env bash
# Kùzu for the benchmark's smoke test (bench compare --size S), from the lock file; wrk for its throughput pairs.
set -euo pipefail
cd "$(dirname "$0")/../../bench/kuzu"
if [ ! -d node_modules/kuzu ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
if ! command -v wrk >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get install -y -qq wrk >/dev/null 2>&1 || echo "wrk not installed: the benchmark smoke test skips its throughput pairs"
fi
