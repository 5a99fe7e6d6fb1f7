//! `--new-from-rev REV` and `--new-from-patch FILE`: the lines a diff adds or changes, per
//! file, so that a CI gate sees only findings in new code, as golangci-lint's options of the
//! same names do. A finding counts as new when the line it starts on was added or changed;
//! findings elsewhere are not reported and their fixes are not applied.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// The new lines of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lines {
    /// A file git does not track yet: all of it is new.
    All,
    /// 1-based line numbers in the file as it is now.
    Only(BTreeSet<usize>),
}

impl Lines {
    pub fn contains(&self, line: usize) -> bool {
        match self {
            Lines::All => true,
            Lines::Only(lines) => lines.contains(&line),
        }
    }
}

/// The files a diff touches, by canonical path (so that `./a.go`, `a.go` and an absolute
/// path name the same file), with their new lines.
#[derive(Debug, Default)]
pub struct ChangedLines {
    files: HashMap<PathBuf, Lines>,
}

impl ChangedLines {
    /// The new lines of `path`, or None when the diff leaves the file as it was.
    pub fn of(&self, path: &Path) -> Option<&Lines> {
        self.files.get(&std::fs::canonicalize(path).ok()?)
    }

    /// `git diff REV` in the working tree (committed, staged and unstaged changes), plus the
    /// untracked files, which are new as a whole, as golangci-lint counts them.
    pub fn from_rev(rev: &str) -> Result<Self> {
        let root = git(&["rev-parse", "--show-toplevel"], Path::new(".")).with_context(|| {
            format!(
                "--new-from-rev {rev}: needs a git repository; run it inside one, or use --new-from-patch"
            )
        })?;
        let root = PathBuf::from(root.trim_end_matches(['\n', '\r']));
        let patch = git(
            &[
                "-c",
                "core.quotePath=false",
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                "-U0",
                rev,
                "--",
            ],
            &root,
        )
        .with_context(|| format!("--new-from-rev {rev}: name a commit, branch or tag of this repository"))?;
        let mut changed = Self::from_patch(&patch, &root);
        let untracked = git(&["ls-files", "-z", "--others", "--exclude-standard"], &root)
            .with_context(|| format!("--new-from-rev {rev}: cannot list the untracked files"))?;
        for name in untracked.split('\0').filter(|n| !n.is_empty()) {
            changed.insert(&root.join(name), Lines::All);
        }
        Ok(changed)
    }

    /// A unified diff read from FILE: paths as `git diff` writes them (`b/` is dropped), taken
    /// relative to the repository root when the current directory is in one, else to the
    /// current directory (where `diff -ru` output would be applied).
    pub fn from_patch_file(file: &Path) -> Result<Self> {
        let text = std::fs::read(file)
            .with_context(|| format!("--new-from-patch {}: cannot read this patch", file.display()))?;
        let base = git(&["rev-parse", "--show-toplevel"], Path::new("."))
            .map(|root| PathBuf::from(root.trim_end_matches(['\n', '\r'])))
            .unwrap_or_else(|_| PathBuf::from("."));
        Ok(Self::from_patch(&String::from_utf8_lossy(&text), &base))
    }

    /// Every `+` line of every hunk, by the file after the change; deleted files add nothing.
    pub fn from_patch(patch: &str, base: &Path) -> Self {
        let mut changed = ChangedLines::default();
        let mut current: Option<(PathBuf, BTreeSet<usize>)> = None;
        // Inside a hunk: the next new line's number, and how many old and new lines remain
        // (counted, so that a removed line reading "-- x" is not taken for a header).
        let mut hunk: Option<Hunk> = None;
        for line in patch.lines() {
            if let Some(h) = &mut hunk {
                match line.as_bytes().first() {
                    Some(b'+') => {
                        if let Some((_, lines)) = &mut current {
                            lines.insert(h.next);
                        }
                        h.next += 1;
                        h.new_left = h.new_left.saturating_sub(1);
                    }
                    Some(b'-') => h.old_left = h.old_left.saturating_sub(1),
                    Some(b'\\') => {}
                    // A context line; some tools strip the space of an empty one.
                    _ => {
                        h.next += 1;
                        h.new_left = h.new_left.saturating_sub(1);
                        h.old_left = h.old_left.saturating_sub(1);
                    }
                }
                if h.old_left == 0 && h.new_left == 0 {
                    hunk = None;
                }
                continue;
            }
            if let Some(name) = line.strip_prefix("+++ ") {
                if let Some((path, lines)) = current.take() {
                    changed.insert(&path, Lines::Only(lines));
                }
                current = new_file_path(name).map(|p| (base.join(p), BTreeSet::new()));
            } else if let Some(header) = line.strip_prefix("@@ ") {
                hunk = Hunk::parse(header).filter(|h| h.old_left > 0 || h.new_left > 0);
            }
        }
        if let Some((path, lines)) = current.take() {
            changed.insert(&path, Lines::Only(lines));
        }
        changed
    }

    fn insert(&mut self, path: &Path, lines: Lines) {
        // A file the patch names that is not on disk (deleted since) cannot hold findings.
        if let Ok(real) = std::fs::canonicalize(path) {
            match (self.files.get_mut(&real), lines) {
                (Some(Lines::Only(old)), Lines::Only(new)) => old.extend(new),
                (Some(Lines::All), _) => {}
                (_, lines) => {
                    self.files.insert(real, lines);
                }
            }
        }
    }
}

/// The path after `+++ `: None for a deleted file (`/dev/null`).
fn new_file_path(name: &str) -> Option<PathBuf> {
    // `diff -u` appends a tab and a timestamp.
    let name = name.split('\t').next().unwrap_or(name);
    let name = unquote(name);
    if name == "/dev/null" {
        return None;
    }
    Some(PathBuf::from(name.strip_prefix("b/").unwrap_or(&name)))
}

/// Git quotes a path holding a quote, a backslash or a control character, C-style.
fn unquote(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else {
        return name.to_string();
    };
    let mut bytes = Vec::new();
    let mut chars = inner.bytes().peekable();
    while let Some(b) = chars.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match chars.next() {
            Some(b't') => bytes.push(b'\t'),
            Some(b'n') => bytes.push(b'\n'),
            Some(d @ b'0'..=b'7') => {
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&d @ b'0'..=b'7') = chars.peek() {
                        value = value * 8 + u32::from(d - b'0');
                        chars.next();
                    }
                }
                bytes.push(value as u8);
            }
            Some(other) => bytes.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Where a hunk's new lines start, and how many old and new lines it holds.
struct Hunk {
    next: usize,
    old_left: usize,
    new_left: usize,
}

impl Hunk {
    /// `-a,b +c,d @@ ...`; a missing count is 1.
    fn parse(header: &str) -> Option<Hunk> {
        let mut parts = header.split(' ');
        let range = |part: Option<&str>, sign: char| -> Option<(usize, usize)> {
            let mut numbers = part?.strip_prefix(sign)?.split(',');
            let start = numbers.next()?.parse().ok()?;
            let count = numbers.next().map_or(Some(1), |c| c.parse().ok())?;
            Some((start, count))
        };
        let (_, old_left) = range(parts.next(), '-')?;
        let (next, new_left) = range(parts.next(), '+')?;
        Some(Hunk { next, old_left, new_left })
    }
}

/// Runs git in `dir` and returns its standard output, or its complaint as the error.
fn git(args: &[&str], dir: &Path) -> Result<String> {
    let output = Command::new("git").args(args).current_dir(dir).output().context("cannot run git")?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let what = args.iter().find(|a| !a.starts_with('-') && !a.contains('=')).unwrap_or(&"");
        bail!("git {what}: {}", stderr.lines().next().unwrap_or("failed without a message"));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_lines_of_each_hunk_by_the_new_file() {
        let tmp = tempfile::tempdir().unwrap();
        for name in ["a.go", "b.go", "c d.go"] {
            std::fs::write(tmp.path().join(name), "").unwrap();
        }
        let patch = "\
diff --git a/a.go b/a.go
--- a/a.go
+++ b/a.go
@@ -1,3 +1,4 @@
 package p
--- old
+new
+newer
 same
@@ -10,0 +12 @@ func f() {
+added
diff --git a/gone.go b/gone.go
--- a/gone.go
+++ /dev/null
@@ -1 +0,0 @@
-package p
--- b.go\t2026-01-01 00:00:00
+++ b.go\t2026-01-01 00:00:00
@@ -2 +2 @@
-x
+y
--- \"a/c d.go\"
+++ \"b/c d.go\"
@@ -0,0 +1 @@
+package p
";
        let changed = ChangedLines::from_patch(patch, tmp.path());
        let lines = |name: &str| changed.of(&tmp.path().join(name)).cloned();
        assert_eq!(lines("a.go"), Some(Lines::Only([2, 3, 12].into())));
        assert_eq!(lines("b.go"), Some(Lines::Only([2].into())));
        assert_eq!(lines("c d.go"), Some(Lines::Only([1].into())));
        assert_eq!(lines("gone.go"), None);
    }

    #[test]
    fn octal_escapes_are_bytes() {
        assert_eq!(unquote("\"b/\\303\\251t\\\"\""), "b/ét\"");
        assert_eq!(unquote("b/plain"), "b/plain");
    }
}
