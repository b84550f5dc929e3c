#!/usr/bin/env bash
# Runs every test of a build directory: unit and integration (CTest; the tests that need
# ../shared skip with a message when it is absent), then the browser tests of the widget.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
(cd "$build" && ctest --output-on-failure -j2)
"$root/scripts/browser-tests.sh" "$build"
