//! The transforms: one file each, all reading the same parse tree of a file.

use crate::fix::Finding;
use crate::langver::GoVersion;
use crate::prefilter::Triggers;
use tree_sitter::Tree;

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
