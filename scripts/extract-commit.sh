#!/usr/bin/env bash
# extract-commit.sh GIT_DIR COMMIT DEST: writes the files of COMMIT into DEST, leaving out
# testdata directories and symbolic links, and skipping objects the mirror lacks (`git archive`
# stops at the first missing one: prometheus's tsdb/testdata/20kseries.json). For the
# repositories scripts/verify-real.sh is run on. Needs git and python3.
set -euo pipefail
[[ $# -eq 3 ]] || { sed -n '2,5p' "$0"; exit 2; }
mkdir -p "$3"
python3 - "$@" <<'PY'
import subprocess, sys, os
git, commit, dest = sys.argv[1], sys.argv[2], sys.argv[3]
out = subprocess.run(["git", "-C", git, "ls-tree", "-r", "-z", commit], capture_output=True, check=True).stdout
entries = []
for rec in out.split(b"\0"):
    if not rec: continue
    meta, path = rec.split(b"\t", 1)
    mode, typ, sha = meta.split()
    p = path.decode()
    if typ != b"blob" or "/testdata/" in "/" + p or mode == b"120000": continue
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
print(len(entries), "files,", missing, "missing")
PY
