//! `close-before-check`: a cleanup deferred on a result before its error is checked.
//!
//! ## What it detects
//! Three statements in a row in one block (comments may come between them):
//! 1. `x, ..., err := f(...)` (or `=`): a call whose first result `x` and last result, an error
//!    variable, are plain names;
//! 2. `defer x.M(...)` or `defer x.Field.M(...)` (`defer f.Close()`, `defer resp.Body.Close()`,
//!    `defer rows.Close()`): a method call on `x` or on a field of it; or `defer cleanup()`
//!    where `cleanup` is another result of the call but the error (`opts, cleanup, err :=
//!    prepare()`: containerd's nil cleanup panicked);
//! 3. the check of that error: `if err != nil { ... }` (or `nil != err`), or a test assertion
//!    that stops the test, `require.NoError(t, err)` (testify) or `assert.NilError(t, err)`
//!    (gotest.tools).
//!
//! ## Why it matters
//! When `f` fails, `x` is nil or otherwise invalid, yet the defer is already in place:
//! `resp.Body` on a nil `resp` panics at the `defer` itself, a nil interface panics there too,
//! and a nil pointer receiver panics (or returns an error nobody sees) when the function returns,
//! turning an ordinary error into a crash (staticcheck SA5001, go vet httpresponse).
//!
//! ## Example
//! ```go
//! resp, err := http.Get(url)
//! defer resp.Body.Close()
//! if err != nil {
//!     return err
//! }
//! ```
//! becomes
//! ```go
//! resp, err := http.Get(url)
//! if err != nil {
//!     return err
//! }
//! defer resp.Body.Close()
//! ```
//! The `defer` line moves, with the comment lines right above it and its trailing comment, to
//! just after the check, at the same indentation.
//!
//! ## Fix safety
//! - Safe: the error branch never reaches the code after it: it ends in `return`, `panic(...)`,
//!   `os.Exit`, `log.Fatal*`, `runtime.Goexit`, `t.Fatal*`/`t.FailNow`/`t.Skip*`, a `break` or
//!   `continue` of a loop around it, or any other terminating statement; or the check is
//!   `require.NoError`/`assert.NilError`. Then the defer is registered on every path where `x`
//!   is valid, exactly as before, and no longer on the failing one (Go's convention: when the
//!   error is non-nil, the other results are not to be used). A `continue` and the `return`
//!   that loop-defer makes of it get the same verdict, so a second run changes nothing.
//! - For a returned cleanup function, safe only where the called function is seen to return a
//!   nil cleanup whenever its error is not nil (every `return` of its body, in the file or in
//!   every declaration of another file of the package, spells `nil` in one of the two
//!   places): then the failing path could only panic. Otherwise unsafe: a function that
//!   returns a cleanup of partial work together with its error would no longer have it run.
//! - No fix: the `if` has an `else`, or its branch can fall through: whether the cleanup
//!   should then run is for the author to decide; or the `defer` shares its line with other
//!   code.

use tree_sitter::Node;

use super::exit_after_defer::ExitCalls;
use super::{GoFile, Transform};
use crate::analysis::callees;
use crate::fix::{Applicability, Edit, Finding, Fix, describe};
use crate::package;
use crate::prefilter::Triggers;
use crate::syntax::{self, Fields, KindName, text};

pub struct CloseBeforeCheck;

pub const NAME: &str = "close-before-check";

impl Transform for CloseBeforeCheck {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "a cleanup deferred on a call's result before the call's error is checked"
    }

    fn triggers(&self) -> Triggers {
        &[&["defer"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        let exits = ExitCalls::new(file);
        for &defer in &file.nodes.defers {
            let Some(m) = Match::find(defer, src) else { continue };
            let call = text(defer.named_child(0).expect("matched a call"), src);
            let base = match m.cleanup_at {
                None => format!(
                    "defer {call} is set up before {err} is checked: when {f} fails, {x} is not valid and the deferred call panics or acts on it anyway",
                    err = m.err,
                    f = m.callee,
                    x = m.x,
                ),
                Some(_) => format!(
                    "defer {call} is set up before {err} is checked: when {f} fails, {x} is not to be used, and a nil {x} panics when the function returns",
                    err = m.err,
                    f = m.callee,
                    x = m.x,
                ),
            };
            let planned = m.plan(defer, src, &exits).map(|fix| match m.cleanup_at {
                Some(at) => match nil_cleanup_on_error(file, m.call, at, m.results) {
                    Ok(()) => (fix, None),
                    Err(why) => (
                        {
                            let mut fix = fix;
                            fix.applicability = Applicability::Unsafe;
                            fix
                        },
                        Some(format!("after the move {} no longer runs when {} fails; {why}", m.x, m.callee)),
                    ),
                },
                None => (fix, None),
            });
            let (message, fix) = describe(base, Some("moves the defer after the check"), planned);
            findings.push(Finding {
                rule: NAME,
                start: defer.start_byte(),
                end: defer.end_byte(),
                message,
                fix,
            });
        }
    }
}

struct Match<'t, 's> {
    x: &'s str,
    err: &'s str,
    callee: String,
    /// The `if` statement, or the `require.NoError(t, err)` statement.
    check: Node<'t>,
    /// For `opts, cleanup, err := prepare(); defer cleanup()`: which result `cleanup` is.
    cleanup_at: Option<usize>,
    /// The call that gives the results, and how many it gives.
    call: Node<'t>,
    results: usize,
}

impl<'t, 's> Match<'t, 's> {
    fn find(defer: Node<'t>, src: &'s [u8]) -> Option<Self> {
        defer.parent().filter(|p| p.kind_name() == "statement_list")?;
        let method_on = receiver_root(defer, src);
        let x = method_on.or_else(|| called_function(defer, src))?;
        let prev = neighbour(defer, Node::prev_named_sibling)?;
        let next = neighbour(defer, Node::next_named_sibling)?;
        if !matches!(prev.kind_name(), "short_var_declaration" | "assignment_statement") {
            return None;
        }
        let left = names(prev.field("left")?);
        let right = names(prev.field("right")?);
        let [value] = right.as_slice() else { return None };
        if left.len() < 2 || value.kind_name() != "call_expression" {
            return None;
        }
        let last = *left.last()?;
        let cleanup_at = match method_on {
            Some(_) if text(left[0], src) == x => None,
            Some(_) => return None,
            // A function value the call returned alongside the error.
            None => Some(left[..left.len() - 1].iter().position(|l| text(*l, src) == x)?),
        };
        if last.kind_name() != "identifier" || text(last, src) == "_" {
            return None;
        }
        let err = text(last, src);
        if !syntax::checks_error(next, err, src) {
            return None;
        }
        let function = text(value.field("function")?, src);
        let callee = if function.contains('\n') { "the call".to_string() } else { function.to_string() };
        Some(Match { x, err, callee, check: next, cleanup_at, call: *value, results: left.len() })
    }

    /// Moves the defer line(s), with the comment lines right above, after the check.
    fn plan(&self, defer: Node, src: &[u8], exits: &ExitCalls) -> Result<Fix, String> {
        if self.check.kind_name() == "if_statement" {
            if self.check.field("alternative").is_some() {
                return Err(format!(
                    "the `if {} != nil` has an else branch; decide where the cleanup belongs",
                    self.err
                ));
            }
            let leaves = self.check.field("consequence").is_some_and(|c| {
                syntax::is_terminating(c, src, &|n| {
                    exits.leaves_function(n, src)
                        || matches!(n.kind_name(), "break_statement" | "continue_statement")
                })
            });
            if !leaves {
                return Err(format!(
                    "the `if {} != nil` branch can fall through to the code after it, so whether the cleanup must run after it is for the author to decide",
                    self.err
                ));
            }
        }
        let not_laid_out = || "the defer shares its line with other code (run gofmt first)".to_string();
        // The lines to move: comment lines right above the defer, the defer, a trailing comment.
        let mut first = defer;
        while let Some(c) = first
            .prev_sibling()
            .filter(|c| c.kind_name() == "comment" && c.end_position().row + 1 == first.start_position().row)
        {
            first = c;
        }
        let mut last = defer;
        if let Some(c) = defer
            .next_sibling()
            .filter(|c| c.kind_name() == "comment" && c.start_position().row == defer.end_position().row)
        {
            last = c;
        }
        let start = syntax::line_start(src, first.start_byte());
        if src[start..first.start_byte()].iter().any(|b| !matches!(b, b' ' | b'\t')) {
            return Err(not_laid_out());
        }
        let end = line_end(src, last.end_byte()).ok_or_else(not_laid_out)?;
        if src[last.end_byte()..end - 1].iter().any(|b| !matches!(b, b' ' | b'\t')) {
            return Err(not_laid_out());
        }
        let insert_at = line_end(src, self.check.end_byte()).ok_or_else(not_laid_out)?;
        let moved = src[start..end].to_vec();
        // Deleting the lines between two blank lines would leave two in a row: drop one.
        let blank_before = start >= 2 && src[start - 2] == b'\n';
        let blank_after = src.get(end) == Some(&b'\n');
        let delete_end = if blank_before && blank_after { end + 1 } else { end };
        Ok(Fix::new(
            Applicability::Safe,
            vec![Edit::delete(start, delete_end), Edit::insert(insert_at, moved)],
        ))
    }
}

/// The statement next to `stmt` in the same list in one direction, skipping comments.
fn neighbour<'t>(stmt: Node<'t>, step: fn(&Node<'t>) -> Option<Node<'t>>) -> Option<Node<'t>> {
    let mut n = step(&stmt)?;
    while n.kind_name() == "comment" {
        n = step(&n)?;
    }
    Some(n)
}

/// The named children of an expression list, without comments.
fn names(list: Node) -> Vec<Node> {
    if list.kind_name() != "expression_list" {
        return vec![list];
    }
    let mut cursor = list.walk();
    list.named_children(&mut cursor).filter(|c| c.kind_name() != "comment").collect()
}

/// For `defer x.M(...)` or `defer x.F.G.M(...)`: `x`.
fn receiver_root<'s>(defer: Node, src: &'s [u8]) -> Option<&'s str> {
    let call = defer.named_child(0).filter(|c| c.kind_name() == "call_expression")?;
    let mut operand =
        call.field("function").filter(|f| f.kind_name() == "selector_expression")?.field("operand")?;
    while operand.kind_name() == "selector_expression" {
        operand = operand.field("operand")?;
    }
    (operand.kind_name() == "identifier").then(|| text(operand, src))
}

/// For `defer f(...)` with `f` a plain name: `f`.
fn called_function<'s>(defer: Node, src: &'s [u8]) -> Option<&'s str> {
    let call = defer.named_child(0).filter(|c| c.kind_name() == "call_expression")?;
    let function = call.field("function").filter(|f| f.kind_name() == "identifier")?;
    Some(text(function, src))
}

/// Whether the function `call` calls returns a nil cleanup (its result `at`) whenever its
/// error (the last of `results`) is not nil: every `return` of its body, in this file or in
/// every declaration of another file of the package, spells `nil` in one of the two places.
/// Then moving `defer cleanup()` after the check loses nothing on the failing path, where it
/// could only panic. Otherwise the reason the move may lose a cleanup.
fn nil_cleanup_on_error(file: &GoFile, call: Node, at: usize, results: usize) -> Result<(), String> {
    let src = file.src;
    let root = file.tree.root_node();
    let unknown = || Err("whether it returns a cleanup together with an error cannot be seen".to_string());
    let Some(function) = call.field("function").filter(|f| f.kind_name() == "identifier") else {
        return unknown();
    };
    let name = text(function, src);
    // A local function value of that name is not the package's function.
    if syntax::outermost_function(call).is_none_or(|f| crate::analysis::declares_inside(file, f, name)) {
        return unknown();
    }
    // (where, each return's values, whether a deferred call may set named results after them)
    let bodies: Vec<(String, Vec<Vec<String>>, bool)> = match callees::function(root, name, src) {
        Some(decl) => {
            let named =
                syntax::results(decl, src).iter().any(|r| r.name.as_deref().is_some_and(|n| n != "_"));
            let mut defers = false;
            if let Some(body) = decl.field("body") {
                syntax::walk_same_function(body, |n| defers |= n.kind_name() == "defer_statement");
            }
            vec![("this file".to_string(), package::returned_values(decl, src), named && defers)]
        }
        None => {
            let clause = syntax::package_name(root, src).unwrap_or_default();
            let declared = file.package.map(|p| p.functions(&clause, name)).unwrap_or_default();
            declared
                .iter()
                .map(|d| {
                    let named = d.item.results.iter().any(|r| r.name.as_deref().is_some_and(|n| n != "_"));
                    (d.file.to_string(), d.item.returns.clone(), named && d.item.defers)
                })
                .collect()
        }
    };
    if bodies.is_empty() {
        return unknown();
    }
    for (place, returns, deferred_may_set) in bodies {
        if deferred_may_set {
            return Err(format!(
                "{name} in {place} names its results and defers a call, which may set them after a return (a cleanup returned with nil can come back with an error)"
            ));
        }
        for values in returns {
            if values.len() != results {
                return Err(format!("a return of {name} in {place} does not spell its values"));
            }
            if values[results - 1] != "nil" && values[at] != "nil" {
                return Err(format!(
                    "{name} in {place} returns `{}` together with the error `{}`",
                    values[at],
                    values[results - 1]
                ));
            }
        }
    }
    Ok(())
}

/// The position after the newline that ends the line holding `pos`.
fn line_end(src: &[u8], pos: usize) -> Option<usize> {
    memchr::memchr(b'\n', &src[pos..]).map(|i| pos + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_end_is_after_the_newline() {
        assert_eq!(line_end(b"ab\ncd\n", 1), Some(3));
        assert_eq!(line_end(b"ab", 1), None);
    }
}
