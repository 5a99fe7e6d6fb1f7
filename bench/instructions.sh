#!/usr/bin/env bash
# Instructions, not seconds: runs each given defer-fix binary under valgrind's callgrind, one
# thread, `--check` on every 8th Go file of a corpus, and prints the instructions executed.
# On a shared or throttled machine CPU seconds of two runs of the same binary differ by 20%
# or more; the instruction count of a run is the same every time, so two builds compare
# exactly. It counts work, not time: cache misses and I/O are not in it, so bench/run.sh stays
# the measure of speed and this one tells what a change saved.
#
#   bench/instructions.sh CORPUS BINARY...
#
# CORPUS is a directory made as bench/run.sh makes it (KEEP_CORPUS=1 keeps one). An older
# revision's binary: git archive REV | tar -x -C DIR, then cargo build --release in DIR.
# Needs valgrind. Each binary takes about 30 times its own run's time.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: bench/instructions.sh CORPUS BINARY..." >&2; exit 2; }
command -v valgrind >/dev/null || { echo "bench: valgrind is not on PATH" >&2; exit 2; }
CORPUS=$1
shift
WORK=$(mktemp -d "${TMPDIR:-/tmp}/defer-fix-instructions.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
find "$CORPUS" -name '*.go' | LC_ALL=C sort | awk 'NR % 8 == 0' > "$WORK/files"
echo "$(wc -l < "$WORK/files") files (every 8th of $CORPUS)"
for binary in "$@"; do
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$WORK/out" \
        "$binary" --check --files-from "$WORK/files" > /dev/null 2> "$WORK/err" || true
    count=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$WORK/err")
    [ -n "$count" ] || { cat "$WORK/err" >&2; exit 1; }
    awk -v n="$count" -v b="$binary" 'BEGIN { printf "%8.3f G instructions  %s\n", n / 1e9, b }'
done
