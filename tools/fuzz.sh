#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer on the whole build) into build-fuzz/ and runs
# each for DEPECHE_FUZZ_SECONDS (default 60) from its committed seeds. A
# crash, a sanitizer report, a broken invariant, a hang (over 10 s on one
# input) or running out of memory fails the run; the input that did it is
# saved in build-fuzz/ and named in the output.
# Usage: tools/fuzz.sh [TARGET...]   (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh clang libclang-rt-14-dev
seconds=${DEPECHE_FUZZ_SECONDS:-60}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDEPECHE_BUILD_TESTS=OFF \
  -DDEPECHE_BUILD_FUZZERS=ON >/dev/null
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_line_reader fuzz_jsonl_reader fuzz_analyser fuzz_dates fuzz_query)
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"
export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
declare -A seeds=([fuzz_line_reader]=line [fuzz_jsonl_reader]=jsonl [fuzz_analyser]=analyser [fuzz_dates]=dates
                  [fuzz_query]=query)
failed=()
for target in "${targets[@]}"; do
  work=build-fuzz/run-$target
  rm -rf "$work" && mkdir -p "$work/corpus"
  echo "== $target: ${seconds} s from tests/fuzz/seeds/${seeds[$target]}"
  if (cd "$work" && "../tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=8192 -print_final_stats=1 corpus "../../tests/fuzz/seeds/${seeds[$target]}" >log 2>&1); then
    grep -E "^stat::number_of_executed_units|^Done" "$work/log" || true
  else
    failed+=("$target")
    tail -40 "$work/log"
    echo "FAILED: $target (input saved in $work/)"
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzzing failed: ${failed[*]}"; exit 1; }
echo "fuzzing: ${#targets[@]} targets ran ${seconds} s each without a failure"
