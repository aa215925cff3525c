#!/usr/bin/env bash
# Re-runs the terminal transcripts of README.md (```console blocks: "$ command"
# lines followed by what they print) and compares what they print now.
# In the expected output, "..." stands for any text (timings, for instance).
# Usage: readme_transcript.sh README.md BIN_DIR...
set -uo pipefail
readme=$1
shift
source_dir=$(cd "$(dirname "$readme")" && pwd)
for dir in "$@"; do PATH="$(cd "$dir" && pwd):$PATH"; done
export PATH
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$source_dir/corpus" "$work/corpus"
cd "$work"

failures=0 commands=0
compare() {  # $1 command, $2 expected output
    local actual expected_line actual_line pattern i
    actual=$(bash -c "$1" 2>&1)
    mapfile -t want <<<"$2"
    mapfile -t got <<<"$actual"
    if [ "${#want[@]}" -ne "${#got[@]}" ]; then
        echo "FAIL: \$ $1: ${#got[@]} lines printed, ${#want[@]} expected"
        diff <(printf '%s\n' "${want[@]}") <(printf '%s\n' "${got[@]}") | head -20
        return 1
    fi
    for i in "${!want[@]}"; do
        expected_line=${want[$i]} actual_line=${got[$i]}
        # Escape glob characters, then let "..." match anything.
        pattern=$(printf '%s' "$expected_line" | sed -e 's/[][\\*?]/\\&/g' -e 's/\.\.\./*/g')
        # shellcheck disable=SC2053
        if [[ "$actual_line" != $pattern ]]; then
            echo "FAIL: \$ $1, line $((i + 1)):"
            echo "  expected: $expected_line"
            echo "  printed:  $actual_line"
            return 1
        fi
    done
}

in_block=0 command="" expected=""
flush() {
    if [ -n "$command" ]; then
        commands=$((commands + 1))
        compare "$command" "${expected%$'\n'}" || failures=$((failures + 1))
    fi
    command="" expected=""
}
while IFS= read -r line; do
    if [ $in_block -eq 0 ]; then
        [ "$line" = '```console' ] && in_block=1
        continue
    fi
    if [ "$line" = '```' ]; then
        flush
        in_block=0
    elif [[ "$line" == '$ '* ]]; then
        flush
        command=${line#'$ '}
    else
        expected+="$line"$'\n'
    fi
done <"$readme"

echo "$commands commands re-run, $failures differ"
[ "$commands" -gt 0 ] && [ "$failures" -eq 0 ]
