#!/usr/bin/env bash
# Indexes the bundled sample corpus (data/sample) into a fresh database (make run).
set -euo pipefail
build=${1:-build}
db=${2:-$build/sample-db}
# Rebuilt each time: the sample is small, and a stale index of an older analyzer would
# be refused by searchd.
rm -rf "$db.new"
"$build/bin/kavosh-indexer" --db "$db.new" --json data/sample
rm -rf "$db"
mv "$db.new" "$db"
