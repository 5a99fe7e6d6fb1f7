//! The transforms: one file each, all reading the same parse tree of a file.

use crate::fix::Finding;
use crate::langver::GoVersion;
use crate::prefilter::Triggers;
use crate::syntax::{self, Descend, KindName};
use tree_sitter::{Node, Tree};

pub mod close_before_check;
pub mod close_error_dropped;
pub mod defer_func_result;
pub mod defer_recover;
pub mod deferred_result_lost;
pub mod eager_defer_args;
pub mod exit_after_defer;
pub mod loop_capture;
pub mod loop_defer;
pub mod lost_cancel;
pub mod wg_done_outside_goroutine;

/// What a transform is given about one file.
pub struct GoFile<'a> {
    /// The file's text with a BOM removed and CRLF turned into LF.
    pub src: &'a [u8],
    pub tree: &'a Tree,
    /// The Go language version that applies to this file.
    pub version: GoVersion,
    /// The nodes transforms start from.
    pub nodes: Nodes<'a>,
}

impl<'a> GoFile<'a> {
    pub fn new(src: &'a [u8], tree: &'a Tree, version: GoVersion) -> Self {
        GoFile { src, tree, version, nodes: Nodes::gather(tree.root_node()) }
    }
}

/// The nodes transforms start from, each list in source order, gathered in one walk of the
/// tree: a transform looks only at these and their surroundings, never walks the whole file
/// itself (eleven walks of every tree were half of all the work).
#[derive(Default)]
pub struct Nodes<'t> {
    pub defers: Vec<Node<'t>>,
    pub go_statements: Vec<Node<'t>>,
    pub calls: Vec<Node<'t>>,
    /// Function declarations, method declarations and function literals.
    pub functions: Vec<Node<'t>>,
}

impl<'t> Nodes<'t> {
    fn gather(root: Node<'t>) -> Self {
        let mut nodes = Nodes::default();
        syntax::walk(root, |n| {
            match n.kind_name() {
                "defer_statement" => nodes.defers.push(n),
                "go_statement" => nodes.go_statements.push(n),
                "call_expression" => nodes.calls.push(n),
                "function_declaration" | "method_declaration" | "func_literal" => nodes.functions.push(n),
                _ => {}
            }
            Descend::Yes
        });
        nodes
    }

    /// The functions that directly hold a `defer` statement (not only inside a nested literal),
    /// in source order.
    pub fn functions_with_defers(&self) -> Vec<Node<'t>> {
        let mut found: Vec<Node<'t>> =
            self.defers.iter().filter_map(|d| syntax::enclosing_function(*d)).collect();
        found.sort_by_key(|f| f.start_byte());
        found.dedup_by_key(|f| f.id());
        found
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
        &exit_after_defer::ExitAfterDefer,
        &wg_done_outside_goroutine::WgDoneOutsideGoroutine,
        &lost_cancel::LostCancel,
    ]
}

/// Looks a rule up by name.
pub fn by_name(name: &str) -> Option<&'static dyn Transform> {
    all().into_iter().find(|t| t.name() == name)
}
