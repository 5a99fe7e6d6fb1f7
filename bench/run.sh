#!/usr/bin/env bash
# The benchmark of issue 8: defer-fix against ast-grep and the tree-sitter floor, on the Go
# toolchain's own source tree. Run from anywhere: bench/run.sh
#
#   ROUNDS=5        rounds; every round runs each command once, in the same order, so that a
#                   change in the machine's load falls on all of them alike
#   CORPUS=DIR      reuse a corpus made by an earlier run (default: a fresh temporary copy)
#   KEEP_CORPUS=1   keep the temporary corpus
#
# Needs: cargo, go (for GOROOT), python3 with venv, GNU time (/usr/bin/time; Debian: `apt-get
# install time`). ast-grep is installed, pinned, into bench/.venv from PyPI.
#
# Timed, alternating within each round:
#   a    defer-fix --check on the corpus, every rule, default threads (one per CPU)
#   a1   the same with RAYON_NUM_THREADS=1, and a2 with 2 (a itself when nproc is 2)
#   b    ast-grep scan with the rules in bench/ast-grep/ (see each rule for how equivalent)
#   c    the floor: bench/floor reads every file, parses those with "defer", "go ", "context"
#        or "recover"
#   c'   the floor parsing exactly the files defer-fix's own prefilter admits (bench/floor
#        links defer-fix's library for it): the parse cost defer-fix's prefilter leaves it with
#   aq, ah  defer-fix on every 4th and every 2nd file of the corpus (--files-from), one
#        thread: CPU time per 1,000 files against a1's shows whether time is linear in files
# Reported: median wall time, median CPU time (user+sys), median peak RSS, a/b, a/c, a1/a2.
set -euo pipefail

AST_GREP_VERSION=0.51.1
ROUNDS=${ROUNDS:-5}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

die() { echo "bench: $*" >&2; exit 2; }
for tool in cargo go python3; do command -v "$tool" >/dev/null || die "$tool is not on PATH"; done
[ -x /usr/bin/time ] || die "GNU time is needed at /usr/bin/time (Debian/Ubuntu: apt-get install time)"

echo "== building defer-fix and the floor (release)" >&2
cargo build --release --locked --quiet --manifest-path "$ROOT/Cargo.toml"
cargo build --release --locked --quiet --manifest-path "$BENCH/floor/Cargo.toml"
TARGET=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
FLOOR_TARGET=$(cd "$BENCH/floor" && cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
DEFER_FIX=$TARGET/release/defer-fix
FLOOR=$FLOOR_TARGET/release/floor

echo "== ast-grep-cli $AST_GREP_VERSION in bench/.venv" >&2
if [ "$("$BENCH/.venv/bin/ast-grep" --version 2>/dev/null)" != "ast-grep $AST_GREP_VERSION" ]; then
    python3 -m venv "$BENCH/.venv"
    "$BENCH/.venv/bin/pip" install --quiet --disable-pip-version-check "ast-grep-cli==$AST_GREP_VERSION"
fi
AST_GREP=$BENCH/.venv/bin/ast-grep

if [ -z "${CORPUS:-}" ]; then
    CORPUS=$(mktemp -d "${TMPDIR:-/tmp}/defer-fix-corpus.XXXXXX")
    [ -n "${KEEP_CORPUS:-}" ] || trap 'rm -rf "$CORPUS"' EXIT
    GOSRC=$(go env GOROOT)/src
    echo "== corpus: $GOSRC without testdata/ and vendor/ -> $CORPUS" >&2
    # Also without directories named .* or _* (defer-fix's walk skips them, ast-grep does not),
    # so that every tool sees the same files. go.mod files give defer-fix the language version.
    (cd "$GOSRC" && find . \( -name testdata -o -name vendor -o -name '.?*' -o -name '_*' \) -prune \
        -o -type f \( -name '*.go' -o -name go.mod \) -print0 | tar --null -T - -cf -) | tar -xf - -C "$CORPUS"
fi
FILES=$(find "$CORPUS" -name '*.go' | wc -l)
LINES=$(find "$CORPUS" -name '*.go' -print0 | xargs -0 cat | wc -l)
BYTES=$(find "$CORPUS" -name '*.go' -print0 | xargs -0 cat | wc -c)
echo "== $FILES files, $LINES lines, $BYTES bytes" >&2

NPROC=$(nproc)
RAW=$(mktemp)
QUARTER=$(mktemp)
HALF=$(mktemp)
find "$CORPUS" -name '*.go' | sort | awk 'NR % 4 == 0' > "$QUARTER"
find "$CORPUS" -name '*.go' | sort | awk 'NR % 2 == 0' > "$HALF"
# run NAME [ENV=VALUE...] -- COMMAND...: one timed run, appended to $RAW as
# "NAME wall user sys maxrss_kb". Exit statuses are ignored: --check exits 1 with findings
# and 2 for the files the grammar cannot parse.
run() {
    local name=$1; shift
    local envs=()
    while [ "$1" != -- ]; do envs+=("$1"); shift; done
    shift
    local out
    out=$(mktemp)
    env ${envs[@]+"${envs[@]}"} /usr/bin/time -f '%e %U %S %M' -o "$out" "$@" >/dev/null 2>&1 || true
    echo "$name $(tail -1 "$out")" >> "$RAW"
    rm -f "$out"
}

echo "== $ROUNDS rounds on $NPROC CPUs (load average before: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
for round in $(seq "$ROUNDS"); do
    echo "   round $round/$ROUNDS" >&2
    run a -- "$DEFER_FIX" --check --no-config "$CORPUS"
    run b -- "$AST_GREP" scan -c "$BENCH/ast-grep/sgconfig.yml" "$CORPUS"
    run c -- "$FLOOR" "$CORPUS"
    run "c'" -- "$FLOOR" --defer-fix-prefilter "$CORPUS"
    run a1 RAYON_NUM_THREADS=1 -- "$DEFER_FIX" --check --no-config "$CORPUS"
    [ "$NPROC" = 2 ] || run a2 RAYON_NUM_THREADS=2 -- "$DEFER_FIX" --check --no-config "$CORPUS"
    run aq RAYON_NUM_THREADS=1 -- "$DEFER_FIX" --check --no-config --files-from "$QUARTER"
    run ah RAYON_NUM_THREADS=1 -- "$DEFER_FIX" --check --no-config --files-from "$HALF"
done
[ "$NPROC" = 2 ] && sed -n 's/^a /a2 /p' "$RAW" >> "$RAW"

echo >&2
echo "Machine: $NPROC CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')), \
$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo) memory, load average after the run \
$(cut -d' ' -f1-3 /proc/loadavg); $(go version | cut -d' ' -f3) source: $FILES files, $LINES lines, \
$((BYTES / 1048576)) MB; ast-grep $AST_GREP_VERSION; defer-fix $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')\
$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' (with uncommitted changes in src/)')"
echo
python3 - "$RAW" "$NPROC" "$FILES" "$(wc -l < "$QUARTER")" "$(wc -l < "$HALF")" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, wall, user, sys_, rss = line.split()
    rows.setdefault(name, []).append((float(wall), float(user) + float(sys_), int(rss)))
med = {n: tuple(statistics.median(r[i] for r in rs) for i in range(3)) for n, rs in rows.items()}
label = {
    "a": f"defer-fix --check ({sys.argv[2]} threads)",
    "a1": "defer-fix --check, RAYON_NUM_THREADS=1",
    "a2": "defer-fix --check, RAYON_NUM_THREADS=2",
    "b": "ast-grep scan (bench/ast-grep rules)",
    "c": "floor (defer, go , context, recover)",
    "c'": "floor (defer-fix's prefilter)",
}
print(f"| {'command':42} | runs | wall s (median) | CPU s (median) | peak RSS MB |")
print(f"|{'-'*44}|------|-----------------|----------------|-------------|")
for n in ["a", "a1", "a2", "b", "c", "c'"]:
    if n in med:
        w, c, m = med[n]
        print(f"| {label[n]:42} | {len(rows[n]):4} | {w:15.2f} | {c:14.2f} | {m / 1024:11.1f} |")
ratio = lambda x, y, i: med[x][i] / med[y][i]
print()
print(f"a/b (defer-fix / ast-grep):  wall {ratio('a', 'b', 0):.2f}  CPU {ratio('a', 'b', 1):.2f}   (target: <= 0.2)")
print(f"a/c (defer-fix / floor):     wall {ratio('a', 'c', 0):.2f}  CPU {ratio('a', 'c', 1):.2f}   (target: <= 1.3)")
cq = "c'"
print(f"a/c' (same parse set):       wall {ratio('a', cq, 0):.2f}  CPU {ratio('a', cq, 1):.2f}")
print(f"speed-up 1 -> 2 threads:     {ratio('a1', 'a2', 0):.2f}x wall   (CPU 2 threads / 1 thread: {ratio('a2', 'a1', 1):.2f})")
print(f"peak memory, defer-fix:      {med['a'][2] / 1024:.1f} MB   (target: < 200 MB)")
files = {"a1": int(sys.argv[3]), "aq": int(sys.argv[4]), "ah": int(sys.argv[5])}
per = {n: med[n][1] / files[n] * 1000 for n in ["aq", "ah", "a1"] if n in med}
print("linearity, 1 thread:         " + ", ".join(f"{files[n]} files {med[n][1]:.2f} s CPU ({per[n]:.2f} s per 1,000)" for n in per))
EOF
rm -f "$RAW" "$QUARTER" "$HALF"
