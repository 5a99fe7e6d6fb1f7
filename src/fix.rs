//! Edits, fixes and findings: the vocabulary shared by every transform and the engine.

use std::fmt;

/// How confident a transform is that its fix changes nothing but the bug.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Applied by default.
    Safe,
    /// Applied only with `--unsafe-fixes`: the fix is right for the usual program but cannot be
    /// proven right for this one.
    Unsafe,
}

/// One replacement of the byte range `start..end` of the (normalised) source by `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: Vec<u8>,
}

impl Edit {
    pub fn insert(at: usize, text: impl Into<Vec<u8>>) -> Self {
        Edit { start: at, end: at, text: text.into() }
    }

    pub fn replace(start: usize, end: usize, text: impl Into<Vec<u8>>) -> Self {
        Edit { start, end, text: text.into() }
    }

    pub fn delete(start: usize, end: usize) -> Self {
        Edit { start, end, text: Vec::new() }
    }
}

/// A set of non-overlapping edits that together remove one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// Sorted by position; insertions at the same position are merged.
    edits: Vec<Edit>,
}

impl Fix {
    /// Builds a fix from edits in any order. Insertions at one position keep the order in which
    /// they were given, so a transform can add a line and then indent the next one.
    pub fn new(applicability: Applicability, mut edits: Vec<Edit>) -> Self {
        edits.sort_by_key(|e| (e.start, e.end));
        let mut merged: Vec<Edit> = Vec::with_capacity(edits.len());
        for edit in edits {
            match merged.last_mut() {
                Some(last) if last.start == edit.start && last.end == last.start => {
                    last.end = edit.end;
                    last.text.extend_from_slice(&edit.text);
                }
                _ => merged.push(edit),
            }
        }
        debug_assert!(merged.windows(2).all(|w| w[0].end <= w[1].start));
        Fix { applicability, edits: merged }
    }

    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// The smallest range covering every edit; two fixes whose spans touch are never applied in
    /// the same pass.
    pub fn span(&self) -> (usize, usize) {
        let start = self.edits.first().map_or(0, |e| e.start);
        let end = self.edits.iter().map(|e| e.end).max().unwrap_or(start);
        (start, end)
    }
}

/// What a transform reports: a rule, a byte range of the source it was run on, a message, and
/// possibly a fix.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static str,
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub fix: Option<Fix>,
}

/// The fix status users see in reports.
/// What a transform planned for a finding: a fix, with the reason it is unsafe when it is, or
/// the reason there is no fix.
pub type Planned = Result<(Fix, Option<String>), String>;

/// A finding's message and fix, worded alike by every rule: `base` says what is wrong; `how`,
/// what the fix does; an unsafe fix ("; the fix ..., and is unsafe: REASON") is marked
/// unsafe, so that only `--unsafe-fixes` applies it; a missing one says "; not fixed: REASON".
pub fn describe(base: String, how: Option<&str>, planned: Planned) -> (String, Option<Fix>) {
    match (planned, how) {
        (Ok((fix, None)), None) => (base, Some(fix)),
        (Ok((fix, None)), Some(how)) => (format!("{base}; the fix {how}"), Some(fix)),
        (Ok((mut fix, Some(reason))), how) => {
            fix.applicability = Applicability::Unsafe;
            let message = match how {
                Some(how) => format!("{base}; the fix {how}, and is unsafe: {reason}"),
                None => format!("{base}; the fix is unsafe: {reason}"),
            };
            (message, Some(fix))
        }
        (Err(reason), _) => (format!("{base}; not fixed: {reason}"), None),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    Safe,
    Unsafe,
    None,
}

impl FixKind {
    pub fn of(fix: Option<&Fix>) -> Self {
        match fix.map(|f| f.applicability) {
            Some(Applicability::Safe) => FixKind::Safe,
            Some(Applicability::Unsafe) => FixKind::Unsafe,
            None => FixKind::None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
            FixKind::None => "none",
        }
    }
}

impl fmt::Display for FixKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Applies non-overlapping, sorted edits to `source`.
pub fn apply_edits(source: &[u8], edits: &[&Edit]) -> Vec<u8> {
    let added: usize = edits.iter().map(|e| e.text.len()).sum();
    let mut out = Vec::with_capacity(source.len() + added);
    let mut pos = 0;
    for edit in edits {
        out.extend_from_slice(&source[pos..edit.start]);
        out.extend_from_slice(&edit.text);
        pos = edit.end;
    }
    out.extend_from_slice(&source[pos..]);
    out
}

/// Maps positions in the text produced by one pass of edits back to the text before it, so that
/// every finding can be reported at a position in the file as it was read.
#[derive(Clone, Debug, Default)]
pub struct PositionMap {
    /// (old start, old end, new start, new end) of each edit, sorted.
    spans: Vec<(usize, usize, usize, usize)>,
    /// Whether each edit wrote code (text other than spaces, tabs and newlines: more than a
    /// re-indentation).
    writes_code: Vec<bool>,
}

impl PositionMap {
    pub fn new(edits: &[&Edit]) -> Self {
        let mut delta: isize = 0;
        let spans = edits
            .iter()
            .map(|e| {
                let new_start = (e.start as isize + delta) as usize;
                let new_end = new_start + e.text.len();
                delta += e.text.len() as isize - (e.end - e.start) as isize;
                (e.start, e.end, new_start, new_end)
            })
            .collect();
        let writes_code =
            edits.iter().map(|e| e.text.iter().any(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))).collect();
        PositionMap { spans, writes_code }
    }

    /// Whether an edit of the range `start..end` of the new text would change code one of the
    /// edits wrote from the inside: one of its ends falls strictly within written text. Moving
    /// or deleting a whole statement that holds written code is not that.
    pub fn touches_written(&self, start: usize, end: usize) -> bool {
        self.spans.iter().zip(&self.writes_code).any(|(&(_, _, new_start, new_end), &writes)| {
            let inside = |pos: usize| new_start < pos && pos < new_end;
            writes && (inside(start) || inside(end))
        })
    }

    /// A position inside inserted or replaced text maps to the start of what it replaced.
    pub fn to_old(&self, pos: usize) -> usize {
        let idx = self.spans.partition_point(|s| s.2 <= pos);
        if idx == 0 {
            return pos;
        }
        let (old_start, old_end, _, new_end) = self.spans[idx - 1];
        if pos < new_end { old_start } else { old_end + (pos - new_end) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertions_at_one_position_keep_their_order() {
        let fix = Fix::new(
            Applicability::Safe,
            vec![Edit::insert(3, "b"), Edit::replace(5, 6, "x"), Edit::insert(3, "c")],
        );
        let edits: Vec<&Edit> = fix.edits().iter().collect();
        assert_eq!(apply_edits(b"0123456", &edits), b"012bc34x6");
        assert_eq!(fix.span(), (3, 6));
    }

    #[test]
    fn positions_map_back_across_edits() {
        let source = b"aaa\nbbb\nccc\n";
        let edits = [Edit::insert(4, "\t"), Edit::replace(8, 11, "dd"), Edit::insert(12, "z\n")];
        let refs: Vec<&Edit> = edits.iter().collect();
        let out = apply_edits(source, &refs);
        assert_eq!(out, b"aaa\n\tbbb\ndd\nz\n");
        let map = PositionMap::new(&refs);
        assert_eq!(map.to_old(0), 0);
        assert_eq!(map.to_old(4), 4, "inside the inserted tab");
        assert_eq!(map.to_old(5), 4, "the b after the tab");
        assert_eq!(map.to_old(6), 5);
        assert_eq!(map.to_old(9), 8, "inside the replacement");
        assert_eq!(map.to_old(11), 11, "the newline after it");
    }
}
