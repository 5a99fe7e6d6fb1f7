//! Parsing Go with tree-sitter-go 0.25, across the syntax the grammar predates (see
//! `grammar_gaps`): where the text fails to parse, the grammar is shown a copy of the same
//! length with stand-ins for what it cannot read, so that every offset, line and column of the
//! tree is the file's own. The tree's leaves are read from the file's text, never from the
//! copy; what the copy blanked out the tree does not describe, and an edit may not touch it.
//! A file that still fails to parse holds a syntax error (or syntax newer still).

use std::cell::RefCell;

use tree_sitter::{Parser, Tree};

use crate::fix::Edit;
use crate::grammar_gaps;

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut parser = Parser::new();
        parser
            .set_language(&tree_sitter_go::LANGUAGE.into())
            .expect("the bundled Go grammar matches the tree-sitter version");
        parser
    });
}

fn parse_as_is(text: &[u8]) -> Option<Tree> {
    PARSER.with(|p| p.borrow_mut().parse(text, None))
}

/// Parses only the byte `ranges` of `text` (sorted, apart, each ending where a declaration
/// does): the package model's way to read one declaration of a large file. The tree's
/// positions are the text's own. None when tree-sitter gives up or refuses the ranges; no
/// stand-ins are tried (a caller whose tree has errors parses the whole text instead).
pub fn parse_ranges(text: &[u8], ranges: &[std::ops::Range<usize>]) -> Option<Tree> {
    let point = |at: usize| {
        let before = &text[..at];
        let row = memchr::memchr_iter(b'\n', before).count();
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |n| n + 1);
        tree_sitter::Point { row, column: at - line_start }
    };
    let ranges: Vec<tree_sitter::Range> = ranges
        .iter()
        .map(|r| tree_sitter::Range {
            start_byte: r.start,
            end_byte: r.end,
            start_point: point(r.start),
            end_point: point(r.end),
        })
        .collect();
    PARSER.with(|p| {
        let mut parser = p.borrow_mut();
        parser.set_included_ranges(&ranges).ok()?;
        let tree = parser.parse(text, None);
        parser.set_included_ranges(&[]).expect("the whole text is a valid range");
        tree
    })
}

/// Syntax the grammar does not know, replaced in the text it parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gap {
    /// Go 1.26's `new(expression)` (or a call of a function named `make`): the span is the
    /// word, read as another name.
    NewExpression,
    /// Go 1.27's generic method: the span is its type parameter list, read as spaces.
    GenericMethod,
}

/// A span of the file the tree was parsed from a stand-in for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StandIn {
    pub start: usize,
    pub end: usize,
    pub gap: Gap,
}

impl StandIn {
    /// Whether `edit` would change bytes the grammar did not read as they are. A renamed
    /// `new` was read as a name: an edit may replace the call around it (the transform copies
    /// the file's text, which says `new`), only not cut into it. A blanked list was not read
    /// at all: no edit may touch its inside.
    pub fn blocks(&self, edit: &Edit) -> bool {
        let inside = |pos: usize| self.start < pos && pos < self.end;
        match self.gap {
            Gap::NewExpression => inside(edit.start) || inside(edit.end),
            Gap::GenericMethod => {
                inside(edit.start) || inside(edit.end) || (edit.start <= self.start && self.end <= edit.end)
            }
        }
    }

    /// What the grammar could not read, for messages.
    pub fn describe(&self) -> &'static str {
        match self.gap {
            Gap::NewExpression => "a call of new or make with an expression",
            Gap::GenericMethod => "a generic method's type parameters",
        }
    }
}

/// A parse tree of a file's text, and where it was parsed from stand-ins.
pub struct Parsed {
    pub tree: Tree,
    pub stand_ins: Vec<StandIn>,
}

/// Parses Go text; None only when tree-sitter gives up. A file that parses cleanly as it is
/// (nearly all) costs one parse; one using syntax the grammar lacks costs two or three.
pub fn parse(text: &[u8]) -> Option<Parsed> {
    let tree = parse_as_is(text)?;
    if !tree.root_node().has_error() {
        return Some(Parsed { tree, stand_ins: Vec::new() });
    }
    bridge(text, tree)
}

fn bridge(text: &[u8], mut tree: Tree) -> Option<Parsed> {
    let mut copy = text.to_vec();
    let mut stand_ins = Vec::new();
    // Generic methods first: the grammar's error recovery around one spreads over the whole
    // method, and calls of new inside it would look misread.
    for (start, end) in grammar_gaps::generic_method_type_parameters(text) {
        if is_type_parameter_list(&text[start..end]) {
            grammar_gaps::blank(&mut copy, start, end);
            stand_ins.push(StandIn { start, end, gap: Gap::GenericMethod });
        }
    }
    if !stand_ins.is_empty() {
        tree = parse_as_is(&copy)?;
    }
    if tree.root_node().has_error() {
        let renamed: Vec<(usize, usize)> = grammar_gaps::builtin_calls(text)
            .into_iter()
            .filter(|&at| !grammar_gaps::reads_as_call(&tree, at))
            .collect();
        if !renamed.is_empty() {
            for &(start, end) in &renamed {
                grammar_gaps::stand_in(&mut copy, start, end);
            }
            tree = parse_as_is(&copy)?;
            // A call the grammar misread only because of an error nearby may have had a type
            // argument after all (`new([]int)`): it gets its name back.
            let restored: Vec<(usize, usize)> =
                renamed.iter().copied().filter(|&at| grammar_gaps::stand_in_misread(&tree, at)).collect();
            if !restored.is_empty() {
                for &(start, end) in &restored {
                    copy[start..end].copy_from_slice(&text[start..end]);
                }
                tree = parse_as_is(&copy)?;
            }
            stand_ins.extend(
                renamed.into_iter().filter(|at| !restored.contains(at)).map(|(start, end)| StandIn {
                    start,
                    end,
                    gap: Gap::NewExpression,
                }),
            );
        }
    }
    stand_ins.sort_by_key(|s| s.start);
    Some(Parsed { tree, stand_ins })
}

/// Whether `list` (`[T any, ...]`) is a valid type parameter list: it parses as a function's.
fn is_type_parameter_list(list: &[u8]) -> bool {
    let mut probe = b"package p\n\nfunc _".to_vec();
    probe.extend_from_slice(list);
    probe.extend_from_slice(b"() {}\n");
    parse_as_is(&probe).is_some_and(|t| !t.root_node().has_error())
}

/// The 1-based line and column (in bytes) of the tree's first syntax error.
pub fn first_error(tree: &Tree) -> Option<(usize, usize)> {
    let mut found = None;
    crate::syntax::walk(tree.root_node(), |n| {
        if found.is_some() || !n.has_error() {
            return crate::syntax::Descend::No;
        }
        if n.is_error() || n.is_missing() {
            let p = n.start_position();
            found = Some((p.row + 1, p.column + 1));
            return crate::syntax::Descend::No;
        }
        crate::syntax::Descend::Yes
    });
    found.or_else(|| tree.root_node().has_error().then_some((1, 1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{self, KindName};

    fn kinds(parsed: &Parsed, kind: &str) -> usize {
        syntax::descendants_of_kind(parsed.tree.root_node(), kind).len()
    }

    #[test]
    fn new_with_an_expression_parses_as_a_call() {
        let src = b"package p\n\nfunc f(s string) *string {\n\tp := new(strings.ToUpper(s))\n\t_ = new([]int)\n\treturn new(*p + `raw\nstring`)\n}\n";
        let parsed = parse(src).unwrap();
        assert!(!parsed.tree.root_node().has_error());
        let at = |needle: &str| src.windows(needle.len()).position(|w| w == needle.as_bytes()).unwrap();
        let starts: Vec<usize> = parsed.stand_ins.iter().map(|s| s.start).collect();
        assert_eq!(starts, [at("new(strings"), at("new(*p")], "new([]int) is read as the grammar knows it");
        assert_eq!(kinds(&parsed, "raw_string_literal"), 1, "the argument's raw string is seen");
    }

    #[test]
    fn a_function_named_make_is_called_like_any_other() {
        let src = b"package p\n\nfunc f() *int {\n\tvar make func(int) *int\n\treturn make(1 + 1)\n}\n";
        let parsed = parse(src).unwrap();
        assert!(!parsed.tree.root_node().has_error());
        assert_eq!(parsed.stand_ins.len(), 1);
    }

    #[test]
    fn a_generic_method_parses_as_a_method() {
        let src = b"package p\n\nfunc (l *List) Map[T any](f func(int) T) []T {\n\tdefer l.mu.Unlock()\n\treturn nil\n}\n";
        let parsed = parse(src).unwrap();
        assert!(!parsed.tree.root_node().has_error());
        assert_eq!(kinds(&parsed, "method_declaration"), 1);
        assert_eq!(kinds(&parsed, "defer_statement"), 1);
        let [only] = parsed.stand_ins.as_slice() else { panic!("{:?}", parsed.stand_ins) };
        assert_eq!(&src[only.start..only.end], b"[T any]");
    }

    #[test]
    fn syntax_errors_stay_errors() {
        for src in [
            "package p\n\nfunc f() { x := new(f( }\n",
            "package p\n\nfunc (r R) M[]() {}\n",
            "package p\n\nfunc (r R) M[T any,,]() {}\n",
            "package p\n\ntype I interface {\n\tM[T any]()\n}\n",
            "package p\n\nfunc (r R) M[T any]() { x := new(1 + ) }\n",
        ] {
            let parsed = parse(src.as_bytes()).unwrap();
            assert!(parsed.tree.root_node().has_error(), "{src}");
        }
    }

    #[test]
    fn the_error_is_reported_where_it_is_not_at_the_stand_ins() {
        let src = b"package p\n\nfunc (r R) M[T any]() *int {\n\treturn new(len(x))\n}\n\nfunc g() {\n\tx := 1 +\n}\n";
        let parsed = parse(src).unwrap();
        // gofmt -e says 9:1 (the operand it expected); tree-sitter's error starts at the `+`.
        assert_eq!(first_error(&parsed.tree), Some((8, 9)));
    }

    #[test]
    fn edits_may_not_touch_what_the_grammar_did_not_read() {
        let renamed = StandIn { start: 10, end: 13, gap: Gap::NewExpression };
        let blanked = StandIn { start: 20, end: 27, gap: Gap::GenericMethod };
        assert!(!renamed.blocks(&Edit::insert(10, "\t")));
        assert!(!renamed.blocks(&Edit::replace(5, 20, "x")), "a call around it is copied from the text");
        assert!(renamed.blocks(&Edit::replace(11, 12, "x")));
        assert!(!blanked.blocks(&Edit::insert(27, " ")));
        assert!(blanked.blocks(&Edit::insert(21, " ")));
        assert!(blanked.blocks(&Edit::replace(15, 30, "x")));
    }

    #[test]
    fn stand_ins_keep_lines_and_columns() {
        let src = b"package p\n\nfunc (r R) M[\n\tT any,\n]() {\n\tdefer f(new(g()))\n}\n";
        let parsed = parse(src).unwrap();
        assert!(!parsed.tree.root_node().has_error());
        let defer = syntax::descendants_of_kind(parsed.tree.root_node(), "defer_statement")[0];
        assert_eq!(defer.kind_name(), "defer_statement");
        assert_eq!((defer.start_position().row, defer.start_position().column), (5, 1));
    }
}
