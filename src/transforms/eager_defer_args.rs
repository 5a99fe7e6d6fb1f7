//! `eager-defer-args`: a deferred call whose arguments read the clock.
//!
//! ## What it detects
//! A `defer` statement whose call has, among its arguments (outside function literals), a
//! duration measured up to now: `time.Since(...)` or `time.Now().Sub(...)`, spelled with the
//! file's own name for the `time` import. go vet's `defers` analyzer reports the `time.Since`
//! form ("call to time.Since is not deferred").
//!
//! A bare `time.Now()` argument is not reported: `defer func(begin time.Time) {...}(time.Now())`
//! records the start time on purpose, which is the idiom for measuring a function.
//!
//! ## Why it matters
//! The arguments of a deferred call are evaluated when the `defer` statement runs, not when the
//! call runs: `defer log.Printf("took %v", time.Since(start))` measures the time from `start`
//! to the `defer` statement (almost nothing) and logs it when the function returns.
//!
//! ## Example
//! ```go
//! start := time.Now()
//! defer log.Printf("took %v", time.Since(start))
//! ```
//! becomes
//! ```go
//! start := time.Now()
//! defer func() { log.Printf("took %v", time.Since(start)) }()
//! ```
//! A call that spans lines is wrapped on lines of its own (`defer func() {`, the call indented
//! one tab more, `}()`), as gofmt lays it out.
//!
//! ## Fix safety
//! - Safe: everything else the fix moves to the end of the function (the receiver, the other
//!   arguments, the arguments of the clock calls) is a literal, an imported package's member,
//!   a constant of the file, or a variable of the function that nothing can change after the
//!   `defer` statement (no assignment, `++`/`--`, `&x` or method call on it later in the
//!   function or in any function literal of it, and the `defer` is not in a loop).
//! - Unsafe: anything else, since the fix also moves its evaluation (another call, a field read,
//!   a variable changed later): printing the value at return is most likely the intent, but
//!   cannot be proven.
//! - No fix: the call contains a multi-line raw string, whose lines cannot be re-indented.

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::analysis::declares_inside;
use crate::analysis::evaluation::{calls_in_arguments, moved_evaluation_reason};
use crate::fix::{Applicability, Finding, Fix, describe};
use crate::prefilter::Triggers;
use crate::rewrite::wrap_call;
use crate::syntax::{self, Fields, KindName, text};

pub struct EagerDeferArgs;

pub const NAME: &str = "eager-defer-args";

impl Transform for EagerDeferArgs {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "time.Since/time.Now in a deferred call's arguments is evaluated when the defer statement runs"
    }

    fn triggers(&self) -> Triggers {
        &[&["defer"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        let Some(time) = syntax::import_name(file.tree, src, "time") else { return };
        for &d in &file.nodes.defers {
            let Some(call) = d.named_child(0).filter(|c| c.kind_name() == "call_expression") else {
                continue;
            };
            // The cheap test first: most deferred calls measure nothing.
            let is_clock = |n: Node| clock_call(n, &time, src);
            let Some(first) = calls_in_arguments(call, &is_clock).into_iter().next() else {
                continue;
            };
            let Some(top) = syntax::outermost_function(d) else { continue };
            if declares_inside(file, top, &time) {
                continue;
            }
            let clock = text(first, src).split_whitespace().collect::<Vec<_>>().join(" ");
            let base = format!(
                "`{clock}` is evaluated when the defer statement runs, not when the deferred call runs, so it measures only the time up to the defer statement; the fix defers a function literal that makes the whole call at return"
            );
            let is_moved = |n: Node| clock_part(n, &time, src);
            let planned = wrap_call(d, call, src).map(|edit| {
                (Fix::new(Applicability::Safe, vec![edit]), moved_evaluation_reason(file, d, call, &is_moved))
            });
            let (message, fix) = describe(base, None, planned);
            findings.push(Finding { rule: NAME, start: d.start_byte(), end: d.end_byte(), message, fix });
        }
    }
}

/// A duration measured up to now: `time.Since(...)` or `time.Now().Sub(...)`, with `time` the
/// file's name for the package. A bare `time.Now()` argument is not one: `defer func(begin
/// time.Time) {...}(time.Now())` records the start time on purpose.
fn clock_call(n: Node, time: &str, src: &[u8]) -> bool {
    time_function(n, time, src, "Since") || method_on_now(n, time, src) == Some("Sub")
}

/// Every call the fix moves on purpose: the clock calls and the `time.Now()` inside them.
fn clock_part(n: Node, time: &str, src: &[u8]) -> bool {
    time_function(n, time, src, "Since")
        || time_function(n, time, src, "Now")
        || method_on_now(n, time, src).is_some()
}

/// `time.NAME(...)`.
fn time_function(n: Node, time: &str, src: &[u8], name: &str) -> bool {
    n.kind_name() == "call_expression"
        && n.field("function").filter(|f| f.kind_name() == "selector_expression").is_some_and(|sel| {
            sel.field("operand").is_some_and(|o| o.kind_name() == "identifier" && text(o, src) == time)
                && sel.field("field").is_some_and(|f| text(f, src) == name)
        })
}

/// The method name of a call `time.Now().METHOD(...)`.
fn method_on_now<'a>(n: Node, time: &str, src: &'a [u8]) -> Option<&'a str> {
    let sel = n
        .field("function")
        .filter(|f| f.kind_name() == "selector_expression" && n.kind_name() == "call_expression")?;
    let operand = sel.field("operand")?;
    time_function(operand, time, src, "Now").then(|| sel.field("field").map(|f| text(f, src)))?
}
