//! `lost-cancel`: the cancel function of a derived context is discarded, or not called on
//! every path.
//!
//! ## What it detects
//! A call of `context.WithCancel`, `WithCancelCause`, `WithTimeout`, `WithTimeoutCause`,
//! `WithDeadline` or `WithDeadlineCause`, spelled through the name the file imports `context`
//! as (`stdctx "context"` gives `stdctx.WithCancel`), or `golang.org/x/net/context` (whose
//! types alias the standard library's), or of `signal.NotifyContext` (whose stop function also
//! unregisters the signals), that is the only value of a two-target `:=`, `=` or `var`
//! declaration inside a function, where
//! - the cancel result is discarded with `_` (in any function, `main.main` included, as go vet
//!   does), or
//! - the cancel result goes to a variable declared in the same function (a local, parameter or
//!   named result) and some path from the assignment to a `return` (or to the end of the
//!   body) never uses it: no call, `defer`, hand-over or other mention, and no bare `return`
//!   of it as a named result. The paths are those of the function's control flow
//!   ([`crate::analysis::cfg`], built as go vet's lostcancel builds it): if/else, switch,
//!   `fallthrough`, type switch, select, loops, labelled `break`/`continue`, `goto`; a path
//!   ends without the call at `panic`, `os.Exit`, `syscall.Exit`, `runtime.Goexit` and the `Fatal*`/`Panic*`/
//!   `FailNow`/`SkipNow`/`Skipf` functions and methods. A function that never returns (an
//!   endless loop) is not a finding. `main.main` is exempt, as in go vet: returning from it
//!   ends the process. The message names the return (or the end of the function) that leaves
//!   without the call, or says that the variable is never used after the assignment;
//! - or the variable is assigned anew before any use on some path (`ctx, cancel =
//!   context.WithTimeout(...)` for the next request, `ctx2, cancel := ...` in the same block,
//!   the same statement in the next iteration): the earlier function is lost there (go vet
//!   looks at the last assignment of each variable only).
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
//! that the assignment still targets the existing context variable. A named cancel function
//! called on some paths only gets the same `defer cancel()` after the assignment: calling it
//! twice is harmless. Inside a loop there is no `defer`: for a discarded or never-used cancel
//! function, `cancel()` becomes the last statement of the block holding the call (the loop
//! body, or an `if` block in it), so each context is cancelled before the next iteration.
//!
//! When the only thing that keeps the context beyond the function is one goroutine started
//! with a function literal (`go func() { ... }()`), the cancel of a discarded or never-used
//! cancel function moves into it: `defer cancel()` becomes the literal's first statement, so
//! that the context is cancelled when the goroutine returns, after its other deferred calls.
//!
//! A loop body the iteration may leave early after the call gets `cancel()` on the line before
//! each jump that leaves the block (`continue`, `break`, `return`, labelled ones to an outer
//! loop; a `break` inside a `switch` or `select` leaves only that) as well as at its end, when
//! the end is reachable.
//!
//! A cancel function assigned anew before any use is called on the line before the
//! reassignment, when nothing can use the earlier context after it; otherwise, outside loops,
//! `defer cancel()` after the first assignment keeps the earlier context until the function
//! returns (a deferred call takes the function value it is given, not the variable's later
//! one). `signal.NotifyContext`'s discarded stop function gets `stop`, `stop2`, ...
//!
//! ## Fix safety
//! The fix is safe only when the context cannot be in use after the function returns (or after
//! the goroutine that owns it returns); then cancelling it there changes nothing but the leak.
//! No fix (reported with the reason):
//! - the derived context (or anything carrying it: a context derived from it, a struct or
//!   closure holding it, its `Done()` channel) is returned, stored beyond the function (an outer
//!   variable, field, map, slice, global), sent on a channel, or passed to a function started
//!   with `go` (see [`crate::analysis::flow`]): the caller or the goroutine must cancel it where its
//!   life ends;
//! - it is captured by a goroutine's function literal, and the move is not provably right: it
//!   is used after the `go` statement (in a loop, by a later iteration too), by another
//!   goroutine, passed to the literal as an argument, handed on by the goroutine, used by a
//!   `defer` of the function; a path returns without starting the goroutine; the literal is on
//!   one line or declares its own context or cancel name; the cancel function is named and
//!   called on some paths;
//! - in a loop: a named cancel function used other than by `cancel()` statements of its block
//!   after the assignment (such a one gets the calls on the other ways out); the call is in a `case`
//!   clause, or the context variable is declared outside the block or kept beyond it;
//! - a `defer` registered earlier in the function uses the context (it would run after the
//!   cancel); the function uses `goto`; the call is in an `if`/`switch` header or a grouped
//!   `var (...)`; the statement is not laid out as gofmt lays it out;
//! - in a loop, a `goto` follows the call, or a `return` after it evaluates code that may see
//!   the cancelled context (`return ctx.Err()`, `return fetch(ctx)`: any call other than a
//!   builtin, a conversion or a standard-library function that only computes, such as
//!   `fmt.Errorf`; a receive; a name holding the context);
//! - for a cancel function assigned anew: calling it before the reassignment is right only
//!   when the reassignment is a later statement of the same block, no path returns without
//!   the call, the new context is not made from the earlier one (the parent would be
//!   cancelled), nothing deferred before uses it, and after the reassignment nothing that may
//!   hold it (a copy, a derived context, a closure) or be bound to it (what a call made with
//!   it returned: a stream, rows, a response) is used; otherwise the deferred form, outside
//!   loops, with the checks above; in a loop no fix.
//!
//! The fix for `signal.NotifyContext` is unsafe except for a `defer stop()` in `main.main`:
//! stopping unregisters the signals, which then have their default effect again (an interrupt
//! ends the process instead of cancelling the context), and code running after the stop may
//! count on them being caught.
//!
//! A context passed to a function that keeps it (starts its own goroutine with it, stores it)
//! cannot be seen from the call: constructors (`New*`, `With*`, `Wrap*`) are assumed to keep
//! what they are given, other calls to use it only while they run, as the `context` package
//! documentation asks. Variables are matched by name: a mention of another variable of the
//! same name (shadowing) counts as a use.

use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::analysis::{self, Seed, cfg as flow, declared_by, known};
use crate::fix::{Applicability, Edit, Finding, Fix, Planned, describe};
use crate::prefilter::Triggers;
use crate::syntax::{self, Descend, Fields, KindName, text};

pub struct LostCancel;

pub const NAME: &str = "lost-cancel";

const FUNCTIONS: &[&str] = &[
    "NotifyContext",
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

    fn triggers(&self) -> Triggers {
        &[FUNCTIONS]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        let packages = Packages {
            contexts: syntax::import_names(file.tree, src, known::CONTEXT_PACKAGES),
            signal: syntax::import_name(file.tree, src, "os/signal"),
        };
        if packages.contexts.is_empty() && packages.signal.is_none() {
            return;
        }
        let imports = syntax::imported_names(file.tree, src);
        let package_main = package_name(file) == Some("main");
        let no_return = flow::NoReturn::new(file.tree, src);
        let sites: Vec<Site> =
            file.calls_named(FUNCTIONS).into_iter().filter_map(|n| Site::find(n, &packages, src)).collect();
        // Names given to discarded cancel functions in this pass, per function.
        let mut given: HashMap<usize, HashSet<String>> = HashMap::new();
        let mut graphs: HashMap<usize, Option<flow::Graph>> = HashMap::new();
        for site in sites {
            let fname = syntax::function_display_name(site.func, src);
            let callee = format!("{}.{}", site.pkg, site.function);
            let (what, consequence) = match site.kind {
                Kind::Context => {
                    ("cancel", "the context and its resources stay alive until its parent is done")
                }
                Kind::Signal => (
                    "stop",
                    "the signals stay caught and the context and its resources alive until its parent is done",
                ),
            };
            let cancel = text(site.cancel, src);
            let discarded = site.cancel.kind_name() == "identifier" && cancel == "_";
            let in_main = package_main && is_main(site.func, src);
            let graph =
                graphs.entry(site.func.id()).or_insert_with(|| flow::Graph::new(site.func, src, &no_return));
            let Some(graph) = graph.as_ref() else { continue };
            // How the fix may go, or why there is no fix.
            let (start, end, base, strategy) = if discarded {
                (
                    site.cancel.start_byte(),
                    site.cancel.end_byte(),
                    format!("the {what} function returned by {callee} is discarded: {consequence}"),
                    Ok(Strategy::Ordinary { goroutine: true }),
                )
            } else {
                // A cancel function stored in a field, or a variable of a wider scope, is
                // someone else's to call (go vet does not analyse those either).
                if site.cancel.kind_name() != "identifier"
                    || in_main
                    || !declared_in_function(site.func, cancel, site.stmt.start_byte(), src)
                {
                    continue;
                }
                let named_result =
                    syntax::results(site.func, src).iter().any(|r| r.name.as_deref() == Some(cancel));
                let uses = |n: Node| uses_cancel(n, &site, cancel, named_result, src);
                let Some((hits, lost_exit)) = graph.first_hits(site.cancel, &uses) else { continue };
                let overwrites: Vec<Node> =
                    hits.into_iter().filter(|h| site.overwrites(*h, cancel, src)).collect();
                if let Some(first) = overwrites.first() {
                    let line = first.start_position().row + 1;
                    let again = if first.id() == site.stmt.id() {
                        " (by this statement, in the next iteration)"
                    } else {
                        ""
                    };
                    (
                        site.stmt.start_byte(),
                        site.stmt.end_byte(),
                        format!(
                            "the {what} function `{cancel}` from {callee} is overwritten on line {line}{again} before it is called: {consequence}"
                        ),
                        Ok(Strategy::Overwritten { overwrites, lost_exit: lost_exit.is_some() }),
                    )
                } else {
                    let Some(exit) = graph.lost_path(site.cancel, &uses) else { continue };
                    let never = graph.reached_after(site.cancel, None, &uses).is_none();
                    let (message, strategy) = if never {
                        (
                            format!(
                                "the {what} function `{cancel}` from {callee} is never called after this assignment: {consequence}"
                            ),
                            Ok(Strategy::Ordinary { goroutine: true }),
                        )
                    } else {
                        let leaves = if exit.implicit {
                            format!("the end of {fname} on line {} is reached without calling it", exit.line)
                        } else {
                            format!("the return on line {} leaves without calling it", exit.line)
                        };
                        let strategy = match syntax::enclosing_loop(site.stmt) {
                            // Called by statements of its own block only: the calls on the
                            // other ways out complete what the code does on some.
                            Some(_) if site.only_called_in_block(cancel, src) => {
                                Ok(Strategy::Ordinary { goroutine: false })
                            }
                            Some(_) => Err(format!(
                                "it is inside a loop and used other than by `{cancel}()` statements of its block after the call; call `{cancel}` on every path out of the iteration"
                            )),
                            None => Ok(Strategy::Ordinary { goroutine: false }),
                        };
                        (
                            format!(
                                "the {what} function `{cancel}` from {callee} is not called on every path: {leaves}; {consequence}"
                            ),
                            strategy,
                        )
                    };
                    (site.stmt.start_byte(), site.stmt.end_byte(), message, strategy)
                }
            };
            let name = if discarded {
                let mut taken = syntax::names_in(site.func, src);
                taken.extend(imports.iter().cloned());
                taken.extend(given.get(&site.func.id()).into_iter().flatten().cloned());
                syntax::fresh_name(what, &taken)
            } else {
                cancel.to_string()
            };
            let context_pkg = match site.kind {
                Kind::Context => Some(site.pkg),
                Kind::Signal => packages.contexts.first().map(String::as_str),
            };
            let planned = strategy.and_then(|strategy| {
                let plan =
                    Plan { name: &name, discarded, pkg: context_pkg, fname: &fname, in_main, graph, src };
                match strategy {
                    Strategy::Ordinary { goroutine } => {
                        if goroutine && let Some(moved) = site.goroutine_plan(&plan) {
                            return moved
                                .map(|fix| (fix, site.signal_unsafe(&plan, "when the goroutine returns")));
                        }
                        let when = match syntax::enclosing_loop(site.stmt) {
                            Some(_) => "at the end of each iteration".to_string(),
                            None => format!("when {fname} returns"),
                        };
                        site.plan(&plan).map(|fix| (fix, site.signal_unsafe(&plan, &when)))
                    }
                    Strategy::Overwritten { overwrites, lost_exit } => {
                        site.overwritten_plan(&plan, &overwrites, lost_exit)
                    }
                }
            });
            if planned.is_ok() && discarded {
                given.entry(site.func.id()).or_default().insert(name);
            }
            let (message, fix) = describe(base, None, planned);
            findings.push(Finding { rule: NAME, start, end, message, fix });
        }
    }
}

/// The names under which the file imports the packages whose calls are looked at.
struct Packages {
    /// `context` and `golang.org/x/net/context`.
    contexts: Vec<String>,
    /// `os/signal`.
    signal: Option<String>,
}

/// What the call makes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A derived context (`context.With*`) and its cancel function.
    Context,
    /// `signal.NotifyContext`'s context and stop function, which also unregisters the signals.
    Signal,
}

/// How a finding may be fixed.
enum Strategy<'t> {
    /// Cancel when the function returns (or at the end of the iteration); `goroutine`: moving
    /// the cancel into the one goroutine that owns the context may be tried first.
    Ordinary { goroutine: bool },
    /// A named cancel function assigned anew at `overwrites` before any use; `lost_exit`: some
    /// path also returns without using it.
    Overwritten { overwrites: Vec<Node<'t>>, lost_exit: bool },
}

/// What a fix needs besides the site.
struct Plan<'a, 't> {
    /// The cancel variable's name (a fresh one for a discarded function).
    name: &'a str,
    discarded: bool,
    /// The name of the context package whose `CancelFunc` type a declared variable gets (None
    /// when the file imports only os/signal).
    pkg: Option<&'a str>,
    fname: &'a str,
    /// The function is `main.main`, whose return ends the process.
    in_main: bool,
    graph: &'a flow::Graph<'t>,
    src: &'a [u8],
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
    /// The package name the call is spelled with, and what it makes.
    pkg: &'t str,
    kind: Kind,
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
    fn find(call: Node<'t>, packages: &Packages, src: &'t [u8]) -> Option<Self> {
        if call.kind_name() != "call_expression" {
            return None;
        }
        let callee = call.field("function").filter(|f| f.kind_name() == "selector_expression")?;
        let operand = callee.field("operand").filter(|o| o.kind_name() == "identifier")?;
        let field = callee.field("field")?;
        let function = text(field, src);
        let pkg = text(operand, src);
        let kind = if function == "NotifyContext" {
            (packages.signal.as_deref() == Some(pkg)).then_some(Kind::Signal)?
        } else {
            (packages.contexts.iter().any(|c| c == pkg) && FUNCTIONS.contains(&function))
                .then_some(Kind::Context)?
        };
        let values =
            call.parent().filter(|p| p.kind_name() == "expression_list" && p.named_child_count() == 1)?;
        let holder = values.parent()?;
        let (form, targets, stmt, grouped) = match holder.kind_name() {
            "short_var_declaration" | "assignment_statement" => {
                if holder.field("right").map(|r| r.id()) != Some(values.id()) {
                    return None;
                }
                let form = if holder.kind_name() == "short_var_declaration" {
                    Form::Define
                } else if holder.field("operator").is_some_and(|o| text(o, src) == "=") {
                    Form::Assign
                } else {
                    return None;
                };
                let left = holder.field("left")?;
                let mut c = left.walk();
                let targets: Vec<Node> =
                    left.named_children(&mut c).filter(|t| t.kind_name() != "comment").collect();
                (form, targets, holder, false)
            }
            "var_spec" => {
                if holder.field("value").map(|r| r.id()) != Some(values.id()) {
                    return None;
                }
                let mut c = holder.walk();
                let targets: Vec<Node> = holder.fields("name", &mut c).collect();
                let parent = holder.parent()?;
                let (decl, grouped) = if parent.kind_name() == "var_spec_list" {
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
        Some(Site { pkg, kind, function, stmt, form, grouped, ctx: *ctx, cancel: *cancel, func })
    }

    fn body(&self) -> Option<Node<'t>> {
        self.func.field("body")
    }

    /// The edits that cancel the context when the function returns, or why there are none.
    fn plan(&self, plan: &Plan) -> Result<Fix, String> {
        let Plan { name, fname, src, .. } = *plan;
        let body = self.body().ok_or("the function has no body")?;
        let argument = if self.function == "WithCancelCause" { "nil" } else { "" };
        if let Some(lp) = syntax::enclosing_loop(self.stmt) {
            let call = format!("{name}({argument})");
            let mut edits = self.in_loop(lp, fname, &call, src)?;
            // In the `=` form the new variable is declared on the line before, as outside loops.
            edits.extend(self.naming(plan)?);
            return Ok(Fix::new(Applicability::Safe, edits));
        }
        if self.grouped {
            return Err("the call is in a grouped var declaration; give it its own statement".to_string());
        }
        if self.stmt.parent().is_none_or(|p| p.kind_name() != "statement_list") {
            return Err("the call is in a statement header; give it its own statement".to_string());
        }
        let mut has_goto = false;
        syntax::walk_same_function(body, |n| has_goto |= n.kind_name() == "goto_statement");
        if has_goto {
            return Err(format!("{fname} uses goto"));
        }
        self.check_escape(body, fname, src)?;
        let (_, next_line) = self.lines(src)?;
        let indent = String::from_utf8_lossy(syntax::line_indent(src, self.stmt.start_byte())).into_owned();
        let mut edits = vec![Edit::insert(next_line, format!("{indent}defer {name}({argument})\n"))];
        edits.extend(self.naming(plan)?);
        Ok(Fix::new(Applicability::Safe, edits))
    }

    /// For a discarded cancel function, the edits that name it (and declare it first in the
    /// `=` form, so that the assignment still targets the existing context variable).
    fn naming(&self, plan: &Plan) -> Result<Vec<Edit>, String> {
        let Plan { name, discarded, pkg, src, .. } = *plan;
        let mut edits = Vec::new();
        if discarded {
            if self.form == Form::Assign {
                let (line_start, _) = self.lines(src)?;
                let indent =
                    String::from_utf8_lossy(syntax::line_indent(src, self.stmt.start_byte())).into_owned();
                let ty = if self.function == "WithCancelCause" { "CancelCauseFunc" } else { "CancelFunc" };
                let pkg = pkg.ok_or_else(|| {
                    format!(
                        "the file does not import context, which the `{name}` variable's type ({ty}) needs"
                    )
                })?;
                edits.push(Edit::insert(line_start, format!("{indent}var {name} {pkg}.{ty}\n")));
            }
            edits.push(Edit::replace(self.cancel.start_byte(), self.cancel.end_byte(), name));
        }
        Ok(edits)
    }

    /// Whether every mention of the cancel variable `name` in the function (for a `:=` or `var`
    /// of this block, in its scope: the block after it), other than this assignment, is a
    /// `name()` statement of the function itself (not of a literal) inside the block holding
    /// the assignment, after it: nothing else holds or calls the function.
    fn only_called_in_block(&self, name: &str, src: &[u8]) -> bool {
        let Some(block) = self.stmt.parent() else { return false };
        // A variable this statement declares is another one before it and outside its block.
        let declares = self.form != Form::Assign;
        let mut only = true;
        syntax::walk(self.func, |n| {
            if n.kind_name() != "identifier" || text(n, src) != name || n.id() == self.cancel.id() {
                return Descend::Yes;
            }
            if declares && !(syntax::contains(block, n) && n.start_byte() >= self.stmt.end_byte()) {
                return Descend::Yes;
            }
            let statement = n
                .parent()
                .filter(|c| c.kind_name() == "call_expression")
                .filter(|c| c.field("function").is_some_and(|f| f.id() == n.id()))
                .and_then(|c| c.parent())
                .filter(|e| e.kind_name() == "expression_statement");
            only &= statement.is_some_and(|e| {
                syntax::contains(block, e)
                    && e.start_byte() >= self.stmt.end_byte()
                    && syntax::enclosing_function(e).is_some_and(|f| f.id() == self.func.id())
            });
            Descend::Yes
        });
        only
    }

    /// For a stop function of signal.NotifyContext: why calling it `when` is not provably
    /// harmless. Stopping unregisters the signals, and from then on they have their default
    /// effect (an interrupt ends the process); only the return of `main.main`, which ends the
    /// process anyway, is known to come when nothing counts on them any more.
    fn signal_unsafe(&self, plan: &Plan, when: &str) -> Option<String> {
        let at_return = when == format!("when {} returns", plan.fname);
        (self.kind == Kind::Signal && !(plan.in_main && at_return)).then(|| {
            format!(
                "stopping it {when} gives the signals their default behaviour back from then on (an interrupt then ends the process instead of being caught); check that nothing after that counts on them being caught"
            )
        })
    }

    /// Whether the flow node `n`, the first mention of the cancel variable `name` on some path
    /// after the assignment, assigns it anew without reading it: the earlier function is lost
    /// there. `ctx2, cancel := ...` assigns the existing variable when the same block declared
    /// it (this site's `:=` or `var`); in another block it declares a new one, counted as a use.
    fn overwrites(&self, n: Node, name: &str, src: &[u8]) -> bool {
        let same_variable = match n.kind_name() {
            "assignment_statement" => n.field("operator").is_some_and(|o| text(o, src) == "="),
            "short_var_declaration" => {
                n.id() != self.stmt.id()
                    && self.form != Form::Assign
                    && n.parent().is_some_and(|p| self.stmt.parent().is_some_and(|q| p.id() == q.id()))
            }
            _ => false,
        };
        let Some(left) = n.field("left").filter(|_| same_variable) else { return false };
        let target = syntax::named_children_without_comments(left)
            .iter()
            .any(|t| t.kind_name() == "identifier" && text(*t, src) == name);
        let mut mentioned = 0;
        syntax::walk(n, |m| {
            if m.kind_name() == "identifier" && text(m, src) == name {
                mentioned += 1;
            }
            Descend::Yes
        });
        target && mentioned == 1
    }

    /// A named cancel function assigned anew before any use: called on the line before each
    /// reassignment when that is provably right (see `cancel_before`) and no path returns
    /// without it; otherwise, outside loops, deferred after the assignment, which cancels the
    /// earlier context when the function returns (`defer` takes the function value it is
    /// given, not the variable's later one).
    fn overwritten_plan(&self, plan: &Plan, overwrites: &[Node<'t>], lost_exit: bool) -> Planned {
        let Plan { name, fname, .. } = *plan;
        let before = if lost_exit {
            Err("a path also returns without calling it".to_string())
        } else {
            overwrites.iter().map(|o| self.cancel_before(*o, plan)).collect::<Result<Vec<Edit>, String>>()
        };
        let why = match before {
            Ok(edits) => {
                let reason = self.signal_unsafe(plan, "before it is overwritten");
                return Ok((Fix::new(Applicability::Safe, edits), reason));
            }
            Err(why) => why,
        };
        if syntax::enclosing_loop(self.stmt).is_some() {
            return Err(format!(
                "calling it before the reassignment is not provably right ({why}), and it is inside a loop, where a deferred `{name}` would keep every iteration's context until {fname} returns; call it once nothing uses the earlier context"
            ));
        }
        match self.plan(plan) {
            Ok(fix) => Ok((fix, self.signal_unsafe(plan, &format!("when {fname} returns")))),
            // Both fail on the same check (the context escapes): one reason says it.
            Err(e) if e == why => Err(e),
            Err(e) => Err(format!(
                "calling it before the reassignment is not provably right ({why}), nor deferring it: {e}"
            )),
        }
    }

    /// `cancel()` on the line before `over`, a later statement of the same block that assigns
    /// the cancel variable anew, when nothing can use the earlier context after that point:
    /// it is not kept beyond the function (value flow), nothing deferred before uses it, the
    /// new context is not made from it (its parent would be cancelled), and after `over` no
    /// name that may hold it (a copy, a context derived from it, a closure, what a call made
    /// with it: a stream, rows, a response) is used, except the context variable `over`
    /// assigns anew.
    fn cancel_before(&self, over: Node<'t>, plan: &Plan) -> Result<Edit, String> {
        let Plan { name, fname, graph, src, .. } = *plan;
        let line = over.start_position().row + 1;
        let list = self.stmt.parent().filter(|p| p.kind_name() == "statement_list" && !self.grouped);
        let same_block = list.is_some_and(|l| over.parent().is_some_and(|p| p.id() == l.id()));
        if over.id() == self.stmt.id() || !same_block || over.start_byte() < self.stmt.end_byte() {
            return Err(format!(
                "the reassignment on line {line} is not a later statement of the same block"
            ));
        }
        let body = self.body().ok_or("the function has no body")?;
        let mut has_goto = false;
        syntax::walk_same_function(body, |n| has_goto |= n.kind_name() == "goto_statement");
        if has_goto {
            return Err(format!("{fname} uses goto"));
        }
        self.check_escape(body, fname, src)?;
        let ctx = text(self.ctx, src);
        let mut watched: HashSet<String> = if ctx == "_" { HashSet::new() } else { carriers(body, ctx, src) };
        // What the statements in between compute with the context may be bound to it.
        let between: Vec<Node> = syntax::statements(list.ok_or("no block")?)
            .into_iter()
            .filter(|s| s.start_byte() >= self.stmt.end_byte() && s.end_byte() <= over.start_byte())
            .collect();
        let mut bound = HashSet::new();
        for s in &between {
            syntax::walk(*s, |n| {
                let value = n.field("right").or_else(|| n.field("value"));
                let assigns =
                    matches!(n.kind_name(), "short_var_declaration" | "assignment_statement" | "var_spec");
                if assigns && value.is_some_and(|v| mentions_any(v, &watched, src)) {
                    let targets = match n.kind_name() {
                        "var_spec" => declared_by(n, src),
                        _ => n
                            .field("left")
                            .map(syntax::named_children_without_comments)
                            .unwrap_or_default()
                            .into_iter()
                            .filter_map(analysis::changes::root_identifier)
                            .map(|t| text(t, src).to_string())
                            .collect(),
                    };
                    // Errors and ok-flags are plain data.
                    bound.extend(targets.into_iter().filter(|t| !matches!(t.as_str(), "_" | "err" | "ok")));
                }
                Descend::Yes
            });
        }
        if let Some(value) = over.field("right")
            && mentions_any(value, &watched, src)
        {
            return Err(format!(
                "the context made on line {line} may be derived from the earlier one, and would be cancelled with it"
            ));
        }
        let mut deferred = None;
        syntax::walk_same_function(body, |n| {
            if deferred.is_none()
                && n.kind_name() == "defer_statement"
                && n.start_byte() < over.start_byte()
                && (mentions_any(n, &watched, src) || mentions_any(n, &bound, src))
            {
                deferred = Some(n.start_position().row + 1);
            }
        });
        if let Some(at) = deferred {
            return Err(format!("the call deferred on line {at} uses the earlier context"));
        }
        let reassigned = over
            .field("left")
            .and_then(|l| syntax::named_children_without_comments(l).first().copied())
            .is_some_and(|t| t.kind_name() == "identifier" && text(t, src) == ctx);
        if reassigned {
            watched.remove(ctx);
        }
        watched.extend(bound);
        watched.remove(name);
        if let Some(at) = graph.reached_after(over, Some(self.cancel), &|n| mentions_any(n, &watched, src)) {
            return Err(format!(
                "line {at} uses something that may hold the earlier context, or be bound to it, after the reassignment"
            ));
        }
        let start = syntax::line_start(src, over.start_byte());
        if src[start..over.start_byte()].iter().any(|b| !matches!(b, b' ' | b'\t')) {
            return Err("the reassignment is not laid out as gofmt does (run gofmt first)".to_string());
        }
        let indent = String::from_utf8_lossy(&src[start..over.start_byte()]);
        let argument = if self.function == "WithCancelCause" { "nil" } else { "" };
        Ok(Edit::insert(start, format!("{indent}{name}({argument})\n")))
    }

    /// The ownership move: when the context is used by exactly one goroutine started with a
    /// function literal of this function, and by nothing after it, the goroutine cancels it
    /// when it returns (`defer cancel()` as the literal's first statement). None when no `go`
    /// statement uses the context (the ordinary plan applies); otherwise the fix, or why the
    /// move is not safe.
    fn goroutine_plan(&self, plan: &Plan) -> Option<Result<Fix, String>> {
        let Plan { fname, src, .. } = *plan;
        let ctx = text(self.ctx, src);
        if self.ctx.kind_name() != "identifier" || ctx == "_" {
            return None;
        }
        let body = self.body()?;
        let carriers = carriers(body, ctx, src);
        let carries = |n: Node| {
            let mut found = false;
            syntax::walk(n, |m| {
                found |= m.kind_name() == "identifier" && carriers.contains(text(m, src));
                if found { Descend::No } else { Descend::Yes }
            });
            found
        };
        let mut gos = Vec::new();
        syntax::walk_same_function(body, |n| {
            if n.kind_name() == "go_statement" && carries(n) {
                gos.push(n);
            }
        });
        let go = *gos.first()?;
        let line = go.start_position().row + 1;
        let moved = self.move_into(go, gos.len(), &carriers, &carries, plan);
        Some(moved.map(|edits| Fix::new(Applicability::Safe, edits)).map_err(|why| {
            format!(
                "the context is kept beyond {fname} by the goroutine started on line {line}, and moving the cancel into it is not safe: {why}; cancel it where its life ends (in the goroutine or by the owner), not when {fname} returns"
            )
        }))
    }

    fn move_into(
        &self,
        go: Node<'t>,
        count: usize,
        carriers: &HashSet<String>,
        carries: &dyn Fn(Node) -> bool,
        plan: &Plan,
    ) -> Result<Vec<Edit>, String> {
        let Plan { name, fname, graph, src, .. } = *plan;
        let ctx = text(self.ctx, src);
        let body = self.body().ok_or("the function has no body")?;
        if count > 1 {
            return Err(format!("{count} goroutines use it"));
        }
        if go.start_byte() < self.stmt.end_byte() {
            return Err("the goroutine is started before the context is created".to_string());
        }
        let call = go.named_child(0).filter(|c| c.kind_name() == "call_expression");
        let literal = call.and_then(|c| c.field("function")).filter(|f| f.kind_name() == "func_literal");
        let (Some(call), Some(literal)) = (call, literal) else {
            let callee = call.and_then(|c| c.field("function")).map(|f| text(f, src)).unwrap_or("");
            return Err(format!("the goroutine runs `{callee}`, not a function literal of {fname}"));
        };
        if call.field("arguments").is_some_and(carries) {
            return Err("the context is passed to the goroutine as an argument".to_string());
        }
        let own = analysis::declared_names(literal, src);
        if let Some(shadowed) = [ctx, name].into_iter().find(|c| own.contains(*c)) {
            return Err(format!("the goroutine declares its own `{shadowed}`"));
        }
        if self.grouped || self.stmt.parent().is_none_or(|p| p.kind_name() != "statement_list") {
            return Err("the call is not a statement of its own".to_string());
        }
        let mut has_goto = false;
        syntax::walk_same_function(body, |n| has_goto |= n.kind_name() == "goto_statement");
        if has_goto {
            return Err(format!("{fname} uses goto"));
        }
        if self.form == Form::Assign && !declared_in_function(self.func, ctx, self.stmt.start_byte(), src) {
            return Err(format!("the context is stored in `{ctx}`, declared outside {fname}"));
        }
        if let Some(line) = returned(self.func, body, ctx, src) {
            return Err(format!("the context is returned (line {line})"));
        }
        let seeds = [Seed::context(ctx)];
        if let Some(found) = analysis::escape(body, &seeds, &[go], src) {
            return Err(format!("it is also kept through `{}` (line {})", found.name, found.line));
        }
        let lit_body = literal.field("body").ok_or("the function literal has no body")?;
        let inner: Vec<Seed> = carriers.iter().map(|c| Seed::context(c)).collect();
        if let Some(found) = analysis::escape(lit_body, &inner, &[], src) {
            return Err(format!("the goroutine hands `{}` on (line {})", found.name, found.line));
        }
        let mut deferred = None;
        syntax::walk_same_function(body, |n| {
            if deferred.is_none() && n.kind_name() == "defer_statement" && carries(n) {
                deferred = Some(n.start_position().row + 1);
            }
        });
        if let Some(line) = deferred {
            return Err(format!("the call deferred on line {line} uses it"));
        }
        let reaches_go = |n: Node| syntax::contains(n, go);
        if let Some(exit) = graph.lost_path(self.cancel, &reaches_go) {
            return Err(format!(
                "the {} on line {} is reached without starting the goroutine",
                if exit.implicit { "end of the function" } else { "return" },
                exit.line
            ));
        }
        // Anything using the context (or the cancel variable) after the goroutine starts may
        // find it cancelled; a path that comes back to where both are declared gets new ones:
        // the `:=`/`var` assignment itself, or in the `=` form of a discarded cancel (whose
        // variable is declared next to the assignment) a declaration of the context earlier
        // in the same block.
        let stop = match self.form {
            Form::Assign if plan.discarded => earlier_declaration(self.stmt, ctx, src),
            Form::Assign => None,
            Form::Define | Form::Var => Some(self.cancel),
        };
        let cancel_name = text(self.cancel, src);
        let later = |n: Node| carries(n) || (cancel_name != "_" && mentions(n, cancel_name, src));
        if let Some(line) = graph.reached_after(go, stop, &later) {
            return Err(format!("`{ctx}` is used on line {line}, after the goroutine starts"));
        }
        // `go func() {` ends its line; the first statement goes on the next, one tab deeper.
        let open = lit_body.start_byte();
        let not_laid_out = || "the goroutine is not laid out as gofmt does (run gofmt first)".to_string();
        let newline = memchr::memchr(b'\n', &src[open..]).map(|i| open + i).ok_or_else(not_laid_out)?;
        if newline >= lit_body.end_byte() {
            return Err("the goroutine's function literal is on one line; give its body lines of their own"
                .to_string());
        }
        let rest = String::from_utf8_lossy(&src[open + 1..newline]);
        if !(rest.trim().is_empty() || rest.trim().starts_with("//")) {
            return Err(not_laid_out());
        }
        let indent = format!("{}\t", String::from_utf8_lossy(syntax::line_indent(src, go.start_byte())));
        let first = syntax::statements(lit_body).into_iter().next().ok_or_else(not_laid_out)?;
        let first_line = syntax::line_start(src, first.start_byte());
        if &src[first_line..first.start_byte()] != indent.as_bytes() {
            return Err(not_laid_out());
        }
        let argument = if self.function == "WithCancelCause" { "nil" } else { "" };
        let mut edits = vec![Edit::insert(newline + 1, format!("{indent}defer {name}({argument})\n"))];
        edits.extend(self.naming(plan)?);
        Ok(edits)
    }

    /// In a loop, the cancel is called as the last statement of the block holding the call (the
    /// loop body, or an `if` block in it), so each context is cancelled before the next
    /// iteration starts, and on the line before each jump after the call that leaves the block
    /// early (`continue`, `break`, `return`, labelled ones to an outer loop). That is right
    /// only when every path that created the context goes through one of those: no `goto`,
    /// no `return` whose values would be evaluated after the cancel by running code (a call,
    /// a receive) or would hand out the context, the context stays within the block and no
    /// deferred call uses it. The edits insert `call`.
    fn in_loop(&self, lp: Node<'t>, fname: &str, call: &str, src: &[u8]) -> Result<Vec<Edit>, String> {
        let refuse = |why: String| {
            Err(format!(
                "it is inside a loop, where a deferred cancel would keep every iteration's context until {fname} returns, and {why}; cancel it at the end of each iteration, on every path out of it"
            ))
        };
        let body = self
            .stmt
            .parent()
            .filter(|p| p.kind_name() == "statement_list")
            .and_then(|l| l.parent())
            .filter(|b| b.kind_name() == "block" && syntax::contains(lp, *b))
            .filter(|_| !self.grouped);
        let Some(body) = body else {
            return refuse("the call is not a statement of a block (a case clause, a header)".to_string());
        };
        let after: Vec<Node> =
            syntax::statements(body).into_iter().skip_while(|s| s.id() != self.stmt.id()).skip(1).collect();
        let leaves = |n: Node| {
            matches!(n.kind_name(), "break_statement" | "continue_statement")
                && syntax::jump_target(n, src).is_none_or(|t| !syntax::contains(body, t))
        };
        let mut exits = Vec::new();
        let mut goto = None;
        for s in &after {
            syntax::walk_same_function(*s, |n| {
                if n.kind_name() == "goto_statement" {
                    goto.get_or_insert(n.start_position().row + 1);
                } else if n.kind_name() == "return_statement" || leaves(n) {
                    exits.push(n);
                }
            });
        }
        if let Some(line) = goto {
            return refuse(format!("the goto on line {line} may leave its block"));
        }
        let ctx = text(self.ctx, src);
        if self.ctx.kind_name() == "identifier"
            && ctx != "_"
            && !analysis::declared_names(body, src).contains(ctx)
        {
            return refuse(format!("the context variable `{ctx}` outlives its block"));
        }
        match self.context_outlives(body, "its block", usize::MAX, src) {
            None => {}
            Some(Outlives::Stored) => return refuse(format!("the context is stored in `{ctx}`")),
            Some(Outlives::Kept { how }) => {
                return refuse(format!("the context is kept beyond its block: {how}"));
            }
            Some(Outlives::Deferred { line }) => {
                return refuse(format!("the call deferred on line {line} uses it"));
            }
        }
        let tracked = match self.body() {
            Some(fbody) if self.ctx.kind_name() == "identifier" && ctx != "_" => carriers(fbody, ctx, src),
            _ => HashSet::new(),
        };
        let not_laid_out = || Err("the block is not laid out as gofmt does (run gofmt first)".to_string());
        // A way out that the code already cancels on (`cancel(); return`) needs nothing more.
        let name = text(self.cancel, src);
        let cancels = |s: Option<&Node>| s.is_some_and(|s| calls_statement(*s, name, src));
        let mut edits = Vec::new();
        for exit in &exits {
            if exit.parent().is_some_and(|l| {
                let list = syntax::statements(l);
                let at = list.iter().position(|s| s.id() == exit.id());
                cancels(at.and_then(|i| i.checked_sub(1)).and_then(|i| list.get(i)))
            }) {
                continue;
            }
            let line = exit.start_position().row + 1;
            if let Some(values) = syntax::return_values(*exit)
                && let Some(what) = runs_after_cancel(values, &tracked, src)
            {
                return refuse(format!(
                    "the return on line {line} evaluates `{what}` after the cancel would have run"
                ));
            }
            let start = syntax::line_start(src, exit.start_byte());
            if src[start..exit.start_byte()].iter().any(|b| !matches!(b, b' ' | b'\t')) {
                return not_laid_out();
            }
            let indent = String::from_utf8_lossy(&src[start..exit.start_byte()]);
            edits.push(Edit::insert(start, format!("{indent}{call}\n")));
        }
        if !after.last().is_some_and(|l| syntax::is_terminating(*l, src, &leaves) || cancels(Some(l))) {
            let close = body.end_byte() - 1;
            let close_line = syntax::line_start(src, close);
            let (_, next_line) = self.lines(src)?;
            if src[close_line..close].iter().any(|b| !matches!(b, b' ' | b'\t')) || close_line < next_line {
                return not_laid_out();
            }
            let indent =
                String::from_utf8_lossy(syntax::line_indent(src, self.stmt.start_byte())).into_owned();
            edits.push(Edit::insert(close_line, format!("{indent}{call}\n")));
        }
        Ok(edits)
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
        if self.ctx.kind_name() != "identifier" {
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
        // Deferred calls registered before the context's creation run after its cancel.
        match self.context_outlives(body, "the function", self.stmt.start_byte(), src) {
            None | Some(Outlives::Stored) => Ok(()),
            Some(Outlives::Kept { how }) => Err(format!(
                "the context is kept beyond {fname}: {how}; cancel it where its life ends (in the goroutine or by the owner), not when {fname} returns"
            )),
            Some(Outlives::Deferred { line }) => Err(format!(
                "the call deferred on line {line} uses `{ctx}` and would run after the cancel; cancel it by hand where it is no longer needed"
            )),
        }
    }

    /// How the context may still be in use when `region` ends, where a cancel at its end
    /// would break it: it is stored somewhere other than a variable, kept through another value
    /// (stored, sent, used by a goroutine), or used by a call deferred in `region` by a
    /// statement ending before `deferred_before`.
    fn context_outlives(
        &self,
        region: Node<'t>,
        scope: &str,
        deferred_before: usize,
        src: &[u8],
    ) -> Option<Outlives> {
        let ctx = text(self.ctx, src);
        if self.ctx.kind_name() != "identifier" {
            return Some(Outlives::Stored);
        }
        if ctx == "_" {
            return None;
        }
        let seeds = [Seed::context(ctx)];
        if let Some(found) = analysis::escape(region, &seeds, &[], src) {
            return Some(Outlives::Kept { how: format!("`{}` {}", found.name, found.how(scope)) });
        }
        // Returned inside another value (`job.ctx = ctx; return job`); what is computed with
        // the context and returned (`return fetch(ctx)`) is data, judged by `returned`.
        let options = analysis::flow::Options { returns_leave: true, ..Default::default() };
        if let Some(found) = analysis::flow::escape_with(region, &seeds, options, src)
            && found.carried == analysis::Carried::Itself
        {
            return Some(Outlives::Kept { how: format!("`{}` {}", found.name, found.how(scope)) });
        }
        let mut deferred = None;
        syntax::walk_same_function(region, |n| {
            if deferred.is_none()
                && n.kind_name() == "defer_statement"
                && n.end_byte() <= deferred_before
                && mentions(n, ctx, src)
            {
                deferred = Some(n.start_position().row + 1);
            }
        });
        deferred.map(|line| Outlives::Deferred { line })
    }
}

/// Why a context may still be in use where a cancel would run.
enum Outlives {
    /// Assigned to something other than a variable (a field, an element).
    Stored,
    /// Kept through another value: how.
    Kept { how: String },
    /// Used by the call deferred on `line`.
    Deferred { line: usize },
}

/// The name in the package clause.
fn package_name<'a>(file: &GoFile<'a>) -> Option<&'a str> {
    let root = file.tree.root_node();
    let mut c = root.walk();
    let clause = root.named_children(&mut c).find(|n| n.kind_name() == "package_clause")?;
    let mut c = clause.walk();
    let name = clause.named_children(&mut c).find(|n| n.kind_name() == "package_identifier")?;
    Some(text(name, file.src))
}

/// `func main()` (the package is checked by the caller).
fn is_main(func: Node, src: &[u8]) -> bool {
    func.kind_name() == "function_declaration" && func.field("name").is_some_and(|n| text(n, src) == "main")
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
        found |= n.kind_name() == "identifier" && text(n, src) == name;
        if found { Descend::No } else { Descend::Yes }
    });
    found
}

/// Whether `stmt` is a statement calling `name` (`cancel()`).
fn calls_statement(stmt: Node, name: &str, src: &[u8]) -> bool {
    stmt.kind_name() == "expression_statement"
        && stmt
            .named_child(0)
            .filter(|c| c.kind_name() == "call_expression")
            .and_then(|c| c.field("function"))
            .is_some_and(|f| f.kind_name() == "identifier" && text(f, src) == name)
}

/// Whether `node` spells one of `names` as an identifier.
fn mentions_any(node: Node, names: &HashSet<String>, src: &[u8]) -> bool {
    let mut found = false;
    syntax::walk(node, |n| {
        found |= n.kind_name() == "identifier" && names.contains(text(n, src));
        if found { Descend::No } else { Descend::Yes }
    });
    found
}

/// What in a `return`'s values, evaluated after a cancel placed before the `return`, would
/// run code that may see the cancelled context, or hand it out: a name that may hold it, a
/// receive, a call other than a builtin, a conversion to a basic type or a standard-library
/// function that only computes with its arguments (`strings.TrimSpace`, `fmt.Errorf`).
fn runs_after_cancel(values: Node, tracked: &HashSet<String>, src: &[u8]) -> Option<String> {
    let root = analysis::callees::root(values);
    let declared =
        syntax::enclosing_function(values).map(|f| analysis::declared_names(f, src)).unwrap_or_default();
    let computes_only = |call: Node| {
        let Some(function) = call.field("function") else { return false };
        match function.kind_name() {
            "identifier" => {
                let name = text(function, src);
                !declared.contains(name)
                    && (known::builtin_keeps_nothing(name)
                        || syntax::is_basic_type(name)
                        || matches!(name, "error" | "any"))
            }
            "selector_expression" => {
                let (Some(operand), Some(field)) = (function.field("operand"), function.field("field"))
                else {
                    return false;
                };
                operand.kind_name() == "identifier"
                    && !declared.contains(text(operand, src))
                    && syntax::import_path_of(root, src, text(operand, src)).is_some_and(|path| {
                        let function = text(field, src);
                        known::package_function_keeps_nothing(&path, function)
                            || known::makes_error(&path, function)
                    })
            }
            _ => false,
        }
    };
    let mut found = None;
    syntax::walk(values, |n| {
        if found.is_some() {
            return Descend::No;
        }
        let receive =
            n.kind_name() == "unary_expression" && n.field("operator").is_some_and(|o| text(o, src) == "<-");
        let hit = match n.kind_name() {
            "identifier" => tracked.contains(text(n, src)),
            "call_expression" => !computes_only(n),
            _ => receive,
        };
        if hit {
            found = Some(text(n, src).split_whitespace().collect::<Vec<_>>().join(" "));
        }
        Descend::Yes
    });
    found
}

/// The `:=` statement or `var` spec that declares `name` in the statement list holding `stmt`,
/// before it (the nearest one).
fn earlier_declaration<'t>(stmt: Node<'t>, name: &str, src: &[u8]) -> Option<Node<'t>> {
    let list = stmt.parent().filter(|p| p.kind_name() == "statement_list")?;
    let mut c = list.walk();
    let before: Vec<Node> = list.named_children(&mut c).take_while(|s| s.id() != stmt.id()).collect();
    before.into_iter().rev().find_map(|s| {
        let specs = match s.kind_name() {
            "short_var_declaration" => vec![s],
            "var_declaration" => syntax::descendants_of_kind(s, "var_spec"),
            _ => Vec::new(),
        };
        specs.into_iter().find(|d| declared_by(*d, src).iter().any(|n| n == name))
    })
}

/// go vet's "use" of the cancel variable in a node of the function's flow: a mention (in
/// nested function literals too; the assigned identifier itself only in the `=` form, where
/// go vet counts it as a use), or a bare `return` when it is a named result.
fn uses_cancel(node: Node, site: &Site, name: &str, named_result: bool, src: &[u8]) -> bool {
    let mut used = false;
    syntax::walk(node, |n| {
        if used {
            return Descend::No;
        }
        let mention = n.kind_name() == "identifier"
            && text(n, src) == name
            && (n.id() != site.cancel.id() || site.form == Form::Assign);
        let bare_return = named_result
            && n.kind_name() == "return_statement"
            && syntax::return_values(n).is_none_or(|c| c.kind_name() != "expression_list");
        used = mention || bare_return;
        Descend::Yes
    });
    used
}

/// The names that may hold the context: its own, and those assigned something carrying it (a
/// context derived from it, a struct or closure holding it, its `Done()` channel).
fn carriers(body: Node, ctx: &str, src: &[u8]) -> HashSet<String> {
    let mut tracked: HashSet<String> = HashSet::from([ctx.to_string()]);
    loop {
        let mut grew = false;
        syntax::walk(body, |n| {
            let (value, targets): (Option<Node>, Vec<String>) = match n.kind_name() {
                "short_var_declaration" | "assignment_statement" => {
                    let plain = n.kind_name() == "short_var_declaration"
                        || n.field("operator").is_some_and(|o| text(o, src) == "=");
                    let targets = n
                        .field("left")
                        .map(|l| {
                            let mut c = l.walk();
                            l.named_children(&mut c)
                                .filter(|t| t.kind_name() == "identifier")
                                .map(|t| text(t, src).to_string())
                                .collect()
                        })
                        .unwrap_or_default();
                    (n.field("right").filter(|_| plain), targets)
                }
                "var_spec" => (n.field("value"), declared_by(n, src)),
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
            return tracked;
        }
    }
}

/// The line of a `return` of the function that hands out the context, or something carrying
/// it (a context derived from it, a struct or closure holding it, its `Done()` channel).
fn returned(func: Node, body: Node, ctx: &str, src: &[u8]) -> Option<usize> {
    let tracked = carriers(body, ctx, src);
    let result_names: Vec<String> = syntax::results(func, src).into_iter().filter_map(|r| r.name).collect();
    let mut line = None;
    syntax::walk_same_function(body, |n| {
        if line.is_some() || n.kind_name() != "return_statement" {
            return;
        }
        let hands_out = match n.named_child(0).filter(|c| c.kind_name() == "expression_list") {
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
        if n.kind_name() == "identifier" && tracked.contains(text(n, src)) {
            found = reaches_value(n, expr, src);
        }
        Descend::Yes
    });
    found
}

fn reaches_value(ident: Node, expr: Node, src: &[u8]) -> bool {
    let path: Vec<Node> = syntax::ancestors(ident).take_while(|a| a.id() != expr.id()).collect();
    if path.iter().any(|a| a.kind_name() == "func_literal") {
        return true;
    }
    let mut child = ident;
    for a in path.into_iter().chain(std::iter::once(expr)) {
        if a.id() == expr.id() && child.id() == expr.id() {
            break;
        }
        match a.kind_name() {
            "argument_list" => {
                let callee = a.parent().and_then(|c| c.field("function")).map(|f| text(f, src)).unwrap_or("");
                let constructor = crate::analysis::keeps_arguments(callee);
                if !constructor {
                    return false;
                }
            }
            "call_expression" if a.field("function").is_some_and(|f| f.id() == child.id()) => {
                let has_args = a.field("arguments").is_some_and(|l| l.named_child_count() > 0);
                let method = child
                    .field("field")
                    .filter(|_| child.kind_name() == "selector_expression")
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
        let file = GoFile::new(src.as_bytes(), &tree, GoVersion::parse("1.22").unwrap());
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
    }

    #[test]
    fn cancel_called_on_some_paths_only() {
        // The last context of the loop is never cancelled (go vet reports it too).
        let in_loop = "func f(p context.Context) {\n\tvar cancel context.CancelFunc\n\tfor i := 0; i < 3; i++ {\n\t\tif cancel != nil {\n\t\t\tcancel()\n\t\t}\n\t\tvar ctx context.Context\n\t\tctx, cancel = context.WithCancel(p)\n\t\tuse(ctx)\n\t}\n}";
        not_fixed_because(in_loop, "the end of f on line 20 is reached without calling it");
        not_fixed_because(in_loop, "inside a loop and used other than by `cancel()` statements of its block");
        let early = "func f(p context.Context, bad bool) error {\n\tctx, cancel := context.WithCancel(p)\n\tif bad {\n\t\treturn nil\n\t}\n\tdefer cancel()\n\treturn use(ctx)\n}";
        let found = findings(early);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].0.contains("the return on line 13 leaves without calling it") && found[0].1,
            "{found:?}"
        );
        // Paths that end in a call that never returns need no cancel; nor does an endless loop.
        let stops = "func f(p context.Context, n int) {\n\tctx, cancel := context.WithCancel(p)\n\tswitch n {\n\tcase 0:\n\t\tpanic(ctx)\n\tcase 1:\n\t\tt.Fatalf(\"no\")\n\tdefault:\n\t\tcancel()\n\t}\n}";
        assert!(findings(stops).is_empty(), "{:?}", findings(stops));
        let endless = "func f(p context.Context, c chan int) {\n\tctx, cancel := context.WithCancel(p)\n\tfor {\n\t\tif <-c == 0 {\n\t\t\tcancel()\n\t\t\tcontinue\n\t\t}\n\t\tuse(ctx)\n\t}\n}";
        assert!(findings(endless).is_empty(), "{:?}", findings(endless));
        // A labelled break leaves both loops, past the cancel at the end of the outer one.
        let labelled = "func f(p context.Context, rows [][]int) int {\n\tctx, cancel := context.WithCancel(p)\n\tuse(ctx)\nouter:\n\tfor {\n\t\tfor _, r := range rows {\n\t\t\tif len(r) == 0 {\n\t\t\t\tbreak outer\n\t\t\t}\n\t\t}\n\t\tcancel()\n\t\treturn 1\n\t}\n\treturn 0\n}";
        let found = findings(labelled);
        assert!(found.len() == 1 && found[0].0.contains("the return on line 23"), "{found:?}");
        let unlabelled = labelled.replace("break outer", "break");
        assert!(findings(&unlabelled).is_empty(), "{:?}", findings(&unlabelled));
        // Every case of a select without default cancels: no path leaves without it.
        let select = "func f(p context.Context, a, b chan int) {\n\tctx, cancel := context.WithCancel(p)\n\tuse(ctx)\n\tselect {\n\tcase <-a:\n\t\tcancel()\n\tcase v := <-b:\n\t\t_ = v\n\t\tcancel()\n\t}\n}";
        assert!(findings(select).is_empty(), "{:?}", findings(select));
        let fall = "func f(p context.Context, n int) {\n\tctx, cancel := context.WithCancel(p)\n\tuse(ctx)\n\tswitch n {\n\tcase 0:\n\t\tfallthrough\n\tcase 1:\n\t\tcancel()\n\t\treturn\n\t}\n}";
        let found = findings(fall);
        assert!(found.len() == 1 && found[0].0.contains("the end of f on line 20"), "{found:?}");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 20_000;
        let body = format!(
            "func f(p context.Context, x bool) {{\n\tctx, cancel := context.WithCancel(p)\n\tuse(ctx)\n{}return\n{}\tcancel()\n}}",
            "if x {\n".repeat(depth),
            "}\n".repeat(depth)
        );
        let found = findings(&body);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn goroutine_takes_ownership() {
        let moved = "func f(p context.Context, wg *sync.WaitGroup) {\n\tctx, _ := context.WithCancel(p)\n\twg.Add(1)\n\tgo func() {\n\t\tdefer wg.Done()\n\t\tuse(ctx)\n\t}()\n}";
        let found = findings(moved);
        assert!(found.len() == 1 && found[0].1, "{found:?}");
        let used_after = moved.replace("\t}()\n}", "\t}()\n\tuse(ctx)\n}");
        not_fixed_because(&used_after, "`ctx` is used on line 17, after the goroutine starts");
        let two = moved.replace("\t}()\n}", "\t}()\n\tgo func() {\n\t\tuse(ctx)\n\t}()\n}");
        not_fixed_because(&two, "2 goroutines use it");
        let loop_outside = "func f(p context.Context) {\n\tctx, _ := context.WithCancel(p)\n\tfor i := 0; ; i++ {\n\t\tgo func() {\n\t\t\tuse(ctx)\n\t\t}()\n\t\tif i == 1 {\n\t\t\tbreak\n\t\t}\n\t}\n}";
        not_fixed_because(loop_outside, "`ctx` is used on line 13, after the goroutine starts");
        let maybe = "func f(p context.Context, n int) {\n\tctx, _ := context.WithCancel(p)\n\tfor i := 0; i < n; i++ {\n\t\tgo func() {\n\t\t\tuse(ctx)\n\t\t}()\n\t}\n}";
        not_fixed_because(
            maybe,
            "the end of the function on line 17 is reached without starting the goroutine",
        );
        let argument = "func f(p context.Context) {\n\tctx, _ := context.WithCancel(p)\n\tgo func(c context.Context) {\n\t\tuse(c)\n\t}(ctx)\n}";
        not_fixed_because(argument, "passed to the goroutine as an argument");
        let early = "func f(p context.Context, x bool) {\n\tctx, _ := context.WithCancel(p)\n\tif x {\n\t\treturn\n\t}\n\tgo func() {\n\t\tuse(ctx)\n\t}()\n}";
        not_fixed_because(early, "the return on line 13 is reached without starting the goroutine");
        let stored = "func f(p context.Context) {\n\tctx, _ := context.WithCancel(p)\n\tgo func() {\n\t\tsink = ctx\n\t}()\n}";
        not_fixed_because(stored, "the goroutine hands `ctx` on");
    }
}
