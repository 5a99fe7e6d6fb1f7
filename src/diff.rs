//! Unified diffs with `a/` and `b/` headers, byte-exact so that `git apply` reproduces the
//! in-place result (including invalid UTF-8 and CRLF lines).

use std::io::Write;

/// The unified diff from `old` to `new` of the file at `path` (relative to the current
/// directory). An absolute path (a file outside the current directory) loses its leading `/`
/// after `a/` and `b/`, as in `git diff --no-index`: `patch -p1` and `git apply` then read it
/// relative to `/` instead of refusing `a//tmp/x.go`.
pub fn unified(path: &str, old: &[u8], new: &[u8]) -> Vec<u8> {
    let path = path.trim_start_matches('/');
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    let mut udiff = diff.unified_diff();
    udiff.context_radius(3);
    let mut hunks = udiff.iter_hunks().peekable();
    if hunks.peek().is_none() {
        return out;
    }
    // Writing to a Vec cannot fail.
    let _ = writeln!(out, "--- a/{path}");
    let _ = writeln!(out, "+++ b/{path}");
    for hunk in hunks {
        let _ = hunk.to_writer(&mut out);
    }
    out
}

/// How many lines a change adds or removes, as a diff shows them and as a diff that ignores
/// whitespace does (GitHub's "Hide whitespace"): when most of them disappear there, the change
/// is mostly re-indentation, best reviewed with whitespace hidden.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineChanges {
    pub changed: usize,
    pub changed_ignoring_whitespace: usize,
}

impl LineChanges {
    pub fn between(old: &[u8], new: &[u8]) -> Self {
        let lines = |text: &[u8]| -> Vec<Vec<u8>> {
            text.split_inclusive(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
        };
        let squeeze = |lines: &[Vec<u8>]| -> Vec<Vec<u8>> {
            lines.iter().map(|l| l.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect()).collect()
        };
        let changed = |old: &[Vec<u8>], new: &[Vec<u8>]| -> usize {
            similar::capture_diff_slices(similar::Algorithm::Myers, old, new)
                .iter()
                .map(|op| match op.tag() {
                    similar::DiffTag::Equal => 0,
                    similar::DiffTag::Delete => op.old_range().len(),
                    similar::DiffTag::Insert => op.new_range().len(),
                    similar::DiffTag::Replace => op.old_range().len() + op.new_range().len(),
                })
                .sum()
        };
        let (old, new) = (lines(old), lines(new));
        LineChanges {
            changed: changed(&old, &new),
            changed_ignoring_whitespace: changed(&squeeze(&old), &squeeze(&new)),
        }
    }

    pub fn add(&mut self, other: LineChanges) {
        self.changed += other.changed;
        self.changed_ignoring_whitespace += other.changed_ignoring_whitespace;
    }

    /// Whether hiding whitespace leaves at most half of the changed lines to read.
    pub fn mostly_reindented(&self) -> bool {
        self.changed > 0 && self.changed_ignoring_whitespace * 2 <= self.changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_hidden_leaves_the_lines_that_are_not_reindented() {
        let old = b"for {\n\tdefer f()\n\tuse(f)\n}\n";
        let new = b"for {\n\tfunc() {\n\t\tdefer f()\n\t\tuse(f)\n\t}()\n}\n";
        let changes = LineChanges::between(old, new);
        assert_eq!(changes, LineChanges { changed: 6, changed_ignoring_whitespace: 2 });
        assert!(changes.mostly_reindented());
        assert_eq!(LineChanges::between(old, old), LineChanges::default());
    }

    #[test]
    fn absolute_paths_lose_their_leading_slash() {
        let diff = String::from_utf8(unified("/tmp/x.go", b"a\n", b"b\n")).unwrap();
        assert!(diff.starts_with("--- a/tmp/x.go\n+++ b/tmp/x.go\n"), "{diff}");
    }

    #[test]
    fn keeps_bytes_and_marks_missing_newline() {
        let old = b"a\r\n\xff\nc";
        let new = b"a\r\n\xff\nd";
        let d = unified("x.go", old, new);
        let expected: &[u8] = b"--- a/x.go\n+++ b/x.go\n@@ -1,3 +1,3 @@\n a\r\n \xff\n-c\n\\ No newline at end of file\n+d\n\\ No newline at end of file\n";
        assert_eq!(String::from_utf8_lossy(&d), String::from_utf8_lossy(expected));
        assert_eq!(d, expected);
    }
}
