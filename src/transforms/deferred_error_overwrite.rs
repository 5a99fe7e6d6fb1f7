//! `deferred-error-overwrite`: a deferred function literal sets the function's error from a
//! call, whatever the error was.
//!
//! ## What it detects
//! A `defer func(...) { ... }(...)` whose literal assigns the function's own error variable
//! from a call, `err = x.Close()`, `err = tx.Rollback()`, `_, err = w.Write(b)`, as a
//! statement of the literal (or under `if x != nil`, a nil check of the call's receiver),
//! where `err` is
//! - a named result of type `error` of the function holding the `defer`; or
//! - a variable of that function that a `return` gives back through an unnamed result: the
//!   assignment does nothing yet, but it is the overwrite the moment the result is named
//!   (deferred-result-lost names it), so both are fixed in the same run.
//!
//! Not a finding: the right side reads `err` (`err = errors.Join(err, x.Close())`), itself or
//! through a value the literal computed from it (`errs := multi.New(err)` ... `err = errs.Err()`,
//! per [`crate::analysis::derived`]); the
//! assignment is inside `if err == nil`, or after a statement that looks at `err` and can
//! leave the literal (`if err != nil { tx.Rollback(); return }`); the literal calls
//! `recover()` (a recover handler sets `err` on purpose); `err` is the literal's own
//! (a parameter, a result, declared in it), a variable of an enclosing function, or shadowed
//! around the `defer`; a result of a type other than `error`; an assignment in a loop or a
//! `switch` of the literal, or under an `if` that decides to replace the error
//! (`if !stop() { ret = ctx.Err() }`); a variable returned through an unnamed result that the
//! literal reads after the assignment (scratch space for logging the call's error).
//!
//! ## Why it matters
//! Deferred calls run after `return` has set the results. `return fmt.Errorf("write: %w", e)`
//! sets `err`, then the deferred `err = f.Close()` replaces it: with nil when Close succeeds
//! (the function reports success after a failure), or with Close's error, hiding the cause.
//!
//! ## Example
//! ```go
//! func save(p string, b []byte) (err error) {
//!     f, err := os.Create(p)
//!     if err != nil {
//!         return err
//!     }
//!     defer func() { err = f.Close() }()
//!     _, err = f.Write(b)
//!     return err
//! }
//! ```
//! becomes
//! ```go
//!     defer func() {
//!         if cerr := f.Close(); cerr != nil && err == nil {
//!             err = cerr
//!         }
//!     }()
//! ```
//! The literal's other statements stay; `cerr` is a name the literal does not use.
//!
//! ## Fix safety
//! - Safe: the call is known to return `error` (a function or every method of that name in
//!   the file returns `error` there, or a function of the package's other files or of an
//!   imported standard package does, per [`crate::analysis::signatures`]; otherwise a finishing method the conventions name:
//!   `Close`, `Flush`, `Sync`, `Rollback`, `Commit`, `Shutdown`), and nothing but the caller
//!   sees `err` after the literal ran. The function then returns its own error when it has
//!   one and the call's otherwise; nothing else changes.
//! - Unsafe: the call's result type cannot be seen (a concrete error type's nil would have
//!   made `err` non-nil, and `cerr != nil` may not even compile); another function literal
//!   uses `err` and may run after this one (a deferred `if err != nil { os.Remove(p) }`
//!   registered before it now sees the function's error); `err`'s address is taken; a
//!   deferred function recovers panics (after one, the function returns `err` as it was
//!   instead of the call's result).
//! - No fix (reported with the reason): the literal reads `err` after the assignment (it
//!   would see the function's error instead of the call's); the assignment sets other
//!   variables too (`n, err = w.Write(b)`); it holds a comment, shares its line with other
//!   code, or sits in a one-line literal with a comment.

use tree_sitter::Node;

use super::deferred_result_lost::{binding, defers_recover, list_items, return_values};
use super::{GoFile, Transform};
use crate::analysis::changes::{self, How};
use crate::analysis::{callees, derived, known, scope, signatures};
use crate::fix::{Applicability, Edit, Finding, Fix, describe};
use crate::package::Package;
use crate::prefilter::Triggers;
use crate::syntax::{self, Descend, Fields, KindName, text};

pub struct DeferredErrorOverwrite;

pub const NAME: &str = "deferred-error-overwrite";

impl Transform for DeferredErrorOverwrite {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "a deferred literal sets the function's error from a call (err = f.Close()), replacing the error the function returned"
    }

    fn triggers(&self) -> Triggers {
        &[&["defer"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        for &defer in &file.nodes.defers {
            check_defer(defer, file.package, src, findings);
        }
    }
}

/// What the assigned variable is to the function holding the `defer`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A named result of type `error`.
    Result,
    /// A variable returned through an unnamed result.
    Returned,
}

/// One overwriting assignment of a deferred literal.
struct Overwrite<'t> {
    stmt: Node<'t>,
    call: Node<'t>,
    /// The left side's items, the error among them.
    targets: Vec<Node<'t>>,
    name: String,
    role: Role,
    /// What the fix may be: Ok(unsafe reason) or Err(why there is none).
    verdict: Result<Option<String>, String>,
}

fn check_defer(defer: Node, package: Option<&Package>, src: &[u8], findings: &mut Vec<Finding>) {
    let Some(call) = defer.named_child(0).filter(|c| c.kind_name() == "call_expression") else { return };
    let Some(literal) = call.field("function").filter(|f| f.kind_name() == "func_literal") else {
        return;
    };
    let Some(func) = syntax::enclosing_function(defer) else { return };
    let Some(body) = literal.field("body") else { return };
    if calls_recover(literal, src) {
        return;
    }
    let mut found: Vec<Overwrite> = Vec::new();
    syntax::walk_same_function(body, |n| {
        if n.kind_name() != "assignment_statement" {
            return;
        }
        if let Some(found_one) = overwrite(n, literal, func, package, src) {
            found.push(found_one);
        }
    });
    if found.is_empty() || !scope::predeclared_error(func, package, src) {
        return;
    }
    let one_line = !text(body, src).contains('\n');
    let mut overwrites: Vec<Overwrite> = Vec::new();
    for mut o in found {
        if let Ok(hole) = &o.verdict {
            let hole = hole.clone();
            o.verdict = observers(&o, defer, literal, func, src).map(|seen| seen.or(hole));
        }
        overwrites.push(o);
    }
    // A one-line literal is laid out again as a whole: one fix for all its overwrites, so that
    // none is left for a later pass to find in code this fix wrote.
    let joint = if one_line { Some(one_line_fix(body, defer, &overwrites, src)) } else { None };
    for o in &overwrites {
        let planned = match (&o.verdict, &joint) {
            (Err(reason), _) => Err(reason.clone()),
            (Ok(_), Some(joint)) => joint.clone(),
            (Ok(unsafe_reason), None) => line_fix(o, src).map(|edit| {
                let applicability =
                    if unsafe_reason.is_some() { Applicability::Unsafe } else { Applicability::Safe };
                (Fix::new(applicability, vec![edit]), unsafe_reason.clone())
            }),
        };
        let name = &o.name;
        let callee = callee_display(o.call, src);
        let func_name = syntax::function_display_name(func, src);
        let base = if o.role == Role::Result {
            format!(
                "the deferred function sets {name} to what {callee} returns, whatever {name} held: an error {func_name} returns is replaced by nil when the call succeeds, or by the call's error"
            )
        } else {
            format!(
                "the deferred function sets {name} to what {callee} returns, whatever {name} held: {name} is returned through an unnamed result, so this does nothing yet, but once the result is named (deferred-result-lost names it) an error {func_name} returns is replaced by nil when the call succeeds"
            )
        };
        let (message, fix) =
            describe(base, Some(&format!("assigns {callee}'s error only when {name} is nil")), planned);
        findings.push(Finding {
            rule: NAME,
            start: o.stmt.start_byte(),
            end: o.stmt.end_byte(),
            message,
            fix,
        });
    }
}

/// `stmt` as an overwrite of `func`'s error, if it is one: `err = call(...)` (or with blank
/// targets beside it) whose right side does not read `err`, placed where nothing in the
/// literal has looked at `err` first.
fn overwrite<'t>(
    stmt: Node<'t>,
    literal: Node<'t>,
    func: Node<'t>,
    package: Option<&Package>,
    src: &[u8],
) -> Option<Overwrite<'t>> {
    if stmt.field("operator").is_none_or(|o| text(o, src) != "=") {
        return None;
    }
    let targets = list_items(stmt.field("left")?);
    let [value] = list_items(stmt.field("right")?)[..] else { return None };
    let call = unparen(value);
    if call.kind_name() != "call_expression" {
        return None;
    }
    // The error is the target that is the function's error variable; there is one at most
    // worth reporting (`err, err2 = ...` would be two errors of one call: not this pattern).
    let (target, role) = targets.iter().find_map(|t| {
        if t.kind_name() != "identifier" {
            return None;
        }
        let name = text(*t, src);
        role_of(*t, name, literal, func, src).map(|r| (*t, r))
    })?;
    let name = text(target, src).to_string();
    // The right side reads `err` itself or something computed from it earlier in the literal
    // (`errs := multi.New(err); ...; err = errs.Err()`): the assignment regards its value.
    let body = literal.field("body")?;
    let carrying = derived::carrying(body, stmt, &name, src);
    if syntax::names_in(call, src).iter().any(|n| carrying.contains(n)) {
        return None;
    }
    if looked_at_before(stmt, call, literal, &name, src)? {
        return None;
    }
    let verdict = if let Some(other) = targets.iter().find(|t| t.id() != target.id() && text(**t, src) != "_")
    {
        Err(format!(
            "the assignment also sets {}; keep the call's error in a variable of its own and assign {name} only when it is nil",
            text(*other, src)
        ))
    } else if let Some(line) = read_after(stmt, literal, &name, func, target, src) {
        // A variable the caller never sees, used by the literal as scratch space for the
        // call's error (`err = c.Close(); if err != nil { log(err) }`): deferred-result-lost
        // leaves it unnamed too, so nothing is overwritten.
        if role == Role::Returned {
            return None;
        }
        Err(format!(
            "the literal reads {name} where that may run after the assignment (line {line}), and would then see {name}'s earlier error instead of the call's; keep the call's error in a variable of its own"
        ))
    } else {
        let index = targets.iter().position(|t| t.id() == target.id()).unwrap_or(0);
        Ok(result_type_hole(call, index, targets.len(), package, src))
    };
    Some(Overwrite { stmt, call, targets, name, role, verdict })
}

fn unparen(mut e: Node) -> Node {
    while e.kind_name() == "parenthesized_expression" {
        match e.named_child(0) {
            Some(inner) => e = inner,
            None => break,
        }
    }
    e
}

/// What `ident` (assigned in the deferred `literal`) is to `func`, the function holding the
/// `defer`: its named `error` result, or one of its variables that a `return` gives back
/// through an unnamed result. None for anything else: the literal's own variable, a
/// parameter, a variable of an enclosing function, a result of another type.
fn role_of(ident: Node, name: &str, literal: Node, func: Node, src: &[u8]) -> Option<Role> {
    if name == "_" || binding(ident, name, literal, src).is_some() {
        return None;
    }
    let decl = binding(ident, name, func, src)?;
    if decl.kind_name() == "parameter_declaration" {
        let is_result = decl.parent() == func.field("result");
        let ty = decl.field("type")?;
        return (is_result && text(ty, src) == "error").then_some(Role::Result);
    }
    if syntax::contains(literal, decl) {
        return None;
    }
    let results = syntax::results(func, src);
    if results.is_empty() || results.iter().any(|r| r.name.is_some()) {
        return None;
    }
    // Returned in the position of an `error` result (`return n, err`), not some other value
    // a deferred literal computes.
    let mut returned = false;
    syntax::walk_same_function(func, |n| {
        if !returned && n.kind_name() == "return_statement" {
            let values = return_values(n);
            returned = values.len() == results.len()
                && values.into_iter().zip(&results).any(|(v, r)| {
                    let v = unparen(v);
                    text(r.ty, src) == "error"
                        && v.kind_name() == "identifier"
                        && text(v, src) == name
                        && binding(v, name, func, src) == Some(decl)
                });
        }
    });
    returned.then_some(Role::Returned)
}

/// Whether the literal has looked at `name` on the way to `stmt` in a way that may guard it:
/// an enclosing `if` whose header mentions it, or an earlier statement that mentions it and
/// can leave the literal (`if err != nil { return }`). None when `stmt` sits where the rule
/// cannot tell an overwrite from a decision: in a loop, a `switch` or a `select`, or under an
/// `if` other than a nil check of the call's receiver (`if f != nil { err = f.Close() }` only
/// decides whether the call can be made; `if !stop() { ret = ctx.Err() }`, crypto/tls's
/// handshake, replaces the error on purpose).
fn looked_at_before(stmt: Node, call: Node, literal: Node, name: &str, src: &[u8]) -> Option<bool> {
    let body = literal.field("body")?;
    let receiver = call
        .field("function")
        .filter(|f| f.kind_name() == "selector_expression")
        .and_then(|f| f.field("operand"))
        .map(|o| text(o, src));
    let mut child = stmt;
    for a in syntax::ancestors(stmt) {
        match a.kind_name() {
            "statement_list" => {
                if earlier_guard(a, child, name, src) {
                    return Some(true);
                }
            }
            "block" if a.id() == body.id() => return Some(false),
            "block" => {}
            "if_statement" => {
                let header_mentions = ["initializer", "condition"]
                    .iter()
                    .filter_map(|f| a.field(f))
                    .any(|h| syntax::names_in(h, src).contains(name));
                if header_mentions {
                    return Some(true);
                }
                let nil_check = a.field("initializer").is_none()
                    && a.field("consequence") == Some(child)
                    && receiver.is_some_and(|r| {
                        a.field("condition").is_some_and(|c| text(c, src) == format!("{r} != nil"))
                    });
                if !nil_check {
                    return None;
                }
            }
            _ => return None,
        }
        child = a;
    }
    None
}

/// Whether a statement of `list` before `child` mentions `name` and may leave the literal.
fn earlier_guard(list: Node, child: Node, name: &str, src: &[u8]) -> bool {
    syntax::statements(list).into_iter().take_while(|s| s.end_byte() <= child.start_byte()).any(|s| {
        let mut leaves = false;
        syntax::walk_same_function(s, |n| {
            leaves |= n.kind_name() == "return_statement"
                || (n.kind_name() == "call_expression"
                    && n.field("function").is_some_and(|f| text(f, src) == "panic"));
        });
        leaves && syntax::names_in(s, src).contains(name)
    })
}

/// The line where the literal reads the variable `target` names after `stmt` (or in a
/// function literal of its own, which may run after it), other than in the guard this rule
/// writes (`if cerr := ...; cerr != nil && err == nil { err = cerr }`,
/// an earlier fix of a second overwrite in the same literal).
fn read_after(stmt: Node, literal: Node, name: &str, func: Node, target: Node, src: &[u8]) -> Option<usize> {
    let decl = binding(target, name, func, src);
    let mut line = None;
    syntax::walk(literal, |n| {
        // A function literal inside this one may be called after the assignment wherever it
        // is written (`show := func() { log(err) }` before it, `show()` after).
        let in_nested = syntax::enclosing_function(n).is_some_and(|f| f.id() != literal.id());
        if line.is_some() || (n.start_byte() < stmt.end_byte() && !in_nested) {
            return Descend::Yes;
        }
        if is_guard(n, name, src) {
            return Descend::No;
        }
        if n.kind_name() == "identifier"
            && text(n, src) == name
            && !is_assigned(n, src)
            && binding(n, name, func, src) == decl
        {
            line = Some(n.start_position().row + 1);
        }
        Descend::Yes
    });
    line
}

/// Whether `ident` is a target of a plain assignment (`err = ...`, `_, err = ...`): written,
/// not read.
fn is_assigned(ident: Node, src: &[u8]) -> bool {
    let Some(mut parent) = ident.parent() else { return false };
    if parent.kind_name() == "expression_list" {
        match parent.parent() {
            Some(p) => parent = p,
            None => return false,
        }
    }
    parent.kind_name() == "assignment_statement"
        && parent.field("operator").is_some_and(|o| text(o, src) == "=")
        && parent.field("left").is_some_and(|l| syntax::contains(l, ident))
}

/// `if C := CALL; C != nil && NAME == nil { NAME = C }` (also with blank targets before `C`).
fn is_guard(n: Node, name: &str, src: &[u8]) -> bool {
    if n.kind_name() != "if_statement" || n.field("alternative").is_some() {
        return false;
    }
    let Some(init) = n.field("initializer").filter(|i| i.kind_name() == "short_var_declaration") else {
        return false;
    };
    let Some(last) = init.field("left").map(list_items).and_then(|l| l.last().copied()) else {
        return false;
    };
    let c = text(last, src);
    if init.field("right").is_some_and(|r| syntax::names_in(r, src).contains(name)) {
        return false;
    }
    let condition = n.field("condition").map_or("", |c| text(c, src));
    let body = n.field("consequence").map(syntax::statements).unwrap_or_default();
    condition == format!("{c} != nil && {name} == nil")
        && matches!(body.as_slice(), [s] if text(*s, src) == format!("{name} = {c}"))
}

/// Who else sees the variable after the literal has run, and so would see the fix's change:
/// Ok(None) nobody but the caller, Ok(Some(reason)) someone (the fix is unsafe).
fn observers(
    o: &Overwrite,
    defer: Node,
    literal: Node,
    func: Node,
    src: &[u8],
) -> Result<Option<String>, String> {
    let name = &o.name;
    let Some(target) = o.targets.iter().find(|t| text(**t, src) == *name).copied() else {
        return Err("no target".to_string());
    };
    let decl = binding(target, name, func, src);
    let body = func.field("body").ok_or("the function has no body")?;
    if let Some(c) = changes::changes(body, name, src).into_iter().find(|c| c.how == How::AddressTaken) {
        return Ok(Some(format!(
            "the address of {name} is taken (line {}), and code holding it may read {name} after the deferred function ran",
            c.line()
        )));
    }
    // Registered later in the source means registered later in time only when the `defer`
    // runs once: not in a loop, and no `goto` can take the function back over it.
    let mut has_goto = false;
    syntax::walk_same_function(func, |n| has_goto |= n.kind_name() == "goto_statement");
    let in_loop = has_goto || syntax::enclosing_loop(defer).is_some();
    let mut reason = None;
    syntax::walk(body, |n| {
        if reason.is_some() || syntax::contains(literal, n) {
            return Descend::Yes;
        }
        // The guard this rule and close-error-dropped write only decides the error itself,
        // which is what the fix means to change.
        if is_guard(n, name, src) {
            return Descend::No;
        }
        if n.kind_name() == "identifier"
            && text(n, src) == name
            && syntax::enclosing_function(n) != Some(func)
            && binding(n, name, func, src) == decl
        {
            let outer = syntax::ancestors(n)
                .take_while(|a| a.id() != func.id())
                .filter(|a| a.kind_name() == "func_literal")
                .last();
            // A deferred literal registered after this one runs before it, unless what reads
            // the variable is a literal or goroutine it starts, which may run after.
            let runs_before = !in_loop
                && outer.is_some_and(|l| {
                    l.start_byte() >= defer.end_byte()
                        && syntax::enclosing_function(n) == Some(l)
                        && l.parent()
                            .and_then(|c| c.parent())
                            .is_some_and(|d| d.kind_name() == "defer_statement")
                });
            if !runs_before {
                reason = Some(format!(
                    "a function literal uses {name} (line {}) and may run after the deferred function: it would see {name}'s earlier error instead of the call's",
                    n.start_position().row + 1
                ));
            }
        }
        Descend::Yes
    });
    if reason.is_some() {
        return Ok(reason);
    }
    if o.role == Role::Result && defers_recover(func, src) {
        return Ok(Some(format!(
            "a deferred function recovers panics; after one, the function returns {name} as it was at the panic instead of the call's result"
        )));
    }
    Ok(None)
}

/// Why the call's result might not be an `error` (then a nil of a concrete error type, which
/// used to make `err` non-nil, now leaves it alone, and `cerr != nil` may not compile): None
/// when the file's declarations or the conventions say it is one.
fn result_type_hole(
    call: Node,
    index: usize,
    count: usize,
    package: Option<&Package>,
    src: &[u8],
) -> Option<String> {
    let function = call.field("function")?;
    let root = callees::root(call);
    let result_is_error = |decl: Node| {
        let results = syntax::results(decl, src);
        results.len() == count && results.get(index).is_some_and(|r| text(r.ty, src) == "error")
    };
    let spelled = text(function, src);
    let unseen = || {
        Some(format!(
            "the rule cannot see what {spelled} returns; if it is a concrete error type, its nil used to make the error non-nil"
        ))
    };
    // A function of the package's other files or of an imported standard package.
    let declared = || match signatures::call_results(call, package, src) {
        Some(r) if r.types.len() == count && r.is(index, "error") => None,
        Some(r) if r.types.len() == count => Some(format!(
            "{spelled} returns {}, not error: its nil used to make the error non-nil, and now leaves it alone",
            r.types[index]
        )),
        _ => unseen(),
    };
    match function.kind_name() {
        "identifier" => match callees::function(root, spelled, src) {
            Some(decl) if result_is_error(decl) => None,
            Some(decl) => {
                let ty = syntax::results(decl, src).get(index).map_or("", |r| text(r.ty, src));
                Some(format!(
                    "{spelled} returns {ty}, not error: its nil used to make the error non-nil, and now leaves it alone"
                ))
            }
            None => declared(),
        },
        "selector_expression" => {
            let operand = function.field("operand");
            if operand.is_some_and(|o| {
                o.kind_name() == "identifier"
                    && scope::binding(o, text(o, src), src).is_none()
                    && syntax::import_path_of(root, src, text(o, src)).is_some()
            }) {
                return declared();
            }
            let method = text(function.field("field")?, src);
            // The receiver's type known from its declaration: its own method decides.
            if signatures::call_results(call, package, src).is_some() {
                return declared();
            }
            // Otherwise every method so named, in the file and the package's other files: one
            // returning something else may be the one called.
            let declared: Vec<Node> = callees::methods(root, method, src)
                .into_iter()
                .filter(|m| syntax::results(*m, src).len() == count)
                .collect();
            if let Some(other) = declared.iter().find(|m| !result_is_error(**m)) {
                let ty = syntax::results(*other, src).get(index).map_or("", |r| text(r.ty, src));
                return Some(format!(
                    "a method {method} of the file returns {ty}, not error: if that is the one called, its nil used to make the error non-nil, and now leaves it alone"
                ));
            }
            let clause = syntax::package_name(root, src);
            let elsewhere = match (package, clause.as_deref()) {
                (Some(p), Some(c)) => p.methods_named(c, method),
                _ => Vec::new(),
            };
            let elsewhere: Vec<_> = elsewhere.iter().filter(|d| d.item.results.len() == count).collect();
            if let Some(other) =
                elsewhere.iter().find(|d| d.item.results.get(index).is_none_or(|r| r.type_text != "error"))
            {
                let ty = other.item.results.get(index).map_or("", |r| r.type_text.as_str());
                return Some(format!(
                    "a method {method} in {} returns {ty}, not error: if that is the one called, its nil used to make the error non-nil, and now leaves it alone",
                    other.file
                ));
            }
            if !declared.is_empty()
                || !elsewhere.is_empty()
                || (count == 1 && known::finishing_method_returns_error(method))
            {
                None
            } else {
                unseen()
            }
        }
        _ => unseen(),
    }
}

/// `f.Close()`, `s.Shutdown(...)`: the call as messages name it.
fn callee_display(call: Node, src: &[u8]) -> String {
    let function = call.field("function").map_or("", |f| text(f, src));
    let no_args = call.field("arguments").is_some_and(|a| a.named_child_count() == 0);
    if no_args { format!("{function}()") } else { format!("{function}(...)") }
}

/// `if cerr := CALL; cerr != nil && err == nil {` + `err = cerr` + `}`, the lines after the
/// first indented from `indent`.
fn guard_text(o: &Overwrite, taken_from: Node, indent: &str, src: &[u8]) -> String {
    let mut taken = syntax::names_in(taken_from, src);
    taken.insert(o.name.clone());
    let cerr = syntax::fresh_name("cerr", &taken);
    let left: Vec<&str> =
        o.targets.iter().map(|t| if text(*t, src) == o.name { cerr.as_str() } else { "_" }).collect();
    let name = &o.name;
    format!(
        "if {} := {}; {cerr} != nil && {name} == nil {{\n{indent}\t{name} = {cerr}\n{indent}}}",
        left.join(", "),
        text(o.call, src)
    )
}

/// The edit replacing an overwrite that has its line to itself (a comment may follow it).
fn line_fix(o: &Overwrite, src: &[u8]) -> Result<Edit, String> {
    let stmt = o.stmt;
    let mut comment = false;
    syntax::walk(stmt, |n| {
        comment |= n.kind_name() == "comment";
        Descend::Yes
    });
    if comment {
        return Err("the assignment holds a comment; rewrite it by hand".to_string());
    }
    let start = syntax::line_start(src, stmt.start_byte());
    let line_end = memchr::memchr(b'\n', &src[stmt.end_byte()..]).map_or(src.len(), |i| stmt.end_byte() + i);
    let after = &src[stmt.end_byte()..line_end];
    let after = after.trim_ascii_start();
    let shares = src[start..stmt.start_byte()].iter().any(|b| !matches!(b, b' ' | b'\t'))
        || !(after.is_empty() || after.starts_with(b"//"));
    if shares {
        return Err("the assignment shares its line with other code (run gofmt first)".to_string());
    }
    let indent = String::from_utf8_lossy(syntax::line_indent(src, stmt.start_byte())).into_owned();
    let literal = syntax::ancestors(stmt).find(|a| a.kind_name() == "func_literal").unwrap_or(stmt);
    Ok(Edit::replace(stmt.start_byte(), stmt.end_byte(), guard_text(o, literal, &indent, src)))
}

/// The fix of a literal whose body is on one line: the body laid out on lines of its own, each
/// fixable overwrite replaced by its guard.
fn one_line_fix(
    body: Node,
    defer: Node,
    overwrites: &[Overwrite],
    src: &[u8],
) -> Result<(Fix, Option<String>), String> {
    let mut comment = false;
    syntax::walk(body, |n| {
        comment |= n.kind_name() == "comment";
        Descend::Yes
    });
    if comment {
        return Err(
            "the literal is on one line with a comment; put its statements on lines of their own".to_string()
        );
    }
    let start = syntax::line_start(src, defer.start_byte());
    if src[start..defer.start_byte()].iter().any(|b| !matches!(b, b' ' | b'\t')) {
        return Err("the defer shares its line with other code (run gofmt first)".to_string());
    }
    let indent = String::from_utf8_lossy(syntax::line_indent(src, defer.start_byte())).into_owned();
    let inner = format!("{indent}\t");
    let literal = body.parent().unwrap_or(body);
    let mut out = String::from("{\n");
    let mut unsafe_reason: Option<String> = None;
    for s in syntax::statements(body) {
        out.push_str(&inner);
        match overwrites.iter().find(|o| o.stmt.id() == s.id() && o.verdict.is_ok()) {
            Some(o) => {
                if let Ok(Some(reason)) = &o.verdict {
                    unsafe_reason.get_or_insert_with(|| reason.clone());
                }
                out.push_str(&guard_text(o, literal, &inner, src));
            }
            None => out.push_str(text(s, src)),
        }
        out.push('\n');
    }
    out.push_str(&indent);
    out.push('}');
    let applicability = if unsafe_reason.is_some() { Applicability::Unsafe } else { Applicability::Safe };
    Ok((Fix::new(applicability, vec![Edit::replace(body.start_byte(), body.end_byte(), out)]), unsafe_reason))
}

/// Whether the literal (not a literal inside it) calls `recover()`: a recover handler sets the
/// error on purpose.
fn calls_recover(literal: Node, src: &[u8]) -> bool {
    let mut found = false;
    syntax::walk_same_function(literal, |n| {
        found |= n.kind_name() == "call_expression"
            && n.field("function").is_some_and(|f| text(f, src) == "recover");
    });
    found
}
