//! `lost-cancel`: the cancel function of a derived context is discarded or never called.
//!
//! ## What it detects
//! A call of `context.WithCancel`, `WithCancelCause`, `WithTimeout`, `WithTimeoutCause`,
//! `WithDeadline` or `WithDeadlineCause`, spelled through the name the file imports `context`
//! as (`stdctx "context"` gives `stdctx.WithCancel`), that is the only value of a two-target
//! `:=`, `=` or `var` declaration inside a function, where
//! - the cancel result is discarded with `_` (in any function, `main.main` included, as go vet
//!   does), or
//! - the cancel result goes to a variable declared in the same function (a local, parameter or
//!   named result) that is never mentioned after the assignment: no call, `defer`, hand-over,
//!   and no bare `return` of it as a named result (inside a loop, a mention anywhere in the
//!   loop counts; any `goto` in the function counts as a possible use). `main.main` is exempt
//!   here, as in go vet: returning from it ends the process.
//!
//! ## Why it matters
//! A derived context holds resources (a timer for the deadline variants, a registration in its
//! parent) until it is cancelled or its parent is done; dropping the cancel function leaks them
//! for the parent's lifetime, often the whole process (go vet lostcancel).
//!
//! ## Example
//! ```go
//! ctx, _ := context.WithTimeout(parent, time.Second)
//! return fetch(ctx, url)
//! ```
//! becomes
//! ```go
//! ctx, cancel := context.WithTimeout(parent, time.Second)
//! defer cancel()
//! return fetch(ctx, url)
//! ```
//! A `_` becomes the first of `cancel`, `cancel2`, ... that the function does not spell; for
//! `WithCancelCause`, whose function takes a cause, the call is `defer cancel(nil)`. In the
//! `=` form the variable is declared on the line before (`var cancel context.CancelFunc`), so
//! that the assignment still targets the existing context variable. Inside a loop there is
//! no `defer`: `cancel()` becomes the last statement of the block holding the call (the loop
//! body, or an `if` block in it), so each context is cancelled before the next iteration.
//!
//! ## Fix safety
//! The fix is safe only when the context cannot be in use after the function returns; then
//! cancelling it at return changes nothing but the leak. No fix (reported with the reason):
//! - the derived context (or anything carrying it: a context derived from it, a struct or
//!   closure holding it, its `Done()` channel) is returned, stored beyond the function (an outer
//!   variable, field, map, slice, global), sent on a channel, captured by a `go` statement's
//!   function literal or passed to a function started with `go` (see [`crate::escape`]): the
//!   caller or the goroutine must cancel it where its life ends;
//! - in a loop: something after the call leaves its block (`continue`, `break`, `return`,
//!   `goto`, a terminating last statement), the call is in a `case` clause, or the context
//!   variable is declared outside the block or kept beyond it;
//! - a `defer` registered earlier in the function uses the context (it would run after the
//!   cancel); the function uses `goto`; the call is in an `if`/`switch` header or a grouped
//!   `var (...)`; the statement is not laid out as gofmt lays it out.
//!
//! A context passed to a function that keeps it (starts its own goroutine with it, stores it)
//! cannot be seen from the call: constructors (`New*`, `With*`, `Wrap*`) are assumed to keep
//! what they are given, other calls to use it only while they run, as the `context` package
//! documentation asks.

use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::escape::{self, Seed, declared_by};
use crate::fix::{Applicability, Edit, Finding, Fix};
use crate::syntax::{self, Descend, text};

pub struct LostCancel;

pub const NAME: &str = "lost-cancel";

const FUNCTIONS: &[&str] = &[
    "WithCancel",
    "WithCancelCause",
    "WithTimeout",
    "WithTimeoutCause",
    "WithDeadline",
    "WithDeadlineCause",
];

impl Transform for LostCancel {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "the cancel function of context.WithCancel/WithTimeout/WithDeadline is discarded or never called"
    }

    fn triggers(&self) -> &'static [&'static str] {
        &["WithCancel", "WithTimeout", "WithDeadline"]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        let Some(pkg) = syntax::import_name(file.tree, src, "context") else { return };
        let imports = syntax::imported_names(file.tree, src);
        let package_main = package_name(file) == Some("main");
        let mut sites = Vec::new();
        syntax::walk(file.tree.root_node(), |n| {
            sites.extend(Site::find(n, &pkg, src));
            Descend::Yes
        });
        // Names given to discarded cancel functions in this pass, per function.
        let mut given: HashMap<usize, HashSet<String>> = HashMap::new();
        for site in sites {
            let fname = syntax::function_display_name(site.func, src);
            let callee = format!("{pkg}.{}", site.function);
            let cancel = text(site.cancel, src);
            let discarded = site.cancel.kind() == "identifier" && cancel == "_";
            let (start, end, base) = if discarded {
                (
                    site.cancel.start_byte(),
                    site.cancel.end_byte(),
                    format!(
                        "the cancel function returned by {callee} is discarded: the context and its resources stay alive until its parent is done"
                    ),
                )
            } else {
                // A cancel function stored in a field, or a variable of a wider scope, is
                // someone else's to call (go vet does not analyse those either).
                if site.cancel.kind() != "identifier"
                    || (package_main && is_main(site.func, src))
                    || !declared_in_function(site.func, cancel, site.stmt.start_byte(), src)
                    || used_after(&site, cancel, src)
                {
                    continue;
                }
                (
                    site.stmt.start_byte(),
                    site.stmt.end_byte(),
                    format!(
                        "the cancel function `{cancel}` from {callee} is never called after this assignment: the context and its resources stay alive until its parent is done"
                    ),
                )
            };
            let name = if discarded {
                let mut taken = syntax::names_in(site.func, src);
                taken.extend(imports.iter().cloned());
                taken.extend(given.get(&site.func.id()).into_iter().flatten().cloned());
                syntax::fresh_name("cancel", &taken)
            } else {
                cancel.to_string()
            };
            let (message, fix) = match site.plan(&name, discarded, &pkg, &fname, src) {
                Ok(fix) => {
                    if discarded {
                        given.entry(site.func.id()).or_default().insert(name);
                    }
                    (base, Some(fix))
                }
                Err(reason) => (format!("{base}; not fixed: {reason}"), None),
            };
            findings.push(Finding { rule: NAME, start, end, message, fix });
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `ctx, cancel := ...`
    Define,
    /// `ctx, cancel = ...`
    Assign,
    /// `var ctx, cancel = ...`
    Var,
}

struct Site<'t> {
    function: &'t str,
    /// The statement holding the call: a short variable declaration, an assignment or a var
    /// declaration.
    stmt: Node<'t>,
    form: Form,
    /// A `var (...)` group of several specs.
    grouped: bool,
    ctx: Node<'t>,
    cancel: Node<'t>,
    func: Node<'t>,
}

impl<'t> Site<'t> {
    fn find(call: Node<'t>, pkg: &str, src: &'t [u8]) -> Option<Self> {
        if call.kind() != "call_expression" {
            return None;
        }
        let callee = call.child_by_field_name("function").filter(|f| f.kind() == "selector_expression")?;
        let operand = callee.child_by_field_name("operand").filter(|o| o.kind() == "identifier")?;
        let field = callee.child_by_field_name("field")?;
        let function = text(field, src);
        if text(operand, src) != pkg || !FUNCTIONS.contains(&function) {
            return None;
        }
        let values = call.parent().filter(|p| p.kind() == "expression_list" && p.named_child_count() == 1)?;
        let holder = values.parent()?;
        let (form, targets, stmt, grouped) = match holder.kind() {
            "short_var_declaration" | "assignment_statement" => {
                if holder.child_by_field_name("right").map(|r| r.id()) != Some(values.id()) {
                    return None;
                }
                let form = if holder.kind() == "short_var_declaration" {
                    Form::Define
                } else if holder.child_by_field_name("operator").is_some_and(|o| text(o, src) == "=") {
                    Form::Assign
                } else {
                    return None;
                };
                let left = holder.child_by_field_name("left")?;
                let mut c = left.walk();
                let targets: Vec<Node> =
                    left.named_children(&mut c).filter(|t| t.kind() != "comment").collect();
                (form, targets, holder, false)
            }
            "var_spec" => {
                if holder.child_by_field_name("value").map(|r| r.id()) != Some(values.id()) {
                    return None;
                }
                let mut c = holder.walk();
                let targets: Vec<Node> = holder.children_by_field_name("name", &mut c).collect();
                let parent = holder.parent()?;
                let (decl, grouped) = if parent.kind() == "var_spec_list" {
                    (parent.parent()?, parent.named_child_count() > 1)
                } else {
                    (parent, false)
                };
                (Form::Var, targets, decl, grouped)
            }
            _ => return None,
        };
        let [ctx, cancel] = targets.as_slice() else { return None };
        let func = syntax::enclosing_function(stmt)?;
        Some(Site { function, stmt, form, grouped, ctx: *ctx, cancel: *cancel, func })
    }

    fn body(&self) -> Option<Node<'t>> {
        self.func.child_by_field_name("body")
    }

    /// The edits that cancel the context when the function returns, or why there are none.
    fn plan(&self, name: &str, discarded: bool, pkg: &str, fname: &str, src: &[u8]) -> Result<Fix, String> {
        let body = self.body().ok_or("the function has no body")?;
        let argument = if self.function == "WithCancelCause" { "nil" } else { "" };
        if let Some(lp) = syntax::enclosing_loop(self.stmt) {
            let close_line = self.in_loop(lp, fname, src)?;
            let indent =
                String::from_utf8_lossy(syntax::line_indent(src, self.stmt.start_byte())).into_owned();
            let mut edits = vec![Edit::insert(close_line, format!("{indent}{name}({argument})\n"))];
            if discarded {
                edits.push(Edit::replace(self.cancel.start_byte(), self.cancel.end_byte(), name));
            }
            return Ok(Fix::new(Applicability::Safe, edits));
        }
        if self.grouped {
            return Err("the call is in a grouped var declaration; give it its own statement".to_string());
        }
        if self.stmt.parent().is_none_or(|p| p.kind() != "statement_list") {
            return Err("the call is in a statement header; give it its own statement".to_string());
        }
        let mut has_goto = false;
        syntax::walk_same_function(body, |n| has_goto |= n.kind() == "goto_statement");
        if has_goto {
            return Err(format!("{fname} uses goto"));
        }
        self.check_escape(body, fname, src)?;
        let (line_start, next_line) = self.lines(src)?;
        let indent = String::from_utf8_lossy(syntax::line_indent(src, self.stmt.start_byte())).into_owned();
        let mut edits = vec![Edit::insert(next_line, format!("{indent}defer {name}({argument})\n"))];
        if discarded {
            if self.form == Form::Assign {
                let ty = if self.function == "WithCancelCause" { "CancelCauseFunc" } else { "CancelFunc" };
                edits.push(Edit::insert(line_start, format!("{indent}var {name} {pkg}.{ty}\n")));
            }
            edits.push(Edit::replace(self.cancel.start_byte(), self.cancel.end_byte(), name));
        }
        Ok(Fix::new(Applicability::Safe, edits))
    }

    /// In a loop, the cancel is called as the last statement of the block holding the call (the
    /// loop body, or an `if` block in it), so each context is cancelled before the next
    /// iteration starts. That is right only when every path that created the context reaches
    /// the end of that block: nothing after the call leaves it (`continue`, `break`, `return`,
    /// `goto` to outside it, or a terminating last statement), the context stays within the
    /// block and no deferred call uses it. Returns the start of the line holding the block's
    /// `}`.
    fn in_loop(&self, lp: Node<'t>, fname: &str, src: &[u8]) -> Result<usize, String> {
        let refuse = |why: String| {
            Err(format!(
                "it is inside a loop, where a deferred cancel would keep every iteration's context until {fname} returns, and {why}; cancel it at the end of each iteration, on every path out of it"
            ))
        };
        let body = self
            .stmt
            .parent()
            .filter(|p| p.kind() == "statement_list")
            .and_then(|l| l.parent())
            .filter(|b| b.kind() == "block" && syntax::contains(lp, *b))
            .filter(|_| !self.grouped);
        let Some(body) = body else {
            return refuse("the call is not a statement of a block (a case clause, a header)".to_string());
        };
        let after: Vec<Node> =
            syntax::statements(body).into_iter().skip_while(|s| s.id() != self.stmt.id()).skip(1).collect();
        let mut leaves = None;
        for s in &after {
            syntax::walk_same_function(*s, |n| {
                let out = match n.kind() {
                    "return_statement" | "goto_statement" => true,
                    "break_statement" | "continue_statement" => {
                        syntax::jump_target(n, src).is_none_or(|t| !syntax::contains(body, t))
                    }
                    _ => false,
                };
                if out && leaves.is_none() {
                    leaves = Some(n.start_position().row + 1);
                }
            });
        }
        if let Some(line) = leaves {
            return refuse(format!("the statement on line {line} leaves its block early"));
        }
        if after.last().is_some_and(|l| syntax::is_terminating(*l, src, &|_| false)) {
            return refuse("its block never reaches its end".to_string());
        }
        let ctx = text(self.ctx, src);
        if self.ctx.kind() != "identifier" {
            return refuse(format!("the context is stored in `{ctx}`"));
        }
        if ctx != "_" {
            if !escape::declared_names(body, src).contains(ctx) {
                return refuse(format!("the context variable `{ctx}` outlives its block"));
            }
            let seeds = [Seed { name: ctx.to_string(), path: ctx.to_string() }];
            if let Some(found) = escape::escape(body, &seeds, &[], src) {
                return refuse(format!(
                    "the context is kept beyond its block through `{}` (line {})",
                    found.name, found.line
                ));
            }
            let mut deferred = None;
            syntax::walk_same_function(body, |n| {
                if deferred.is_none() && n.kind() == "defer_statement" && mentions(n, ctx, src) {
                    deferred = Some(n.start_position().row + 1);
                }
            });
            if let Some(line) = deferred {
                return refuse(format!("the call deferred on line {line} uses it"));
            }
        }
        let close = body.end_byte() - 1;
        let close_line = syntax::line_start(src, close);
        let (_, next_line) = self.lines(src)?;
        if src[close_line..close].iter().any(|b| !matches!(b, b' ' | b'\t')) || close_line < next_line {
            return Err("the block is not laid out as gofmt does (run gofmt first)".to_string());
        }
        Ok(close_line)
    }

    /// The start of the statement's first line, and of the line after its last one, when the
    /// statement stands alone on its lines (a trailing comment may follow it).
    fn lines(&self, src: &[u8]) -> Result<(usize, usize), String> {
        let not_laid_out = || "the statement is not laid out as gofmt does (run gofmt first)".to_string();
        let start = syntax::line_start(src, self.stmt.start_byte());
        if src[start..self.stmt.start_byte()].iter().any(|b| !matches!(b, b' ' | b'\t')) {
            return Err(not_laid_out());
        }
        let end = self.stmt.end_byte();
        let newline = memchr::memchr(b'\n', &src[end..]).map(|i| end + i).ok_or_else(not_laid_out)?;
        let rest = String::from_utf8_lossy(&src[end..newline]);
        let rest = rest.trim();
        if !(rest.is_empty() || rest.starts_with("//")) {
            return Err(not_laid_out());
        }
        Ok((start, newline + 1))
    }

    /// Whether the derived context may be in use after the function returns.
    fn check_escape(&self, body: Node<'t>, fname: &str, src: &[u8]) -> Result<(), String> {
        let ctx = text(self.ctx, src);
        if self.ctx.kind() != "identifier" {
            return Err(format!(
                "the context is stored in `{ctx}`, beyond {fname}; cancel it where its life ends (when its owner is done with it)"
            ));
        }
        if ctx == "_" {
            return Ok(());
        }
        if self.form == Form::Assign && !declared_in_function(self.func, ctx, self.stmt.start_byte(), src) {
            return Err(format!(
                "the context is stored in `{ctx}`, declared outside {fname}; cancel it where its life ends (when its owner is done with it)"
            ));
        }
        if let Some(line) = returned(self.func, body, ctx, src) {
            return Err(format!(
                "the context is returned (line {line}) and still in use after {fname} returns; return the cancel function too, so that the caller can cancel it when done"
            ));
        }
        let seeds = [Seed { name: ctx.to_string(), path: ctx.to_string() }];
        if let Some(found) = escape::escape(body, &seeds, &[], src) {
            return Err(format!(
                "the context is kept beyond {fname} through `{}` (line {}): stored, sent or used by a goroutine; cancel it where its life ends (in the goroutine or by the owner), not when {fname} returns",
                found.name, found.line
            ));
        }
        // Deferred calls registered earlier run after the cancel.
        let mut earlier = None;
        syntax::walk_same_function(body, |n| {
            if earlier.is_none()
                && n.kind() == "defer_statement"
                && n.end_byte() <= self.stmt.start_byte()
                && mentions(n, ctx, src)
            {
                earlier = Some(n.start_position().row + 1);
            }
        });
        if let Some(line) = earlier {
            return Err(format!(
                "the call deferred on line {line} uses `{ctx}` and would run after the cancel; cancel it by hand where it is no longer needed"
            ));
        }
        Ok(())
    }
}

/// The name in the package clause.
fn package_name<'a>(file: &GoFile<'a>) -> Option<&'a str> {
    let root = file.tree.root_node();
    let mut c = root.walk();
    let clause = root.named_children(&mut c).find(|n| n.kind() == "package_clause")?;
    let mut c = clause.walk();
    let name = clause.named_children(&mut c).find(|n| n.kind() == "package_identifier")?;
    Some(text(name, file.src))
}

/// `func main()` (the package is checked by the caller).
fn is_main(func: Node, src: &[u8]) -> bool {
    func.kind() == "function_declaration"
        && func.child_by_field_name("name").is_some_and(|n| text(n, src) == "main")
}

/// Whether the function itself (not a function literal in it) declares `name` before `pos`:
/// parameters, results, `:=`, `var`.
fn declared_in_function(func: Node, name: &str, pos: usize, src: &[u8]) -> bool {
    let mut found = false;
    syntax::walk_same_function(func, |n| {
        found |= n.start_byte() <= pos && declared_by(n, src).iter().any(|d| d == name);
    });
    found
}

/// Whether `node` spells the identifier `name`.
fn mentions(node: Node, name: &str, src: &[u8]) -> bool {
    let mut found = false;
    syntax::walk(node, |n| {
        found |= n.kind() == "identifier" && text(n, src) == name;
        if found { Descend::No } else { Descend::Yes }
    });
    found
}

/// Whether the cancel variable may be used after the assignment: it is mentioned after it
/// (in nested function literals too), or anywhere in a loop around it, or returned by a bare
/// `return` as a named result.
fn used_after(site: &Site, name: &str, src: &[u8]) -> bool {
    let Some(body) = site.body() else { return true };
    let outermost_loop =
        syntax::ancestors_in_function(site.stmt).filter(|n| n.kind() == "for_statement").last();
    let mut has_goto = false;
    syntax::walk_same_function(body, |n| has_goto |= n.kind() == "goto_statement");
    let named_result = syntax::results(site.func, src).iter().any(|r| r.name.as_deref() == Some(name));
    let reaches = |n: Node| {
        n.start_byte() >= site.stmt.end_byte()
            || has_goto
            || outermost_loop.is_some_and(|l| syntax::contains(l, n))
    };
    let mut used = false;
    syntax::walk(body, |n| {
        if used {
            return Descend::No;
        }
        if n.id() == site.cancel.id() {
            return Descend::Yes;
        }
        let mention = n.kind() == "identifier" && text(n, src) == name;
        let bare_return = named_result
            && n.kind() == "return_statement"
            && n.named_child(0).is_none_or(|c| c.kind() != "expression_list")
            && syntax::enclosing_function(n).map(|f| f.id()) == Some(site.func.id());
        used = (mention || bare_return) && reaches(n);
        Descend::Yes
    });
    used
}

/// The line of a `return` of the function that hands out the context, or something carrying
/// it (a context derived from it, a struct or closure holding it, its `Done()` channel).
fn returned(func: Node, body: Node, ctx: &str, src: &[u8]) -> Option<usize> {
    let mut tracked: HashSet<String> = HashSet::from([ctx.to_string()]);
    loop {
        let mut grew = false;
        syntax::walk(body, |n| {
            let (value, targets): (Option<Node>, Vec<String>) = match n.kind() {
                "short_var_declaration" | "assignment_statement" => {
                    let plain = n.kind() == "short_var_declaration"
                        || n.child_by_field_name("operator").is_some_and(|o| text(o, src) == "=");
                    let targets = n
                        .child_by_field_name("left")
                        .map(|l| {
                            let mut c = l.walk();
                            l.named_children(&mut c)
                                .filter(|t| t.kind() == "identifier")
                                .map(|t| text(t, src).to_string())
                                .collect()
                        })
                        .unwrap_or_default();
                    (n.child_by_field_name("right").filter(|_| plain), targets)
                }
                "var_spec" => (n.child_by_field_name("value"), declared_by(n, src)),
                _ => (None, Vec::new()),
            };
            if let Some(value) = value
                && carries(value, &tracked, src)
            {
                for t in targets {
                    if t != "_" && tracked.insert(t) {
                        grew = true;
                    }
                }
            }
            Descend::Yes
        });
        if !grew {
            break;
        }
    }
    let result_names: Vec<String> = syntax::results(func, src).into_iter().filter_map(|r| r.name).collect();
    let mut line = None;
    syntax::walk_same_function(body, |n| {
        if line.is_some() || n.kind() != "return_statement" {
            return;
        }
        let hands_out = match n.named_child(0).filter(|c| c.kind() == "expression_list") {
            Some(values) => carries(values, &tracked, src),
            None => result_names.iter().any(|r| tracked.contains(r)),
        };
        if hands_out {
            line = Some(n.start_position().row + 1);
        }
    });
    line
}

/// Whether the value of `expr` may hold one of the tracked values: a tracked name reaches it
/// other than as an argument of a call that is not a constructor, through `Err()`/`Deadline()`
/// (plain data), or through a comparison. A function literal capturing one holds it.
fn carries(expr: Node, tracked: &HashSet<String>, src: &[u8]) -> bool {
    let mut found = false;
    syntax::walk(expr, |n| {
        if found {
            return Descend::No;
        }
        if n.kind() == "identifier" && tracked.contains(text(n, src)) {
            found = reaches_value(n, expr, src);
        }
        Descend::Yes
    });
    found
}

fn reaches_value(ident: Node, expr: Node, src: &[u8]) -> bool {
    let path: Vec<Node> = syntax::ancestors(ident).take_while(|a| a.id() != expr.id()).collect();
    if path.iter().any(|a| a.kind() == "func_literal") {
        return true;
    }
    let mut child = ident;
    for a in path.into_iter().chain(std::iter::once(expr)) {
        if a.id() == expr.id() && child.id() == expr.id() {
            break;
        }
        match a.kind() {
            "argument_list" => {
                let callee = a
                    .parent()
                    .and_then(|c| c.child_by_field_name("function"))
                    .map(|f| text(f, src))
                    .unwrap_or("");
                let constructor = crate::escape::keeps_arguments(callee);
                if !constructor {
                    return false;
                }
            }
            "call_expression" if a.child_by_field_name("function").is_some_and(|f| f.id() == child.id()) => {
                let has_args = a.child_by_field_name("arguments").is_some_and(|l| l.named_child_count() > 0);
                let method = child
                    .child_by_field_name("field")
                    .filter(|_| child.kind() == "selector_expression")
                    .map(|f| text(f, src));
                if has_args || matches!(method, Some("Err" | "Deadline")) {
                    return false;
                }
            }
            "binary_expression" => return false,
            _ => {}
        }
        if a.id() == expr.id() {
            break;
        }
        child = a;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::langver::GoVersion;

    fn findings(body: &str) -> Vec<(String, bool)> {
        let src = format!(
            "package p\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\nvar sink context.Context\n\n{body}\n"
        );
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        let tree = parser.parse(&src, None).unwrap();
        let file = GoFile { src: src.as_bytes(), tree: &tree, version: GoVersion::parse("1.22").unwrap() };
        let mut out = Vec::new();
        LostCancel.check(&file, &mut out);
        out.into_iter().map(|f| (f.message, f.fix.is_some())).collect()
    }

    fn not_fixed_because(body: &str, reason: &str) {
        let found = findings(body);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].1, "fixed: {found:?}");
        assert!(found[0].0.contains(reason), "{found:?}");
    }

    #[test]
    fn escaping_contexts_are_reported_only() {
        not_fixed_because(
            "func f(p context.Context) context.Context {\n\tctx, _ := context.WithCancel(p)\n\treturn ctx\n}",
            "returned (line 12)",
        );
        not_fixed_because(
            "func f(p context.Context) (context.Context, error) {\n\tctx, _ := context.WithTimeout(p, time.Second)\n\tc2, stop := context.WithCancel(ctx)\n\tdefer stop()\n\treturn c2, nil\n}",
            "returned",
        );
        not_fixed_because(
            "func f(p context.Context) <-chan struct{} {\n\tctx, _ := context.WithCancel(p)\n\tdone := ctx.Done()\n\treturn done\n}",
            "returned",
        );
        not_fixed_because(
            "func f(p context.Context) func() error {\n\tctx, _ := context.WithCancel(p)\n\treturn func() error { return use(ctx) }\n}",
            "returned",
        );
        not_fixed_because(
            "func f(p context.Context) (ctx context.Context) {\n\tctx, _ = context.WithCancel(p)\n\treturn\n}",
            "returned",
        );
        not_fixed_because(
            "type s struct{ ctx context.Context }\nfunc (x *s) f(p context.Context) {\n\tx.ctx, _ = context.WithCancel(p)\n}",
            "stored in `x.ctx`",
        );
        not_fixed_because(
            "func f(p context.Context) {\n\tsink, _ = context.WithCancel(p)\n}",
            "declared outside f",
        );
        not_fixed_because(
            "func f(p context.Context, ch chan context.Context) {\n\tctx, _ := context.WithCancel(p)\n\tch <- ctx\n}",
            "kept beyond f",
        );
        not_fixed_because(
            "func f(p context.Context) {\n\tctx, _ := context.WithCancel(p)\n\tgo func() { use(ctx) }()\n}",
            "kept beyond f",
        );
        not_fixed_because(
            "func f(p context.Context) {\n\tctx, _ := context.WithCancel(p)\n\tgo work(ctx)\n}",
            "kept beyond f",
        );
    }

    #[test]
    fn data_computed_with_the_context_may_be_returned() {
        let found = findings(
            "func f(p context.Context) (int, error) {\n\tctx, _ := context.WithTimeout(p, time.Second)\n\tn, err := fetch(ctx)\n\tif ctx.Err() != nil {\n\t\treturn 0, ctx.Err()\n\t}\n\treturn n, err\n}",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].1, "{found:?}");
    }

    #[test]
    fn named_cancel_used_later_or_outside_is_not_a_finding() {
        assert!(findings("func f(p context.Context) {\n\tctx, cancel := context.WithCancel(p)\n\tdefer cancel()\n\tuse(ctx)\n}").is_empty());
        assert!(findings("var stop context.CancelFunc\nfunc f(p context.Context) {\n\tsink, stop = context.WithCancel(p)\n}").is_empty());
        assert!(findings("func f(p context.Context) (c context.CancelFunc) {\n\tctx, c := context.WithCancel(p)\n\tuse(ctx)\n\treturn\n}").is_empty());
        let in_loop = "func f(p context.Context) {\n\tvar cancel context.CancelFunc\n\tfor i := 0; i < 3; i++ {\n\t\tif cancel != nil {\n\t\t\tcancel()\n\t\t}\n\t\tvar ctx context.Context\n\t\tctx, cancel = context.WithCancel(p)\n\t\tuse(ctx)\n\t}\n}";
        assert!(findings(in_loop).is_empty());
    }
}
