//! Which transforms could find anything in a file, decided without parsing it.
//!
//! Parsing is most of a run's cost, and most files hold nothing any transform looks for. A
//! transform names the words its findings cannot do without (`defer`, `recover`, ...); a file
//! is parsed only when, for some transform, every group of its words has a member among the
//! file's identifiers and keywords. Words are matched as whole tokens of code, outside comments
//! and string literals: `go` appears in nearly every file's comments, `go` the keyword in few.
//! A transform may also name the imports its words need (resource-never-released's `Open` is
//! os's, its `Get` net/http's): a file is parsed for it only when it holds one of the words
//! and quotes that word's import path.

use crate::tokens;
use crate::transforms::Transform;

/// Where each code word of a text starts and ends, in order.
pub type WordPlaces = Vec<(usize, usize)>;

/// A transform's words: the file may hold a finding only if every group has a word in it.
pub type Triggers = &'static [&'static [&'static str]];

/// The words of a run's transforms, and which of them one file's code contains.
pub struct Prefilter {
    words: Vec<&'static str>,
    /// For each first byte, the words starting with it (a bit set over `words`): most of a
    /// file's tokens start with a byte no word starts with, and are dismissed by one load.
    by_first_byte: [u64; 256],
}

impl Prefilter {
    pub fn new(triggers: impl IntoIterator<Item = Triggers>) -> Self {
        let mut words: Vec<&'static str> =
            triggers.into_iter().flatten().flat_map(|g| g.iter().copied()).collect();
        words.sort_unstable();
        words.dedup();
        assert!(words.len() <= 64, "the prefilter's word set is a u64");
        let mut by_first_byte = [0u64; 256];
        for (i, w) in words.iter().enumerate() {
            if let Some(&first) = w.as_bytes().first() {
                by_first_byte[usize::from(first)] |= 1 << i;
            }
        }
        Prefilter { words, by_first_byte }
    }

    /// The words found in `src`, as a bit set over `self.words`, and where every code word of
    /// `src` is: an admitted file's transforms look their nodes up by them, and the file is
    /// not scanned twice. A file holding a NUL byte is not Go text but binary data named
    /// `.go`: it is admitted whole, so that parsing it reports it instead of skipping it
    /// silently, and its words are not known.
    pub fn scan(&self, src: &[u8]) -> Found<'_> {
        let all = if self.words.len() == 64 { u64::MAX } else { (1u64 << self.words.len()) - 1 };
        if memchr::memchr(0, src).is_some() {
            return Found { words: &self.words, bits: all, positions: None };
        }
        let mut found = 0u64;
        let mut positions = Vec::new();
        tokens::for_each_code_word(src, |start, word| {
            positions.push((start, start + word.len()));
            let mut candidates = self.by_first_byte[usize::from(word[0])] & !found;
            while candidates != 0 {
                let i = candidates.trailing_zeros();
                if self.words[i as usize].as_bytes() == word {
                    found |= 1 << i;
                    break;
                }
                candidates &= candidates - 1;
            }
            true
        });
        Found { words: &self.words, bits: found, positions: Some(positions) }
    }
}

/// The result of one file's scan.
pub struct Found<'p> {
    words: &'p [&'static str],
    bits: u64,
    /// Where each code word of the file starts and ends, in order; None for binary data.
    positions: Option<WordPlaces>,
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

/// The transforms that could find anything in `src`: their trigger words are among its code
/// tokens and it may import what they need. The engine parses a file only when some are.
pub fn admitted<'t>(transforms: &[&'t dyn Transform], src: &[u8]) -> Vec<&'t dyn Transform> {
    admitted_with_words(transforms, src).0
}

/// [`admitted`], with where the code words of `src` are (None for binary data; see
/// [`Prefilter::scan`]).
pub fn admitted_with_words<'t>(
    transforms: &[&'t dyn Transform],
    src: &[u8],
) -> (Vec<&'t dyn Transform>, Option<WordPlaces>) {
    let prefilter = Prefilter::new(transforms.iter().map(|t| t.triggers()));
    let mut found = prefilter.scan(src);
    let admitted = transforms
        .iter()
        .copied()
        .filter(|t| {
            found.admits(t.triggers()) && {
                let imports = t.imports();
                imports.is_empty()
                    || imports
                        .iter()
                        .any(|i| i.words.iter().any(|w| found.contains(w)) && may_import(src, i.path))
            }
        })
        .collect();
    (admitted, found.positions.take())
}

/// An import path a transform needs, and the trigger words it needs it for: os for `Open`,
/// net/http for `Get`. The words must be among the transform's triggers, the only words a
/// scan looks for.
pub struct Import {
    pub path: &'static str,
    pub words: &'static [&'static str],
}

/// Whether `src` may import `path`: the path appears in quotes or backquotes somewhere in the
/// text. Rules read an import's path as the literal's text between its quotes, so a file
/// without that text imports nothing they see.
fn may_import(src: &[u8], path: &str) -> bool {
    [b'"', b'`'].iter().any(|&quote| {
        let mut quoted = Vec::with_capacity(path.len() + 2);
        quoted.push(quote);
        quoted.extend_from_slice(path.as_bytes());
        quoted.push(quote);
        memchr::memmem::find(src, &quoted).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(found.positions.is_none(), "binary data has no words");
    }

    /// The scan keeps every code word's place, past the point where all words were found, as
    /// the tokenizer gives them: the file's transforms use them instead of a second scan.
    #[test]
    fn the_scan_keeps_every_word() {
        let src =
            b"package p\n\nfunc f() {\n\tdefer g() // go\n\tfor {\n\t\tgo h(\"for\")\n\t}\n\tx := y\n}\n";
        let mut expected = Vec::new();
        tokens::for_each_code_word(src, |start, word| {
            expected.push((start, start + word.len()));
            true
        });
        const DEFER: Triggers = &[&["defer"]];
        let filter = Prefilter::new([DEFER]);
        let found = filter.scan(src);
        assert!(found.admits(DEFER));
        assert_eq!(found.positions.as_deref(), Some(&expected[..]));
        assert_eq!(expected.len(), 11, "package p func f defer g for go h x y: {expected:?}");
    }

    #[test]
    fn import_words_are_trigger_words() {
        for t in crate::transforms::all() {
            for import in t.imports() {
                for word in import.words {
                    assert!(t.triggers().iter().any(|g| g.contains(word)), "{}: {word}", t.name());
                }
            }
        }
    }

    #[test]
    fn imports_are_looked_for_as_quoted_paths() {
        let src = b"package p\n\nimport (\n\t\"net/http\"\n\t`os`\n)\n";
        assert!(may_import(src, "net/http"));
        assert!(may_import(src, "os"), "a raw string is a path too");
        assert!(!may_import(src, "net"), "a prefix of a path is not the path");
        assert!(!may_import(src, "http") && !may_import(src, "database/sql"));
    }
}
