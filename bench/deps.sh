#!/usr/bin/env bash
# Installs what the benchmark of bench/run.sh needs beyond the project's own
# build dependencies: Lucene 4.10 (Debian's liblucene4.10-java) and a JDK for
# the Lucene baseline, GNU time for peak RSS, python3 for the corpus and the
# queries. Run by bench/run.sh, never by CI. Idempotent: does nothing when all
# is there.
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
need=()
[ -e /usr/share/java/lucene-core-4.10.4.jar ] || need+=(liblucene4.10-java)
command -v javac >/dev/null || need+=(default-jdk-headless)
[ -x /usr/bin/time ] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
command -v cmake >/dev/null || need+=(cmake g++ pkg-config libxapian-dev libicu-dev libboost-program-options-dev nlohmann-json3-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench/deps.sh: installing ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
