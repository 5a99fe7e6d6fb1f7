//! Go syntax newer than tree-sitter-go 0.25, the grammar defer-fix parses with, found in a
//! file's text, and the same-length stand-in the grammar reads in its place (`parse` decides
//! when to use them):
//!
//! - Go 1.26's `new(expression)`: the grammar reads `new(` as the start of `new(Type)` only,
//!   and `make(` as `make(Type, ...)` (which also fails on a function of that name,
//!   `make(n - 1)`, valid in any Go version). The word gets another name of its length, which
//!   makes the call an ordinary one whose argument the grammar reads as the expression it is,
//!   comments and raw strings included. Go's own parser treats `new` and `make` as ordinary
//!   identifiers, so the stand-in neither hides a syntax error nor makes one.
//! - Go 1.27's generic methods, `func (r R) M[T any](x T)`: the grammar allows type parameters
//!   on functions only. The method's type parameter list becomes spaces (its newlines kept, so
//!   that every line and column stays where it was), once the list on its own has parsed as a
//!   function's type parameters: the list is checked, only not in the file's tree.
//!
//! Both stand-ins keep every byte offset, so the tree of the stand-in text describes the file
//! as read.

use tree_sitter::{Node, Tree};

use crate::syntax::{Fields, KindName};
use crate::tokens;

/// What `new` or `make` is called in the text the grammar reads: the word with its last letter
/// turned into `_` (`ne_`, `mak_`); any identifier of its length would do.
pub fn stand_in(copy: &mut [u8], start: usize, end: usize) {
    debug_assert!(matches!(&copy[start..end], b"new" | b"make"));
    copy[end - 1] = b'_';
}

/// The byte ranges of the code words `new` and `make` followed by `(`: every call of the
/// builtins or of functions so named (a method so named, `x.new(...)`, is an ordinary call to
/// the grammar too).
pub fn builtin_calls(src: &[u8]) -> Vec<(usize, usize)> {
    let blank = |b: &&u8| matches!(b, b' ' | b'\t');
    let mut calls = Vec::new();
    tokens::for_each_code_word(src, |start, word| {
        let end = start + word.len();
        if (word == b"new" || word == b"make")
            && src[end..].iter().find(|b| !blank(b)) == Some(&b'(')
            && src[..start].iter().rev().find(|b| !blank(b) && **b != b'\n') != Some(&b'.')
        {
            calls.push((start, end));
        }
        true
    });
    calls
}

/// The call whose callee is the `new` or `make` (or its stand-in) at `start..end`, as the tree
/// reads it.
fn call_of(tree: &Tree, (start, end): (usize, usize)) -> Option<Node<'_>> {
    let leaf = tree.root_node().descendant_for_byte_range(start, end)?;
    if leaf.start_byte() != start || leaf.end_byte() != end || leaf.kind_name() != "identifier" {
        return None;
    }
    let call = leaf.parent().filter(|p| p.kind_name() == "call_expression")?;
    (call.field("function") == Some(leaf)).then_some(call)
}

/// Whether the tree reads the `new` or `make` at `at` as a call without any error inside:
/// `new(T)`, which the grammar knows, or a stand-in's ordinary call.
pub fn reads_as_call(tree: &Tree, at: (usize, usize)) -> bool {
    call_of(tree, at).is_some_and(|call| !call.has_error())
}

/// Whether the stand-in at `at` made its own call unreadable: the call is gone, or its
/// argument list holds an error directly (a type argument, `new([]int)`, is no expression),
/// not only inside a nested call.
pub fn stand_in_misread(tree: &Tree, at: (usize, usize)) -> bool {
    let Some(args) = call_of(tree, at).and_then(|c| c.field("arguments")) else {
        return true;
    };
    let mut cursor = args.walk();
    args.children(&mut cursor).any(|c| c.is_error() || c.is_missing())
}

/// One significant token of Go text: comments and whitespace are skipped, a literal is one
/// token.
#[derive(Clone, Copy, Debug)]
struct Token {
    start: usize,
    end: usize,
    /// A newline (in whitespace or inside a comment) separates it from the token before.
    after_newline: bool,
}

fn significant_tokens(src: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut newline = false;
    let mut i = 0;
    while i < src.len() {
        let start = i;
        match src[i] {
            b'\n' => {
                newline = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'/' if src.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &src[i..]).map_or(src.len(), |n| i + n);
                continue;
            }
            b'/' if src.get(i + 1) == Some(&b'*') => {
                let end = memchr::memmem::find(&src[i + 2..], b"*/").map_or(src.len(), |n| i + 2 + n + 2);
                newline |= memchr::memchr(b'\n', &src[i..end]).is_some();
                i = end;
                continue;
            }
            b'`' => i = memchr::memchr(b'`', &src[i + 1..]).map_or(src.len(), |n| i + 1 + n + 1),
            b'"' | b'\'' => i = tokens::quoted_end(src, i),
            b if is_word_byte(b) => {
                while i < src.len() && is_word_byte(src[i]) {
                    i += 1;
                }
            }
            _ => i += 1,
        }
        out.push(Token { start, end: i, after_newline: newline });
        newline = false;
    }
    out
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// After which tokens a newline ends a declaration (Go's semicolon rule, for the tokens that
/// can end one at the top level: names, literals, closing brackets).
fn ends_statement(src: &[u8], t: Token) -> bool {
    let last = src[t.end - 1];
    is_word_byte(last) || matches!(last, b')' | b']' | b'}' | b'"' | b'\'' | b'`')
}

/// The index of the token closing the bracket opened at `open`.
fn closing(src: &[u8], tokens: &[Token], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in tokens.iter().enumerate().skip(open) {
        match src[t.start] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The byte ranges of generic methods' type parameter lists (`[T any]` in
/// `func (r R) M[T any](x T)`, brackets included): method declarations at the top level whose
/// name is followed by `[`. Where Go would end the declaration at a newline (after the
/// receiver, the name or the list), it is not one.
pub fn generic_method_type_parameters(src: &[u8]) -> Vec<(usize, usize)> {
    let tokens = significant_tokens(src);
    let is = |i: usize, text: &[u8]| tokens.get(i).is_some_and(|t| &src[t.start..t.end] == text);
    let same_line = |i: usize| tokens.get(i).is_some_and(|t| !t.after_newline);
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        match src[t.start] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let declaration_start = i > 0 && {
            let prev = tokens[i - 1];
            &src[prev.start..prev.end] == b";" || (t.after_newline && ends_statement(src, prev))
        };
        if depth == 0 && declaration_start && is(i, b"func") && is(i + 1, b"(") {
            let head = closing(src, &tokens, i + 1).and_then(|receiver_end| {
                let name = receiver_end + 1;
                let name_is_word = tokens.get(name).is_some_and(|n| is_word_byte(src[n.start]));
                if !(name_is_word && same_line(name) && is(name + 1, b"[") && same_line(name + 1)) {
                    return None;
                }
                let list_end = closing(src, &tokens, name + 1)?;
                (is(list_end + 1, b"(") && same_line(list_end + 1))
                    .then(|| (tokens[name + 1].start, tokens[list_end].end, list_end))
            });
            if let Some((start, end, list_end)) = head {
                spans.push((start, end));
                i = list_end + 1;
                continue;
            }
        }
        i += 1;
    }
    spans
}

/// `text` with `start..end` turned into spaces, newlines kept.
pub fn blank(text: &mut [u8], start: usize, end: usize) {
    for b in &mut text[start..end] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(src: &str) -> Vec<&str> {
        generic_method_type_parameters(src.as_bytes()).into_iter().map(|(s, e)| &src[s..e]).collect()
    }

    #[test]
    fn generic_methods_are_found_at_the_top_level_only() {
        let src = "package p\n\nfunc (r *R) Map[T any, U comparable](f func(T) U) []U { return nil }\n\n\
                   func (l List[E]) Each[\n\tF ~func(E), // what is called\n](f F) {}\n\n\
                   func F[T any](x T) {}\n\n\
                   var f func(x int) List[int]\n\n\
                   type I interface {\n\tM[T any]()\n}\n\n\
                   func g() { _ = func(x int) List[int] { return nil } }\n";
        assert_eq!(spans(src), ["[T any, U comparable]", "[\n\tF ~func(E), // what is called\n]"]);
    }

    #[test]
    fn a_newline_where_go_ends_the_declaration_is_not_a_generic_method() {
        assert!(spans("package p\nfunc (r R) M\n[T any]() {}\n").is_empty());
        assert!(spans("package p\nfunc (r R) M[T any]\n() {}\n").is_empty());
        assert!(spans("package p\nfunc (r R) /*\n*/ M[T any]() {}\n").is_empty());
        assert_eq!(spans("package p\nfunc (r R) /* c */ M /* d */ [T any]() {}\n"), ["[T any]"]);
    }

    #[test]
    fn brackets_in_comments_and_literals_do_not_count() {
        let src = "package p\nvar s = \"{\" + `(` + '[' // {\n/* ( */\nfunc (r R) M[T any]() {}\n";
        assert_eq!(spans(src), ["[T any]"]);
    }

    #[test]
    fn calls_of_new_are_found_in_code_only() {
        let src = b"x := new(f()) // new(g())\ny := new (T); z := renew(a); s := \"new(x)\"; x.new(1); x.\n\tnew(2); make(n)";
        assert_eq!(builtin_calls(src), [(5, 8), (31, 34), (92, 96)]);
    }

    #[test]
    fn blanking_keeps_newlines() {
        let mut text = b"a[T,\n\tU]b".to_vec();
        blank(&mut text, 1, 8);
        assert_eq!(text, b"a   \n   b");
    }
}
