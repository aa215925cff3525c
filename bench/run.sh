#!/usr/bin/env bash
# The benchmark of issue 4, in one command:
#
#   bench/run.sh [N_DISPATCHES] [RUNS] [--queries-only]   # defaults: 100000 3
#
# --queries-only measures the queries only (RUNS times), on the databases the
# last full run of this N left in the work folder, depeche's rebuilt once by
# this build; it writes bench/results/<YYYY-MM-DD>-<N>-queries.md.
#
# Installs what it needs (bench/deps.sh: Lucene 4.10, a JDK, GNU time), builds
# depeche and the bench programs (Release, -DDEPECHE_BUILD_BENCH=ON), makes the
# OrangeSum corpus of N dispatches (bench/corpus.py) and the fixed query set
# (bench/queries.py), compiles the Lucene harness, then measures depeche, stock
# Xapian and Lucene RUNS times (bench/bench.py) and writes
# bench/results/<YYYY-MM-DD>-<N>.md.
#
# Environment:
#   DEPECHE_BENCH_BUILD  build folder (default: build-bench in the repository)
#   DEPECHE_BENCH_WORK   corpus, query set, databases and raw figures
#                        (default: ${TMPDIR:-/tmp}/depeche-bench); the corpus
#                        of each N is kept there and reused
#   DEPECHE_BENCH_DATA   the OrangeSum folder (default: ../shared/data/orangesum
#                        beside the repository)
# Without the OrangeSum data it says so and exits 0 without measuring.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100000}
runs=${2:-3}
mode=${3:-}
build=${DEPECHE_BENCH_BUILD:-$root/build-bench}
work_root=${DEPECHE_BENCH_WORK:-${TMPDIR:-/tmp}/depeche-bench}
data=${DEPECHE_BENCH_DATA:-$root/../shared/data/orangesum}
export PYTHONDONTWRITEBYTECODE=1

if [ ! -f "$data/orangesum-docs-parsed.tar.xz" ]; then
  echo "bench/run.sh: no OrangeSum data at $data (orangesum-docs-parsed.tar.xz): nothing measured" >&2
  exit 0
fi
usage() { echo "usage: bench/run.sh [N_DISPATCHES] [RUNS] [--queries-only]" >&2; exit 2; }
case "$n$runs" in *[!0-9]*) usage ;; esac
case "$mode" in "" | --queries-only) ;; *) usage ;; esac

bash "$root/bench/deps.sh"

echo "bench/run.sh: building in $build" >&2
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DDEPECHE_BUILD_BENCH=ON -DDEPECHE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target depeche-index depeche-search depeche-extract query_bench \
  xapian_baseline >/dev/null

mkdir -p "$work_root/n$n"
corpus=$work_root/n$n/corpus.jsonl
if [ ! -s "$work_root/n$n/corpus.json" ] || [ "$root/bench/corpus.py" -nt "$work_root/n$n/corpus.json" ]; then
  python3 "$root/bench/corpus.py" --data "$data" --stats "$work_root/n$n/corpus.json" "$n" "$corpus"
fi
queries=$work_root/queries.jsonl
if [ ! -s "$queries" ] || [ "$root/bench/queries.py" -nt "$queries" ]; then
  python3 "$root/bench/queries.py" --data "$data" "$build/indexer/depeche-extract" "$queries"
fi

jars=""
for j in lucene-core lucene-analyzers-common lucene-queryparser lucene-facet lucene-queries; do
  jars=$jars:/usr/share/java/$j-4.10.4.jar
done
classes=$work_root/lucene-classes
mkdir -p "$classes"
javac -nowarn -Xlint:-options -d "$classes" -cp "${jars#:}" "$root"/bench/lucene/*.java 2>/dev/null ||
  javac -d "$classes" -cp "${jars#:}" "$root"/bench/lucene/*.java

out=$root/bench/results/$(date +%Y-%m-%d)-$n${mode:+-queries}.md
python3 "$root/bench/bench.py" --build "$build" --work "$work_root/n$n" --corpus "$corpus" \
  --corpus-stats "$work_root/n$n/corpus.json" --queries "$queries" --lucene-cp "$classes$jars" \
  --runs "$runs" --out "$out" $mode
cat "$out"
