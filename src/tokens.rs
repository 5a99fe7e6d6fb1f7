//! The identifiers and keywords of Go source, found without parsing: a scan that skips
//! comments and string, raw string and rune literals. The prefilter decides from them whether
//! a file is worth parsing, and transforms find the nodes they start from by their tokens
//! instead of walking every node of the tree.
//!
//! A comment or literal left unterminated is not one: its opening character is passed over
//! and what follows is scanned as code. Go rejects such a file, but tree-sitter's grammar may
//! read it as code (`"" /*""` is a division by `*""` to it), and the scan must never find
//! fewer words than the parser has leaves: a word too many costs a parse, one too few a
//! finding. A number run into letters (`0xdefe`) is never a word. On a file that parses
//! cleanly the words are the parser's identifier and keyword leaves (tests/fuzz.rs checks).

/// Bytes that can be part of a word. Bytes of multi-byte UTF-8 sequences count as letters: Go
/// identifiers may hold any Unicode letter, and `édefer` is one identifier, not the keyword.
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
        b += 1;
    }
    table
};

/// Whether `b` can be part of an identifier or keyword (see [`WORD_BYTE`]).
pub(crate) fn is_word_byte(b: u8) -> bool {
    WORD_BYTE[usize::from(b)]
}

/// Calls `visit` with the offset and text of each identifier or keyword of `src` outside
/// comments and literals, in order, until it returns false.
pub fn for_each_code_word(src: &[u8], mut visit: impl FnMut(usize, &[u8]) -> bool) {
    // A byte-order mark at the start is not part of the text, for Go as for tree-sitter (the
    // engine removes one; a second one can follow it).
    let mut i = if src.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    while i < src.len() {
        let b = src[i];
        match b {
            b'/' if src.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &src[i..]).map_or(src.len(), |n| i + n);
            }
            b'/' if src.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&src[i + 2..], b"*/").map_or(i + 1, |n| i + 2 + n + 2);
            }
            b'`' => {
                i = memchr::memchr(b'`', &src[i + 1..]).map_or(i + 1, |n| i + 1 + n + 1);
            }
            b'"' | b'\'' => i = quoted_end(src, i),
            _ if is_word_byte(b) => {
                let start = i;
                while i < src.len() && is_word_byte(src[i]) {
                    i += 1;
                }
                // A run starting with a digit is a number (`0x1f`, `1e9`), never a word.
                if !b.is_ascii_digit() && !visit(start, &src[start..i]) {
                    return;
                }
            }
            _ => i += 1,
        }
    }
}

/// The end of the interpreted string or rune literal opening at `start`: after its closing
/// quote; for one left open, just after the quote itself (see the module comment).
pub(crate) fn quoted_end(src: &[u8], start: usize) -> usize {
    let quote = src[start];
    let mut i = start + 1;
    while i < src.len() {
        match src[i] {
            b'\\' => i += 2,
            b'\n' => break,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    start + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_code_word(src.as_bytes(), |_, w| {
            out.push(String::from_utf8_lossy(w).into_owned());
            true
        });
        out
    }

    #[test]
    fn offsets_are_the_words_starts() {
        let mut found = Vec::new();
        for_each_code_word(b"a /* b */ cc 'd' ee", |at, w| {
            found.push((at, w.to_vec()));
            true
        });
        assert_eq!(found, [(0, b"a".to_vec()), (10, b"cc".to_vec()), (17, b"ee".to_vec())]);
    }

    #[test]
    fn skips_comments_and_literals() {
        let src = "package p // go defer\n/* defer\n*/ var s = \"defer \\\" go\" + `go\ndefer` + 'x' + '\\''\nfunc f() { defer g() }\n";
        assert_eq!(words(src), ["package", "p", "var", "s", "func", "f", "defer", "g"]);
    }

    #[test]
    fn a_leading_byte_order_mark_is_not_part_of_a_word() {
        assert_eq!(words("\u{FEFF}recover()"), ["recover"]);
    }

    #[test]
    fn numbers_and_unicode_are_not_words() {
        assert_eq!(words("x := 0xdefer + 1e9; édefer := 2"), ["x", "édefer"]);
    }

    #[test]
    fn unterminated_literals_are_scanned_as_code() {
        assert_eq!(words("s := \"open\ndefer f()\n"), ["s", "open", "defer", "f"]);
        assert_eq!(words("/* open\ndefer"), ["open", "defer"]);
        assert_eq!(words("x := `open\ndefer"), ["x", "open", "defer"]);
        assert_eq!(words("\"\" /*\"\" + defer"), ["defer"]);
    }
}
