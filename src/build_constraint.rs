//! A file's `//go:build` line as an expression (go/constraint's grammar: tags, `!`, `&&`,
//! `||`, parentheses). The language version reads the minimum Go version it implies; the
//! package model reads whether the file is ever built.

use crate::langver::GoVersion;

/// A build expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Tag(String),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

/// The expression of the file's `//go:build` line, if it has one that parses. Build lines come
/// before the package clause.
pub fn of_file(source: &[u8]) -> Option<Expr> {
    for line in source.split(|&b| b == b'\n') {
        let trimmed = std::str::from_utf8(line).unwrap_or("").trim();
        if let Some(expr) = trimmed.strip_prefix("//go:build") {
            return Expr::parse(expr);
        }
        if trimmed.starts_with("package ") {
            return None;
        }
    }
    None
}

impl Expr {
    pub fn parse(text: &str) -> Option<Expr> {
        let mut reader = Reader { tokens: tokens(text), pos: 0 };
        let expr = reader.or()?;
        (reader.pos == reader.tokens.len()).then_some(expr)
    }

    fn tags<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Tag(t) => {
                if !out.contains(&t.as_str()) {
                    out.push(t)
                }
            }
            Expr::Not(e) => e.tags(out),
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.tags(out);
                b.tags(out);
            }
        }
    }

    fn holds(&self, set: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Expr::Tag(t) => set(t),
            Expr::Not(e) => !e.holds(set),
            Expr::And(a, b) => a.holds(set) && b.holds(set),
            Expr::Or(a, b) => a.holds(set) || b.holds(set),
        }
    }

    /// Whether some build sets the tags so that the file is built, with `ignore` never set:
    /// `//go:build ignore` marks the programs run with `go run` that sit in a package's
    /// directory (often `package main`), never part of the package. Every other tag may be set
    /// by some build. Expressions with more than 16 tags are taken as satisfiable.
    pub fn satisfiable(&self) -> bool {
        let mut tags = Vec::new();
        self.tags(&mut tags);
        tags.retain(|t| *t != "ignore");
        if tags.len() > 16 {
            return true;
        }
        (0u32..1 << tags.len()).any(|bits| {
            self.holds(&|tag| tags.iter().position(|t| *t == tag).is_some_and(|i| bits & (1 << i) != 0))
        })
    }

    /// The minimum Go version the expression implies, as `goN.M` tags spell it: `go1.22 &&
    /// linux` implies 1.22, `go1.21 || go1.23` implies 1.21, `!go1.22` and `go1.22 || linux`
    /// imply nothing.
    pub fn implied(&self, version: &dyn Fn(&str) -> Option<GoVersion>) -> Option<GoVersion> {
        match self {
            Expr::Tag(t) => t.strip_prefix("go").and_then(version),
            Expr::Not(_) => None,
            Expr::And(a, b) => a.implied(version).max(b.implied(version)),
            Expr::Or(a, b) => match (a.implied(version), b.implied(version)) {
                (Some(x), Some(y)) => Some(x.min(y)),
                _ => None,
            },
        }
    }
}

fn tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let len = if rest.starts_with("&&") || rest.starts_with("||") {
            2
        } else if rest.starts_with(['!', '(', ')']) {
            1
        } else {
            rest.find(|c: char| c.is_whitespace() || "!()&|".contains(c)).unwrap_or(rest.len()).max(1)
        };
        tokens.push(&rest[..len]);
        rest = rest[len..].trim_start();
    }
    tokens
}

/// Recursive descent; build lines are short, so the depth is bounded by the line.
struct Reader<'a> {
    tokens: Vec<&'a str>,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<&'a str> {
        self.tokens.get(self.pos).copied()
    }

    fn or(&mut self) -> Option<Expr> {
        let mut expr = self.and()?;
        while self.peek() == Some("||") {
            self.pos += 1;
            expr = Expr::Or(Box::new(expr), Box::new(self.and()?));
        }
        Some(expr)
    }

    fn and(&mut self) -> Option<Expr> {
        let mut expr = self.not()?;
        while self.peek() == Some("&&") {
            self.pos += 1;
            expr = Expr::And(Box::new(expr), Box::new(self.not()?));
        }
        Some(expr)
    }

    fn not(&mut self) -> Option<Expr> {
        match self.peek()? {
            "!" => {
                self.pos += 1;
                Some(Expr::Not(Box::new(self.not()?)))
            }
            "(" => {
                self.pos += 1;
                let inner = self.or()?;
                (self.peek() == Some(")")).then(|| {
                    self.pos += 1;
                    inner
                })
            }
            ")" | "&&" | "||" => None,
            tag => {
                self.pos += 1;
                Some(Expr::Tag(tag.to_string()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_is_never_set_and_other_tags_may_be() {
        let built = |line: &str| Expr::parse(line).unwrap().satisfiable();
        assert!(!built("ignore"));
        assert!(!built("ignore && linux"));
        assert!(built("!ignore"));
        assert!(built("linux || ignore"));
        assert!(built("linux && !windows"));
        assert!(!built("linux && !linux"));
        assert!(built("(linux || darwin) && integration"));
    }

    #[test]
    fn malformed_lines_are_not_expressions() {
        assert_eq!(Expr::parse("linux &&"), None);
        assert_eq!(Expr::parse("(linux"), None);
        assert_eq!(Expr::parse("linux)"), None);
        assert_eq!(Expr::parse(""), None);
    }

    #[test]
    fn the_build_line_comes_before_the_package_clause() {
        assert_eq!(of_file(b"//go:build ignore\n\npackage main\n"), Some(Expr::Tag("ignore".into())));
        assert_eq!(of_file(b"package p\n//go:build ignore\n"), None);
    }
}
