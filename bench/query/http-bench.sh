#!/usr/bin/env bash
# HTTP throughput and latency of kavosh-searchd on the query mix of the query benchmark.
#
#   bench/query/http-bench.sh BUILD DB [SECONDS] [CONNECTIONS...]   # defaults: 30, 1 16 64
#
# Starts BUILD/bin/kavosh-searchd --db DB --quiet $HTTP_BENCH_FLAGS (default --cache-mb 0:
# the engine, not the response cache, which would answer every repeat of the mix after
# its first round) on a free loopback port (its default
# --threads), waits for /api/v1/health, warms up (every row of queries.tsv once with curl,
# each must be 2xx; then wrk 10 s at 16 connections), notes searchd's RSS, then runs
# `wrk -t2 -cN -dSECONDS --latency` for each N (-t1 for N = 1; --timeout 10s) with a Lua
# script generated from queries.tsv that cycles through every row: searches ->
# /api/v1/search?q=...&params, suggest rows -> /api/v1/suggest?q=... (paths pre-encoded).
# Prints one markdown table (requests/s, latency p50/p90/p99/max, non-2xx responses and
# socket errors, which must be 0, RSS after each level), searchd's RSS after the warm-up
# and at the end, and the machine (nproc, load average, date). Exit 1 when a request
# failed. Environment: HTTP_BENCH_QUERIES (default bench/query/queries.tsv),
# HTTP_BENCH_ROWS=1 prints every row's status and total from the warm-up (compare with
# bench/query/fts5_query_bench.py --rows), HTTP_BENCH_KEEP=1 keeps the work directory.
set -euo pipefail
usage="usage: bench/query/http-bench.sh BUILD DB [SECONDS] [CONNECTIONS...]"
build=${1:?$usage}
db=${2:?$usage}
seconds=${3:-30}
shift $(($# < 3 ? $# : 3))
levels=("$@")
[[ ${#levels[@]} -gt 0 ]] || levels=(1 16 64)
here=$(cd "$(dirname "$0")" && pwd)
queries=${HTTP_BENCH_QUERIES:-$here/queries.tsv}
build=$(cd "$build" && pwd)
searchd=$build/bin/kavosh-searchd
[[ -x $searchd ]] || { echo "http-bench: $searchd not built" >&2; exit 2; }
[[ -e $db ]] || { echo "http-bench: no database $db" >&2; exit 2; }
[[ -f $queries ]] || { echo "http-bench: no query file $queries" >&2; exit 2; }
for tool in curl python3; do
  command -v "$tool" > /dev/null || { echo "http-bench: $tool is missing" >&2; exit 2; }
done
if ! command -v wrk > /dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get > /dev/null; then
    apt-get install -y wrk > /dev/null || { apt-get update > /dev/null && apt-get install -y wrk > /dev/null; }
  fi
  command -v wrk > /dev/null || { echo "http-bench: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kavosh-http-bench-XXXXXX")
searchd_pid=
cleanup() {
  if [[ -n $searchd_pid ]]; then
    kill "$searchd_pid" 2> /dev/null || true
    wait "$searchd_pid" 2> /dev/null || true
  fi
  if [[ -n ${HTTP_BENCH_KEEP:-} ]]; then echo "http-bench: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# The request paths, one per row of queries.tsv, percent-encoded once here.
python3 - "$queries" "$work/paths.txt" << 'EOF'
import sys, urllib.parse
queries, out = sys.argv[1:3]
q = lambda s: urllib.parse.quote(s, safe='')
paths = []
for line in open(queries, encoding='utf-8'):
    line = line.rstrip('\n')
    if not line or line.startswith('#'):
        continue
    cls, query, params = (line.split('\t') + ['', ''])[:3]
    if cls == 'suggest':
        path = '/api/v1/suggest?q=' + q(query)
    else:
        path = '/api/v1/search?q=' + q(query)
        for part in params.split('&'):
            if '=' in part:
                k, v = part.split('=', 1)
                path += '&' + q(k) + '=' + q(urllib.parse.unquote_plus(v))
    paths.append((cls, query, params, path))
with open(out, 'w', encoding='utf-8') as f:
    for row in paths:
        f.write('\x1f'.join(row) + '\n')  # a separator that keeps empty fields
EOF
rows=$(wc -l < "$work/paths.txt")
[[ $rows -gt 0 ]] || { echo "http-bench: no rows in $queries" >&2; exit 2; }

{
  echo 'local paths = {'
  cut -d $'\x1f' -f4 "$work/paths.txt" | sed 's/.*/  "&",/'
  echo '}'
  cat << 'EOF'
-- Every row in turn; each thread starts at a different row.
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
function init(args)
  next_row = ((id - 1) * 7) % #paths
  non2xx = 0
end
function request()
  next_row = next_row % #paths + 1
  return wrk.format("GET", paths[next_row])
end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50=%.2f p90=%.2f p99=%.2f max=%.2f non2xx=%d sockerr=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, bad,
    e.connect + e.read + e.write + e.timeout))
end
EOF
} > "$work/mix.lua"

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# shellcheck disable=SC2086  # flags are words
"$searchd" --db "$db" --listen 127.0.0.1:0 --quiet ${HTTP_BENCH_FLAGS---cache-mb 0} 2> "$work/searchd.err" &
searchd_pid=$!
port=
for _ in $(seq 200); do
  port=$(sed -n 's|.*on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/searchd.err")
  [[ -n $port ]] && break
  kill -0 "$searchd_pid" 2> /dev/null || break
  sleep 0.1
done
[[ -n $port ]] || { echo "http-bench: searchd did not start: $(cat "$work/searchd.err")" >&2; exit 2; }
base=http://127.0.0.1:$port
health=
for _ in $(seq 200); do
  health=$(curl -fs "$base/api/v1/health") && break
  sleep 0.1
done
[[ -n $health ]] || { echo "http-bench: $base/api/v1/health never answered" >&2; exit 2; }
documents=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["documents"])' "$health")
echo "http-bench: $(head -1 "$work/searchd.err"), $documents documents, $rows rows of $queries"

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$searchd_pid/status"; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

# Warm-up 1: every row once; each must be 2xx (and a search should find something).
failed=0
while IFS=$'\x1f' read -r cls query params path; do
  status=$(curl -s -o "$work/answer.json" -w '%{http_code}' "$base$path") || true
  status=${status:-000}
  total=$(python3 -c '
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
print(a["total"] if "total" in a else len(a.get("suggestions", [])))' "$work/answer.json" 2> /dev/null || echo "?")
  printf '%s\t%s\t%s\t%s\t%s\n' "$cls" "$query" "$params" "$status" "$total" >> "$work/warmup.tsv"
  if [[ ${status:0:1} != 2 ]]; then
    echo "http-bench: warm-up $path -> $status"
    failed=$((failed + 1))
  elif [[ $cls != suggest && $total == 0 ]]; then
    echo "http-bench: note: no match for $cls '$query' $params"
  fi
done < "$work/paths.txt"
echo "http-bench: warm-up requests: $rows, non-2xx: $failed"
if [[ -n ${HTTP_BENCH_ROWS:-} ]]; then
  printf '\nclass\tquery\tparams\tstatus\ttotal (suggest: suggestions)\n'
  cat "$work/warmup.tsv"
  echo
fi
# Warm-up 2: 10 s of load.
wrk -t2 -c16 -d10s --timeout 10s -s "$work/mix.lua" "$base" > "$work/wrk-warmup.txt" 2>&1 || true
warm=$(grep '^RESULT' "$work/wrk-warmup.txt" || echo "RESULT missing: $(tail -3 "$work/wrk-warmup.txt")")
rss_warm=$(rss_kb)
echo "http-bench: wrk warm-up 10 s at 16 connections: ${warm#RESULT }"

printf '\n| connections | requests/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | socket errors | RSS MB after |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for c in "${levels[@]}"; do
  t=$((c < 2 ? 1 : 2))
  wrk -t"$t" -c"$c" -d"${seconds}s" --timeout 10s --latency -s "$work/mix.lua" "$base" \
    > "$work/wrk-$c.txt" 2>&1 || true
  line=$(grep '^RESULT' "$work/wrk-$c.txt" || true)
  if [[ -z $line ]]; then
    echo "| $c | wrk failed: $(tail -1 "$work/wrk-$c.txt") | | | | | | | $(mb "$(rss_kb)") |"
    failed=$((failed + 1))
    continue
  fi
  val() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<< " $line"; }
  [[ $(val non2xx) -eq 0 && $(val sockerr) -eq 0 ]] || failed=$((failed + 1))
  printf '| %d | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$c" "$(val rps)" "$(val p50)" \
    "$(val p90)" "$(val p99)" "$(val max)" "$(val non2xx)" "$(val sockerr)" "$(mb "$(rss_kb)")"
done
rss_end=$(rss_kb)
echo
echo "searchd RSS: $(mb "$rss_warm") MB after warm-up, $(mb "$rss_end") MB at the end"
echo "machine: nproc $(nproc), load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(date -Iseconds)"
echo "wrk: -t2 (-t1 at 1 connection), ${seconds} s per level, --timeout 10s; searchd $base, db $db"
kill -TERM "$searchd_pid"
status=0
wait "$searchd_pid" || status=$?
searchd_pid=
echo "http-bench: searchd stopped with status $status"
[[ $status -eq 0 ]] || failed=$((failed + 1))
[[ $failed -eq 0 ]] || { echo "http-bench: $failed failures (see above)"; exit 1; }
