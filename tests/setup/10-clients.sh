#!/usr/bin/env bash
# The node clients the tests run against the server (graphql-http audit suite, Apollo Client), from the lock file.
set -euo pipefail
cd "$(dirname "$0")/../clients"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
