#!/usr/bin/env bash
# Browser tests of the search widget (web/) against a real kavosh-searchd serving a fresh
# index of the sample corpus, in Debian's chromium driven by playwright-core.
#
# Usage: scripts/browser-tests.sh [BUILD_DIR]
#   Needs BUILD_DIR/bin/kavosh-indexer and kavosh-searchd, node and npm. Skips (exit 0)
#   only when no chromium is installed: scripts/install-deps.sh --browser installs it.
#   CHROMIUM=/path/to/chromium overrides the browser. Screenshots go to
#   BUILD_DIR/browser-screenshots/.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
[ -d "$build" ] || { echo "browser-tests: no build directory $build" >&2; exit 1; }
build=$(cd "$build" && pwd)

chromium=""
for candidate in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then chromium=$candidate; break; fi
done
if [ -z "$chromium" ]; then
  echo "browser-tests: SKIPPED: chromium not found (install it: scripts/install-deps.sh --browser)"
  exit 0
fi
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "browser-tests: $tool is missing (scripts/install-deps.sh --browser)" >&2; exit 1; }
done
for bin in kavosh-indexer kavosh-searchd; do
  [ -x "$build/bin/$bin" ] || { echo "browser-tests: $build/bin/$bin is not built" >&2; exit 1; }
done

if [ ! -f "$root/tests/browser/node_modules/playwright-core/package.json" ]; then
  echo "browser-tests: installing playwright-core (npm ci)"
  (cd "$root/tests/browser" && npm ci --no-audit --no-fund)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kavosh-browser.XXXXXX")
searchd_pid=""
cleanup() {
  if [ -n "$searchd_pid" ]; then
    kill "$searchd_pid" 2>/dev/null || true
    wait "$searchd_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

echo "browser-tests: indexing data/sample"
status=0
"$build/bin/kavosh-indexer" --db "$tmp/db" "$root/data/sample" >"$tmp/indexer.log" 2>&1 || status=$?
if [ "$status" -ge 2 ]; then
  cat "$tmp/indexer.log" >&2
  echo "browser-tests: kavosh-indexer failed (exit $status)" >&2
  exit 1
fi

port=$(free_port)
host_port=$(free_port)
while [ "$host_port" = "$port" ]; do host_port=$(free_port); done
base="http://127.0.0.1:$port"

"$build/bin/kavosh-searchd" --db "$tmp/db" --listen "127.0.0.1:$port" --web-root "$build/web" \
  --allow-origin "http://127.0.0.1:$host_port" >"$tmp/searchd.log" 2>&1 &
searchd_pid=$!

ready=""
for _ in $(seq 1 100); do
  if ! kill -0 "$searchd_pid" 2>/dev/null; then break; fi
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
       "$base/api/v1/health" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.2
done
if [ -z "$ready" ]; then
  cat "$tmp/searchd.log" >&2
  echo "browser-tests: kavosh-searchd did not become healthy on $base" >&2
  exit 1
fi

shots="$build/browser-screenshots"
mkdir -p "$shots"
echo "browser-tests: searchd on $base, host page origin http://127.0.0.1:$host_port, chromium $chromium"

status=0
(cd "$root/tests/browser" &&
  KAVOSH_URL="$base" KAVOSH_HOST_PORT="$host_port" KAVOSH_SCREENSHOTS="$shots" CHROMIUM="$chromium" \
  node --test --test-concurrency=1 widget.test.mjs) || status=$?

if [ "$status" -ne 0 ]; then
  echo "browser-tests: FAILED; last lines of the searchd log:" >&2
  tail -n 30 "$tmp/searchd.log" >&2
fi
echo "browser-tests: screenshots in $shots"
exit "$status"
