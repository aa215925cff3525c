#!/usr/bin/env bash
# Xapian's own distributed search: corpus/sample indexed in two shards, each
# served by a stock xapian-tcpsrv on 127.0.0.1, searched together through
# tcp://, through stub database files (remote TCP lines, and the prog method
# with xapian-progsrv that ssh tunnels use); every output (hits, order, scores,
# totals, facets) must equal that of the merged database and of the two shards
# opened locally.
# Usage: remote_test.sh BIN_DIR_INDEX BIN_DIR_SEARCH SOURCE_DIR
set -euo pipefail
index=$1/depeche-index search=$2/depeche-search source=$3
command -v xapian-tcpsrv >/dev/null || { echo "xapian-tcpsrv missing (Debian package xapian-tools)"; exit 1; }
work=$(mktemp -d)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

"$index" --quiet --db "$work/a" --shard 1/2 "$source/corpus/sample"
"$index" --quiet --db "$work/b" --shard 2/2 "$source/corpus/sample"
"$index" --quiet --db "$work/all" "$source/corpus/sample"

# Start a server on a free port of 127.0.0.1; prints the port.
serve() {
  local db=$1 port pid
  for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    # Its own session: on SIGTERM, xapian-tcpsrv signals its whole process group.
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$db" >"$work/srv-$port.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 50); do
      if grep -q "Listening" "$work/srv-$port.log" 2>/dev/null; then
        servers+=("$pid")
        echo "$port"
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
  done
  echo "cannot start xapian-tcpsrv" >&2
  return 1
}
serve "$work/a" >"$work/port-a"
serve "$work/b" >"$work/port-b"
port_a=$(cat "$work/port-a") port_b=$(cat "$work/port-b")
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$port_a" "$port_b" >"$work/remote.stub"
printf 'auto %s\nauto %s\n' "$work/a" "$work/b" >"$work/local.stub"
# The prog method, as over ssh ("remote :ssh HOST xapian-progsrv DB"), here without ssh.
printf 'remote :xapian-progsrv %s\nremote :xapian-progsrv %s\n' "$work/a" "$work/b" >"$work/prog.stub"

failures=0 checks=0
while IFS= read -r query; do
  # shellcheck disable=SC2086
  "$search" --db "$work/all" --json --limit 1000 --facet-limit 0 $query >"$work/merged.json"
  for dbs in "--db tcp://127.0.0.1:$port_a --db tcp://127.0.0.1:$port_b" "--db $work/remote.stub" \
             "--db $work/prog.stub" "--db $work/a --db $work/b" "--db $work/local.stub"; do
    checks=$((checks + 1))
    # shellcheck disable=SC2086
    "$search" $dbs --json --limit 1000 --facet-limit 0 $query >"$work/other.json"
    if ! cmp -s "$work/merged.json" "$work/other.json"; then
      failures=$((failures + 1))
      echo "FAIL: '$query' through $dbs differs from the merged database"
    fi
  done
done <<'QUERIES'
coalition
--person obama
--place Londres --date-facet year
ministre OR football
"jeux olympiques"
lieu:Paris date:2015..2020 --sort date
--org EI
QUERIES
# Hits exist: the comparison is not between two empty results.
grep -q '"total":[1-9]' "$work/merged.json"
"$search" --db "tcp://127.0.0.1:$port_a" --json coalition | grep -q '"total":'
# A shard that is down: one line naming it, exit 1.
kill "${servers[1]}"
wait "${servers[1]}" 2>/dev/null || true
checks=$((checks + 1))
set +e
"$search" --db "tcp://127.0.0.1:$port_a" --db "tcp://127.0.0.1:$port_b" coalition >/dev/null 2>"$work/down.err"
status=$?
set -e
if [ "$status" -ne 1 ] || [ "$(wc -l <"$work/down.err")" -ne 1 ] || ! grep -q "tcp://127.0.0.1:$port_b" "$work/down.err"; then
  failures=$((failures + 1))
  echo "FAIL: a shard down gave exit $status and: $(cat "$work/down.err")"
fi
# --allow-partial: the shard that answers, flagged partial, exit 3; for a
# stub, only its line naming the server that is down is left out.
for dbs in "--db tcp://127.0.0.1:$port_a --db tcp://127.0.0.1:$port_b" "--db $work/remote.stub"; do
  checks=$((checks + 1))
  set +e
  # shellcheck disable=SC2086
  "$search" $dbs --allow-partial --json --limit 1000 --facet-limit 0 coalition >"$work/partial.json" 2>"$work/partial.err"
  status=$?
  set -e
  "$search" --db "$work/a" --json --limit 1000 --facet-limit 0 coalition >"$work/alone.json"
  if [ "$status" -ne 3 ] || ! grep -q "$port_b" "$work/partial.err" || ! python3 - "$work/partial.json" "$work/alone.json" "$port_b" <<'PY'
import json, sys
partial, alone = (json.load(open(p)) for p in sys.argv[1:3])
assert partial.pop("partial") is True and alone.pop("partial") is False
missing = partial.pop("missing")
assert len(missing) == 1 and sys.argv[3] in missing[0], missing
assert alone.pop("missing") == []
assert partial == alone
PY
  then
    failures=$((failures + 1))
    echo "FAIL: --allow-partial through $dbs with a shard down gave exit $status and: $(cat "$work/partial.err")"
  fi
done
echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
