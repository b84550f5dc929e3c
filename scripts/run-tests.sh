#!/usr/bin/env bash
# Runs every test of a build directory: unit and integration (CTest), then the tests that
# need ../shared (they skip with a message when it is absent).
set -euo pipefail
build=${1:-build}
cd "$build"
ctest --output-on-failure -j2
