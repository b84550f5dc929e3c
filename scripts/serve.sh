#!/usr/bin/env bash
# Serves a database and the web page on 127.0.0.1:PORT.
set -euo pipefail
build=${1:-build}
db=${2:-$build/sample-db}
port=${3:-8080}
if [ ! -x "$build/bin/kavosh-searchd" ]; then
  echo "kavosh-searchd is not built yet (issue 5): the sample corpus is indexed in $db;" >&2
  echo "try: $build/bin/kavosh-analyze \"بانک‌ها\"" >&2
  exit 0
fi
echo "Kavosh: http://127.0.0.1:$port/"
exec "$build/bin/kavosh-searchd" --db "$db" --listen "127.0.0.1:$port" --web-root web
