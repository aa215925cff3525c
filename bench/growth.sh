#!/usr/bin/env bash
# Does indexing slow down as the archive grows? (issue 4: the time per
# dispatch at 1M within 1.3x of that at 100k.)
#
#   bench/growth.sh BIG_DB CORPUS.jsonl [RUNS] [--add N]    # defaults: 3 runs, N = 100000
#
# Measures the marginal cost of a dispatch: N dispatches of CORPUS (bench/corpus.py's
# output; their ids are given the prefix "growth-" so that they are new to
# every database) are added in place to a copy of BIG_DB (say the 1M
# database) and, at the same time, to a small database (the first 1,000
# dispatches of CORPUS, ids prefixed "seed-", built fresh each run). Each job
# runs with --threads 1 on its own core (taskset), so that both see the same
# machine at the same moment; the figure is CPU time (user + sys, GNU time)
# per dispatch added, and the ratio big / small, per run and as the median of
# the runs. The marginal cost at the big size bounds the average over a whole
# run from empty to that size from above, whenever cost grows with size.
#
# BIG_DB is only read (copied into the work folder each run: it needs its size
# in free disk). Environment: DEPECHE_BENCH_BUILD (default build-bench, built
# Release by bench/run.sh) and DEPECHE_BENCH_WORK (default
# ${TMPDIR:-/tmp}/depeche-bench/growth).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
usage() { echo "usage: bench/growth.sh BIG_DB CORPUS.jsonl [RUNS] [--add N]" >&2; exit 2; }
[ $# -ge 2 ] || usage
big=$1
corpus=$2
shift 2
runs=3
add=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --add) [ $# -ge 2 ] || usage; add=$2; shift 2 ;;
    *) runs=$1; shift ;;
  esac
done
case "$runs$add" in *[!0-9]*) usage ;; esac
[ -d "$big" ] || { echo "bench/growth.sh: no database at $big" >&2; exit 2; }
[ -s "$corpus" ] || { echo "bench/growth.sh: no corpus at $corpus" >&2; exit 2; }
build=${DEPECHE_BENCH_BUILD:-$root/build-bench}
index=$build/indexer/depeche-index
[ -x "$index" ] || { echo "bench/growth.sh: no $index (build it: bench/run.sh does)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "bench/growth.sh: GNU time is needed (apt-get install time)" >&2; exit 2; }
work=${DEPECHE_BENCH_WORK:-${TMPDIR:-/tmp}/depeche-bench}/growth
mkdir -p "$work"
: > "$work/rejects.txt"
lexicons=$root/corpus/lexicons
# depeche-index exits 3 when it set records aside (the corpus's empty bodies):
# that is expected here; anything else stops the measurement.
index_ok() { "$@" 2>>"$work/rejects.txt" || [ $? -eq 3 ]; }

head -n "$add" "$corpus" | sed 's/^{"id": "/{"id": "growth-/' > "$work/add.jsonl"
head -n 1000 "$corpus" | sed 's/^{"id": "/{"id": "seed-/' > "$work/seed.jsonl"
grep -q '"id": "growth-' "$work/add.jsonl" || { echo "bench/growth.sh: $corpus has no \"id\" first" >&2; exit 2; }
added=$(wc -l < "$work/add.jsonl")

cpu_of() { tail -n 1 "$1" | awk '{printf "%.2f", $1 + $2}'; }
ratios=()
for run in $(seq 1 "$runs"); do
  rm -rf "$work/big" "$work/small"
  cp -r "$big" "$work/big"
  index_ok "$index" --db "$work/small" --lexicons "$lexicons" --threads 2 -q "$work/seed.jsonl"
  sync
  echo "run $run: load $(cut -d' ' -f1-3 /proc/loadavg) at the start" >&2
  index_ok taskset -c 0 /usr/bin/time -f '%U %S %e %M' -o "$work/time-big" \
    "$index" --db "$work/big" --lexicons "$lexicons" --threads 1 -q "$work/add.jsonl" &
  big_job=$!
  index_ok taskset -c 1 /usr/bin/time -f '%U %S %e %M' -o "$work/time-small" \
    "$index" --db "$work/small" --lexicons "$lexicons" --threads 1 -q "$work/add.jsonl" &
  small_job=$!
  wait "$big_job"
  wait "$small_job"
  b=$(cpu_of "$work/time-big")
  s=$(cpu_of "$work/time-small")
  r=$(awk -v b="$b" -v s="$s" 'BEGIN { printf "%.3f", b / s }')
  ratios+=("$r")
  awk -v run="$run" -v b="$b" -v s="$s" -v n="$added" -v r="$r" 'BEGIN {
    printf "run %d: %d dispatches added: to the big database %.1f s CPU (%.2f ms each), to the small one %.1f s (%.2f ms): %.3fx\n",
      run, n, b, 1000 * b / n, s, 1000 * s / n, r }'
  echo "run $run: big $(tail -n 1 "$work/time-big"), small $(tail -n 1 "$work/time-small") (user sys wall maxrss-KB)" >&2
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END {
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "median of %d runs: %.3fx (min %.3f, max %.3f); target: at most 1.3x\n", NR, m, v[1], v[NR] }'
rm -rf "$work/big" "$work/small"
