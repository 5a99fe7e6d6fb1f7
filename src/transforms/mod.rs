//! The transforms: one file each, all reading the same parse tree of a file.

use crate::fix::Finding;
use crate::langver::GoVersion;
use crate::package::Package;
use crate::prefilter::{Import, Triggers, WordPlaces};
use crate::syntax::{self, Fields, KindName};
use crate::tokens;
use tree_sitter::{Node, Tree};

pub mod close_before_check;
pub mod close_error_dropped;
pub mod defer_func_result;
pub mod defer_recover;
pub mod deferred_error_overwrite;
pub mod deferred_lock;
pub mod deferred_result_lost;
pub mod eager_defer_args;
pub mod exit_after_defer;
pub mod loop_capture;
pub mod loop_defer;
pub mod lost_cancel;
pub mod resource_never_released;
pub mod waitgroup_add_in_goroutine;
pub mod wg_done_outside_goroutine;

/// What a transform is given about one file.
pub struct GoFile<'a> {
    /// The file's text with a BOM removed and CRLF turned into LF.
    pub src: &'a [u8],
    pub tree: &'a Tree,
    /// The Go language version that applies to this file.
    pub version: GoVersion,
    /// The version was assumed ([`GoVersion::DEFAULT`]): no go.mod, vendor.mod, build line or
    /// `--go-version` gave it. Messages that depend on it say so, and fixes that depend on it
    /// are at most unsafe.
    pub version_assumed: bool,
    /// The file's package on disk, for names the file uses and does not declare; None for
    /// text without a place (stdin without a file name, tests).
    pub package: Option<&'a Package>,
    /// The nodes transforms start from.
    pub nodes: Nodes<'a>,
    /// Where the code's words are (see `tokens`), scanned once for every lookup.
    words: WordPlaces,
}

impl<'a> GoFile<'a> {
    pub fn new(src: &'a [u8], tree: &'a Tree, version: GoVersion) -> Self {
        let mut words = Vec::new();
        tokens::for_each_code_word(src, |start, word| {
            words.push((start, start + word.len()));
            true
        });
        Self::with_words(src, tree, version, words)
    }

    /// [`GoFile::new`] with the words of `src` already found (by the prefilter's scan, which
    /// records them as `tokens::for_each_code_word` gives them).
    pub fn with_words(src: &'a [u8], tree: &'a Tree, version: GoVersion, words: WordPlaces) -> Self {
        let mut file = GoFile {
            src,
            tree,
            version,
            version_assumed: false,
            package: None,
            nodes: Nodes::default(),
            words,
        };
        file.nodes = Nodes::gather(&file);
        file
    }

    /// The leaves (keywords, identifiers) of the code tokens spelled as one of `words`, in
    /// source order.
    pub fn leaves(&self, words: &[&str]) -> Vec<Node<'a>> {
        self.words
            .iter()
            .filter(|&&(start, end)| words.iter().any(|w| w.as_bytes() == &self.src[start..end]))
            .filter_map(|&(start, end)| self.leaf(start, end))
            .collect()
    }

    /// The leaves of the code tokens spelled `word` inside `range`, in source order: the
    /// identifiers a walk of the node spanning `range` would find, without visiting the rest.
    pub fn leaves_in(&self, range: std::ops::Range<usize>, word: &str) -> Vec<Node<'a>> {
        let first = self.words.partition_point(|&(start, _)| start < range.start);
        self.words[first..]
            .iter()
            .take_while(|&&(start, _)| start < range.end)
            .filter(|&&(start, end)| end <= range.end && word.as_bytes() == &self.src[start..end])
            .filter_map(|&(start, end)| self.leaf(start, end))
            .collect()
    }

    fn leaf(&self, start: usize, end: usize) -> Option<Node<'a>> {
        // The tokenizer and the parser agree on every file that parsed cleanly; a leaf of
        // another extent would be a disagreement, and is passed over.
        self.tree
            .root_node()
            .descendant_for_byte_range(start, end)
            .filter(|l| l.start_byte() == start && l.end_byte() == end && l.child_count() == 0)
    }

    /// Calls whose callee is spelled `name` or `x.name`, for a name in `names`, in the tree's
    /// pre-order (`a.F().F()`: the outer call, whose name comes last, first).
    pub fn calls_named(&self, names: &[&str]) -> Vec<Node<'a>> {
        let mut calls: Vec<Node<'a>> = self
            .leaves(names)
            .into_iter()
            .filter_map(|leaf| {
                // The parent and the grandparent from one descent (see `syntax::ancestors`).
                let mut up = syntax::ancestors(leaf);
                let parent = up.next()?;
                let (callee, call) =
                    if parent.kind_name() == "selector_expression" && parent.field("field") == Some(leaf) {
                        (parent, up.next()?)
                    } else {
                        (leaf, parent)
                    };
                let call = Some(call).filter(|c| c.kind_name() == "call_expression")?;
                (call.field("function") == Some(callee)).then_some(call)
            })
            .collect();
        calls.sort_by_key(|c| (c.start_byte(), std::cmp::Reverse(c.end_byte())));
        calls
    }
}

/// The nodes transforms start from, each list in source order. They are found from their
/// keywords' positions in the text (see `tokens`), not by walking the tree: a transform looks
/// only at these and their surroundings, and the tree is never walked whole (one walk of every
/// tree for each transform was half of all the work, and even one walk was a fifth).
#[derive(Default)]
pub struct Nodes<'t> {
    pub defers: Vec<Node<'t>>,
    pub go_statements: Vec<Node<'t>>,
}

impl<'t> Nodes<'t> {
    fn gather(file: &GoFile<'t>) -> Self {
        let mut nodes = Nodes::default();
        for keyword in file.leaves(&["defer", "go"]) {
            let Some(parent) = keyword.parent() else { continue };
            match parent.kind_name() {
                "defer_statement" => nodes.defers.push(parent),
                "go_statement" => nodes.go_statements.push(parent),
                _ => {}
            }
        }
        nodes
    }

    /// The functions that directly hold `defer` statements (not only inside a nested
    /// literal), each with those statements, in source order.
    pub fn defers_by_function(&self) -> Vec<(Node<'t>, Vec<Node<'t>>)> {
        let mut by_function: Vec<(Node<'t>, Vec<Node<'t>>)> = Vec::new();
        for &defer in &self.defers {
            let Some(func) = syntax::enclosing_function(defer) else { continue };
            match by_function.iter_mut().rev().find(|(f, _)| *f == func) {
                Some((_, defers)) => defers.push(defer),
                None => by_function.push((func, vec![defer])),
            }
        }
        by_function.sort_by_key(|(f, _)| f.start_byte());
        by_function
    }
}

/// A detector that may attach a fix to what it finds.
pub trait Transform: Sync {
    /// The rule name users select, ignore and read in reports (kebab-case).
    fn name(&self) -> &'static str;
    /// One line for `--help`-style listings and SARIF rule descriptions.
    fn summary(&self) -> &'static str;
    /// Words without which the file cannot hold a finding, so it need not be parsed: every
    /// group needs one of its words among the file's code tokens (see `prefilter`).
    fn triggers(&self) -> Triggers;
    /// Imports the transform needs, each with the trigger words it needs them for: the file must
    /// import one of the paths and hold one of that path's words, so that a file merely holding
    /// the words need not be parsed; none when any file may do (see `prefilter::admitted`).
    fn imports(&self) -> &'static [Import] {
        &[]
    }
    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>);
}

/// Every transform, in the order their findings are reported at equal positions.
pub fn all() -> Vec<&'static dyn Transform> {
    vec![
        &loop_defer::LoopDefer,
        &loop_capture::LoopCapture,
        &defer_recover::DeferRecover,
        &eager_defer_args::EagerDeferArgs,
        &defer_func_result::DeferFuncResult,
        &close_before_check::CloseBeforeCheck,
        &deferred_result_lost::DeferredResultLost,
        &close_error_dropped::CloseErrorDropped,
        &deferred_error_overwrite::DeferredErrorOverwrite,
        &exit_after_defer::ExitAfterDefer,
        &wg_done_outside_goroutine::WgDoneOutsideGoroutine,
        &lost_cancel::LostCancel,
        &deferred_lock::DeferredLock,
        &waitgroup_add_in_goroutine::WaitgroupAddInGoroutine,
        &resource_never_released::ResourceNeverReleased,
    ]
}

/// Looks a rule up by name.
pub fn by_name(name: &str) -> Option<&'static dyn Transform> {
    all().into_iter().find(|t| t.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_are_found_from_their_tokens() {
        let src = "package p\n\n// defer go func in a comment\nvar s = \"defer go()\"\n\ntype F func(int) error\n\nfunc (T) m() {\n\tdefer recover()\n\tgo func() { g.Go(func() error { return nil }) }()\n\tx.recover = 1\n}\n";
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        let tree = parser.parse(src, None).unwrap();
        let file = GoFile::new(src.as_bytes(), &tree, GoVersion::parse("1.22").unwrap());
        let kinds = |nodes: &[Node]| nodes.iter().map(|n| n.kind_name()).collect::<Vec<_>>();
        assert_eq!(kinds(&file.nodes.defers), ["defer_statement"]);
        assert_eq!(kinds(&file.nodes.go_statements), ["go_statement"]);
        let text = |nodes: Vec<Node>| {
            nodes.iter().map(|n| syntax::text(*n, file.src).to_string()).collect::<Vec<_>>()
        };
        assert_eq!(text(file.calls_named(&["recover"])), ["recover()"]);
        assert_eq!(text(file.calls_named(&["Go"])), ["g.Go(func() error { return nil })"]);
        let method = file.nodes.defers[0].parent().and_then(|l| l.parent()).and_then(|b| b.parent()).unwrap();
        assert_eq!(method.kind_name(), "method_declaration");
        assert_eq!(file.nodes.defers_by_function(), [(method, file.nodes.defers.clone())]);
    }
}
