#!/usr/bin/env bash
# extract-commit.sh GIT_DIR COMMIT DEST: writes the files of COMMIT into DEST, leaving out
# symbolic links and skipping objects the mirror lacks (`git archive` stops at the first
# missing one: prometheus's tsdb/testdata/20kseries.json); SKIP_TESTDATA=1 leaves out testdata
# directories too (some tests then fail, in both copies alike; grpc-go's testdata is a package
# its code imports). For the repositories scripts/verify-real.sh is run on. Needs git, python3.
set -euo pipefail
[[ $# -eq 3 ]] || { sed -n '2,6p' "$0"; exit 2; }
mkdir -p "$3"
python3 - "$@" <<'PY'
import subprocess, sys, os
git, commit, dest = sys.argv[1], sys.argv[2], sys.argv[3]
skip_testdata = os.environ.get("SKIP_TESTDATA", "0") == "1"
out = subprocess.run(["git", "-C", git, "ls-tree", "-r", "-z", commit], capture_output=True, check=True).stdout
entries = []
for rec in out.split(b"\0"):
    if not rec: continue
    meta, path = rec.split(b"\t", 1)
    mode, typ, sha = meta.split()
    p = path.decode()
    if typ != b"blob" or mode == b"120000": continue
    if skip_testdata and "/testdata/" in "/" + p: continue
    entries.append((mode, sha.decode(), p))
proc = subprocess.Popen(["git", "-C", git, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
missing = 0
for mode, sha, p in entries:
    proc.stdin.write((sha + "\n").encode()); proc.stdin.flush()
    header = proc.stdout.readline().split()
    if header[1] == b"missing": missing += 1; continue
    data = proc.stdout.read(int(header[2])); proc.stdout.read(1)
    f = os.path.join(dest, p); os.makedirs(os.path.dirname(f), exist_ok=True)
    open(f, "wb").write(data)
    if mode == b"100755": os.chmod(f, 0o755)
print(len(entries) - missing, "files written,", missing, "missing from the mirror")
PY
