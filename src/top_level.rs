//! The top-level declarations of a Go text, found without parsing: where each `package`,
//! `import`, `func`, `type`, `var` and `const` declaration starts and ends, so that the
//! package model can parse one declaration of a sibling file (with the file's package clause
//! and imports) instead of the whole file.
//!
//! Go's grammar makes this a lexical question: a source file is a sequence of declarations
//! separated by semicolons, and a semicolon is a `;` or a newline after a token that can end
//! a statement (an identifier, a literal, `return`, `)`, `}`, `++`, ...). A declaration starts
//! at the first token after such a semicolon outside every bracket. Comments and string, raw
//! string and rune literals are skipped as the compiler skips them.
//!
//! The split is a plan for parsing, not a verdict: a text it cannot read (a literal left open,
//! brackets that do not balance, a statement where a declaration belongs) has no split, and a
//! declaration whose parse has errors sends the caller back to parsing the whole file.

use crate::tokens;

/// The keyword a top-level declaration starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keyword {
    Package,
    Import,
    Func,
    Type,
    Var,
    Const,
}

impl Keyword {
    fn of(word: &[u8]) -> Option<Keyword> {
        Some(match word {
            b"package" => Keyword::Package,
            b"import" => Keyword::Import,
            b"func" => Keyword::Func,
            b"type" => Keyword::Type,
            b"var" => Keyword::Var,
            b"const" => Keyword::Const,
            _ => return None,
        })
    }
}

/// One top-level declaration: from its keyword to just past the `;` or newline that ends it
/// (a comment on its last line included), so that declarations parsed side by side stay
/// apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    pub keyword: Keyword,
    pub start: usize,
    pub end: usize,
}

/// The top-level declarations of `src` in order; None when the text cannot be split (see
/// the module comment).
pub fn declarations(src: &[u8]) -> Option<Vec<Declaration>> {
    split(src, false)
}

/// The package clause and imports of `src`: its declarations up to the first of another
/// kind, which Go requires to follow all imports. None when that much cannot be split. The
/// rest of the text is not read: asking for the imports costs a file's first lines.
pub fn header(src: &[u8]) -> Option<Vec<Declaration>> {
    split(src, true)
}

fn split(src: &[u8], header_only: bool) -> Option<Vec<Declaration>> {
    let mut split = Splitter {
        out: Vec::new(),
        open: None,
        depth: 0,
        ends_statement: false,
        header_only,
        past_header: false,
    };
    let mut i = if src.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    while i < src.len() && !split.past_header {
        let b = src[i];
        match b {
            b'\n' => {
                split.newline(i + 1);
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'/' if src.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &src[i..]).map_or(src.len(), |n| i + n);
            }
            b'/' if src.get(i + 1) == Some(&b'*') => {
                let end = i + 2 + memchr::memmem::find(&src[i + 2..], b"*/")? + 2;
                // A comment holding a newline acts as one.
                if memchr::memchr(b'\n', &src[i..end]).is_some() {
                    split.newline(end);
                }
                i = end;
            }
            b'`' => {
                split.token(i, Token::EndsStatement, b"")?;
                i = i + 1 + memchr::memchr(b'`', &src[i + 1..])? + 1;
            }
            b'"' | b'\'' => {
                let end = tokens::quoted_end(src, i);
                if end == i + 1 {
                    return None;
                }
                split.token(i, Token::EndsStatement, b"")?;
                i = end;
            }
            b'(' | b'[' | b'{' => {
                split.token(i, Token::Other, b"")?;
                split.depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                split.depth = split.depth.checked_sub(1)?;
                split.token(i, Token::EndsStatement, b"")?;
                i += 1;
            }
            b';' => {
                split.semicolon(i + 1);
                i += 1;
            }
            b'+' | b'-' if src.get(i + 1) == Some(&b) => {
                split.token(i, Token::EndsStatement, b"")?;
                i += 2;
            }
            _ if tokens::is_word_byte(b) => {
                let start = i;
                while i < src.len() && tokens::is_word_byte(src[i]) {
                    i += 1;
                }
                let word = &src[start..i];
                let ends = b.is_ascii_digit()
                    || !KEYWORDS.contains(&word)
                    || matches!(word, b"break" | b"continue" | b"fallthrough" | b"return");
                split.token(start, if ends { Token::EndsStatement } else { Token::Other }, word)?;
            }
            _ => {
                split.token(i, Token::Other, b"")?;
                i += 1;
            }
        }
    }
    if split.depth != 0 {
        return None;
    }
    split.close(src.len());
    Some(split.out)
}

const KEYWORDS: [&[u8]; 25] = [
    b"break",
    b"case",
    b"chan",
    b"const",
    b"continue",
    b"default",
    b"defer",
    b"else",
    b"fallthrough",
    b"for",
    b"func",
    b"go",
    b"goto",
    b"if",
    b"import",
    b"interface",
    b"map",
    b"package",
    b"range",
    b"return",
    b"select",
    b"struct",
    b"switch",
    b"type",
    b"var",
];

#[derive(PartialEq)]
enum Token {
    /// A newline after it ends the statement.
    EndsStatement,
    Other,
}

struct Splitter {
    out: Vec<Declaration>,
    /// The declaration being read: its keyword and start.
    open: Option<(Keyword, usize)>,
    depth: usize,
    /// The last token lets a newline end the statement.
    ends_statement: bool,
    /// Stop at the first declaration that is neither the package clause nor an import.
    header_only: bool,
    past_header: bool,
}

impl Splitter {
    /// A token starting at `at` (`word` is its text when it is a word): outside every
    /// declaration only a declaration's keyword may come.
    fn token(&mut self, at: usize, token: Token, word: &[u8]) -> Option<()> {
        if self.open.is_none() {
            let keyword = Keyword::of(word)?;
            if self.header_only && !matches!(keyword, Keyword::Package | Keyword::Import) {
                self.past_header = true;
                return Some(());
            }
            self.open = Some((keyword, at));
        }
        self.ends_statement = token == Token::EndsStatement;
        Some(())
    }

    fn newline(&mut self, end: usize) {
        if self.depth == 0 && self.ends_statement {
            self.close(end);
        }
        self.ends_statement = false;
    }

    fn semicolon(&mut self, end: usize) {
        if self.depth == 0 {
            self.close(end);
        }
        self.ends_statement = false;
    }

    fn close(&mut self, end: usize) {
        if let Some((keyword, start)) = self.open.take() {
            self.out.push(Declaration { keyword, start, end });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(src: &str) -> Option<Vec<(Keyword, &str)>> {
        Some(declarations(src.as_bytes())?.into_iter().map(|d| (d.keyword, &src[d.start..d.end])).collect())
    }

    #[test]
    fn every_declaration_from_its_keyword_past_its_end() {
        let src = "// Package p.\npackage p\n\nimport (\n\t\"fmt\"\n)\n\n// F does.\nfunc F() { fmt.Println(\"}\") } // trailing\n\ntype T func() int\nvar x, y = 1, `\nfunc G() {}\n`\nconst c = 'x'; var z = -1\nfunc (t *T) M() {\n\tx++\n}\n";
        use Keyword::*;
        assert_eq!(
            split(src).unwrap(),
            [
                (Package, "package p\n"),
                (Import, "import (\n\t\"fmt\"\n)\n"),
                (Func, "func F() { fmt.Println(\"}\") } // trailing\n"),
                (Type, "type T func() int\n"),
                (Var, "var x, y = 1, `\nfunc G() {}\n`\n"),
                (Const, "const c = 'x';"),
                (Var, "var z = -1\n"),
                (Func, "func (t *T) M() {\n\tx++\n}\n"),
            ]
        );
    }

    #[test]
    fn a_declaration_goes_on_where_its_line_cannot_end() {
        use Keyword::*;
        let src = "package p\nvar f =\nfunc() int { return 1 }\nvar g = 1 +\n\t2\nvar h = x.\n\tY\n";
        assert_eq!(
            split(src).unwrap(),
            [
                (Package, "package p\n"),
                (Var, "var f =\nfunc() int { return 1 }\n"),
                (Var, "var g = 1 +\n\t2\n"),
                (Var, "var h = x.\n\tY\n"),
            ]
        );
        // A block comment holding a newline ends the line as one; the last declaration ends
        // with the text.
        assert_eq!(
            split("package p /*\n*/ func f() {}").unwrap(),
            [(Package, "package p /*\n*/"), (Func, "func f() {}")]
        );
    }

    #[test]
    fn the_header_is_the_declarations_before_the_first_of_another_kind() {
        let whole =
            "package p\n\nimport \"os\"\nimport (\n\tx \"a/b\"\n)\n\nfunc f() {}\n\nimport \"late\"\n";
        let all = declarations(whole.as_bytes()).unwrap();
        assert_eq!(header(whole.as_bytes()).unwrap(), all[..3], "package, import, import");
        // What comes after the header is not read: a body no split could read leaves it.
        let broken = whole.replace("f() {}", "f() {");
        assert_eq!(declarations(broken.as_bytes()), None);
        assert_eq!(header(broken.as_bytes()).unwrap(), all[..3]);
        assert_eq!(header(b"package p\nimport (\n"), None, "an import left open");
    }

    #[test]
    fn texts_that_cannot_be_split() {
        for src in [
            "package p\nfunc f() {\n",
            "package p\nfunc f() }\n",
            "package p\nx := 1\n",
            "package p\nvar s = \"open\n",
            "package p\nvar s = `open\n",
            "package p\n/* open\n",
        ] {
            assert_eq!(split(src), None, "{src:?}");
        }
    }
}
