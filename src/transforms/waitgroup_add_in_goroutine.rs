//! `waitgroup-add-in-goroutine`: `wg.Add` as the first statement of the goroutine it counts.
//!
//! ## What it detects
//! `go func(...) { W.Add(N); ... }(...)`: a goroutine started from a function literal whose
//! first statement is `W.Add(N)`, where `W` is a `sync.WaitGroup` as the file's declarations
//! show it, or the literal also calls `W.Done()`. go vet's `waitgroup` analyzer (Go 1.25)
//! reports the same statement, with types.
//!
//! ## Why it matters
//! The `go` statement only schedules the goroutine: the function that started it may reach
//! `W.Wait()` before the goroutine has run its first statement, find the counter at zero, and
//! return while the work is still to be done (or `Add` races with a `Wait` already under way,
//! which the WaitGroup documentation forbids).
//!
//! ## Example
//! ```go
//! for _, item := range items {
//!     go func() {
//!         wg.Add(1)
//!         defer wg.Done()
//!         handle(item)
//!     }()
//! }
//! wg.Wait()
//! ```
//! becomes
//! ```go
//! for _, item := range items {
//!     wg.Add(1)
//!     go func() {
//!         defer wg.Done()
//!         handle(item)
//!     }()
//! }
//! wg.Wait()
//! ```
//! The `Add` line moves, with its trailing comment and the comment lines right above it, to
//! just before the `go` statement, in the same block: a loop keeps one `Add` per iteration.
//!
//! ## Fix safety
//! Nothing in the goroutine runs before the `Add`, so moving it changes when it runs and what
//! is evaluated before it: `W` and `N` are read at the `go` statement instead of when the
//! goroutine starts, and the `go` statement's arguments after the `Add` instead of before.
//! - Safe: `W` and `N` denote the same values at both points: each variable they read is a
//!   constant, or a variable of the function that nothing changes after the `go` statement
//!   (no assignment, `&`, method call or function literal writing it; in a loop, not a
//!   variable the loop shares between iterations), and they hold no call or receive; `W` is a
//!   `sync.WaitGroup` by the file's declarations; and the `go` statement's arguments are
//!   names, literals, function literals or `&name`, whose evaluation cannot panic after the
//!   counter was raised nor change `W` or `N`.
//! - Unsafe: `W`'s type is not declared in the file (only the call of `W.Done()` suggests a
//!   WaitGroup); a variable of `W` or `N` may change after the `go` statement (the goroutine,
//!   racing with that write, could read either value; the fix reads the earlier one); a
//!   package-level variable, a call (`len(ch)` too) or a receive in `N` or `W`; another
//!   argument of the `go` statement.
//! - No fix: `W` or `N` reads a parameter of the function literal (it is the argument of the
//!   `go` statement; moving the `Add` needs that argument written out); the `go` statement is
//!   labelled, shares its line with other code, or the `Add` does not start its own line
//!   (or end it) and is not followed on its line by the next statement.

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::analysis::changes::{self, How, root_identifier};
use crate::analysis::evaluation::has_goto;
use crate::analysis::sync_types::{SyncType, sync_type};
use crate::analysis::{binding, literal_parameter};
use crate::fix::{Applicability, Edit, Finding, Fix, Planned, describe};
use crate::langver::GoVersion;
use crate::prefilter::Triggers;
use crate::syntax::{self, Descend, Fields, KindName, text};

pub struct WaitgroupAddInGoroutine;

pub const NAME: &str = "waitgroup-add-in-goroutine";

/// The WaitGroup's methods: calling one changes the counter, not which WaitGroup `W` is.
const WAITGROUP_METHODS: &[&str] = &["Add", "Done", "Wait", "Go"];

impl Transform for WaitgroupAddInGoroutine {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "wg.Add as a goroutine's first statement: Wait may return before the goroutine is counted"
    }

    fn triggers(&self) -> Triggers {
        &[&["go"], &["Add"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        let sync = syntax::import_name(file.tree, src, "sync");
        for &go in &file.nodes.go_statements {
            let Some(m) = Match::find(go, sync.as_deref(), src) else { continue };
            let first = m.adds[0];
            let w = spelled(first.wg, src);
            let add = spelled(first.call, src);
            let base = format!(
                "{add} runs inside the goroutine it counts, so {w}.Wait() may return before the goroutine has started; call {add} before the go statement"
            );
            let (planned, moved) = m.plan(file, go);
            let how =
                if moved > 1 { "moves it there, with the Adds right after it" } else { "moves it there" };
            let (message, fix) = describe(base, Some(how), planned);
            findings.push(Finding {
                rule: NAME,
                start: first.stmt.start_byte(),
                end: first.stmt.end_byte(),
                message,
                fix,
            });
        }
    }
}

/// One `W.Add(N)` statement.
#[derive(Clone, Copy)]
struct Add<'t> {
    stmt: Node<'t>,
    call: Node<'t>,
    wg: Node<'t>,
    count: Node<'t>,
    /// The file declares `W` a sync.WaitGroup (otherwise only its `Done` call says so).
    typed: bool,
}

struct Match<'t> {
    /// The function literal the goroutine runs.
    literal: Node<'t>,
    /// The `go` statement's call, whose arguments are evaluated at the `go` statement.
    go_call: Node<'t>,
    /// The literal's first statements, as long as they are WaitGroup Adds (at least one): the
    /// fix moves them together, so that the next one does not become the first statement,
    /// found again by a second run.
    adds: Vec<Add<'t>>,
}

impl<'t> Match<'t> {
    fn find(go: Node<'t>, sync: Option<&str>, src: &[u8]) -> Option<Self> {
        let go_call = go.named_child(0).filter(|c| c.kind_name() == "call_expression")?;
        let literal = go_call.field("function").filter(|f| f.kind_name() == "func_literal")?;
        let body = literal.field("body")?;
        let adds: Vec<Add> = syntax::statements(body)
            .into_iter()
            .map_while(|stmt| {
                let add = parse_add(stmt, sync, src)?;
                (add.typed || calls_done(literal, add.wg, src)).then_some(add)
            })
            .collect();
        (!adds.is_empty()).then_some(Match { literal, go_call, adds })
    }

    /// The fix, and how many of the Adds it moves.
    fn plan(&self, file: &GoFile, go: Node<'t>) -> (Planned, usize) {
        let mut moved = 0;
        let planned = self.plan_moving(file, go, &mut moved);
        (planned, moved)
    }

    fn plan_moving(&self, file: &GoFile, go: Node<'t>, moved: &mut usize) -> Planned {
        let src = file.src;
        let func = syntax::enclosing_function(go).ok_or("the go statement is outside a function")?;
        let scope = func.field("body").ok_or("the function has no body")?;
        let mut unsafe_reason = None;
        for add in &self.adds {
            match self.verdict(file, add, go, scope) {
                Err(reason) if *moved == 0 => return Err(reason),
                // A later Add that cannot move stays first in the literal, reported again.
                Err(_) => break,
                Ok(reason) => {
                    if let Some(reason) = reason {
                        unsafe_reason.get_or_insert(reason);
                    }
                    *moved += 1;
                }
            }
        }
        let edits = self.edits(go, &self.adds[..*moved], src)?;
        if let Some(arg) = self.go_arguments().into_iter().find(|a| !harmless_argument(*a)) {
            unsafe_reason.get_or_insert(format!(
                "the go statement's argument `{}` is now evaluated after the Add: if it panics, the counter was raised for a goroutine that never starts",
                spelled(arg, src)
            ));
        }
        if let Some(add) = self.adds[..*moved].iter().find(|a| !a.typed) {
            let w = spelled(add.wg, src);
            unsafe_reason.get_or_insert(format!(
                "the type of {w} is not declared in this file; the fix assumes a sync.WaitGroup (the goroutine calls {w}.Done())"
            ));
        }
        Ok((Fix::new(Applicability::Safe, edits), unsafe_reason))
    }

    /// Err when the Add cannot move (no fix), Ok(Some) when moving it is unsafe.
    fn verdict(
        &self,
        file: &GoFile,
        add: &Add<'t>,
        go: Node<'t>,
        scope: Node<'t>,
    ) -> Result<Option<String>, String> {
        let mut unsafe_reason = None;
        for (part, what) in [(add.wg, "the WaitGroup"), (add.count, "the count")] {
            if let Some(reason) = self.unstable(file, part, what, go, scope)? {
                unsafe_reason.get_or_insert(reason);
            }
        }
        Ok(unsafe_reason)
    }

    fn go_arguments(&self) -> Vec<Node<'t>> {
        self.go_call.field("arguments").map(syntax::named_children_without_comments).unwrap_or_default()
    }

    /// Why `part` (`W` or `N`) may not have the same value at the `go` statement as when the
    /// goroutine starts: Err when it reads the literal's parameter (no fix), Ok(Some) when it
    /// may differ (unsafe).
    fn unstable(
        &self,
        file: &GoFile,
        part: Node<'t>,
        what: &str,
        go: Node<'t>,
        scope: Node<'t>,
    ) -> Result<Option<String>, String> {
        let src = file.src;
        let mut names = Vec::new();
        let mut call = None;
        syntax::walk(part, |n| {
            match n.kind_name() {
                "identifier" => names.push(n),
                // Builtins too: `len(ch)` changes with every send, no variable written.
                "call_expression" | "unary_expression"
                    if call.is_none()
                        && (n.kind_name() == "call_expression"
                            || n.field("operator").is_some_and(|o| o.kind_name() == "<-")) =>
                {
                    call = Some(n)
                }
                "func_literal" => return Descend::No,
                _ => {}
            }
            Descend::Yes
        });
        if let Some(p) = names.iter().find(|n| literal_parameter(**n, scope, src)) {
            return Err(format!(
                "{what} reads `{}`, a parameter of the goroutine's function literal: move the Add before the go statement by hand, with the argument it is given",
                text(*p, src)
            ));
        }
        if let Some(c) = call {
            return Ok(Some(format!(
                "`{}` in {what} would be evaluated at the go statement instead of when the goroutine starts, and may differ then (a call, or a receive)",
                spelled(c, src)
            )));
        }
        for ident in names {
            let name = text(ident, src);
            if syntax::is_predeclared(name) && binding(ident, name, src).is_none() {
                continue;
            }
            let Some(decl) = binding(ident, name, src) else {
                return Ok(Some(format!(
                    "`{name}` in {what} is not declared in this file (a package-level variable may change before the goroutine starts)"
                )));
            };
            if decl.kind_name() == "const_spec" {
                continue;
            }
            if is_package_level(decl) {
                return Ok(Some(format!(
                    "`{name}` in {what} is a package-level variable, which may change before the goroutine starts"
                )));
            }
            if let Some(reason) = self.changed_after(file, part, ident, decl, go, scope) {
                return Ok(Some(format!(
                    "{what} reads `{name}`, which {reason}: the goroutine may read a later value than the one the fix reads at the go statement"
                )));
            }
        }
        Ok(None)
    }

    /// A change to the variable `ident` (of `part`) that can take effect after the `go`
    /// statement and reach what `part` denotes.
    fn changed_after(
        &self,
        file: &GoFile,
        part: Node<'t>,
        ident: Node<'t>,
        decl: Node<'t>,
        go: Node<'t>,
        scope: Node<'t>,
    ) -> Option<String> {
        let src = file.src;
        let name = text(ident, src);
        let path = compact(part, src);
        let jumps = has_goto(scope);
        // A loop header that declares the variable gives each iteration its own from Go 1.22:
        // its writes are to the next iteration's variable.
        let per_iteration_header = (!file.version_assumed
            && file.version >= GoVersion::PER_ITERATION_LOOP_VARS)
            .then(|| loop_header_declaring(decl))
            .flatten();
        changes::changes(scope, name, src)
            .into_iter()
            // A `goto` may run the go statement again after any change.
            .filter(|c| jumps || changes::takes_effect_after(c, scope, go))
            // The goroutine's own writes come after its Add.
            .filter(|c| !syntax::contains(self.literal, c.node))
            .filter(|c| per_iteration_header.is_none_or(|h| !syntax::contains(h, c.node)))
            .find(|c| reaches(c, &path, root_identifier(part) == Some(ident), src))
            .map(|c| {
                let header = matches!(c.node.kind_name(), "range_clause" | "for_clause")
                    || c.node.parent().is_some_and(|p| p.kind_name() == "for_clause");
                if header && c.node.start_byte() < go.start_byte() {
                    format!(
                        "is the loop's variable, one variable for every iteration before Go 1.22 (line {})",
                        c.line()
                    )
                } else {
                    format!("may change after the go statement ({})", c.describe())
                }
            })
    }

    /// The edits: the `Add` lines (or the `Add;`s of a one-line literal) out of the literal,
    /// and the same text on lines of their own before the `go` statement.
    fn edits(&self, go: Node<'t>, adds: &[Add<'t>], src: &[u8]) -> Result<Vec<Edit>, String> {
        if go.parent().is_none_or(|p| p.kind_name() != "statement_list") {
            return Err(
                "the go statement is not directly in a block (it is labelled, or a clause's statement)"
                    .into(),
            );
        }
        let go_line = syntax::line_start(src, go.start_byte());
        if src[go_line..go.start_byte()].iter().any(|b| !matches!(b, b' ' | b'\t')) {
            return Err("the go statement shares its line with other code (run gofmt first)".into());
        }
        let indent = syntax::line_indent(src, go.start_byte()).to_vec();
        let starts_line = |n: Node| {
            src[syntax::line_start(src, n.start_byte())..n.start_byte()]
                .iter()
                .all(|b| matches!(b, b' ' | b'\t'))
        };
        let (first, last) = (adds[0].stmt, adds[adds.len() - 1].stmt);
        if !starts_line(first) {
            // `go func() { wg.Add(1); defer wg.Done(); ... }()`: the next statement on the line
            // takes the Adds' place.
            let next =
                last.next_sibling().filter(|n| n.kind_name() == ";").and_then(|semi| semi.next_sibling());
            let Some(next) = next.filter(|n| {
                n.start_position().row == last.start_position().row && n.kind_name() != "comment"
            }) else {
                return Err(
                    "the Add shares its line with the function literal's braces (run gofmt first)".into()
                );
            };
            let mut moved = Vec::new();
            for add in adds {
                moved.extend_from_slice(&indent);
                moved.extend_from_slice(&src[add.stmt.byte_range()]);
                moved.push(b'\n');
            }
            return Ok(vec![
                Edit::delete(first.start_byte(), next.start_byte()),
                Edit::insert(go_line, moved),
            ]);
        }
        if !adds.iter().all(|a| starts_line(a.stmt)) {
            return Err("an Add shares its line with another (run gofmt first)".into());
        }
        // The lines to move: comment lines right above the first Add (comments before a
        // block's first statement are the block's children, not the statement list's), the
        // Adds and what is between them, a trailing comment.
        let mut top = first;
        while let Some(c) = top
            .prev_sibling()
            .or_else(|| {
                top.parent().filter(|p| p.kind_name() == "statement_list").and_then(|p| p.prev_sibling())
            })
            .filter(|c| c.kind_name() == "comment" && c.end_position().row + 1 == top.start_position().row)
        {
            top = c;
        }
        let mut bottom = last;
        if let Some(c) = last
            .next_sibling()
            .filter(|c| c.kind_name() == "comment" && c.start_position().row == last.end_position().row)
        {
            bottom = c;
        }
        let start = syntax::line_start(src, top.start_byte());
        if !starts_line(top) {
            return Err("a comment above the Add shares its line with other code (run gofmt first)".into());
        }
        let end = line_end(src, bottom.end_byte())
            .filter(|&e| src[bottom.end_byte()..e - 1].iter().all(|b| matches!(b, b' ' | b'\t')))
            .ok_or("the Add shares its line with other code (run gofmt first)")?;
        let mut moved = Vec::new();
        for line in src[start..end].split_inclusive(|&b| b == b'\n') {
            let code = line.iter().position(|b| !matches!(b, b' ' | b'\t')).unwrap_or(line.len());
            if code < line.len() && line[code] != b'\n' {
                moved.extend_from_slice(&indent);
            }
            moved.extend_from_slice(&line[code..]);
        }
        // A blank line after the Adds would open the literal's body: it goes too.
        let delete_end = if src.get(end) == Some(&b'\n') { end + 1 } else { end };
        Ok(vec![Edit::delete(start, delete_end), Edit::insert(go_line, moved)])
    }
}

/// `W.Add(N)` as a statement, with what the file's declarations say of `W`.
fn parse_add<'t>(stmt: Node<'t>, sync: Option<&str>, src: &[u8]) -> Option<Add<'t>> {
    if stmt.kind_name() != "expression_statement" {
        return None;
    }
    let call = stmt.named_child(0).filter(|c| c.kind_name() == "call_expression")?;
    let f = call.field("function").filter(|f| f.kind_name() == "selector_expression")?;
    if f.field("field").map(|m| text(m, src)) != Some("Add") {
        return None;
    }
    let args = syntax::named_children_without_comments(call.field("arguments")?);
    let [count] = args.as_slice() else { return None };
    let wg = f.field("operand")?;
    let typed = sync_type(wg, sync, src) == Some(SyncType::WaitGroup);
    Some(Add { stmt, call, wg, count: *count, typed })
}

/// Whether the literal calls `W.Done()` (spelled alike), as a WaitGroup's user does.
fn calls_done(literal: Node, wg: Node, src: &[u8]) -> bool {
    let done = format!("{}.Done", compact(wg, src));
    let mut found = false;
    syntax::walk(literal, |n| {
        found |= n.kind_name() == "call_expression"
            && n.field("function").is_some_and(|f| compact(f, src) == done);
        if found { Descend::No } else { Descend::Yes }
    });
    found
}

/// Whether a change to a variable of `path` (`wg`, `s.wg`, `wgs[i]`) changes which WaitGroup
/// or count `path` denotes: a write or address of the variable itself or of a prefix of the
/// path (`s`, `s.wg`), not of a sibling field (`s.n`); a method call on the variable, unless it
/// is the WaitGroup's own method (`wg.Wait()`).
fn reaches(c: &changes::Change, path: &str, is_root: bool, src: &[u8]) -> bool {
    let prefix = |t: Node| {
        let t = compact(t, src);
        let t = t.trim_start_matches('&');
        t == path || path.starts_with(&format!("{t}.")) || path.starts_with(&format!("{t}["))
    };
    if !is_root {
        // An index variable (`i` of `wgs[i]`): any change of it counts.
        return true;
    }
    let method_call = |sel: Node| {
        let wg_method = sel.field("operand").is_some_and(|o| compact(o, src) == path)
            && sel.field("field").is_some_and(|f| WAITGROUP_METHODS.contains(&text(f, src)));
        !wg_method
    };
    match c.how {
        How::MethodCall => method_call(c.node),
        How::InLiteral if c.node.kind_name() == "selector_expression" => method_call(c.node),
        How::Written | How::InLiteral => {
            let targets: Vec<Node> = match c.node.kind_name() {
                "inc_statement" | "dec_statement" => c.node.named_child(0).into_iter().collect(),
                _ => c
                    .node
                    .field("left")
                    .map(|l| {
                        if l.kind_name() == "expression_list" {
                            syntax::named_children_without_comments(l)
                        } else {
                            vec![l]
                        }
                    })
                    .unwrap_or_else(|| vec![c.node]),
            };
            targets.into_iter().any(prefix)
        }
        How::AddressTaken => match c.node.kind_name() {
            "unary_expression" => c.node.field("operand").is_some_and(prefix),
            "slice_expression" => c.node.field("operand").is_some_and(prefix),
            _ => true,
        },
    }
}

/// The `for` loop header (range or for clause) whose `:=` declares `decl`, if it does.
fn loop_header_declaring(decl: Node) -> Option<Node> {
    match decl.kind_name() {
        "range_clause" => Some(decl),
        "short_var_declaration" => decl.parent().filter(|p| p.kind_name() == "for_clause"),
        _ => None,
    }
}

/// Whether a declaration is at the file's top level.
fn is_package_level(decl: Node) -> bool {
    syntax::enclosing_function(decl).is_none()
}

/// An argument of the `go` statement that cannot panic, call anything or change a variable:
/// a name, a literal, a function literal, `&name`.
fn harmless_argument(arg: Node) -> bool {
    match arg.kind_name() {
        "identifier"
        | "int_literal"
        | "float_literal"
        | "interpreted_string_literal"
        | "raw_string_literal"
        | "rune_literal"
        | "imaginary_literal"
        | "true"
        | "false"
        | "nil"
        | "func_literal" => true,
        "unary_expression" => {
            arg.field("operator").is_some_and(|o| o.kind_name() == "&")
                && arg.field("operand").is_some_and(|o| o.kind_name() == "identifier")
        }
        "parenthesized_expression" => arg.named_child(0).is_some_and(harmless_argument),
        _ => false,
    }
}

/// An expression's text on one line, for messages.
fn spelled(n: Node, src: &[u8]) -> String {
    text(n, src).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An expression's text without spaces, for comparing spellings.
fn compact(n: Node, src: &[u8]) -> String {
    text(n, src).split_whitespace().collect()
}

/// The position after the newline that ends the line holding `pos`.
fn line_end(src: &[u8], pos: usize) -> Option<usize> {
    memchr::memchr(b'\n', &src[pos..]).map(|i| pos + i + 1)
}
