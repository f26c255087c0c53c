#!/usr/bin/env bash
# Neo4j's Cypher parser (npm @neo4j-cypher/language-support), from the lock file: the Neo4j adapter's tests lint every statement with it.
set -euo pipefail
cd "$(dirname "$0")/../cypher"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
