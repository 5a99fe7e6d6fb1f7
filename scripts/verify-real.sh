#!/usr/bin/env bash
# verify-real.sh: runs defer-fix on a copy of a real Go tree and checks what it changed.
#
#   scripts/verify-real.sh DIR [DEFER-FIX OPTION]...
#
# DIR is left untouched. The script
#   1. builds defer-fix (release) from this repository (unless DEFER_FIX is set);
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
#      `go build -o /dev/null .`, `go vet .` and `go test -short -count=1 -vet=off -v .` (in the
#      directory, GOTOOLCHAIN=local, GOFLAGS as the caller set it) and fails on any failure the
#      fixed copy has that the unmodified copy does not also have: a failing step, or, in a step
#      failing in both, a failing test name or a build/vet message (line numbers dropped) only
#      the fixed copy has. Details: a package of test files only is not built (vet and test
#      compile it); a package whose files all carry a build constraint is checked with the
#      single-word tags of its //go:build lines; a vet that crashes (go1.26's printf analyzer
#      does on hugo) is run again with -printf=false; the tests, subtests and examples that
#      passed, skipped and failed in each copy are counted from the -v logs.
# The report, the JSON and every command's output are kept in the work directory it prints
# (WORK=dir to choose it; KEEP=0 to delete it on success). DEFER_FIX=path uses that binary
# instead of building one (say, one built from a clean `git archive` of a commit while the work
# tree is mid-edit; DEFER_FIX_COMMIT=id names it in the report). SHORT=0 runs the tests without
# -short (etcd skips most of its integration tests under -short). GO_CHECKS=0 skips step 5.
# Exit status 0: all checks passed. Needs bash, cargo, go, gofmt, python3 (for the JSON).
#
# Examples
#
#   scripts/verify-real.sh "$(go env GOROOT)/src"
#   scripts/extract-commit.sh /work/.mirror/etcd-io+etcd/repo COMMIT /tmp/etcd \
#       && scripts/verify-real.sh /tmp/etcd
#
# The real repositories are brought with the session's fetch tool as git mirrors (no work tree,
# big objects may be missing: `git archive` stops at the first missing one, so
# scripts/extract-commit.sh writes the files one by one). Their module dependencies come from the
# module cache or GOPROXY. defer-fix runs with the language version of each file's go.mod (no
# --go-version), so loop-capture applies to the pre-1.22 modules only. Pinned commits:
#   - Go's sources: the local toolchain's $(go env GOROOT)/src (go1.26.8 linux/amd64).
#   - prometheus/prometheus, current: d15adb9ad7e5d9fbde3a9a8f30200593a5a14d86 (2026-08-21,
#     go 1.25.10)
#   - etcd-io/etcd, current: c34dc7ee0048fd2bcc44d50beff002e5e8069b69 (2026-08-20, go 1.26
#     modules, a go.work)
#   - gohugoio/hugo, pre-2023: v0.105.0 = 0e3b42b4a9bdeb4d866210819fc6ddcf51582ffa (2022-10-28,
#     go 1.18)
#   - grpc/grpc-go, pre-2023: v1.51.0 = eeb9afa1f6b6388152955eeca8926e36ca94c768 (2022-11-18,
#     go 1.17; its testdata directory is a Go package, so extract it with testdata)
#   - prometheus/prometheus, pre-2023: v2.40.0 = c08d76b363f0d8052f3d2298df06b616af30900e
#     (2022-11-07, go 1.18)
#   - etcd-io/etcd, pre-2023: v3.5.6 = cecbe35ce0703cd0f8d2063dad4a9e541ae317e5 (2022-11-21,
#     go 1.16 modules)
# Not used: caddyserver/caddy v2.6.2 (go 1.18): its quic-go v0.29 refuses to build with Go 1.20
# or later, so most of its packages cannot build with the local go1.26 in either copy.

set -euo pipefail

if [[ $# -lt 1 || ! -d $1 ]]; then
    sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
src=$(cd "$1" && pwd -P)
shift
repo=$(cd "$(dirname "$0")/.." && pwd -P)

if [[ -n ${DEFER_FIX:-} ]]; then
    deferfix=$(realpath "$DEFER_FIX")
    [[ -x $deferfix ]] || { echo "DEFER_FIX=$DEFER_FIX is not an executable" >&2; exit 2; }
    built_from=${DEFER_FIX_COMMIT:-unknown commit}
else
    echo "== building defer-fix (release)"
    cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
    deferfix="${CARGO_TARGET_DIR:-$repo/target}/release/defer-fix"
    built_from="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    [[ -n $(git -C "$repo" status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null) ]] \
        && built_from+=" + uncommitted changes"
fi

work=${WORK:-$(mktemp -d /tmp/verify-real.XXXXXX)}
mkdir -p "$work"
echo "== work directory: $work"
report="$work/report.txt"
: >"$report"
say() { echo "$*" | tee -a "$report"; }
say "tree: $src"
say "defer-fix: $deferfix ($built_from); options: $*"
say "go: $(go version); GOFLAGS=$(go env GOFLAGS)"

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

# check TREE LABEL GO...: build, vet and test -short each package; one line per failing step
# in LABEL/failures.txt and, in LABEL/details.txt, one line per failure inside it ("test PKG:
# --- FAIL: TestName", "vet PKG: file.go: message" with line and column numbers dropped, since
# the fixes move lines), so that a package failing in both copies is still compared.
short=(-short)
[[ ${SHORT:-1} == 0 ]] && short=()
check() {
    local tree=$1 label=$2
    shift 2
    local out="$work/$label"
    mkdir -p "$out"
    : >"$out/failures.txt"
    : >"$out/details.txt"
    : >"$out/notes.txt"
    while read -r pkg; do
        local log
        log="$out/$(echo "$pkg" | tr / _)"
        # A package whose every file has a build constraint (prometheus's util/fuzzing/corpus_gen:
        # //go:build fuzzing) is checked with the single-word tags of its //go:build lines.
        local tags=()
        if ! (cd "$tree/$pkg" && "$@" list .) >/dev/null 2>"$log.list" \
            && grep -q 'build constraints exclude all Go files' "$log.list"; then
            local t
            t=$(cd "$tree/$pkg" && sed -n 's,^//go:build \([A-Za-z0-9_.]*\)$,\1,p' ./*.go | sort -u | paste -sd, -)
            if [[ -n $t ]]; then
                tags=(-tags "$t")
                echo "$pkg: checked with -tags $t (build constraints exclude every file otherwise)" >>"$out/notes.txt"
            fi
        fi
        for step in build vet test; do
            local args=(vet "${tags[@]}" .)
            # -o /dev/null: no binary of a main package left in the tree.
            [[ $step == build ]] && args=(build -o /dev/null "${tags[@]}" .)
            # vet runs as its own step; -vet=off keeps a vet failure (or crash) from hiding the
            # test results.
            # -v: the log tells the tests that ran from those that skipped (-short skips many).
            [[ $step == test ]] && args=(test "${short[@]}" -count=1 -vet=off -v -timeout 10m "${tags[@]}" .)
            if (cd "$tree/$pkg" && "$@" "${args[@]}") >"$log.$step" 2>&1; then
                continue
            fi
            # A package of test files only has nothing to build; vet and test compile it.
            if [[ $step == build ]] && grep -q 'no non-test Go files' "$log.build"; then
                continue
            fi
            if [[ $step == vet ]] && grep -q '^panic: ' "$log.vet"; then
                # go vet itself crashed (go1.26's printf analyzer does on some code, which stops
                # every analyzer): keep the log and vet again without the printf analyzer.
                mv "$log.vet" "$log.vet-crash"
                echo "vet $pkg: crashed ($(grep -m1 '^panic: ' "$log.vet-crash" | cut -c1-100)); vetted with -printf=false" >>"$out/notes.txt"
                if (cd "$tree/$pkg" && "$@" vet -printf=false "${tags[@]}" .) >"$log.vet" 2>&1; then
                    continue
                fi
            fi
            echo "$step $pkg" >>"$out/failures.txt"
            {
                if [[ $step == test ]]; then
                    grep -oE -- '--- FAIL: [^ ]+|^FAIL.*\[(build|setup) failed\]|^panic: .*' "$log.$step" || true
                    grep -E '^[^ ]+\.go:[0-9]+(:[0-9]+)?: ' "$log.$step" | sed -E 's/^([^ ]+\.go):[0-9]+(:[0-9]+)?: /\1: /' || true
                else
                    grep -vE '^#|^\s' "$log.$step" | sed -E 's/^([^ ]+\.go):[0-9]+(:[0-9]+)?: /\1: /' || true
                fi
            } | sed -e "s|$work/orig|COPY|g; s|$work/fixed|COPY|g; s|^|$step $pkg: |" | sort -u >>"$out/details.txt"
        done
    done <"$work/packages.txt"
}

echo "== build, vet, test ${short[*]:-(no -short)}: unmodified copy"
check "$tree_orig" before "${go_orig[@]}"
echo "== build, vet, test ${short[*]:-(no -short)}: fixed copy"
check "$tree_fixed" after "${go_fixed[@]}"
# Tests, subtests and examples of the changed packages that passed, skipped, failed.
tests() {
    cat "$work/$1"/*.test 2>/dev/null | grep -oE '^ *--- (PASS|SKIP|FAIL): ' | sort | uniq -c \
        | awk '{n[$3]+=$1} END {printf "%d passed, %d skipped, %d failed", n["PASS:"], n["SKIP:"], n["FAIL:"]}'
}
say "tests and subtests in the unmodified copy: $(tests before); in the fixed copy: $(tests after)"
say "failing steps in the unmodified copy: $(wc -l <"$work/before/failures.txt") (see $work/before/failures.txt, details.txt)"
[[ -s $work/before/notes.txt ]] && say "$(sed 's/^/note unmodified: /' "$work/before/notes.txt")"
[[ -s $work/after/notes.txt ]] && say "$(sed 's/^/note fixed: /' "$work/after/notes.txt")"
new=$(comm -13 <(sort "$work/before/failures.txt") <(sort "$work/after/failures.txt"))
gone=$(comm -23 <(sort "$work/before/failures.txt") <(sort "$work/after/failures.txt"))
# Inside steps failing in both copies: failures (test names, diagnostics) only the fixed copy has.
both=$(comm -12 <(sort "$work/before/failures.txt") <(sort "$work/after/failures.txt"))
newdetails=$(comm -13 <(sort -u "$work/before/details.txt") <(sort -u "$work/after/details.txt") \
    | while read -r step pkg rest; do grep -qxF "$step ${pkg%:}" <<<"$both" && echo "$step $pkg $rest"; done || true)
[[ -n $gone ]] && say "failing before, passing after: $(echo "$gone" | tr '\n' ';')"
if [[ -n $new || -n $newdetails ]]; then
    say "FAIL build/vet/test: failures only in the fixed copy (logs in $work/after):"
    if [[ -n $new ]]; then
        say "$new"
        # What failed inside those steps.
        say "$(grep -F -f <(echo "$new" | sed 's/$/: /') "$work/after/details.txt" | sed 's/^/     /' || true)"
    fi
    [[ -n $newdetails ]] && say "$newdetails"
    failed=1
else
    say "ok   build/vet/test -short: no failure the unmodified copy does not also have"
    [[ -n $both ]] && say "     (steps failing in both copies, with the same failures: $(echo "$both" | tr '\n' ';'))"
fi

if [[ $failed -eq 0 ]]; then
    say "ALL CHECKS PASSED"
    [[ ${KEEP:-1} == 0 ]] && rm -rf "$work"
else
    say "SOME CHECKS FAILED (report: $report)"
fi
exit $failed
