#!/usr/bin/env bash
# CI check of the server install path (docs/server-install.md): pack the built project, install it
# with production dependencies only into a clean folder, start it exactly as deploy/wocas.service
# does (paths moved into a temporary folder), push an item over HTTP, rank it, and print a PDF report.
# Fails if Electron is installed, or if any step fails. Needs dist/ built (npm ci runs the build).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f dist/src/cli/index.js && -f dist/renderer/index.html ]] || { echo "build first (npm run build)" >&2; exit 1; }

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# dist/ is already built; --ignore-scripts keeps pack from building again.
tarball=$(npm pack --ignore-scripts --silent --pack-destination "$work" | tail -n 1)
ELECTRON_SKIP_BINARY_DOWNLOAD= bash deploy/install-server.sh "$work/$tarball" "$work/opt" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; exit 1; }
if [[ -e $work/opt/node_modules/electron ]]; then echo "the server install pulled in Electron" >&2; exit 1; fi
if [[ -e $work/opt/node_modules/vite || -e $work/opt/node_modules/typescript ]]; then
  echo "the server install pulled in development dependencies" >&2
  exit 1
fi

# Start the service the way systemd would: the unit's Environment= and ExecStart=, with its paths
# moved under $work and a free port.
mkdir -p "$work/data"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
relocate() { sed -e "s#/opt/wocas#$work/opt#g" -e "s#/var/lib/wocas#$work/data#g"; }
mapfile -t unit_env < <(sed -n 's/^Environment=//p' deploy/wocas.service | relocate | sed "s/^WOCAS_PORT=.*/WOCAS_PORT=$port/; s/^WOCAS_HOST=.*/WOCAS_HOST=127.0.0.1/")
exec_start=$(sed -n 's/^ExecStart=//p' deploy/wocas.service | relocate)
(cd "$work/data" && exec env -i PATH="$PATH" "${unit_env[@]}" $exec_start >"$work/serve.log" 2>&1) &
server_pid=$!
base="http://127.0.0.1:$port/api/v1"
for _ in $(seq 1 100); do curl -fsS "$base/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "$base/health" | grep -q '"ok":true' || { cat "$work/serve.log" >&2; exit 1; }

wocas() { env -i PATH="$PATH" "${unit_env[@]}" "$work/opt/node_modules/.bin/wocas" "$@"; }
token=$(cd "$work/data" && wocas token create --name ci-analyst --role analyst)
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
body='{"items":[{"id":"install-check-1","text":"The app logs me out every time I open it","team":"support","agent":"ci","created_at":"'"$now"'"}]}'
curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" "$base/items" |
  grep -q '"accepted":\["install-check-1"\]' || { echo "push was not accepted" >&2; exit 1; }
curl -fsS -H "Authorization: Bearer $token" "$base/issues" | grep -q '"mentions":1' ||
  { echo "the pushed item is not ranked" >&2; exit 1; }

(cd "$work/data" && wocas report --team all --week "$(date -u +%G-W%V)" --format pdf --out "$work/report.pdf")
[[ $(head -c 5 "$work/report.pdf") == '%PDF-' ]] || { echo "the report is not a PDF" >&2; exit 1; }

kill -TERM "$server_pid"
wait "$server_pid" && status=0 || status=$?
server_pid=
[[ $status -eq 0 ]] || { echo "wocas serve exited $status on SIGTERM" >&2; cat "$work/serve.log" >&2; exit 1; }
echo "server install: packed $tarball, installed without Electron ($(du -sh "$work/opt/node_modules" | cut -f1)), served, ranked, printed a PDF"
