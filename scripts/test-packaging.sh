#!/usr/bin/env bash
# The packaging, tested with the real tools:
#  - .pre-commit-hooks.yaml with pre-commit from PyPI (in a venv of its own):
#    `pre-commit try-repo` of this checkout on a small Go repository, for the hook that uses
#    the installed defer-fix and (unless RUST_HOOK=0) the one pre-commit builds with
#    `cargo install --path .` (a release build: minutes on a small machine);
#  - action.yml's check step, run with bash as the runner would, on the same repository.
# Needs python3, git, cargo and network access to PyPI. Exits non-zero on the first failure.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-home"
export GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com \
  GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com

fail() { echo "test-packaging: FAIL: $*" >&2; exit 1; }

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==4.7.0"
pre_commit="$work/venv/bin/pre-commit"
echo "test-packaging: $("$pre_commit" --version)"

cargo build --quiet --locked --manifest-path "$here/Cargo.toml"
bin="$here/target/debug"

# A Go repository with one loop-defer finding that has a safe fix.
make_repo() {
  local repo=$1
  mkdir -p "$repo"
  git -C "$repo" init -q
  printf 'module example.com/hooks\n\ngo 1.22\n' > "$repo/go.mod"
  cat > "$repo/read.go" <<'GO'
package hooks

import "os"

func Read(names []string) {
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close()
		println(f.Name())
	}
}
GO
  git -C "$repo" add .
  git -C "$repo" commit -qm start
}

# try_repo HOOK: the first run fixes read.go and fails (a file changed); the second passes.
try_repo() {
  local hook=$1 repo="$work/repo-$1"
  make_repo "$repo"
  if (cd "$repo" && "$pre_commit" try-repo "$here" "$hook" --files read.go) > "$work/out" 2>&1; then
    cat "$work/out"; fail "$hook: the first run passed though it had a file to fix"
  fi
  grep -q 'files were modified by this hook' "$work/out" || { cat "$work/out"; fail "$hook: no modification reported"; }
  grep -q $'\t\tfunc() {' "$repo/read.go" || fail "$hook: read.go was not fixed"
  (cd "$repo" && gofmt -l . | grep . && fail "$hook: not gofmt-clean") || true
  (cd "$repo" && "$pre_commit" try-repo "$here" "$hook" --files read.go) > "$work/out" 2>&1 ||
    { cat "$work/out"; fail "$hook: the second run failed"; }
  echo "test-packaging: pre-commit try-repo $hook: fixes, then passes"
}

PATH="$bin:$PATH" try_repo defer-fix-system

if [ "${RUST_HOOK:-1}" != 0 ]; then
  # Kept between runs of this script, so that the release build is made once.
  export CARGO_TARGET_DIR="$here/target/pre-commit"
  try_repo defer-fix
  repo="$work/repo-check"
  make_repo "$repo"
  before=$(cat "$repo/read.go")
  if (cd "$repo" && "$pre_commit" try-repo "$here" defer-fix-check --files read.go) > "$work/out" 2>&1; then
    cat "$work/out"; fail "defer-fix-check passed with a finding"
  fi
  grep -q 'read.go:8:3: loop-defer' "$work/out" || { cat "$work/out"; fail "defer-fix-check: no finding shown"; }
  [ "$(cat "$repo/read.go")" = "$before" ] || fail "defer-fix-check changed read.go"
  echo "test-packaging: pre-commit try-repo defer-fix-check: reports, changes nothing"
fi

# action.yml: the check step's script and environment, as the runner would run them.
step() {
  "$work/venv/bin/python" - "$here/action.yml" "$1" <<'PY'
import sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
step = next(s for s in action["runs"]["steps"] if s.get("id") == "scan")
if sys.argv[2] == "run":
    print(step["run"])
else:
    defaults = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    for key, value in step["env"].items():
        for name, default in defaults.items():
            value = value.replace("${{ inputs.%s }}" % name, default)
        print(f"{key}={value}")
PY
}
run_step() {
  local repo=$1; shift
  (cd "$repo" && env $(step env | grep -v '^DEFER_FIX=') DEFER_FIX="$bin/defer-fix" "$@" bash -e -c "$(step run)")
}
repo="$work/repo-action"
make_repo "$repo"
run_step "$repo" > "$work/out" 2>&1 || { cat "$work/out"; fail "action: the check step failed on findings"; }
"$work/venv/bin/python" - "$repo/defer-fix.sarif" <<'PY' || fail "action: unexpected SARIF"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
[result] = run["results"]
location = result["locations"][0]["physicalLocation"]["artifactLocation"]
assert (location["uri"], location["uriBaseId"]) == ("read.go", "%SRCROOT%"), location
PY
git -C "$repo" diff --quiet -- read.go || fail "action: the check step changed a file"
printf 'package hooks\n\nfunc f() { defer }\n' > "$repo/bad.go"
run_step "$repo" > "$work/out" 2>&1 || { cat "$work/out"; fail "action: an unparsable file failed the step"; }
grep -q '::warning::defer-fix could not process some files' "$work/out" || { cat "$work/out"; fail "action: no warning"; }
if run_step "$repo" ARGS=--no-such-flag > "$work/out" 2>&1; then fail "action: bad arguments passed"; fi
echo "test-packaging: action.yml check step: reports findings, warns on unparsable files, fails on bad arguments"
echo "test-packaging: all passed"
