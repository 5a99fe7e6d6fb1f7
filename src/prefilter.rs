//! Which transforms could find anything in a file, decided without parsing it.
//!
//! Parsing is most of a run's cost, and most files hold nothing any transform looks for. A
//! transform names the words its findings cannot do without (`defer`, `recover`, ...); a file
//! is parsed only when, for some transform, every group of its words has a member among the
//! file's identifiers and keywords. Words are matched as whole tokens of code, outside comments
//! and string literals: `go` appears in nearly every file's comments, `go` the keyword in few.
//!
//! The scan over-approximates: anything it cannot tell apart (a number run into letters, an
//! unterminated literal) is treated as code or skipped the way Go's scanner would, so a file
//! that could hold a finding is never skipped.

/// A transform's words: the file may hold a finding only if every group has a word in it.
pub type Triggers = &'static [&'static [&'static str]];

/// The words of a run's transforms, and which of them one file's code contains.
pub struct Prefilter {
    words: Vec<&'static str>,
}

impl Prefilter {
    pub fn new(triggers: impl IntoIterator<Item = Triggers>) -> Self {
        let mut words: Vec<&'static str> =
            triggers.into_iter().flatten().flat_map(|g| g.iter().copied()).collect();
        words.sort_unstable();
        words.dedup();
        assert!(words.len() <= 64, "the prefilter's word set is a u64");
        Prefilter { words }
    }

    /// The words found in `src`, as a bit set over `self.words`. A file holding a NUL byte is
    /// not Go text but binary data named `.go`: it is admitted whole, so that parsing it
    /// reports it instead of skipping it silently.
    pub fn scan(&self, src: &[u8]) -> Found<'_> {
        let all = if self.words.len() == 64 { u64::MAX } else { (1u64 << self.words.len()) - 1 };
        if memchr::memchr(0, src).is_some() {
            return Found { words: &self.words, bits: all };
        }
        let mut found = 0u64;
        for_each_code_word(src, |word| {
            if let Some(i) = self.words.iter().position(|w| w.as_bytes() == word) {
                found |= 1 << i;
            }
            found != all
        });
        Found { words: &self.words, bits: found }
    }
}

/// The result of one file's scan.
pub struct Found<'p> {
    words: &'p [&'static str],
    bits: u64,
}

impl Found<'_> {
    fn contains(&self, word: &str) -> bool {
        self.words.iter().position(|w| *w == word).is_some_and(|i| self.bits & (1 << i) != 0)
    }

    /// Whether a transform with these triggers could find anything in the file.
    pub fn admits(&self, triggers: Triggers) -> bool {
        triggers.iter().all(|group| group.iter().any(|w| self.contains(w)))
    }
}

fn is_word_byte(b: u8) -> bool {
    // Bytes of multi-byte UTF-8 sequences count as letters: Go identifiers may hold any
    // Unicode letter, and `édefer` is one identifier, not the keyword.
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Calls `visit` with each identifier or keyword of `src` outside comments and literals, in
/// order, until it returns false.
fn for_each_code_word(src: &[u8], mut visit: impl FnMut(&[u8]) -> bool) {
    let mut i = 0;
    while i < src.len() {
        let b = src[i];
        match b {
            b'/' if src.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &src[i..]).map_or(src.len(), |n| i + n);
            }
            b'/' if src.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&src[i + 2..], b"*/").map_or(src.len(), |n| i + 2 + n + 2);
            }
            b'`' => {
                i = memchr::memchr(b'`', &src[i + 1..]).map_or(src.len(), |n| i + 1 + n + 1);
            }
            b'"' | b'\'' => i = quoted_end(src, i),
            _ if is_word_byte(b) => {
                let start = i;
                while i < src.len() && is_word_byte(src[i]) {
                    i += 1;
                }
                // A run starting with a digit is a number (`0x1f`, `1e9`), never a word.
                if !b.is_ascii_digit() && !visit(&src[start..i]) {
                    return;
                }
            }
            _ => i += 1,
        }
    }
}

/// The end of the interpreted string or rune literal opening at `start`: after its closing
/// quote, or at the end of the line for one left open (as Go's scanner ends it).
fn quoted_end(src: &[u8], start: usize) -> usize {
    let quote = src[start];
    let mut i = start + 1;
    while i < src.len() {
        match src[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    src.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_code_word(src.as_bytes(), |w| {
            out.push(String::from_utf8_lossy(w).into_owned());
            true
        });
        out
    }

    #[test]
    fn skips_comments_and_literals() {
        let src = "package p // go defer\n/* defer\n*/ var s = \"defer \\\" go\" + `go\ndefer` + 'x' + '\\''\nfunc f() { defer g() }\n";
        assert_eq!(words(src), ["package", "p", "var", "s", "func", "f", "defer", "g"]);
    }

    #[test]
    fn numbers_and_unicode_are_not_words() {
        assert_eq!(words("x := 0xdefer + 1e9; édefer := 2"), ["x", "édefer"]);
    }

    #[test]
    fn unterminated_literals_end_at_the_line() {
        assert_eq!(words("s := \"open\ndefer f()\n"), ["s", "defer", "f"]);
        assert_eq!(words("/* open\ndefer"), Vec::<String>::new());
    }

    #[test]
    fn groups_must_all_match() {
        const LOOP: Triggers = &[&["for"], &["go", "defer"]];
        const DEFER: Triggers = &[&["defer"]];
        let filter = Prefilter::new([LOOP, DEFER]);
        let found = filter.scan(b"package p\n// go\nfunc f() { for { g() } }\n");
        assert!(!found.admits(LOOP) && !found.admits(DEFER));
        let found = filter.scan(b"package p\nfunc f() { for { go g() } }\n");
        assert!(found.admits(LOOP) && !found.admits(DEFER));
        let found = filter.scan(b"\x7fELF\x00\x01");
        assert!(found.admits(LOOP) && found.admits(DEFER), "binary data is parsed, to be reported");
    }
}
