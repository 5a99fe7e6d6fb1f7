//! `defer-recover`: a `recover()` call that cannot stop a panic.
//!
//! ## What it detects
//! - `defer recover()`: `recover` is itself the deferred call, so it is not called *by* a
//!   deferred function.
//! - `defer h(recover())` (and `recover()` anywhere among the deferred call's arguments, outside
//!   function literals, e.g. `defer func(r any) {...}(recover())`): the arguments are evaluated
//!   when the `defer` statement runs, before any panic.
//! - `recover()` directly inside a function literal that is called on the spot (`func() {
//!   recover() }()`) or started as a goroutine (`go func() { recover() }()`), not deferred:
//!   that literal is not a deferred function, even inside one. Reported only.
//!
//! `recover()` in a declared function or method is never reported (the function may be
//! deferred elsewhere: `defer handlePanic()`), nor in a function literal that is stored or
//! passed on, nor anywhere in a file that declares its own `recover`.
//!
//! ## Why it matters
//! The Go specification: recover returns nil, and stops nothing, unless it is called directly
//! by a deferred function while the goroutine panics. In all three forms the panic goes on and
//! crashes the program, while the code reads as if it were handled.
//!
//! ## Example
//! ```go
//! defer recover()
//! defer log.Println("recovered:", recover())
//! ```
//! becomes
//! ```go
//! defer func() { recover() }()
//! defer func() { log.Println("recovered:", recover()) }()
//! ```
//! The deferred call's text is kept byte for byte inside the function literal (a call spanning
//! lines goes on lines of its own, one tab deeper).
//!
//! ## Fix safety
//! - Safe: `defer recover()`; `defer h(..., recover())` when everything else the fix moves to
//!   the end of the function (the receiver and the other arguments) is a literal, an imported
//!   package's member, a constant, or a variable nothing changes after the `defer` (see
//!   [`super::eager_defer_args`]).
//! - Unsafe: any other receiver or argument, whose evaluation the fix also moves to return.
//! - No fix: a `recover()` in a literal that is called on the spot or as a goroutine (the right
//!   rewrite depends on what the code meant), or a deferred call containing a multi-line raw
//!   string.

use std::collections::HashSet;

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::analysis::declared_by;
use crate::analysis::evaluation::{calls_in_arguments, moved_evaluation_reason};
use crate::fix::{Applicability, Finding, Fix, describe};
use crate::prefilter::Triggers;
use crate::rewrite::wrap_call;
use crate::syntax::{self, Fields, KindName, text};

pub struct DeferRecover;

pub const NAME: &str = "defer-recover";

impl Transform for DeferRecover {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "recover() that is not called directly by a deferred function stops no panic"
    }

    fn triggers(&self) -> Triggers {
        &[&["recover"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        if declares_recover(file) {
            return;
        }
        let mut handled: HashSet<usize> = HashSet::new();
        for &d in &file.nodes.defers {
            let Some(call) = d.named_child(0).filter(|c| c.kind_name() == "call_expression") else {
                continue;
            };
            let is_recover = |n: Node| is_recover_call(n, src);
            let (base, moved) = if is_recover(call) {
                handled.insert(call.id());
                let base = "`defer recover()` stops no panic: recover is the deferred call itself, not called by a deferred function, so it returns nil and the panic goes on; the fix calls it from a deferred function literal".to_string();
                (base, Vec::new())
            } else {
                let moved = calls_in_arguments(call, &is_recover);
                if moved.is_empty() {
                    continue;
                }
                handled.extend(moved.iter().map(|m| m.id()));
                let base = "recover() among the deferred call's arguments runs when the defer statement runs, before any panic: it returns nil and the panic goes on; the fix defers a function literal that makes the whole call".to_string();
                (base, moved)
            };
            let planned = wrap_call(d, call, src).map(|edit| {
                let unsafe_reason =
                    if moved.is_empty() { None } else { moved_evaluation_reason(file, d, call, &is_recover) };
                (Fix::new(Applicability::Safe, vec![edit]), unsafe_reason)
            });
            let (message, fix) = describe(base, None, planned);
            findings.push(Finding { rule: NAME, start: d.start_byte(), end: d.end_byte(), message, fix });
        }
        for n in file.calls_named(&["recover"]) {
            if !is_recover_call(n, src) || handled.contains(&n.id()) {
                continue;
            }
            if let Some(how) = called_without_defer(n) {
                findings.push(Finding {
                    rule: NAME,
                    start: n.start_byte(),
                    end: n.end_byte(),
                    message: format!(
                        "recover returns nil here: it only stops a panic when called directly by a deferred function, and this function literal is {how}; not fixed: defer the literal, or move recover() into the deferred function"
                    ),
                    fix: None,
                });
            }
        }
    }
}

/// `recover()`.
fn is_recover_call(n: Node, src: &[u8]) -> bool {
    n.kind_name() == "call_expression"
        && n.field("function").is_some_and(|f| f.kind_name() == "identifier" && text(f, src) == "recover")
        && n.field("arguments").is_some_and(|a| a.named_child_count() == 0)
}

/// Whether the file gives the name `recover` a meaning of its own: a declaration naming it
/// holds its identifier as a child, or as a child of the declaration's name list.
fn declares_recover(file: &GoFile) -> bool {
    file.leaves(&["recover"]).into_iter().any(|leaf| {
        let up: Vec<Node> = syntax::ancestors(leaf).take(2).collect();
        up.iter().any(|d| declared_by(*d, file.src).iter().any(|n| n == "recover"))
            || up
                .first()
                .is_some_and(|p| p.kind_name() == "function_declaration" && p.field("name") == Some(leaf))
    })
}

/// How the function literal directly around `recover` runs, when that is certainly not as a
/// deferred function: called on the spot, or as a goroutine.
fn called_without_defer(recover: Node) -> Option<&'static str> {
    let lit = syntax::enclosing_function(recover).filter(|f| f.kind_name() == "func_literal")?;
    let mut callee = lit;
    while let Some(p) = callee.parent().filter(|p| p.kind_name() == "parenthesized_expression") {
        callee = p;
    }
    let call = callee
        .parent()
        .filter(|p| p.kind_name() == "call_expression")
        .filter(|p| p.field("function").map(|f| f.id()) == Some(callee.id()))?;
    match call.parent().map(|p| p.kind_name()) {
        Some("defer_statement") => None,
        Some("go_statement") => Some("started as a goroutine, not deferred"),
        _ => Some("called on the spot, not deferred"),
    }
}
