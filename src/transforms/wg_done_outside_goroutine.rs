//! `wg-done-outside-goroutine`: `defer wg.Done()` in the function that starts the goroutines.
//!
//! ## What it detects
//! `defer R.Done()` in a function whose body (the same function: function literals are
//! functions of their own) has a `for` loop that both calls `R.Add(...)` on the same receiver,
//! spelled the same way (`wg`, `s.wg`), and starts goroutines with `go`, where none of those
//! goroutines calls `Done` itself. A goroutine counts as calling it when its function literal
//! calls `R.Done()` or passes `R`/`&R` on, when it is started as `go f(..., &R, ...)`, or when
//! it runs a function declared in the same file that calls `R.Done()`. A goroutine whose
//! function cannot be seen (a method, a function of another file or package) might call it,
//! and then nothing is reported.
//!
//! ## Why it matters
//! The loop adds one to the counter per goroutine, but the deferred `Done` runs once, when the
//! function returns: the counter never reaches zero and `Wait` blocks forever (or, when the
//! function itself waits, it never returns: a deadlock).
//!
//! ## Example
//! ```go
//! func process(items []string) {
//!     var wg sync.WaitGroup
//!     defer wg.Done()
//!     for _, it := range items {
//!         wg.Add(1)
//!         go handle(it)
//!     }
//!     wg.Wait()
//! }
//! ```
//! The repair is `go func() { defer wg.Done(); handle(it) }()` in the loop, without the outer
//! `defer`.
//!
//! ## Fix safety
//! No fix: where each goroutine's work ends, and whether the outer `Done` balances an `Add` of
//! a caller, is for the author to decide.

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::fix::Finding;
use crate::prefilter::Triggers;
use crate::syntax::{self, Descend, Fields, KindName, text};

pub struct WgDoneOutsideGoroutine;

pub const NAME: &str = "wg-done-outside-goroutine";

impl Transform for WgDoneOutsideGoroutine {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "defer wg.Done() in the function whose loop adds one per goroutine"
    }

    fn triggers(&self) -> Triggers {
        &[&["defer"], &["Done"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        let root = file.tree.root_node();
        for &defer in &file.nodes.defers {
            let Some(recv) = done_receiver(defer, src) else { continue };
            let Some(func) = syntax::enclosing_function(defer) else { continue };
            let Some(body) = func.field("body") else { continue };
            let mut loops = Vec::new();
            syntax::walk_same_function(body, |n| {
                if n.kind_name() == "for_statement" {
                    loops.push(n);
                }
            });
            let Some(lp) = loops.into_iter().find(|lp| adds_and_starts(*lp, recv, root, src)) else {
                continue;
            };
            let name = syntax::function_display_name(func, src);
            findings.push(Finding {
                rule: NAME,
                start: defer.start_byte(),
                end: defer.end_byte(),
                message: format!(
                    "defer {recv}.Done() runs once when {name} returns, but the loop on line {line} adds one per goroutine, so the counter never reaches zero and Wait blocks forever; call {recv}.Done() in each goroutine (not fixed automatically)",
                    line = lp.start_position().row + 1
                ),
                fix: None,
            });
        }
    }
}

/// For `defer R.Done()`: `R`.
fn done_receiver<'s>(defer: Node, src: &'s [u8]) -> Option<&'s str> {
    let call = defer.named_child(0).filter(|c| c.kind_name() == "call_expression")?;
    let function = call.field("function").filter(|f| f.kind_name() == "selector_expression")?;
    if function.field("field").map(|f| text(f, src)) != Some("Done") {
        return None;
    }
    let args = call.field("arguments")?;
    if args.named_child_count() != 0 {
        return None;
    }
    function.field("operand").map(|o| text(o, src))
}

/// Whether the loop calls `recv.Add(...)` and starts goroutines, none of which may call
/// `recv.Done()` itself.
fn adds_and_starts(lp: Node, recv: &str, root: Node, src: &[u8]) -> bool {
    let add = format!("{recv}.Add");
    let mut adds = false;
    let mut gos = Vec::new();
    syntax::walk_same_function(lp, |n| match n.kind_name() {
        "call_expression" => {
            adds |= n.field("function").is_some_and(|f| text(f, src) == add);
        }
        "go_statement" => gos.push(n),
        _ => {}
    });
    adds && !gos.is_empty() && gos.iter().all(|g| !may_call_done(*g, recv, root, src))
}

/// Whether the goroutine a `go` statement starts calls (or may call) `recv.Done()`.
fn may_call_done(go: Node, recv: &str, root: Node, src: &[u8]) -> bool {
    let Some(call) = go.named_child(0).filter(|c| c.kind_name() == "call_expression") else { return true };
    if passes(call, recv, src) {
        return true;
    }
    let Some(function) = call.field("function") else { return true };
    match function.kind_name() {
        "func_literal" => function.field("body").is_none_or(|b| uses_done(b, recv, src)),
        "identifier" => {
            let name = text(function, src);
            let mut declared = None;
            let mut cursor = root.walk();
            for decl in root.named_children(&mut cursor) {
                if decl.kind_name() == "function_declaration"
                    && decl.field("name").is_some_and(|n| text(n, src) == name)
                {
                    declared = decl.field("body");
                }
            }
            // Not declared in this file: it might call Done.
            declared.is_none_or(|b| uses_done(b, recv, src))
        }
        _ => true,
    }
}

/// Whether `body` calls `recv.Done()` or hands `recv` on to another call.
fn uses_done(body: Node, recv: &str, src: &[u8]) -> bool {
    let done = format!("{recv}.Done");
    let mut found = false;
    syntax::walk(body, |n| {
        if n.kind_name() == "call_expression"
            && (n.field("function").is_some_and(|f| text(f, src) == done) || passes(n, recv, src))
        {
            found = true;
        }
        if found { Descend::No } else { Descend::Yes }
    });
    found
}

/// Whether a call passes `recv` or `&recv` as an argument.
fn passes(call: Node, recv: &str, src: &[u8]) -> bool {
    let Some(args) = call.field("arguments") else { return false };
    let mut cursor = args.walk();
    args.named_children(&mut cursor).any(|a| {
        let spelled = text(a, src);
        spelled == recv || spelled.strip_prefix('&').is_some_and(|s| s.trim() == recv)
    })
}
