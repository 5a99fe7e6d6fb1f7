//! `loop-defer`: a `defer` inside a loop.
//!
//! ## What it detects
//! A `defer` statement whose nearest enclosing `for` loop (of any form: three-clause, condition,
//! infinite, range over slices, maps, channels, integers and iterator functions) is in the same
//! function. A function literal is a boundary: a `defer` inside `func() { ... }()` in a loop
//! belongs to the literal.
//!
//! ## Why it matters
//! Deferred calls run when the *function* returns, not at the end of the iteration: every
//! iteration's file, lock or connection stays held until then (go-critic deferInLoop, revive
//! `defer`, staticcheck SA9001 report it; none fixes it).
//!
//! ## Example
//! ```go
//! for _, name := range names {
//!     f, err := os.Open(name)
//!     if err != nil {
//!         return err
//!     }
//!     defer f.Close()
//!     use(f)
//! }
//! ```
//! becomes
//! ```go
//! for _, name := range names {
//!     if err := func() error {
//!         f, err := os.Open(name)
//!         if err != nil {
//!             return err
//!         }
//!         defer f.Close()
//!         use(f)
//!         return nil
//!     }(); err != nil {
//!         return err
//!     }
//! }
//! ```
//! A body with no jump out becomes `func() { ... }()` (a `continue` becomes `return`); any other
//! jump out (`break`, labelled `break`/`continue`, `return` with values, bare `return`) is
//! carried out of the closure by a small control value (`if done, n := func() (bool, int)
//! {...}(); done { return n }`).
//!
//! ## When it is not a finding
//! When the body's last statement is the `defer` (locking every element and unlocking all on
//! return, stacking cleanups), the accumulation is deliberate: nothing is reported, unless the
//! loop's iterations have no bound: nothing leaves it, and it ranges over a channel
//! (staticcheck SA9001) or is `for { ... }` (SA5003), where the deferred calls pile up without
//! end, and in the second run only on a panic. Those are reported without a fix: running each call at the end of its iteration
//! would release at once what the iteration holds.
//!
//! ## Fix safety
//! - No fix: a `goto` leaves the body; a deferred call may recover panics (wrapping would
//!   recover them per iteration and go on looping); a value the deferred call cleans up is
//!   stored beyond the iteration (appended to an outer slice, assigned to an outer variable or
//!   field, sent on a channel, captured by a goroutine: see [`crate::analysis::flow`]); a defer that
//!   runs once as the loop ends shares the body with per-iteration ones; a `return` of a
//!   multi-value call; a body not laid out as gofmt lays it out.
//! - Unsafe: something derived from the cleaned-up value (an address, a URL, an error that
//!   may hold it) is kept beyond the iteration; a lock
//!   released by the deferred call is reached through a pointer field or one whose declaration
//!   is not seen (`w.cur.mu`: a method may advance `cur`; value fields, by the declared types,
//!   are the same lock in every iteration); the deferred call is a function value the body got from a call
//!   (`stop := client.Watch(n); defer stop()`: it may undo a registration that code after the
//!   loop counts on; `context.With*` cancels excepted); the deferred call uses a variable declared outside the loop body (range
//!   variables included: they are elements of a collection that outlives the loop), assigns a named
//!   result, or an inner loop deliberately stacks defers: running those calls at the end of each
//!   iteration is most likely the intent, but cannot be proven.

use std::collections::HashSet;

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::analysis::{self, Carried, Seed, declared_by, declared_names};
use crate::fix::{Applicability, Edit, Finding, Fix, describe};
use crate::prefilter::Triggers;
use crate::syntax::{self, Descend, Fields, KindName, text};

mod independent_locks;

pub struct LoopDefer;

pub const NAME: &str = "loop-defer";

impl Transform for LoopDefer {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "defer inside a loop runs only when the function returns"
    }

    fn triggers(&self) -> Triggers {
        &[&["defer"], &["for"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        for (lp, defers) in loops_with_defers(file) {
            let Some(body) = lp.field("body") else {
                continue;
            };
            // A defer that the iteration always follows by leaving the loop runs once: it is
            // meant to run when the function returns, and is not a finding.
            let defers: Vec<Node> = defers.into_iter().filter(|d| !runs_once(*d, lp, src)).collect();
            if defers.is_empty() {
                continue;
            }
            // Stacking deferred calls until return is deliberate only in a loop that ends after
            // a bounded number of iterations.
            let stacked = ends_with_defer(body);
            let unbounded = if stacked { unbounded(lp, file) } else { None };
            if stacked && unbounded.is_none() {
                continue;
            }
            let Some(func) = syntax::enclosing_function(lp) else {
                continue;
            };
            let name = syntax::function_display_name(func, src);
            let base = format!(
                "defer in loop runs only when {name} returns; each iteration's resources stay open until then"
            );
            let planned = match unbounded {
                Some(how) => Err(how.reason(&name)),
                None => Planner { file, lp, body, func }.plan(),
            };
            let (message, fix) = describe(base, None, planned);
            for d in defers {
                findings.push(Finding {
                    rule: NAME,
                    start: d.start_byte(),
                    end: d.end_byte(),
                    message: message.clone(),
                    fix: fix.clone(),
                });
            }
        }
    }
}

/// Loops in source order, each with the defers whose nearest loop it is.
fn loops_with_defers<'t>(file: &GoFile<'t>) -> Vec<(Node<'t>, Vec<Node<'t>>)> {
    let mut loops: Vec<(Node<'t>, Vec<Node<'t>>)> = Vec::new();
    for &n in &file.nodes.defers {
        if let Some(lp) = syntax::enclosing_loop(n) {
            match loops.iter_mut().find(|(l, _)| l.id() == lp.id()) {
                Some((_, defers)) => defers.push(n),
                None => loops.push((lp, vec![n])),
            }
        }
    }
    loops.sort_by_key(|(l, _)| l.start_byte());
    loops
}

/// Whether the last statement the iteration executes is a `defer` (possibly inside a trailing
/// `if` without `else`): then nothing in the iteration uses what was deferred, and the
/// accumulation until return is what the code means.
fn ends_with_defer(body: Node) -> bool {
    let mut current = body;
    loop {
        let Some(last) = syntax::statements(current).last().copied() else {
            return false;
        };
        match last.kind_name() {
            "defer_statement" => return true,
            "block" => current = last,
            "if_statement" if last.field("alternative").is_none() => match last.field("consequence") {
                Some(c) => current = c,
                None => return false,
            },
            _ => return false,
        }
    }
}

/// How a loop's deferred calls pile up without bound.
enum Unbounded {
    /// The loop has no condition and nothing leaves it: the calls run only on a panic
    /// (staticcheck SA5003: never).
    Endless,
    /// The loop ranges over this channel and nothing leaves it: one call per value received,
    /// run only once the channel is closed and the function returns (staticcheck SA9001).
    Channel(String),
}

impl Unbounded {
    fn reason(&self, fname: &str) -> String {
        let advice = "running each at the end of its iteration would release at once what the iteration holds, so no rewrite is right: release it where the iteration is done with it";
        match self {
            Unbounded::Endless => format!(
                "the loop has no way out (no condition, and no break, return or goto leaves it), so {fname} never returns from it normally: its deferred calls pile up with every iteration and run only if it panics; {advice}, or give the loop an end"
            ),
            Unbounded::Channel(ch) => format!(
                "the loop ranges over the channel `{ch}` and nothing else leaves it, so its deferred calls pile up with every value received, as many as the channel delivers, and run only when {fname} returns, once the channel is closed (if ever); {advice}"
            ),
        }
    }
}

/// Whether the loop's iterations are provably unbounded: nothing leaves it (no `break`,
/// `return`, `goto` or labelled `continue` out of it; panics and `os.Exit` are none: the first
/// runs the deferred calls, the second never), and it is `for { ... }` or a range over a value
/// the source shows to be a channel. A loop that can be left is bounded by whatever leaves it,
/// and its stack may be deliberate (staticcheck's SA5003 and SA9001 pass over those too).
fn unbounded(lp: Node, file: &GoFile) -> Option<Unbounded> {
    let src = file.src;
    let body = lp.field("body")?;
    let mut way_out = false;
    syntax::walk_same_function(body, |n| {
        let target = || syntax::jump_target(n, src);
        way_out |= match n.kind_name() {
            "return_statement" => true,
            "break_statement" => target().is_none_or(|t| t.id() == lp.id() || !syntax::contains(lp, t)),
            "continue_statement" => target().is_none_or(|t| t.id() != lp.id() && !syntax::contains(lp, t)),
            "goto_statement" => target().is_none_or(|t| !syntax::contains(body, t)),
            _ => false,
        };
    });
    if way_out {
        return None;
    }
    let mut cursor = lp.walk();
    let header: Vec<Node> = lp
        .named_children(&mut cursor)
        .filter(|c| c.kind_name() != "block" && c.kind_name() != "comment")
        .collect();
    match header.as_slice() {
        [] => Some(Unbounded::Endless),
        [clause] if clause.kind_name() == "for_clause" && clause.field("condition").is_none() => {
            Some(Unbounded::Endless)
        }
        [range] if range.kind_name() == "range_clause" => {
            let ranged = range.field("right")?;
            is_channel(ranged, file).then(|| {
                Unbounded::Channel(text(ranged, src).split_whitespace().collect::<Vec<_>>().join(" "))
            })
        }
        _ => None,
    }
}

/// Whether the source shows `expr` to be a channel: a name whose every declaration in the
/// function (or at package level) has a channel type or is made by `make(chan ...)`,
/// `time.Tick(...)`, or the `C` of a ticker or timer made in the function.
fn is_channel(expr: Node, file: &GoFile) -> bool {
    let src = file.src;
    let time = syntax::import_name(file.tree, src, "time");
    let time_call = |n: Node, names: &[&str]| {
        n.kind_name() == "call_expression"
            && n.field("function").is_some_and(|f| {
                f.kind_name() == "selector_expression"
                    && f.field("operand").map(|o| text(o, src)) == time.as_deref()
                    && f.field("field").is_some_and(|x| names.contains(&text(x, src)))
            })
    };
    let makes_channel = |v: Node| {
        v.kind_name() == "call_expression"
            && v.field("function").is_some_and(|f| text(f, src) == "make")
            && v.field("arguments")
                .and_then(|a| a.named_child(0))
                .is_some_and(|t| t.kind_name() == "channel_type")
    };
    match expr.kind_name() {
        "call_expression" => time_call(expr, &["Tick"]),
        "parenthesized_expression" => expr.named_child(0).is_some_and(|e| is_channel(e, file)),
        "identifier" => every_declaration(expr, file, &|ty, value| {
            ty.is_some_and(|t| t.kind_name() == "channel_type") || value.is_some_and(makes_channel)
        }),
        "selector_expression" => {
            let (Some(operand), Some(field)) = (expr.field("operand"), expr.field("field")) else {
                return false;
            };
            text(field, src) == "C"
                && operand.kind_name() == "identifier"
                && every_declaration(operand, file, &|_, value| {
                    value.is_some_and(|v| time_call(v, &["NewTicker", "NewTimer"]))
                })
        }
        _ => false,
    }
}

/// Whether the name `ident` has at least one declaration in its outermost function or at
/// package level, and `holds` (given the declared type and value, when known) for each.
fn every_declaration(ident: Node, file: &GoFile, holds: &dyn Fn(Option<Node>, Option<Node>) -> bool) -> bool {
    let src = file.src;
    let name = text(ident, src);
    let mut scopes: Vec<Node> = syntax::outermost_function(ident).into_iter().collect();
    let root = file.tree.root_node();
    let mut cursor = root.walk();
    scopes.extend(root.named_children(&mut cursor).filter(|n| n.kind_name() == "var_declaration"));
    let mut found = 0;
    let mut all = true;
    for scope in scopes {
        syntax::walk(scope, |n| {
            if !declared_by(n, src).iter().any(|d| d == name) {
                return Descend::Yes;
            }
            found += 1;
            let mut c = n.walk();
            let names: Vec<Node> = match n.kind_name() {
                "parameter_declaration" | "var_spec" => n.fields("name", &mut c).collect(),
                "short_var_declaration" => {
                    n.field("left").map(syntax::named_children_without_comments).unwrap_or_default()
                }
                _ => Vec::new(),
            };
            let at = names.iter().position(|t| text(*t, src) == name);
            let values = n
                .field("right")
                .or_else(|| n.field("value"))
                .map(syntax::named_children_without_comments)
                .unwrap_or_default();
            let value = at.filter(|_| values.len() == names.len()).and_then(|i| values.get(i).copied());
            all &= at.is_some() && holds(n.field("type"), value);
            Descend::Yes
        });
    }
    found > 0 && all
}

/// Whether every path from `defer` onwards leaves the loop `lp` without another iteration:
/// the statements after it in its block end in a `return`, a `panic`, or a `break`/`goto` out
/// of the loop, and none of them continues the loop.
fn runs_once(defer: Node, lp: Node, src: &[u8]) -> bool {
    let Some(list) = defer.parent().filter(|p| p.kind_name() == "statement_list") else { return false };
    let after: Vec<Node> =
        syntax::statements(list).into_iter().skip_while(|s| s.id() != defer.id()).skip(1).collect();
    let Some(last) = after.last() else { return false };
    let body = lp.field("body");
    let leaves_loop = |n: Node| match n.kind_name() {
        "break_statement" | "goto_statement" => syntax::jump_target(n, src)
            .is_some_and(|t| t.id() == lp.id() || body.is_none_or(|b| !syntax::contains(b, t))),
        "continue_statement" => {
            syntax::jump_target(n, src).is_some_and(|t| t.id() != lp.id() && !syntax::contains(lp, t))
        }
        _ => false,
    };
    let ends = syntax::is_terminating(*last, src, &leaves_loop)
        && !matches!(last.kind_name(), "for_statement" | "select_statement");
    let mut continues = false;
    for s in &after {
        syntax::walk_same_function(*s, |n| {
            continues |= n.kind_name() == "continue_statement"
                && syntax::jump_target(n, src).is_some_and(|t| t.id() == lp.id());
        });
    }
    ends && !continues
}

/// How control leaves the loop body, other than by reaching its end or `continue`.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Exit {
    Break,
    OuterBreak(String),
    OuterContinue(String),
    Return,
}

impl Exit {
    fn action(&self, result_names: &[String]) -> String {
        match self {
            Exit::Break => "break".to_string(),
            Exit::OuterBreak(label) => format!("break {label}"),
            Exit::OuterContinue(label) => format!("continue {label}"),
            Exit::Return if result_names.is_empty() => "return".to_string(),
            Exit::Return => format!("return {}", result_names.join(", ")),
        }
    }
}

/// A jump in the body that the rewrite must change.
enum Jump<'t> {
    /// `continue` (or `continue L` with L this loop's label).
    Continue(Node<'t>),
    Leave(Node<'t>, Exit),
}

/// Which wrapping the body gets.
enum Form {
    /// `func() { ... }()`
    Plain,
    /// `if err := func() error { ... }(); err != nil { return err }`
    ErrorIdiom,
    /// A control value (bool for one kind of exit, a string naming the jump for several) plus the function's results.
    Control { exits: Vec<Exit>, with_results: bool },
}

struct Planner<'a, 't> {
    file: &'a GoFile<'t>,
    lp: Node<'t>,
    body: Node<'t>,
    func: Node<'t>,
}

type Plan = Result<(Fix, Option<String>), String>;

impl<'t> Planner<'_, 't> {
    fn src(&self) -> &'t [u8] {
        self.file.src
    }

    fn plan(&self) -> Plan {
        let src = self.src();
        let (first_line, close_line) = self.body_lines()?;
        let moving = self.moving_defers();
        if let Some(d) = moving.iter().find(|d| runs_once(**d, self.lp, src)) {
            return Err(format!(
                "the deferred call on line {} runs once, as the loop ends, and is meant to run when the function returns; wrapping the body would run it earlier",
                d.start_position().row + 1
            ));
        }
        if let Some(d) = moving.iter().find(|d| may_recover(**d, src)) {
            return Err(format!(
                "the deferred call on line {} may recover panics; wrapping the body would recover them at the end of the iteration and keep looping",
                d.start_position().row + 1
            ));
        }
        if let Some(reason) = self.no_fix_reason(&moving) {
            return Err(reason);
        }
        let jumps = self.jumps()?;
        let derived_escape = self.check_escapes(&moving)?;
        let unsafe_reason = self.unsafe_reason(&moving).or(derived_escape);

        let results = syntax::results(self.func, src);
        let mut exits: Vec<Exit> = Vec::new();
        for j in &jumps {
            if let Jump::Leave(_, exit) = j
                && !exits.contains(exit)
            {
                exits.push(exit.clone());
            }
        }
        let form = if exits.is_empty() {
            Form::Plain
        } else if exits == [Exit::Return]
            && results.len() == 1
            && text(results[0].ty, src) == "error"
            && jumps.iter().all(|j| match j {
                Jump::Leave(ret, _) => self.returns_non_nil_error(*ret),
                Jump::Continue(_) => true,
            })
        {
            Form::ErrorIdiom
        } else {
            let with_results = exits.contains(&Exit::Return) && !results.is_empty();
            Form::Control { exits, with_results }
        };

        let outer_indent =
            String::from_utf8_lossy(syntax::line_indent(src, self.lp.start_byte())).into_owned();
        let indent = format!("{outer_indent}\t");
        let mut edits = Vec::new();

        // Closure head, then one more tab on every line of the body.
        let (head, tail, jump_edits, final_return) = self.wrapping(&form, &jumps, &results, &indent)?;
        edits.push(Edit::insert(first_line, format!("{indent}{head}\n")));
        edits.extend(self.reindent(first_line, close_line));
        edits.extend(jump_edits);
        let mut closing = String::new();
        if let Some(ret) = final_return
            && !self.body_terminates()
        {
            closing.push_str(&format!("{indent}\t{ret}\n"));
        }
        closing.push_str(&tail);
        edits.push(Edit::insert(close_line, closing));
        edits.extend(self.unused_label_removal(&jumps)?);

        let applicability = if unsafe_reason.is_some() { Applicability::Unsafe } else { Applicability::Safe };
        Ok((Fix::new(applicability, edits), unsafe_reason))
    }

    /// The start of the body's first line after `{` and of the line holding `}`.
    fn body_lines(&self) -> Result<(usize, usize), String> {
        let src = self.src();
        let not_laid_out = || "the loop body is not laid out as gofmt does (run gofmt first)".to_string();
        let open = self.body.start_byte();
        let close = self.body.end_byte() - 1;
        let newline = memchr::memchr(b'\n', &src[open..close]).map(|i| open + i).ok_or_else(not_laid_out)?;
        let after_brace = String::from_utf8_lossy(&src[open + 1..newline]);
        let after_brace = after_brace.trim();
        if !(after_brace.is_empty() || after_brace.starts_with("//")) {
            return Err(not_laid_out());
        }
        let close_line = syntax::line_start(src, close);
        if src[close_line..close].iter().any(|b| !matches!(b, b' ' | b'\t')) || close_line <= newline {
            return Err(not_laid_out());
        }
        Ok((newline + 1, close_line))
    }

    /// Every defer statement that the wrapping makes run earlier: those of this loop and of
    /// loops nested in its body.
    fn moving_defers(&self) -> Vec<Node<'t>> {
        let mut defers = Vec::new();
        syntax::walk_same_function(self.body, |n| {
            if n.kind_name() == "defer_statement" {
                defers.push(n);
            }
        });
        defers
    }

    /// The jumps that leave the body or continue this loop.
    fn jumps(&self) -> Result<Vec<Jump<'t>>, String> {
        let src = self.src();
        let mut jumps = Vec::new();
        let mut problem = None;
        syntax::walk_same_function(self.body, |n| {
            if problem.is_some() {
                return;
            }
            let line = n.start_position().row + 1;
            match n.kind_name() {
                "return_statement" => jumps.push(Jump::Leave(n, Exit::Return)),
                "break_statement" | "continue_statement" | "goto_statement" => {
                    let Some(target) = syntax::jump_target(n, src) else {
                        problem = Some(format!("the jump on line {line} has no target"));
                        return;
                    };
                    if target.id() != self.lp.id() && syntax::contains(self.body, target) {
                        return;
                    }
                    let label = syntax::jump_label(n, src).unwrap_or_default().to_string();
                    match (n.kind_name(), target.id() == self.lp.id()) {
                        ("goto_statement", _) => {
                            problem = Some(format!("the goto on line {line} leaves the loop body"));
                        }
                        ("continue_statement", true) => jumps.push(Jump::Continue(n)),
                        ("break_statement", true) => jumps.push(Jump::Leave(n, Exit::Break)),
                        ("continue_statement", false) => {
                            jumps.push(Jump::Leave(n, Exit::OuterContinue(label)))
                        }
                        _ => jumps.push(Jump::Leave(n, Exit::OuterBreak(label))),
                    }
                }
                _ => {}
            }
        });
        match problem {
            Some(p) => Err(p),
            None => Ok(jumps),
        }
    }

    /// Whether `ret` (a return statement) returns one error that is certainly not nil, so the
    /// error idiom's `err != nil` test sees every return.
    fn returns_non_nil_error(&self, ret: Node) -> bool {
        let src = self.src();
        let Some(list) = syntax::return_values(ret) else {
            return false;
        };
        let [expr] = syntax::named_children_without_comments(list)[..] else {
            return false;
        };
        match expr.kind_name() {
            "call_expression" => {
                let callee = expr.field("function").map(|f| text(f, src)).unwrap_or("");
                let fmt = syntax::import_name(self.file.tree, src, "fmt");
                let errors = syntax::import_name(self.file.tree, src, "errors");
                fmt.is_some_and(|p| callee == format!("{p}.Errorf"))
                    || errors.is_some_and(|p| callee == format!("{p}.New"))
            }
            "composite_literal" => true,
            "unary_expression" => {
                text(expr, src).starts_with('&')
                    && expr.field("operand").is_some_and(|o| o.kind_name() == "composite_literal")
            }
            "identifier" => guarded_by_not_nil(ret, text(expr, src), src),
            _ => false,
        }
    }

    /// Whether the last statement of the body ends the closure, once the jumps out of it have
    /// become returns.
    fn body_terminates(&self) -> bool {
        let src = self.src();
        let Some(last) = syntax::statements(self.body).last().copied() else {
            return false;
        };
        let leaves = |n: Node| {
            matches!(n.kind_name(), "break_statement" | "continue_statement")
                && syntax::jump_target(n, src)
                    .is_some_and(|t| t.id() == self.lp.id() || !syntax::contains(self.body, t))
        };
        syntax::is_terminating(last, src, &leaves)
    }

    /// The closure's head and tail lines, the edits to the jumps, and the return the closure
    /// needs at its end unless its body already terminates.
    #[allow(clippy::type_complexity)]
    fn wrapping(
        &self,
        form: &Form,
        jumps: &[Jump<'t>],
        results: &[syntax::ResultParam<'t>],
        indent: &str,
    ) -> Result<(String, String, Vec<Edit>, Option<String>), String> {
        let src = self.src();
        let mut edits = Vec::new();
        match form {
            Form::Plain => {
                for j in jumps {
                    if let Jump::Continue(n) = j {
                        edits.push(Edit::replace(n.start_byte(), n.end_byte(), "return"));
                    }
                }
                Ok(("func() {".to_string(), format!("{indent}}}()\n"), edits, None))
            }
            Form::ErrorIdiom => {
                for j in jumps {
                    if let Jump::Continue(n) = j {
                        edits.push(Edit::replace(n.start_byte(), n.end_byte(), "return nil"));
                    }
                }
                let tail = format!("{indent}}}(); err != nil {{\n{indent}\treturn err\n{indent}}}\n");
                Ok(("if err := func() error {".to_string(), tail, edits, Some("return nil".to_string())))
            }
            Form::Control { exits, with_results } => {
                let single = exits.len() == 1;
                // One kind of exit needs a bool; several are told apart by a string that names
                // the jump (`"break"`, `"continue outer"`), read without decoding a number.
                let (ctl, ctl_type, ctl_zero) =
                    if single { ("done", "bool", "false") } else { ("ctl", "string", "\"\"") };
                let code = |exit: &Exit| -> String {
                    if single { "true".to_string() } else { format!("{:?}", exit.action(&[])) }
                };
                let all_results: &[syntax::ResultParam] = if *with_results { results } else { &[] };
                let zero_of: Vec<String> =
                    all_results.iter().map(|r| crate::zero_value::zero_value(self.file, r.ty)).collect();
                // A result every return of the body gives as its zero value is not carried out of
                // the literal: the return after it spells the zero value itself.
                let dropped = self.always_zero(jumps, &zero_of);
                let kept: Vec<syntax::ResultParam> =
                    all_results.iter().zip(&dropped).filter(|(_, d)| !**d).map(|(r, _)| r.clone()).collect();
                let results: &[syntax::ResultParam] = &kept;
                let mut taken: HashSet<String> = HashSet::from([ctl.to_string()]);
                let mut names = Vec::new();
                for (i, r) in results.iter().enumerate() {
                    let base = match r.name.as_deref() {
                        Some(n) if n != "_" => n.to_string(),
                        _ if text(r.ty, src) == "error" => "err".to_string(),
                        _ => format!("r{i}"),
                    };
                    let name = syntax::fresh_name(&base, &taken);
                    taken.insert(name.clone());
                    names.push(name);
                }
                let zeros: String = zero_of
                    .iter()
                    .zip(&dropped)
                    .filter(|(_, d)| !**d)
                    .map(|(z, _)| format!(", {z}"))
                    .collect();
                // What the function returns after the literal: a name for each carried result,
                // the zero value for each dropped one.
                let mut carried = names.iter();
                let returned: Vec<String> = zero_of
                    .iter()
                    .zip(&dropped)
                    .map(|(z, d)| if *d { z.clone() } else { carried.next().cloned().unwrap_or_default() })
                    .collect();
                for j in jumps {
                    match j {
                        Jump::Continue(n) => {
                            edits.push(Edit::replace(
                                n.start_byte(),
                                n.end_byte(),
                                format!("return {ctl_zero}{zeros}"),
                            ));
                        }
                        Jump::Leave(n, Exit::Return) => edits.extend(self.return_edits(
                            *n,
                            &code(&Exit::Return),
                            all_results,
                            &dropped,
                        )?),
                        Jump::Leave(n, exit) => {
                            edits.push(Edit::replace(
                                n.start_byte(),
                                n.end_byte(),
                                format!("return {}{zeros}", code(exit)),
                            ));
                        }
                    }
                }
                self.check_spelled_names(all_results, &[ctl_type, ctl_zero])?;
                let types: Vec<String> = std::iter::once(ctl_type.to_string())
                    .chain(results.iter().map(|r| text(r.ty, src).to_string()))
                    .collect();
                let signature =
                    if types.len() == 1 { types[0].clone() } else { format!("({})", types.join(", ")) };
                let bound: Vec<&str> = std::iter::once(ctl).chain(names.iter().map(String::as_str)).collect();
                let head = format!("if {} := func() {signature} {{", bound.join(", "));
                let mut tail = format!("{indent}}}(); ");
                for (i, exit) in exits.iter().enumerate() {
                    let cond = if single { ctl.to_string() } else { format!("{ctl} == {}", code(exit)) };
                    if i > 0 {
                        tail.push_str(" else if ");
                    }
                    tail.push_str(&format!("{cond} {{\n{indent}\t{}\n{indent}}}", exit.action(&returned)));
                }
                tail.push('\n');
                Ok((head, tail, edits, Some(format!("return {ctl_zero}{zeros}"))))
            }
        }
    }

    /// The closure's signature and zero values spell the result types, `bool`/`int`, `nil` and
    /// `new` inside the loop: a local declaration of one of those names (a range variable named
    /// like a type, `url` shadowing the package) would make the code mean something else or not
    /// compile.
    fn check_spelled_names(&self, results: &[syntax::ResultParam<'t>], extra: &[&str]) -> Result<(), String> {
        let src = self.src();
        let declared = declared_names(self.func, src);
        let mut spelled: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        spelled.extend(["nil", "new", "true", "false"].map(String::from));
        for r in results {
            syntax::walk(r.ty, |n| {
                if matches!(n.kind_name(), "type_identifier" | "package_identifier" | "identifier") {
                    spelled.push(text(n, src).to_string());
                }
                Descend::Yes
            });
        }
        match spelled.into_iter().find(|n| declared.contains(n)) {
            Some(name) => Err(format!(
                "the rewrite would spell `{name}` inside the loop, where a local declaration of `{name}` shadows it; rename the local first"
            )),
            None => Ok(()),
        }
    }

    /// Which results every `return` of the body gives as their zero value (spelled as
    /// `zero_of` spells it): none when a return is bare or returns a call.
    fn always_zero(&self, jumps: &[Jump<'t>], zero_of: &[String]) -> Vec<bool> {
        let src = self.src();
        let mut dropped = vec![!zero_of.is_empty(); zero_of.len()];
        let mut any = false;
        for j in jumps {
            let Jump::Leave(ret, Exit::Return) = j else { continue };
            any = true;
            let values = syntax::return_values(*ret)
                .filter(|c| c.kind_name() == "expression_list")
                .map(syntax::named_children_without_comments)
                .unwrap_or_default();
            let list = syntax::return_values(*ret);
            let plain = list.is_some_and(|l| {
                l.start_position().row == l.end_position().row
                    && syntax::descendants_of_kind(l, "comment").is_empty()
            });
            if values.len() != zero_of.len() || !plain {
                return vec![false; zero_of.len()];
            }
            for (i, v) in values.iter().enumerate() {
                let spelled: String = text(*v, src).split_whitespace().collect();
                let zero: String = zero_of[i].split_whitespace().collect();
                dropped[i] &= spelled == zero && !zero.starts_with("*new(");
            }
        }
        if any { dropped } else { vec![false; zero_of.len()] }
    }

    /// The control code put in front of a `return`'s values, and the values of dropped
    /// results taken out (see `always_zero`).
    fn return_edits(
        &self,
        ret: Node,
        code: &str,
        results: &[syntax::ResultParam],
        dropped: &[bool],
    ) -> Result<Vec<Edit>, String> {
        if !dropped.iter().any(|d| *d) {
            return Ok(vec![self.return_edit(ret, code, results)?]);
        }
        // `always_zero` only drops from value lists on one line without comments: the list is
        // written anew from its values.
        let src = self.src();
        let list = syntax::return_values(ret)
            .filter(|c| c.kind_name() == "expression_list")
            .ok_or_else(|| "a return without its values".to_string())?;
        let values = syntax::named_children_without_comments(list);
        let kept: Vec<&str> =
            values.iter().zip(dropped).filter(|(_, d)| !**d).map(|(v, _)| text(*v, src)).collect();
        let written = std::iter::once(code).chain(kept).collect::<Vec<_>>().join(", ");
        let spaced = src[..list.start_byte()].last().is_some_and(u8::is_ascii_whitespace);
        let space = if spaced { "" } else { " " };
        Ok(vec![Edit::replace(list.start_byte(), list.end_byte(), format!("{space}{written}"))])
    }

    /// Puts the control code in front of a `return`'s values (or, for a bare return with named
    /// results, spells the results out).
    fn return_edit(&self, ret: Node, code: &str, results: &[syntax::ResultParam]) -> Result<Edit, String> {
        let line = ret.start_position().row + 1;
        let values = syntax::return_values(ret).filter(|c| c.kind_name() == "expression_list");
        match values {
            Some(list) => {
                if syntax::named_children_without_comments(list).len() != results.len() {
                    return Err(format!(
                        "the return on line {line} returns a multi-value call; split it into variables first"
                    ));
                }
                // `return-1` (not gofmt-formatted) needs the space gofmt would have put there.
                let spaced = self.src()[..list.start_byte()].last().is_some_and(u8::is_ascii_whitespace);
                let space = if spaced { "" } else { " " };
                Ok(Edit::insert(list.start_byte(), format!("{space}{code}, ")))
            }
            None => {
                let mut spelled = String::new();
                for r in results {
                    match r.name.as_deref() {
                        Some(n) if n != "_" => spelled.push_str(&format!(", {n}")),
                        _ => {
                            return Err(format!(
                                "the bare return on line {line} returns a result named _, which cannot be spelled out"
                            ));
                        }
                    }
                }
                let keyword_end = ret.start_byte() + "return".len();
                Ok(Edit::insert(keyword_end, format!(" {code}{spelled}")))
            }
        }
    }

    /// One tab at the start of every non-empty body line, except lines that begin inside a
    /// multi-line raw string (the tab would change its value). Lines inside a block comment
    /// are indented like code: gofmt keeps them aligned with the comment's first line.
    fn reindent(&self, first_line: usize, close_line: usize) -> Vec<Edit> {
        let src = self.src();
        let mut verbatim: Vec<(usize, usize)> = Vec::new();
        syntax::walk(self.body, |n| {
            if n.kind_name() == "raw_string_literal" && memchr::memchr(b'\n', &src[n.byte_range()]).is_some()
            {
                verbatim.push((n.start_byte(), n.end_byte()));
            }
            Descend::Yes
        });
        let mut edits = Vec::new();
        let mut at = first_line;
        while at < close_line {
            let inside_verbatim = verbatim.iter().any(|&(s, e)| s < at && at < e);
            if src[at] != b'\n' && !inside_verbatim {
                edits.push(Edit::insert(at, "\t"));
            }
            at = memchr::memchr(b'\n', &src[at..close_line]).map_or(close_line, |i| at + i + 1);
        }
        edits
    }

    /// When the loop's label was used only by jumps that the rewrite turns into returns or
    /// unlabelled breaks, the label must go: Go rejects unused labels.
    fn unused_label_removal(&self, jumps: &[Jump]) -> Result<Option<Edit>, String> {
        let src = self.src();
        let Some(labeled) = self.lp.parent().filter(|p| p.kind_name() == "labeled_statement") else {
            return Ok(None);
        };
        let Some(label) = syntax::label_of(labeled, src) else {
            return Ok(None);
        };
        let rewritten: HashSet<usize> = jumps
            .iter()
            .map(|j| match j {
                Jump::Continue(n) | Jump::Leave(n, _) => n.id(),
            })
            .collect();
        let mut remaining = 0;
        syntax::walk_same_function(self.func, |n| {
            if matches!(n.kind_name(), "break_statement" | "continue_statement" | "goto_statement")
                && syntax::jump_label(n, src) == Some(label)
                && !rewritten.contains(&n.id())
            {
                remaining += 1;
            }
        });
        if remaining > 0 {
            return Ok(None);
        }
        let (start, stop) = (labeled.start_byte(), self.lp.start_byte());
        let between = &src[start..stop];
        let label_text = format!("{label}:");
        if !between.starts_with(label_text.as_bytes())
            || between[label_text.len()..].iter().any(|b| !b.is_ascii_whitespace())
        {
            return Err("the loop's label is followed by a comment; remove the label by hand".to_string());
        }
        let label_line = syntax::line_start(src, start);
        let loop_line = syntax::line_start(src, stop);
        let label_first_on_line = src[label_line..start].iter().all(|b| matches!(b, b' ' | b'\t'));
        Ok(Some(if label_line != loop_line && label_first_on_line {
            Edit::delete(label_line, loop_line)
        } else {
            Edit::delete(start, stop)
        }))
    }

    /// A value the deferred calls clean up must not outlive the iteration: an error when the
    /// value itself is kept, the reason the fix is unsafe when something derived from it is.
    fn check_escapes(&self, moving: &[Node<'t>]) -> Result<Option<String>, String> {
        let src = self.src();
        let contexts = syntax::import_names(self.file.tree, src, analysis::known::CONTEXT_PACKAGES);
        let seeds = cleanup_seeds(self.body, moving, &contexts, src);
        for seed in &seeds {
            if let Some(call) = assigned_call(self.body, &seed.name, src)
                && let Some((maker, kept)) = analysis::flow::kept_by_maker(call, src)
            {
                return Err(format!(
                    "`{}` is made by {maker}, which also keeps it (`{}` {}); cleaning it up at the end of the iteration would break that later use",
                    seed.name,
                    kept.name,
                    kept.how(maker.as_str())
                ));
            }
        }
        let Some(found) = analysis::escape(self.body, &seeds, moving, src) else { return Ok(None) };
        let how = found.how("the iteration");
        match (found.carried, &found.via) {
            (Carried::Itself, _) => Err(format!(
                "`{}` {how}; cleaning it up at the end of the iteration would break its later use",
                found.name
            )),
            (Carried::Derived, analysis::Via::Call(_)) => Ok(Some(format!("`{}` {how}", found.name))),
            (Carried::Derived, _) => {
                Ok(Some(format!("a value derived from `{}` {how}, and may need it alive", found.name)))
            }
        }
    }

    /// Why the fix cannot be proven safe, if it cannot.
    fn unsafe_reason(&self, moving: &[Node<'t>]) -> Option<String> {
        let src = self.src();
        let (in_body, copies) = self.body_locals();
        let in_header = self.header_names();
        let range_vars = self.range_vars();
        let in_function = declared_names(self.func, src);
        let imports = syntax::imported_names(self.file.tree, src);
        let named_results: HashSet<String> =
            syntax::results(self.func, src).into_iter().filter_map(|r| r.name).collect();
        if let Some(reason) = moving.iter().find_map(|d| self.opaque_cleanup(*d)) {
            return Some(reason);
        }
        for d in moving {
            let mut reason = None;
            let same_lock = self.same_lock_root(*d);
            if let Some(root) = same_lock
                && let Some(reason) = self.same_lock_hole(*d, root)
            {
                return Some(reason);
            }
            if let Some(reason) = self.shared_body_lock(*d) {
                return Some(reason);
            }
            if let Some(reason) = self.callee_reads_package_state(*d) {
                return Some(reason);
            }
            if same_lock.is_none()
                && let Some(reason) = self.unproven_lock_reason(*d)
            {
                return Some(reason);
            }
            if let Some(element) = self.independent_element_lock(*d) {
                return Some(format!(
                    "each `{element}` is locked and worked on alone, and only local work follows the loop, but the fix releases each lock at the end of its iteration instead of at return: code elsewhere that holds several of these locks at once (a snapshot, a move between elements) would then see the loop's work done on some elements and not on others"
                ));
            }
            syntax::walk(*d, |n| {
                if reason.is_some() || n.kind_name() != "identifier" {
                    return Descend::Yes;
                }
                let name = text(n, src);
                // The same lock, taken again in every iteration: the original deadlocks on the
                // second iteration (or counts nested holds); releasing it per iteration is the fix.
                if same_lock == Some(name) {
                    return Descend::Yes;
                }
                let is_callee = n.parent().and_then(|p| p.field("function")).map(|f| f.id()) == Some(n.id());
                // A deferred literal's own parameter is bound to the argument, which is checked
                // where it is written.
                if analysis::literal_parameter(n, *d, src) {
                    return Descend::Yes;
                }
                let local = (in_body.contains(name) && !copies.contains(name)) || in_header.contains(name);
                // A called name the function does not declare is a package-level function.
                let package_function = is_callee && !in_function.contains(name);
                if named_results.contains(name) && is_assigned(n) {
                    reason = Some(format!("the deferred call assigns the named result `{name}`"));
                } else if copies.contains(name) {
                    reason = Some(format!(
                        "the deferred call uses `{name}`, which the body takes from a variable declared outside it"
                    ));
                } else if !local
                    && !syntax::is_predeclared(name)
                    && !imports.contains(name)
                    && !package_function
                {
                    reason = Some(if range_vars.contains(name) {
                        format!(
                            "the deferred call uses `{name}`, an element of a collection that outlives the loop"
                        )
                    } else {
                        format!("the deferred call uses `{name}`, declared outside the loop")
                    });
                }
                Descend::Yes
            });
            if reason.is_some() {
                return reason;
            }
        }
        let mut nested_deliberate = false;
        syntax::walk_same_function(self.body, |n| {
            if n.kind_name() == "for_statement"
                && let Some(b) = n.field("body")
            {
                nested_deliberate |= ends_with_defer(b);
            }
        });
        nested_deliberate.then(|| {
            "an inner loop deliberately keeps its deferred calls until the function returns".to_string()
        })
    }

    /// Names the body declares (outside function literals' parameter lists), and those of them
    /// that are copies or aliases of a variable declared outside the body (`s := s`,
    /// `l := &shards[i].mu`, `x := outer.f`): the value they hold outlives the iteration.
    fn body_locals(&self) -> (HashSet<String>, HashSet<String>) {
        let src = self.src();
        let mut declared = HashSet::new();
        let mut copies = HashSet::new();
        syntax::walk(self.body, |n| {
            if n.kind_name() == "func_literal" {
                if let Some(b) = n.field("body") {
                    declared.extend(declared_names(b, src));
                }
                return Descend::No;
            }
            declared.extend(declared_by(n, src));
            Descend::Yes
        });
        let range_vars = self.range_vars();
        let outside = |root: &str| !declared.contains(root) || range_vars.contains(root);
        syntax::walk(self.body, |n| {
            if !matches!(n.kind_name(), "short_var_declaration" | "var_spec") {
                return Descend::Yes;
            }
            let names = declared_by(n, src);
            let value = n.field("right").or_else(|| n.field("value"));
            let values = value.map(syntax::named_children_without_comments).unwrap_or_default();
            if values.len() != names.len() {
                return Descend::Yes;
            }
            for (name, v) in names.iter().zip(values) {
                let root = analysis::changes::root_identifier(v).map(|r| text(r, src));
                if root.is_some_and(|r| r != name && outside(r) && !syntax::is_predeclared(r)) {
                    copies.insert(name.clone());
                }
            }
            Descend::Yes
        });
        (declared, copies)
    }

    /// Whether an index in `operand` (`shards[i].mu`) moves with the loop, so that it picks
    /// another lock in each iteration.
    fn indexed_per_iteration(&self, operand: Node<'t>) -> bool {
        let src = self.src();
        let (in_body, _) = self.body_locals();
        let range_vars = self.range_vars();
        let header = self.header_names();
        syntax::descendants_of_kind(operand, "index_expression").into_iter().any(|ix| {
            ix.field("index").is_some_and(|i| {
                syntax::names_in(i, src).iter().any(|n| {
                    range_vars.contains(n)
                        || in_body.contains(n)
                        || header.contains(n)
                        || analysis::changes::changes(self.lp, n, src)
                            .iter()
                            .any(|c| c.how == analysis::changes::How::Written)
                })
            })
        })
    }

    /// For a deferred `s.mu.Unlock()` (or `RUnlock`) on the range variable `s` of a loop that
    /// locks `s.mu` itself: `s`, when the locks are independent (see `independent_locks`), so
    /// that releasing each at the end of its iteration is a fix worth offering, though not a
    /// safe one: the loop's work stops being atomic for goroutines that hold several of the
    /// locks together.
    fn independent_element_lock(&self, defer: Node<'t>) -> Option<&'t str> {
        let src = self.src();
        let (acquire, operand, root) = released_lock(defer, src)?;
        let (in_body, copies) = self.body_locals();
        if !self.range_vars().contains(root) || copies.contains(root) || self.indexed_per_iteration(operand) {
            return None;
        }
        // The range variable itself assigned in the body (`s = s.next`), not a field of it.
        let reassigned = analysis::changes::changes(self.body, root, src).iter().any(|c| {
            c.how != analysis::changes::How::MethodCall
                && c.node.kind_name() == "identifier"
                && text(c.node, src) == root
        });
        let spelled: String = text(operand, src).split_whitespace().collect();
        let acquired = acquires(self.body, acquire, &spelled, src);
        let independent = acquired
            && !reassigned
            && independent_locks::independent(
                self.lp,
                self.body,
                self.func,
                root,
                &declared_names(self.func, src),
                &in_body,
                src,
            );
        independent.then_some(root)
    }

    /// For a deferred `X.Unlock()` (or `RUnlock`) where the body calls `X.Lock()` (`RLock`) and
    /// `X` starts from a variable declared outside the loop that the loop never assigns: that
    /// variable, whose lock is the same one in every iteration.
    fn same_lock_root(&self, defer: Node<'t>) -> Option<&'t str> {
        let src = self.src();
        let (acquire, operand, root) = released_lock(defer, src)?;
        let spelled: String = text(operand, src).split_whitespace().collect();
        let (in_body, _) = self.body_locals();
        if in_body.contains(root) || self.header_names().contains(root) || self.range_vars().contains(root) {
            return None;
        }
        // A pointer field on the way (`s.cur.mu`) may be advanced by any call without the loop
        // assigning `s`: only value fields, by their declared types, make it the same lock.
        let fixed = analysis::fixed_storage::fixed_lock(
            operand,
            release_of(acquire),
            self.func,
            self.file.package,
            src,
        );
        let written = analysis::changes::changes(self.lp, root, src).iter().any(|c| match c.how {
            analysis::changes::How::Written => {
                fixed.is_none() || writes_lock_path(c.node, root, &spelled, src)
            }
            analysis::changes::How::InLiteral => true,
            _ => false,
        });
        // Indexing picks another lock as the index moves: only plain selectors are the same.
        let plain = !text(operand, src).contains('[');
        let acquired = acquires(self.body, acquire, &spelled, src);
        (acquired && !written && plain && fixed.is_some()).then_some(root)
    }

    /// For a deferred call of a function or method the file declares: a package-level
    /// variable its body decides on (`defer p.rollback()` whose body tests `committed`) and
    /// that code elsewhere in the file assigns, which may happen after the loop, before
    /// return; at the end of the iteration the call would decide on the earlier value.
    /// (A counter the call only updates, `open--`, is not a decision.)
    fn callee_reads_package_state(&self, defer: Node<'t>) -> Option<String> {
        let src = self.src();
        let call = defer.named_child(0).filter(|c| c.kind_name() == "call_expression")?;
        let function = call.field("function")?;
        let root = analysis::callees::root(defer);
        let declarations: Vec<Node> = match function.kind_name() {
            "identifier" => analysis::callees::function(root, text(function, src), src).into_iter().collect(),
            "selector_expression" => {
                let method = text(function.field("field")?, src);
                analysis::callees::methods(root, method, src)
            }
            _ => Vec::new(),
        };
        let shown: String = text(function, src).split_whitespace().collect();
        declarations.into_iter().find_map(|decl| {
            let body = decl.field("body")?;
            let mut read = None;
            syntax::walk(body, |n| {
                if read.is_none()
                    && n.kind_name() == "identifier"
                    && in_condition(n, body)
                    && let Some(b) = analysis::binding(n, text(n, src), src)
                    && b.kind_name() == "var_spec"
                    && syntax::enclosing_function(b).is_none()
                    && assigned_outside(root, decl, text(n, src), src)
                {
                    read = Some(text(n, src).to_string());
                }
                Descend::Yes
            });
            read.map(|name| {
                format!(
                    "the deferred {shown}() reads the package variable `{name}` (line {}), which code after the loop may change before return; at the end of the iteration it would read the earlier value",
                    decl.start_position().row + 1
                )
            })
        })
    }

    /// For a deferred `s.mu.Unlock()` where the body declared `s` from something other than a
    /// fresh value (`s := get(i)`, `s := shards[i]`): the lock may be shared beyond the
    /// iteration, another one each time, all held together until return (locking every
    /// element through an accessor).
    fn shared_body_lock(&self, defer: Node<'t>) -> Option<String> {
        let src = self.src();
        let (_, operand, root) = released_lock(defer, src)?;
        let (in_body, _) = self.body_locals();
        if !in_body.contains(root) {
            return None;
        }
        let root_node = analysis::changes::root_identifier(operand)?;
        let decl = analysis::binding(root_node, root, src)?;
        let fresh = decl.kind_name() == "short_var_declaration"
            && decl.field("right").is_some_and(|r| {
                let values = syntax::named_children_without_comments(r);
                values.len() == 1 && is_fresh_value(values[0], src)
            });
        let spelled: String = text(operand, src).split_whitespace().collect();
        (!fresh).then(|| {
            format!(
                "`{spelled}` is a lock the iteration takes from shared storage (line {}), which may be another one each time, all held together until return (locking every element); the fix releases each at the end of its iteration",
                decl.start_position().row + 1
            )
        })
    }

    /// Why releasing the same lock at the end of each iteration may still change what the
    /// program does. The original cannot run a second iteration (a `sync.Mutex` locked again
    /// deadlocks), but it may run one, or leave during the first, and then holds the lock
    /// until return: the fix is right only when nothing after the loop needs it (local work
    /// on every path to a return). A read lock taken again does not block, so readers held a
    /// snapshot across iterations; a lock type of the package's own may be a semaphore or
    /// count holds, and its Lock need not block at all.
    fn same_lock_hole(&self, defer: Node<'t>, root: &str) -> Option<String> {
        let src = self.src();
        let (acquire, operand, _) = released_lock(defer, src)?;
        let spelled: String = text(operand, src).split_whitespace().collect();
        if acquire == "RLock" {
            return Some(format!(
                "`{spelled}.RLock()` taken again does not block, so the original holds a read lock across every iteration (a consistent view against writers) until return; the fix lets writers in between iterations"
            ));
        }
        let kind = analysis::fixed_storage::fixed_lock(
            operand,
            release_of(acquire),
            self.func,
            self.file.package,
            src,
        );
        if kind != Some(analysis::fixed_storage::LockType::Mutex) {
            return Some(format!(
                "`{spelled}` is not a sync.Mutex, whose second Lock would deadlock: its own Lock may count holds or admit several holders, and the original holds every one until return"
            ));
        }
        // Only what the body declares is local: a parameter may point at the locked state too.
        let mut locals = self.func.field("body").map(|b| declared_names(b, src)).unwrap_or_default();
        locals.remove(root);
        if !independent_locks::after_is_local(self.lp, self.func, &locals, src) {
            return Some(format!(
                "a run of one iteration (or one that leaves during its first) holds `{spelled}` until return, and code after the loop runs under it; the fix releases it at the end of the iteration"
            ));
        }
        None
    }

    /// For a deferred `s.cur.mu.Unlock()` whose lock is taken in the body, spelled the same, from
    /// a variable the loop does not assign: the reason it may still be another lock in each
    /// iteration (a pointer field, or a field whose declaration is not seen, on the way).
    fn unproven_lock_reason(&self, defer: Node<'t>) -> Option<String> {
        let src = self.src();
        let (acquire, operand, root) = released_lock(defer, src)?;
        let spelled: String = text(operand, src).split_whitespace().collect();
        let (in_body, _) = self.body_locals();
        if in_body.contains(root)
            || self.range_vars().contains(root)
            || !acquires(self.body, acquire, &spelled, src)
        {
            return None;
        }
        (analysis::fixed_storage::fixed_lock(operand, release_of(acquire), self.func, self.file.package, src).is_none()).then(|| {
            format!(
                "`{spelled}` is not proven to be the same lock in every iteration: a pointer or an interface on the way from `{root}` (or a declaration the rule cannot see) may be moved to another lock by code the loop calls (hand over hand); only if it is the same lock each time is releasing it per iteration right"
            )
        })
    }

    /// The loop's range variables.
    fn range_vars(&self) -> HashSet<String> {
        let src = self.src();
        let mut cursor = self.lp.walk();
        let clause = self.lp.named_children(&mut cursor).find(|c| c.kind_name() == "range_clause");
        clause.map(|c| declared_by(c, src).into_iter().collect()).unwrap_or_default()
    }

    /// Why no fix of this shape can be right: a deferred call that reads a named result (at
    /// the end of an iteration it does not hold what the function returns yet), or a lock
    /// released by the deferred call that is not the same lock in every iteration (lock-all
    /// or hand-over-hand locking: the locks are meant to be held together until return).
    fn no_fix_reason(&self, moving: &[Node<'t>]) -> Option<String> {
        let src = self.src();
        let named_results: HashSet<String> =
            syntax::results(self.func, src).into_iter().filter_map(|r| r.name).filter(|n| n != "_").collect();
        let fname = syntax::function_display_name(self.func, src);
        for d in moving {
            let line = d.start_position().row + 1;
            let mut read = None;
            syntax::walk(*d, |n| {
                if read.is_none()
                    && n.kind_name() == "identifier"
                    && named_results.contains(text(n, src))
                    && !is_assigned(n)
                    && !analysis::literal_parameter(n, *d, src)
                {
                    read = Some(text(n, src).to_string());
                }
                Descend::Yes
            });
            if let Some(name) = read {
                return Some(format!(
                    "the deferred call on line {line} reads the named result `{name}`, which holds what {fname} returns only when it returns; at the end of an iteration it would read another value"
                ));
            }
            if let Some(reason) = self.lock_reason(*d) {
                return Some(reason);
            }
        }
        None
    }

    /// For a deferred `X.Unlock()`/`X.RUnlock()`: the reason when X may be another lock in each
    /// iteration, taken from a value that outlives it (a range variable, a variable the loop
    /// advances such as `p = p.parent`, an alias of an outer element).
    fn lock_reason(&self, defer: Node<'t>) -> Option<String> {
        let mut calls = Vec::new();
        syntax::walk(defer, |n| {
            if n.kind_name() == "call_expression" {
                calls.push(n);
            }
            Descend::Yes
        });
        calls.into_iter().find_map(|c| self.released_lock_reason(defer, c))
    }

    fn released_lock_reason(&self, defer: Node<'t>, call: Node<'t>) -> Option<String> {
        let src = self.src();
        let function = call.field("function").filter(|f| f.kind_name() == "selector_expression")?;
        let method = text(function.field("field")?, src);
        if !matches!(method, "Unlock" | "RUnlock") {
            return None;
        }
        let operand = function.field("operand")?;
        let root = text(analysis::changes::root_identifier(operand)?, src);
        let (in_body, copies) = self.body_locals();
        // Writing another field of a lock reached through value fields (`s.state.ticks++` beside
        // `s.state.mu`) leaves the lock where it is.
        let spelled: String = text(operand, src).split_whitespace().collect();
        let fixed = analysis::fixed_storage::fixed_lock(operand, method, self.func, self.file.package, src);
        let advanced = analysis::changes::changes(self.lp, root, src).iter().any(|c| {
            !syntax::contains(defer, c.node)
                && c.how == analysis::changes::How::Written
                && (fixed.is_none() || writes_lock_path(c.node, root, &spelled, src))
        });
        let range_vars = self.range_vars();
        let per_iteration = range_vars.contains(root)
            || copies.contains(root)
            || self.indexed_per_iteration(operand)
            || (self.header_names().contains(root) && advanced)
            || (!in_body.contains(root) && advanced);
        if self.independent_element_lock(defer).is_some() {
            return None;
        }
        let line = defer.start_position().row + 1;
        let lock: String = text(operand, src).split_whitespace().collect();
        per_iteration.then(|| {
            format!(
                "the deferred {lock}.{method}() on line {line} releases another lock in each iteration, and all of them are held together until the function returns (locking every element, or hand-over-hand); releasing each at the end of its iteration would change what other goroutines can see"
            )
        })
    }

    /// For `defer stop()` where the body set `stop := x.Register(...)`: the function value does
    /// whatever the call that returned it decided, typically undo a registration in an object
    /// that outlives the iteration (a watch, a subscription, a listener), which code after the
    /// loop may count on (grpc-go's tests dump their watches after such a loop). Only the
    /// context package's cancel functions are known to release just the iteration's context.
    fn opaque_cleanup(&self, defer: Node<'t>) -> Option<String> {
        let src = self.src();
        let call = defer.named_child(0).filter(|c| c.kind_name() == "call_expression")?;
        let callee = call.field("function").filter(|f| f.kind_name() == "identifier")?;
        let name = text(callee, src);
        let source = assigned_call(self.body, name, src)?;
        let function = source.field("function")?;
        let contexts = syntax::import_names(self.file.tree, src, analysis::known::CONTEXT_PACKAGES);
        let from_context = function.kind_name() == "selector_expression"
            && function.field("operand").is_some_and(|o| contexts.iter().any(|c| c == text(o, src)))
            && function.field("field").is_some_and(|f| text(f, src).starts_with("With"));
        if from_context {
            return None;
        }
        let shown: String = text(function, src).split_whitespace().collect();
        Some(format!(
            "the deferred {name}() runs what {shown}(...) returned, which may undo a change to something that outlives the iteration"
        ))
    }

    /// Variables a three-clause loop header declares with `:=` (counters). Range variables
    /// are not among them: they hold elements of a collection that outlives the loop, and a
    /// deferred call on one (`defer srv.Stop()`) may be meant for function exit.
    fn header_names(&self) -> HashSet<String> {
        let src = self.src();
        let mut names = HashSet::new();
        let mut cursor = self.lp.walk();
        for clause in self.lp.named_children(&mut cursor) {
            if clause.kind_name() == "for_clause"
                && let Some(init) = clause.field("initializer")
            {
                names.extend(declared_by(init, src));
            }
        }
        names
    }
}

/// Whether `ident` is read where it decides what the code does: an `if`, `switch` or `for`
/// header, an operand of `!`, `&&` or `||`.
fn in_condition(ident: Node, stop: Node) -> bool {
    let mut child = ident;
    for a in syntax::ancestors(ident) {
        if a.id() == stop.id() {
            return false;
        }
        match a.kind_name() {
            "if_statement" | "expression_switch_statement" | "for_clause" | "for_statement" => {
                let header = ["condition", "value", "initializer"]
                    .iter()
                    .any(|f| a.field(f).is_some_and(|h| h.id() == child.id()));
                return header;
            }
            "unary_expression" if a.child(0).is_some_and(|o| o.kind_name() == "!") => return true,
            "binary_expression"
                if a.field("operator").is_some_and(|o| matches!(o.kind_name(), "&&" | "||")) =>
            {
                return true;
            }
            "block" | "statement_list" | "func_literal" => return false,
            _ => {}
        }
        child = a;
    }
    false
}

/// Whether the package variable `name` is assigned anywhere in the file outside `callee`.
fn assigned_outside(root: Node, callee: Node, name: &str, src: &[u8]) -> bool {
    analysis::changes::changes(root, name, src)
        .iter()
        .any(|c| c.how != analysis::changes::How::MethodCall && !syntax::contains(callee, c.node))
}

/// `T{...}`, `&T{...}`, `new(T)`: a value no one else holds yet.
fn is_fresh_value(value: Node, src: &[u8]) -> bool {
    match value.kind_name() {
        "composite_literal" => true,
        "unary_expression" => value.field("operand").is_some_and(|o| o.kind_name() == "composite_literal"),
        "call_expression" => value.field("function").is_some_and(|f| {
            f.kind_name() == "identifier"
                && text(f, src) == "new"
                && analysis::binding(f, "new", src).is_none()
        }),
        _ => false,
    }
}

/// `Unlock` for `Lock`, `RUnlock` for `RLock`.
fn release_of(acquire: &str) -> &'static str {
    if acquire == "RLock" { "RUnlock" } else { "Unlock" }
}

/// Whether a write (an assignment, a declaration, `x++`) to a variable `root` may move or
/// overwrite the lock `lock` (`s.state.mu`): it assigns `root` itself, a field on the lock's
/// path (`s.state`), the lock or something inside it, or a target the rule cannot place
/// (an element, a dereference). Another field (`s.state.ticks`) is not the lock.
fn writes_lock_path(write: Node, root: &str, lock: &str, src: &[u8]) -> bool {
    let Some(targets) = analysis::changes::write_targets(write) else { return true };
    targets.into_iter().any(|t| {
        if analysis::changes::root_identifier(t).is_none_or(|r| text(r, src) != root) {
            return false;
        }
        let path: String = text(t, src).split_whitespace().collect();
        if path.contains(['[', '*', '(']) {
            return true;
        }
        let on_path = |short: &str, long: &str| {
            long == short || long.strip_prefix(short).is_some_and(|rest| rest.starts_with('.'))
        };
        on_path(&path, lock) || on_path(lock, &path)
    })
}

/// For a deferred `X.Unlock()` (`X.RUnlock()`): the method that takes the lock, `X`, and the
/// variable `X` starts from.
fn released_lock<'t>(defer: Node<'t>, src: &'t [u8]) -> Option<(&'static str, Node<'t>, &'t str)> {
    let call = defer.named_child(0).filter(|c| c.kind_name() == "call_expression")?;
    let function = call.field("function").filter(|f| f.kind_name() == "selector_expression")?;
    let acquire = match text(function.field("field")?, src) {
        "Unlock" => "Lock",
        "RUnlock" => "RLock",
        _ => return None,
    };
    let operand = function.field("operand")?;
    let root = text(analysis::changes::root_identifier(operand)?, src);
    Some((acquire, operand, root))
}

/// Whether `body` calls `X.acquire()` with `X` spelled `spelled` (whitespace aside), outside
/// its function literals.
fn acquires(body: Node, acquire: &str, spelled: &str, src: &[u8]) -> bool {
    let mut acquired = false;
    syntax::walk_same_function(body, |n| {
        if n.kind_name() == "call_expression"
            && let Some(f) = n.field("function").filter(|f| f.kind_name() == "selector_expression")
            && f.field("field").is_some_and(|x| text(x, src) == acquire)
            && f.field("operand")
                .is_some_and(|o| text(o, src).split_whitespace().collect::<String>() == spelled)
        {
            acquired = true;
        }
    });
    acquired
}

/// The call whose result the body assigns to `name` (`name := f()`, `a, name = f()`, `var
/// name = f()`), outside nested function literals.
fn assigned_call<'t>(body: Node<'t>, name: &str, src: &[u8]) -> Option<Node<'t>> {
    let mut found = None;
    syntax::walk_same_function(body, |n| {
        let (left, right) = match n.kind_name() {
            "short_var_declaration" | "assignment_statement" => (n.field("left"), n.field("right")),
            "var_spec" => (Some(n), n.field("value")),
            _ => return,
        };
        let (Some(left), Some(right)) = (left, right) else { return };
        let mut c = left.walk();
        let names: Vec<Node> = if n.kind_name() == "var_spec" {
            n.fields("name", &mut c).collect()
        } else {
            left.named_children(&mut c).filter(|t| t.kind_name() != "comment").collect()
        };
        let Some(at) = names.iter().position(|t| t.kind_name() == "identifier" && text(*t, src) == name)
        else {
            return;
        };
        let mut c = right.walk();
        let values: Vec<Node> = right.named_children(&mut c).filter(|v| v.kind_name() != "comment").collect();
        // `a, stop := f()`: one call gives every value.
        let value = if values.len() == names.len() { values.get(at) } else { values.first() };
        found = value.copied().filter(|v| v.kind_name() == "call_expression");
    });
    found
}

/// Whether a deferred call may stop a panic: `recover()` appears anywhere in the statement
/// (`defer h(recover())` is meant to recover, and defer-recover makes it do so), the deferred
/// function or method is declared in the file and calls `recover`, or it is named like a
/// panic handler (whose body we cannot see).
fn may_recover(defer: Node, src: &[u8]) -> bool {
    let calls_recover = |root: Node| {
        let mut found = false;
        syntax::walk(root, |n| {
            found |= n.kind_name() == "call_expression"
                && n.field("function").is_some_and(|f| text(f, src) == "recover");
            Descend::Yes
        });
        found
    };
    if calls_recover(defer) {
        return true;
    }
    let Some(call) = defer.named_child(0).filter(|c| c.kind_name() == "call_expression") else {
        return false;
    };
    let Some(callee) = call.field("function") else {
        return false;
    };
    let root = analysis::callees::root(defer);
    let declared: Vec<Node> = match callee.kind_name() {
        "identifier" => analysis::callees::function(root, text(callee, src), src).into_iter().collect(),
        "selector_expression" => callee
            .field("field")
            .map(|f| analysis::callees::methods(root, text(f, src), src))
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    if declared.iter().filter_map(|d| d.field("body")).any(calls_recover) {
        return true;
    }
    let name = text(callee, src).rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    ["recover", "panic", "rescue", "catch"].iter().any(|w| name.contains(w))
}

/// Whether `ret` sits directly in the consequence of `if X != nil` (X = `name`) with no
/// assignment to X before it there.
fn guarded_by_not_nil(ret: Node, name: &str, src: &[u8]) -> bool {
    let Some(list) = ret.parent().filter(|p| p.kind_name() == "statement_list") else {
        return false;
    };
    let Some(block) = list.parent().filter(|p| p.kind_name() == "block") else {
        return false;
    };
    let Some(stmt) = block.parent().filter(|p| p.kind_name() == "if_statement") else {
        return false;
    };
    if stmt.field("consequence").map(|c| c.id()) != Some(block.id()) {
        return false;
    }
    let Some(cond) = stmt.field("condition") else {
        return false;
    };
    let compact: String = text(cond, src).split_whitespace().collect();
    if compact != format!("{name}!=nil") {
        return false;
    }
    // Nothing between the test and the return may change it: not a write, nor a call given
    // its address (`maybeClear(&err)`), nor one through an address taken anywhere.
    let Some(func) = syntax::enclosing_function(ret).and_then(|f| f.field("body")) else {
        return false;
    };
    !analysis::changes::changes(func, name, src).iter().any(|c| {
        c.how == analysis::changes::How::AddressTaken
            || (syntax::contains(block, c.node) && c.node.start_byte() < ret.start_byte())
    })
}

/// Whether an identifier is the target of an assignment.
fn is_assigned(ident: Node) -> bool {
    let Some(list) = ident.parent().filter(|p| p.kind_name() == "expression_list") else {
        return false;
    };
    let Some(stmt) = list.parent() else {
        return false;
    };
    matches!(stmt.kind_name(), "assignment_statement")
        && stmt.field("left").map(|l| l.id()) == Some(list.id())
}

/// The values the deferred calls clean up, as names declared in the body: the receiver of a
/// deferred method (`resp.Body` in `defer resp.Body.Close()`), the arguments, what a deferred
/// literal uses, and what was declared with them (`ctx` with its `cancel`).
fn cleanup_seeds(body: Node, moving: &[Node], contexts: &[String], src: &[u8]) -> Vec<Seed> {
    let declared = declared_names(body, src);
    let mut seeds: Vec<Seed> = Vec::new();
    let mut add = |name: &str, path: String| {
        if declared.contains(name) && !seeds.iter().any(|s| s.name == name && s.path == path) {
            seeds.push(Seed { name: name.to_string(), path, binds_calls: false });
        }
    };
    for d in moving {
        let Some(call) = d.named_child(0) else { continue };
        if let Some(operand) = call
            .field("function")
            .filter(|f| f.kind_name() == "selector_expression")
            .and_then(|f| f.field("operand"))
        {
            let mut root = operand;
            while root.kind_name() == "selector_expression" {
                match root.field("operand") {
                    Some(o) => root = o,
                    None => break,
                }
            }
            if root.kind_name() == "identifier" {
                add(text(root, src), text(operand, src).split_whitespace().collect());
            }
        }
        syntax::walk(*d, |n| {
            if n.kind_name() == "identifier" {
                add(text(n, src), text(n, src).to_string());
            }
            Descend::Yes
        });
    }
    // Declared together, they live together; errors and ok-flags are plain data. The context a
    // `context.With*` call declares binds what calls make from it.
    let mut siblings = Vec::new();
    syntax::walk(body, |n| {
        if matches!(n.kind_name(), "short_var_declaration" | "var_spec") {
            let names = declared_by(n, src);
            if names.iter().any(|x| seeds.iter().any(|s| &s.name == x)) {
                let is_context = declares_context(n, contexts, src);
                siblings.extend(
                    names
                        .into_iter()
                        .enumerate()
                        .filter(|(_, x)| !matches!(x.as_str(), "err" | "ok" | "_"))
                        .map(|(i, x)| (x, is_context && i == 0)),
                );
            }
        }
        Descend::Yes
    });
    for (name, binds_calls) in siblings {
        match seeds.iter_mut().find(|s| s.name == name) {
            Some(seed) => seed.binds_calls |= binds_calls,
            None => seeds.push(Seed { path: name.clone(), name, binds_calls }),
        }
    }
    seeds
}

/// Whether a declaration's value is a `context.With*` call (its first name is the context).
fn declares_context(decl: Node, contexts: &[String], src: &[u8]) -> bool {
    let value = decl.field("right").or_else(|| decl.field("value"));
    let call = value.and_then(|v| syntax::named_children_without_comments(v).first().copied());
    let function = call.filter(|c| c.kind_name() == "call_expression").and_then(|c| c.field("function"));
    function.is_some_and(|f| {
        f.kind_name() == "selector_expression"
            && f.field("operand").is_some_and(|o| contexts.iter().any(|c| c == text(o, src)))
            && f.field("field").is_some_and(|x| text(x, src).starts_with("With"))
    })
}
