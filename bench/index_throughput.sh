#!/usr/bin/env bash
# Indexing throughput on the bundled archive, replicated, against a baseline
# run in the same run: depeche-extract on the same input (reading, analysis and
# recognition without the Xapian write path). Medians of RUNS runs.
# Usage: bench/index_throughput.sh [BUILD_DIR] [COPIES] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
copies=${2:-50}
runs=${3:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Each copy gets a marker in its text, so that its derived ids differ.
for ((c = 0; c < copies; c++)); do
  sed -e "s/\$/ (copie $c)/" "$here"/corpus/sample/*.txt
done >"$work/input.txt"
dispatches=$(wc -l <"$work/input.txt")
megabytes=$(awk -v b="$(wc -c <"$work/input.txt")" 'BEGIN { printf "%.2f", b / 1e6 }')

seconds() {  # runs a command, prints its wall-clock seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || [ $? -eq 3 ]
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

index_times=() extract_times=()
for ((r = 0; r < runs; r++)); do
  rm -rf "$work/db"
  index_times+=("$(seconds "$build/indexer/depeche-index" --quiet --db "$work/db" "$work/input.txt")")
  extract_times+=("$(seconds "$build/indexer/depeche-extract" --threads 2 "$work/input.txt")")
done
index_median=$(printf '%s\n' "${index_times[@]}" | median)
extract_median=$(printf '%s\n' "${extract_times[@]}" | median)
db_megabytes=$(du -sm "$work/db" | cut -f1)

echo "input: $dispatches dispatches, $megabytes MB (corpus/sample x $copies); $runs runs; $(nproc) cores"
echo "depeche-index   median ${index_median} s  (runs: ${index_times[*]})"
echo "depeche-extract median ${extract_median} s  (runs: ${extract_times[*]})"
awk -v d="$dispatches" -v mb="$megabytes" -v i="$index_median" -v x="$extract_median" -v db="$db_megabytes" 'BEGIN {
  printf "indexing: %.0f dispatches/s, %.2f MB/s; index size %.1fx the input\n", d / i, mb / i, db / mb
  printf "index / extract time: %.2f (the share of the write path and the rest of indexing)\n", i / x
}'
