#!/bin/sh
# Builds depeche-train-tagger and depeche-extract, and trains the name tagger
# on the openly licensed data only:
#   Europeana NER, French part (europeana-ner-fr/enp_FR.bnf.bio, CC0)
#   HIPE-2022 newseye dev2 (hipe2022-fr/HIPE-2022-v2.1-newseye-dev2-fr.tsv, CC BY 4.0)
# hipe2020, letemps (CC BY-NC-SA), WikiNEuRal (CC BY-NC-SA) and newseye dev are
# never trained on: they are the evaluation sets.
#
#   tools/train_tagger.sh [MODEL]     (default models/ner.bin)
#
# Environment: DEPECHE_DATA (default ../shared/data from the repo root),
# BUILD_DIR (default build in the repo, where bench/accuracy looks), JOBS (default 2),
# TAGGER_ARGS (extra depeche-train-tagger options, e.g. "--rules").
# Then: depeche-extract --model models/ner.bin [--combine] ...
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${DEPECHE_DATA:-$(dirname "$ROOT")/shared/data}
BUILD=${BUILD_DIR:-$ROOT/build}
MODEL=${1:-$ROOT/models/ner.bin}

for f in "$DATA/europeana-ner-fr/enp_FR.bnf.bio" "$DATA/hipe2022-fr/HIPE-2022-v2.1-newseye-dev2-fr.tsv"; do
  [ -f "$f" ] || { echo "train_tagger.sh: missing training file $f (set DEPECHE_DATA)" >&2; exit 1; }
done
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j "${JOBS:-2}" --target depeche-train-tagger depeche-extract
mkdir -p "$(dirname "$MODEL")"
# shellcheck disable=SC2086
"$BUILD/tools/depeche-train-tagger" \
  --train "$DATA/europeana-ner-fr/enp_FR.bnf.bio" \
  --train "$DATA/hipe2022-fr/HIPE-2022-v2.1-newseye-dev2-fr.tsv" \
  --titles --epochs 10 --bits 20 --seed 1 ${TAGGER_ARGS:-} \
  --out "$MODEL"
ls -l "$MODEL"
