#!/usr/bin/env bash
# Runs the analyzer measurements of a build directory (builds nothing):
#   scripts/bench-analyzer.sh [BUILD_DIR]        (default: build)
# 1. stemmer accuracy on ../shared/lexicons/stemming-gold (PTB, then PDTB for information);
# 2. analyzer throughput against bare ICU word segmentation on ../shared/corpora.
# Both skip with a message when ../shared is absent. KAVOSH_SHARED overrides ../shared;
# KAVOSH_BENCH_MAX_MB caps the text the throughput benchmark uses (default 16).
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${KAVOSH_SHARED:-$here/../shared}
gold=$shared/lexicons/stemming-gold/PersianStemmingDataset
for tool in kavosh-stemmer-accuracy kavosh-analyzer-bench; do
  if [[ ! -x $build/bin/$tool ]]; then
    echo "bench-analyzer: $build/bin/$tool not built (cmake --build $build --target $tool)" >&2
    exit 1
  fi
done
echo "== stemmer accuracy (PTB stems) =="
"$build/bin/kavosh-stemmer-accuracy" "$gold/PTB_stem_dataset.txt"
if [[ -f $gold/PDTB_lemma_dataset.txt ]]; then
  echo
  echo "== stemmer accuracy (PDTB lemmas, for information) =="
  "$build/bin/kavosh-stemmer-accuracy" "$gold/PDTB_lemma_dataset.txt"
fi
echo
echo "== analyzer throughput =="
KAVOSH_SHARED=$shared "$build/bin/kavosh-analyzer-bench"
