#!/usr/bin/env bash
# cmake --install puts the binaries and the lexicons where the binaries find
# them without the source tree: index and search from the installed prefix.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
unset DEPECHE_LEXICONS DEPECHE_DB
cd "$prefix"
test -f share/depeche/lexicons/places.tsv
bin/depeche-index --quiet --db db "$source/corpus/sample/seed-like.txt"
out=$(bin/depeche-search --db db --json --place Genève)
case "$out" in
  *'"total":1,'*) echo "installed binaries work" ;;
  *) echo "unexpected output: $out"; exit 1 ;;
esac
