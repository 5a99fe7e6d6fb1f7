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

#[cfg(test)]
mod tests {
    use super::*;

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
