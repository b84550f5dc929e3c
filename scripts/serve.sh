#!/usr/bin/env bash
# Serves a database and the web page on 127.0.0.1:PORT (make run).
set -euo pipefail
build=${1:-build}
db=${2:-$build/sample-db}
port=${3:-8080}
echo "Kavosh: open http://127.0.0.1:$port/ (Ctrl-C stops)"
exec "$build/bin/kavosh-searchd" --db "$db" --listen "127.0.0.1:$port" --web-root "$build/web"
