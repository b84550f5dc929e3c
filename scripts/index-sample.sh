#!/usr/bin/env bash
# Indexes the bundled sample corpus (data/sample) into a database.
set -euo pipefail
build=${1:-build}
db=${2:-$build/sample-db}
if [ ! -x "$build/bin/kavosh-indexer" ]; then
  echo "kavosh-indexer is not built yet (issue 3); nothing to index." >&2
  exit 0
fi
"$build/bin/kavosh-indexer" --db "$db" --json data/sample
