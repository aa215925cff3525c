#!/usr/bin/env bash
# Installs what building and testing depeche needs on Debian 12, when missing,
# and the extra Debian packages named as arguments (tools/fuzz.sh: clang).
set -euo pipefail
packages=(g++ cmake make pkg-config libxapian-dev xapian-tools libicu-dev
          libboost-program-options-dev catch2 nlohmann-json3-dev
          python3 "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
