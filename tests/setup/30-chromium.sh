#!/usr/bin/env bash
# Headless Chromium for the GraphiQL browser test (Playwright drives Debian's chromium; no playwright install),
# and CJK fonts so Chinese results render.
set -euo pipefail
if command -v chromium >/dev/null && [ -d /usr/share/fonts/opentype/noto ] && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
