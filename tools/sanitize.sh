#!/usr/bin/env bash
# Builds depeche with AddressSanitizer and UndefinedBehaviorSanitizer into
# build-sanitize/ and runs every test there: memory errors, leaks and undefined
# behaviour fail the run. libstdc++'s vector annotations are on, so a read
# into a vector's spare capacity (past size(), within capacity()) is caught too.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DDEPECHE_BUILD_TESTS=ON \
  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -O1 -D_GLIBCXX_SANITIZE_VECTOR=1" >/dev/null
cmake --build build-sanitize -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export DEPECHE_TIMEOUT_SCALE=6  # time limits of tests/hostile_test.py: sanitised code is slower
ctest --test-dir build-sanitize --output-on-failure -j"$(nproc)"
