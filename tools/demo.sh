#!/usr/bin/env bash
# Builds depeche, indexes the bundled archive into ./depeche-db and runs a
# faceted search: every dispatch naming Barack Obama, with its facets.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DDEPECHE_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
status=0
build/indexer/depeche-index --db depeche-db corpus/sample || status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 3 ] || exit "$status"
build/searcher/depeche-search --db depeche-db --person obama --limit 3
