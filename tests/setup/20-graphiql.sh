#!/usr/bin/env bash
# Bundles GraphiQL (npm package graphiql, from the lock file) with esbuild into src/IndustryGraph.Server/GraphiQL/dist,
# which the build copies next to the server. Nothing is downloaded when the server runs.
set -euo pipefail
cd "$(dirname "$0")/../../src/IndustryGraph.Server/GraphiQL"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
newest_source=$(ls -t main.jsx build.mjs package-lock.json | head -1)
if [ ! -f dist/index.html ] || [ "$newest_source" -nt dist/index.html ]; then
  node build.mjs >/dev/null
fi
