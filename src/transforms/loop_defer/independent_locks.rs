//! Independent per-iteration locks: `for _, s := range shards { s.mu.Lock(); defer
//! s.mu.Unlock(); total += s.n }; return total`. Each iteration locks its own element and
//! works on it alone, and nothing after the loop in this function relies on the locks being
//! held together.
//!
//! Releasing each lock at the end of its iteration is still not a safe fix: while the
//! original holds every lock until it returns, the loop's work is atomic for any goroutine
//! that takes several of the locks at once. A snapshot that read-locks every shard, or a move
//! of an item from shard 0 to shard 1 under both locks, sees all of the loop's work or none of
//! it; after the fix it can see shard 0 done and shard 1 not (a count taken under RLocks can
//! count a moved item twice). Whether anything takes the locks together is outside the
//! function. So this shape gets an unsafe fix with that reason, where lock-all and
//! hand-over-hand locking, which are certainly relied on, get none.
//!
//! The shape is checked on the syntax alone, narrowly:
//! - the body reaches no other element: it names no variable from outside the loop except as
//!   the plain target of an assignment (an accumulator such as `total += ...`), calls nothing
//!   but the lock's own methods and builtins that touch only their arguments, and appends or
//!   copies only into the element or the body's own variables;
//! - the loop is not inside another loop of the function (a second round would take the
//!   locks again while the first round's are held);
//! - everything after the loop, on every path to a return, is local work: assignments to the
//!   function's variables, `if`s and returns, over expressions without calls (but `len`,
//!   `cap`, `min`, `max`), dereferences, receives, selectors or indexing.

use std::collections::HashSet;

use tree_sitter::Node;

use crate::syntax::{self, Descend, Fields, KindName, text};

/// Builtins that read only their arguments.
const PURE_BUILTINS: &[&str] = &["len", "cap", "min", "max"];
/// Builtins that also write into their first argument.
const WRITING_BUILTINS: &[&str] = &["append", "copy", "delete", "clear"];

/// Whether the locks a range loop takes on `element` (its range variable) are independent of
/// each other within this function (see the module's comment for why that is not enough).
/// `function_locals` are the names the function declares (parameters and results included);
/// `body_locals` those the loop body declares.
pub fn independent(
    lp: Node,
    body: Node,
    func: Node,
    element: &str,
    function_locals: &HashSet<String>,
    body_locals: &HashSet<String>,
    src: &[u8],
) -> bool {
    body_reaches_only(body, element, function_locals, body_locals, src)
        && !syntax::ancestors_in_function(lp).any(|a| a.id() != lp.id() && a.kind_name() == "for_statement")
        && after_is_local(lp, func, function_locals, src)
}

/// The body names only the element, its own variables and accumulators, and calls only the
/// element's lock methods and builtins.
fn body_reaches_only(
    body: Node,
    element: &str,
    function_locals: &HashSet<String>,
    body_locals: &HashSet<String>,
    src: &[u8],
) -> bool {
    let mut ok = true;
    syntax::walk(body, |n| {
        if !ok {
            return Descend::No;
        }
        match n.kind_name() {
            "func_literal" | "go_statement" | "send_statement" | "select_statement" | "goto_statement" => {
                ok = false;
            }
            "unary_expression" if n.child(0).is_some_and(|op| matches!(text(op, src), "<-" | "&")) => {
                ok = false
            }
            "call_expression" => ok = allowed_body_call(n, element, body_locals, src),
            "identifier" => {
                let name = text(n, src);
                ok = name == element
                    || body_locals.contains(name)
                    || name == "_"
                    || (syntax::is_predeclared(name) && !function_locals.contains(name))
                    || (function_locals.contains(name) && is_plain_target(n));
            }
            _ => {}
        }
        Descend::Yes
    });
    ok
}

/// `element.mu.Lock()`-like calls on the element, and builtins; a writing builtin only into the
/// element or a body variable.
fn allowed_body_call(call: Node, element: &str, body_locals: &HashSet<String>, src: &[u8]) -> bool {
    let Some(function) = call.field("function") else { return false };
    match function.kind_name() {
        "identifier" => {
            let name = text(function, src);
            if PURE_BUILTINS.contains(&name) {
                return true;
            }
            if !WRITING_BUILTINS.contains(&name) {
                return false;
            }
            let first = call.field("arguments").and_then(|a| a.named_child(0));
            first.and_then(crate::analysis::changes::root_identifier).is_some_and(|r| {
                let r = text(r, src);
                r == element || body_locals.contains(r)
            })
        }
        "selector_expression" => {
            let method = function.field("field").map(|f| text(f, src));
            let on_element = function
                .field("operand")
                .and_then(crate::analysis::changes::root_identifier)
                .is_some_and(|r| text(r, src) == element);
            on_element && matches!(method, Some("Lock" | "Unlock" | "RLock" | "RUnlock"))
        }
        _ => false,
    }
}

/// An identifier that is the whole left side of an assignment, `x++` or `x--` (not read
/// through, not indexed, not a field).
fn is_plain_target(ident: Node) -> bool {
    let Some(parent) = ident.parent() else { return false };
    match parent.kind_name() {
        "inc_statement" | "dec_statement" => true,
        "expression_list" => parent
            .parent()
            .is_some_and(|a| a.kind_name() == "assignment_statement" && a.field("left") == Some(parent)),
        _ => false,
    }
}

/// Every statement after the loop, up to the function's end on every path, is local work.
pub fn after_is_local(lp: Node, func: Node, locals: &HashSet<String>, src: &[u8]) -> bool {
    let Some(body) = func.field("body") else { return false };
    let mut stmt = match lp.parent() {
        Some(p) if p.kind_name() == "labeled_statement" => p,
        _ => lp,
    };
    loop {
        let Some(list) = stmt.parent() else { return false };
        if list.kind_name() == "statement_list" || list.kind_name() == "block" {
            for s in syntax::statements(list).into_iter().skip_while(|s| s.id() != stmt.id()).skip(1) {
                if !local_statement(s, locals, src) {
                    return false;
                }
                if s.kind_name() == "return_statement" {
                    return true;
                }
            }
        }
        if list.id() == body.id() {
            return true;
        }
        match list.kind_name() {
            // Up through blocks and the branches of an if; a switch case, a select or another
            // construct would need its own argument.
            "statement_list" | "block" | "if_statement" => stmt = list,
            _ => return false,
        }
    }
}

fn local_statement(s: Node, locals: &HashSet<String>, src: &[u8]) -> bool {
    match s.kind_name() {
        "comment" | "empty_statement" => true,
        "return_statement" => {
            let mut c = s.walk();
            s.named_children(&mut c).all(|e| local_expression(e, locals, src))
        }
        "inc_statement" | "dec_statement" => {
            s.named_child(0).is_some_and(|t| t.kind_name() == "identifier" && locals.contains(text(t, src)))
        }
        "assignment_statement" | "short_var_declaration" => {
            let (Some(left), Some(right)) = (s.field("left"), s.field("right")) else {
                return false;
            };
            let mut c = left.walk();
            let targets_local = left.named_children(&mut c).all(|t| {
                t.kind_name() == "identifier" && (text(t, src) == "_" || locals.contains(text(t, src)))
            });
            targets_local && local_expression(right, locals, src)
        }
        "if_statement" => {
            let parts = ["initializer", "condition", "consequence", "alternative"];
            parts.iter().filter_map(|f| s.field(f)).all(|p| match p.kind_name() {
                "block" | "if_statement" => local_statement(p, locals, src),
                "expression_list" => local_expression(p, locals, src),
                _ if p.kind_name().ends_with("_statement") || p.kind_name() == "short_var_declaration" => {
                    local_statement(p, locals, src)
                }
                _ => local_expression(p, locals, src),
            })
        }
        "block" => syntax::statements(s).into_iter().all(|x| local_statement(x, locals, src)),
        _ => false,
    }
}

/// Literals, the function's variables, and operators over them; calls only of builtins that
/// read nothing shared.
fn local_expression(e: Node, locals: &HashSet<String>, src: &[u8]) -> bool {
    let mut ok = true;
    syntax::walk(e, |n| {
        if !ok {
            return Descend::No;
        }
        ok = match n.kind_name() {
            "identifier" => {
                let name = text(n, src);
                locals.contains(name) || (syntax::is_predeclared(name) && !locals.contains(name))
            }
            "call_expression" => n
                .field("function")
                .is_some_and(|f| f.kind_name() == "identifier" && PURE_BUILTINS.contains(&text(f, src))),
            "unary_expression" => n.child(0).is_none_or(|op| !matches!(text(op, src), "<-" | "*" | "&")),
            "selector_expression"
            | "index_expression"
            | "slice_expression"
            | "func_literal"
            | "composite_literal"
            | "type_assertion_expression" => false,
            _ => true,
        };
        Descend::Yes
    });
    ok
}
