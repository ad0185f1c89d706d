#!/usr/bin/env bash
# Installs the WOCAS aggregator from a packed package (npm pack) with production dependencies only:
# Electron is a development dependency of the desktop app and is never fetched.
#   deploy/install-server.sh wocas-0.1.0.tgz [PREFIX]      (PREFIX defaults to /opt/wocas)
set -euo pipefail
tarball=$(readlink -f "${1:?usage: install-server.sh wocas-VERSION.tgz [PREFIX]}")
prefix=${2:-/opt/wocas}
mkdir -p "$prefix"
cd "$prefix"
[[ -f package.json ]] || echo '{"name":"wocas-server","private":true}' >package.json
# JOBS: compile better-sqlite3 on every core where no prebuilt binary can be downloaded.
JOBS=${JOBS:-max} npm install --omit=dev --no-audit --no-fund "$tarball"
echo "installed: $prefix/node_modules/.bin/wocas"
