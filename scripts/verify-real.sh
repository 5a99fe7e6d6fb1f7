#!/usr/bin/env bash
# verify-real.sh: runs defer-fix on a copy of a real Go tree and checks what it changed.
#
#   scripts/verify-real.sh DIR [DEFER-FIX OPTION]...
#
# DIR is left untouched. The script
#   1. builds defer-fix (release) from this repository;
#   2. copies DIR twice into a temporary directory, "orig" and "fixed" (for Go's own sources,
#      DIR = $(go env GOROOT)/src, it copies the whole GOROOT twice instead, since the standard
#      library and cmd only build inside a GOROOT: each copy is used with its own bin/go and
#      GOROOT pointing at it);
#   3. runs `defer-fix --format json [OPTIONS] ./...` in place on "fixed" and counts the changed
#      files per rule (a finding marked applied counts its file for its rule);
#   4. checks that every changed file is gofmt-clean (`gofmt -l`; a file that was not clean in
#      the unmodified copy either is noted, not blamed) and that a second run changes nothing
#      (`defer-fix -l ./...` lists no file);
#   5. for every package (directory) holding a changed file runs, in both copies,
#      `go build .`, `go vet .` and `go test -short .` (in the directory, GOTOOLCHAIN=local,
#      GOFLAGS as the caller set it) and fails on any failure the fixed copy has that the
#      unmodified copy does not also have.
# The report, the JSON and every command's output are kept in the work directory it prints
# (WORK=dir to choose it; KEEP=0 to delete it on success). Exit status 0: all checks passed.
# Needs bash, cargo, go, gofmt, python3 (for the JSON).
#
# Examples
#
#   scripts/verify-real.sh "$(go env GOROOT)/src"
#
# Pinned real repositories, brought with the session's fetch tool as git mirrors (no work
# tree; big objects may be missing, so testdata directories can be left out of the archive):
#
#   mkdir -p /tmp/etcd && git -C /work/.mirror/etcd-io+etcd/repo archive COMMIT \
#       | tar -x -C /tmp/etcd && scripts/verify-real.sh /tmp/etcd
#   scripts/extract-commit.sh /work/.mirror/prometheus+prometheus/repo COMMIT /tmp/prom \
#       && scripts/verify-real.sh /tmp/prom
#
# (`git archive` stops at the first object the mirror lacks, for prometheus
# tsdb/testdata/20kseries.json, whatever pathspec excludes it; scripts/extract-commit.sh writes
# the files one by one, leaving out testdata directories and missing objects.)
# Their module dependencies must be in the module cache (or reachable through GOPROXY) for
# the build, vet and test steps; GO_CHECKS=0 skips step 5 (defer-fix, gofmt and the second
# run only). Pinned commits:
#   - Go's sources: the local toolchain's $(go env GOROOT)/src (go1.26.8 linux/amd64 when
#     written).
#   - prometheus/prometheus, current: d15adb9ad7e5d9fbde3a9a8f30200593a5a14d86 (2026-08-21)
#   - prometheus/prometheus, pre-2023 (go 1.18 module): v2.40.0 =
#     c08d76b363f0d8052f3d2298df06b616af30900e (2022-11-07)
#   - etcd-io/etcd, current: c34dc7ee0048fd2bcc44d50beff002e5e8069b69 (2026-08-20)
#   - etcd-io/etcd, pre-2023 (go 1.19 modules): v3.5.6 =
#     cecbe35ce0703cd0f8d2063dad4a9e541ae317e5 (2022-11-21)

set -euo pipefail

if [[ $# -lt 1 || ! -d $1 ]]; then
    sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
src=$(cd "$1" && pwd -P)
shift
repo=$(cd "$(dirname "$0")/.." && pwd -P)

echo "== building defer-fix (release)"
cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
deferfix="${CARGO_TARGET_DIR:-$repo/target}/release/defer-fix"

work=${WORK:-$(mktemp -d /tmp/verify-real.XXXXXX)}
mkdir -p "$work"
echo "== work directory: $work"
report="$work/report.txt"
: >"$report"
say() { echo "$*" | tee -a "$report"; }

export GOTOOLCHAIN=local
goroot=$(go env GOROOT)
if [[ $src == "$(cd "$goroot/src" && pwd -P)" ]]; then
    # Go's own sources: a whole GOROOT per copy.
    for copy in orig fixed; do
        rm -rf "${work:?}/$copy"
        cp -a "$goroot" "$work/$copy"
    done
    tree_orig="$work/orig/src" tree_fixed="$work/fixed/src"
    go_orig=("env" "GOROOT=$work/orig" "$work/orig/bin/go")
    go_fixed=("env" "GOROOT=$work/fixed" "$work/fixed/bin/go")
else
    for copy in orig fixed; do
        rm -rf "${work:?}/$copy"
        cp -a "$src" "$work/$copy"
    done
    tree_orig="$work/orig" tree_fixed="$work/fixed"
    go_orig=(go) go_fixed=(go)
fi

echo "== running defer-fix $* ./... on the copy"
set +e
(cd "$tree_fixed" && "$deferfix" --format json "$@" ./... >"$work/run1.json" 2>"$work/run1.stderr")
status=$?
set -e
say "defer-fix exit status: $status (0 nothing left, 1 findings left, 2 some file could not be processed)"
if [[ $status -gt 2 ]]; then
    cat "$work/run1.stderr"
    exit 1
fi
python3 - "$work/run1.json" <<'EOF' | tee -a "$report"
import json, sys, collections
doc = json.load(open(sys.argv[1]))
files, fixed, left = collections.defaultdict(set), collections.Counter(), collections.Counter()
for f in doc["findings"]:
    if f["applied"]:
        files[f["rule"]].add(f["path"])
        fixed[f["rule"]] += 1
    else:
        left[f["rule"]] += 1
print("rule: files changed, findings fixed, findings left")
for rule in sorted(set(fixed) | set(left)):
    print(f"  {rule}: {len(files[rule])}, {fixed[rule]}, {left[rule]}")
print(f"errors (files not processed): {len(doc['errors'])}")
for e in doc["errors"][:20]:
    print(f"  {e['path']}: {e['message'][:120]}")
EOF

(cd "$work" && { diff -rq orig fixed || true; } | sed -n 's/^Files orig\/\(.*\) and fixed\/.* differ$/\1/p' | sort) >"$work/changed.txt"
if [[ $tree_orig == "$work/orig/src" ]]; then sed -i 's/^src\///' "$work/changed.txt"; fi
changed=$(wc -l <"$work/changed.txt")
say "files changed: $changed"
failed=0

echo "== gofmt -l on the changed files"
# A file gofmt would change already in the unmodified copy (older gofmt rules) is not blamed.
unformatted=$(cd "$tree_fixed" && xargs -r -d '\n' gofmt -l <"$work/changed.txt" || true)
before=$(cd "$tree_orig" && xargs -r -d '\n' gofmt -l <"$work/changed.txt" || true)
blamed=$(comm -23 <(echo "$unformatted" | sed '/^$/d' | sort) <(echo "$before" | sed '/^$/d' | sort))
if [[ -n $before ]]; then
    say "note gofmt: not gofmt-clean in the unmodified copy already: $(echo "$before" | tr '\n' ' ')"
fi
if [[ -n $blamed ]]; then
    say "FAIL gofmt: not gofmt-clean after the fixes:"
    say "$blamed"
    failed=1
else
    say "ok   gofmt: every changed file is gofmt-clean (or was not before either)"
fi

echo "== second run"
second=$(cd "$tree_fixed" && "$deferfix" -l "$@" ./... 2>/dev/null || true)
if [[ -n $second ]]; then
    say "FAIL second run: would change again:"
    say "$second"
    failed=1
else
    say "ok   second run: changes nothing"
fi

if [[ ${GO_CHECKS:-1} == 0 ]]; then
    say "build/vet/test skipped (GO_CHECKS=0)"
    [[ $failed -eq 0 ]] && say "ALL CHECKS RUN PASSED" || say "SOME CHECKS FAILED (report: $report)"
    exit $failed
fi

# The package directories of the changed Go files.
sed -n 's/\.go$/.go/p' "$work/changed.txt" | xargs -r -n1 dirname | sort -u >"$work/packages.txt"
say "packages changed: $(wc -l <"$work/packages.txt")"

# check TREE LABEL GO...: build, vet and test -short each package; one line per failure.
check() {
    local tree=$1 label=$2
    shift 2
    local out="$work/$label"
    mkdir -p "$out"
    : >"$out/failures.txt"
    while read -r pkg; do
        local log="$out/$(echo "$pkg" | tr / _)"
        for step in build vet test; do
            local args=("$step" .)
            [[ $step == test ]] && args=(test -short -count=1 -timeout 10m .)
            if ! (cd "$tree/$pkg" && "$@" "${args[@]}") >"$log.$step" 2>&1; then
                echo "$step $pkg" >>"$out/failures.txt"
            fi
        done
    done <"$work/packages.txt"
}

echo "== build, vet, test -short: unmodified copy"
check "$tree_orig" before "${go_orig[@]}"
echo "== build, vet, test -short: fixed copy"
check "$tree_fixed" after "${go_fixed[@]}"
say "failures in the unmodified copy: $(wc -l <"$work/before/failures.txt") (see $work/before)"
new=$(comm -13 <(sort "$work/before/failures.txt") <(sort "$work/after/failures.txt"))
gone=$(comm -23 <(sort "$work/before/failures.txt") <(sort "$work/after/failures.txt"))
[[ -n $gone ]] && say "failing before, passing after: $(echo "$gone" | tr '\n' ';')"
if [[ -n $new ]]; then
    say "FAIL build/vet/test: failures only in the fixed copy (logs in $work/after):"
    say "$new"
    failed=1
else
    say "ok   build/vet/test -short: no failure the unmodified copy does not also have"
fi

if [[ $failed -eq 0 ]]; then
    say "ALL CHECKS PASSED"
    [[ ${KEEP:-1} == 0 ]] && rm -rf "$work"
else
    say "SOME CHECKS FAILED (report: $report)"
fi
exit $failed
