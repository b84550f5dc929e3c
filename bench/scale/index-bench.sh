#!/usr/bin/env bash
# Indexing throughput at scale, Kavosh against SQLite FTS5 and Xapian's defaults on the
# same articles:
#   bench/scale/index-bench.sh BUILD_DIR N...        e.g. index-bench.sh build 12000 100000
# For each N: builds an N-article corpus with bench/scale/scale-corpus (seed $SEED, kept in
# $KAVOSH_BENCH_DIR and reused: same seed, same bytes), indexes it with kavosh-indexer
# (full pipeline, fresh database) and with Python's sqlite3 into FTS5 (title + body,
# unicode61 remove_diacritics 2; bench/scale/fts5_index.py) and with Xapian's
# TermGenerator as it comes (one thread, no stemmer, positions; kavosh-xapian-defaults),
# then prints one table.
# Columns: wall seconds, CPU seconds (user + system), articles/s and MB/s of input (10^6
# bytes of JSONL per wall second), peak RSS (/usr/bin/time -v), index size as written
# and after xapian-compact (FTS5: after 'optimize' + VACUUM). Load average is printed:
# the machine may be shared, so compare runs made under similar load.
# Skips with a message (status 0) when ../shared (KAVOSH_SHARED) has no corpora.
# Environment: SEED (default 1), KAVOSH_BENCH_DIR (default /tmp/kavosh-index-bench),
# KEEP=1 keeps the databases; THREADS passes --threads to kavosh-indexer.
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: $0 BUILD_DIR N..." >&2
  exit 2
fi
build=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
shared=${KAVOSH_SHARED:-$here/../../../shared}
work=${KAVOSH_BENCH_DIR:-/tmp/kavosh-index-bench}
seed=${SEED:-1}
indexer=$build/bin/kavosh-indexer
defaults=$build/bin/kavosh-xapian-defaults
for program in "$indexer" "$defaults"; do
  if [[ ! -x $program ]]; then
    echo "index-bench: $program not built (cmake --build $build --target" \
         "kavosh-indexer kavosh-xapian-defaults)" >&2
    exit 1
  fi
done
if ! compgen -G "$shared/corpora/*/docs.jsonl" > /dev/null; then
  echo "index-bench: no corpora under $shared/corpora; skipped (set KAVOSH_SHARED)"
  exit 0
fi
for tool in xapian-compact python3 /usr/bin/time; do
  command -v "$tool" > /dev/null || { echo "index-bench: $tool not found" >&2; exit 1; }
done
mkdir -p "$work"
threads=()
[[ -n ${THREADS:-} ]] && threads=(--threads "$THREADS")

# Field of a `/usr/bin/time -v` report: wall seconds, cpu seconds or peak RSS in MB.
time_field() {
  awk -v want="$2" '
    /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); s = 0
                               for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
    /User time/   { cpu += $NF }
    /System time/ { cpu += $NF }
    /Maximum resident set size/ { rss = $NF / 1024 }
    END { if (want == "wall") printf "%.2f", wall
          else if (want == "cpu") printf "%.2f", cpu
          else printf "%.0f", rss }' "$1"
}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.2f", (s > 0 ? b / 1e6 / s : 0) }'; }

rows=()
for n in "$@"; do
  corpus=$work/scale-$n-s$seed.jsonl
  if [[ ! -s $corpus ]]; then
    echo "== generating $n articles (seed $seed) -> $corpus" >&2
    start=$(date +%s.%N)
    KAVOSH_SHARED=$shared "$here/scale-corpus" --out "$corpus.tmp" --count "$n" --seed "$seed"
    mv "$corpus.tmp" "$corpus"
    echo "   $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s" >&2
  fi
  bytes=$(stat -L -c %s "$corpus")

  echo "== kavosh-indexer, $n articles (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  db=$work/kavosh-$n
  rm -rf "$db" "$db-compact"
  KAVOSH_INDEX_PROFILE=1 /usr/bin/time -v -o "$work/kavosh-$n.time" \
    "$indexer" --db "$db" --json "${threads[@]}" "$corpus" > "$work/kavosh-$n.json" \
    2> "$work/kavosh-$n.profile" || { cat "$work/kavosh-$n.profile" >&2; exit 1; }
  cat "$work/kavosh-$n.json" "$work/kavosh-$n.profile" >&2
  xapian-compact "$db" "$db-compact" > /dev/null
  wall=$(time_field "$work/kavosh-$n.time" wall)
  rows+=("$n|$(mb "$bytes")|kavosh|$wall|$(time_field "$work/kavosh-$n.time" cpu)|$(rate "$n" "$wall")|$(mbps "$bytes" "$wall")|$(time_field "$work/kavosh-$n.time" rss)|$(mb "$(du -sb "$db" | cut -f1)")|$(mb "$(du -sb "$db-compact" | cut -f1)")")
  [[ ${KEEP:-0} == 1 ]] || rm -rf "$db" "$db-compact"

  echo "== SQLite FTS5, $n articles (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  sqlite=$work/fts5-$n.sqlite
  /usr/bin/time -v -o "$work/fts5-$n.time" \
    python3 "$here/fts5_index.py" "$corpus" "$sqlite" --optimize > "$work/fts5-$n.json"
  cat "$work/fts5-$n.json" >&2
  fts=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
print(r["seconds"], r["bytes"], r["optimized_bytes"])' "$work/fts5-$n.json")
  read -r fts_seconds fts_bytes fts_optimized <<< "$fts"
  rows+=("$n|$(mb "$bytes")|fts5|$fts_seconds|$(time_field "$work/fts5-$n.time" cpu)|$(rate "$n" "$fts_seconds")|$(mbps "$bytes" "$fts_seconds")|$(time_field "$work/fts5-$n.time" rss)|$(mb "$fts_bytes")|$(mb "$fts_optimized")")
  [[ ${KEEP:-0} == 1 ]] || rm -f "$sqlite"

  echo "== Xapian defaults, $n articles (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  xdb=$work/xapian-defaults-$n
  rm -rf "$xdb" "$xdb-compact"
  /usr/bin/time -v -o "$work/xapian-defaults-$n.time" \
    "$defaults" "$corpus" "$xdb" > "$work/xapian-defaults-$n.json"
  cat "$work/xapian-defaults-$n.json" >&2
  xapian-compact "$xdb" "$xdb-compact" > /dev/null
  xwall=$(time_field "$work/xapian-defaults-$n.time" wall)
  rows+=("$n|$(mb "$bytes")|xapian-defaults|$xwall|$(time_field "$work/xapian-defaults-$n.time" cpu)|$(rate "$n" "$xwall")|$(mbps "$bytes" "$xwall")|$(time_field "$work/xapian-defaults-$n.time" rss)|$(mb "$(du -sb "$xdb" | cut -f1)")|$(mb "$(du -sb "$xdb-compact" | cut -f1)")")
  [[ ${KEEP:-0} == 1 ]] || rm -rf "$xdb" "$xdb-compact"
done

echo
echo "| articles | input MB | engine | wall s | cpu s | articles/s | MB/s | peak RSS MB | index MB | compacted MB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
echo
echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -I)"
echo "FTS5 wall s: indexing only (its optimize and the CPU/RSS columns include the optimize pass)"
