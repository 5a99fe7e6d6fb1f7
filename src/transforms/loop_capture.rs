//! `loop-capture`: a loop variable captured by a deferred or concurrent function literal.
//!
//! ## What it detects
//! A function literal that runs after the iteration that created it has moved on, and refers
//! to a variable of an enclosing loop of the same function:
//! - `go func() { ... }()` and `defer func() { ... }()`, or a literal among the arguments of a
//!   `go`/`defer` call (`defer cleanup(func() { ... })`);
//! - the literal given to `X.Go(func() ...)` / `X.TryGo(...)` (errgroup, conc pools);
//! - the literal given to `X.Run(name, func(t *testing.T) { t.Parallel(); ... })`: a parallel
//!   subtest runs after the loop has finished (only uses after the `Parallel` call count).
//!
//! A loop variable is a variable the loop header declares with `:=` (three-clause and range
//! loops), reported when the file's language version is below go1.22, or one it assigns with
//! `=` (`for i = 0; ...`, `for k, v = range m`), reported at every version: those are declared
//! before the loop and shared by every iteration in any Go.
//!
//! A use counts when the identifier inside the literal denotes the loop variable: not
//! shadowed inside the literal or between the loop and the literal (a parameter of the same
//! name, `v := v` before the statement, an inner loop or `if` declaring it), not a field name
//! (`x.v`, or the key of a struct literal `T{v: 1}`).
//!
//! ## Why it matters
//! Before Go 1.22 a loop has one variable for all iterations: a goroutine may see a later
//! iteration's value, and deferred calls all see the final one (`3 3 3` instead of `2 1 0`).
//! go vet's loopclosure reports only a `go`/`defer` that is the last statement of the body, and
//! nothing once the file is go1.22; the `=` forms are reported by no tool.
//!
//! ## Example
//! ```go
//! for i, s := range steps {
//!     go func() { run(i, s) }()
//! }
//! ```
//! becomes, `steps` being declared `[]step` in the same file,
//! ```go
//! for i, s := range steps {
//!     go func(i int, s step) { run(i, s) }(i, s)
//! }
//! ```
//! and where a type is not known from the source (or the literal is not the called function),
//! the copy `s := s` is inserted on its own line just before the statement.
//!
//! ## Fix safety
//! Both fixes give the literal the value of the current iteration, as Go 1.22's per-iteration
//! variables do. No fix (reported with the reason) where neither is exact: the literal assigns
//! the variable (or takes its address); the loop body assigns it after the literal is created
//! (later in the body, in an inner loop around the literal, or in another literal); the copy
//! cannot be placed (the statement shares its line, a later statement of the block declares
//! the name again, or a `goto` jumps past the copy). Unsafe: the argument fix where several
//! literals of one iteration capture the variable and one calls a method on it (each would get
//! its own copy, where Go 1.22 shares one per iteration).

use std::collections::HashSet;

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::analysis::{self, binding, declares};
use crate::fix::{Applicability, Edit, Finding, Fix, describe};
use crate::langver::GoVersion;
use crate::prefilter::Triggers;
use crate::syntax::{self, Descend, Fields, KindName, text};

pub struct LoopCapture;

pub const NAME: &str = "loop-capture";

impl Transform for LoopCapture {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "a deferred or concurrent function literal captures a loop variable shared by every iteration"
    }

    fn triggers(&self) -> Triggers {
        &[&["for"], &["go", "defer", "Go", "TryGo", "Run"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        Checker { file, groups: Vec::new() }.run(findings);
    }
}

/// How the literal outlives its iteration.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `go func() {...}()` (callee) or a literal argument of the go statement's call.
    Go {
        callee: bool,
    },
    Defer {
        callee: bool,
    },
    /// `g.Go(func() error {...})`
    GroupGo,
    /// `t.Run(name, func(t *testing.T) { t.Parallel(); ... })`
    Parallel,
}

struct Candidate<'t> {
    lit: Node<'t>,
    kind: Kind,
    /// The call whose callee or argument the literal is (for `Go`/`Run`: the method call).
    call: Node<'t>,
    /// Uses before this byte do not count (a parallel subtest runs synchronously until
    /// `t.Parallel()`).
    after: usize,
}

/// A variable of a loop header.
#[derive(Clone)]
struct LoopVar<'t> {
    name: String,
    /// The declaring node every use must resolve to (None: declared outside the file).
    decl: Option<usize>,
    /// Declared by the header with `:=` (per-iteration from go1.22); else assigned with `=`.
    define: bool,
    /// The identifier in the header.
    header: Node<'t>,
    lp: Node<'t>,
    /// Position among the header's left-hand names (range key 0, value 1).
    index: usize,
}

impl LoopVar<'_> {
    fn key(&self) -> (String, Option<usize>) {
        (self.name.clone(), self.decl)
    }
}

/// One captured loop variable of a literal.
struct Capture<'t> {
    var: LoopVar<'t>,
    first_use: Node<'t>,
    written: Option<Node<'t>>,
    method_called: bool,
}

/// A planned `v := v` copy, shared by the literals it covers.
struct CopyGroup<'t> {
    key: (String, Option<usize>),
    list: Node<'t>,
    stmt: Node<'t>,
    edit: Edit,
}

/// A type to write in a parameter list: a predeclared name, or a type spelled in the source.
#[derive(Clone, Copy)]
enum TypeRef<'t> {
    Builtin(&'static str),
    Spelled(Node<'t>),
}

const BUILTIN_TYPES: &[&str] = &[
    "bool",
    "byte",
    "complex64",
    "complex128",
    "error",
    "float32",
    "float64",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "rune",
    "string",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "any",
];

const INT_TYPES: &[&str] = &[
    "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
    "byte", "rune",
];

struct Checker<'a, 't> {
    file: &'a GoFile<'t>,
    groups: Vec<CopyGroup<'t>>,
}

impl<'t> Checker<'_, 't> {
    fn src(&self) -> &'t [u8] {
        self.file.src
    }

    fn run(&mut self, findings: &mut Vec<Finding>) {
        let candidates = self.candidates();
        let old_semantics = self.file.version < GoVersion::PER_ITERATION_LOOP_VARS;
        // Every literal's captures first: whether a variable is captured by several literals
        // of one iteration matters to each of them.
        let mut all: Vec<(Candidate<'t>, Vec<Capture<'t>>)> = Vec::new();
        for c in candidates {
            let captures = self.captures(&c, old_semantics);
            if !captures.is_empty() {
                all.push((c, captures));
            }
        }
        for i in 0..all.len() {
            let (c, captures) = &all[i];
            let shared_with_method: Vec<String> = captures
                .iter()
                .filter(|cap| {
                    let users: Vec<&Vec<Capture>> = all
                        .iter()
                        .filter(|(_, caps)| caps.iter().any(|o| o.var.key() == cap.var.key()))
                        .map(|(_, caps)| caps)
                        .collect();
                    users.len() > 1
                        && users
                            .iter()
                            .any(|caps| caps.iter().any(|o| o.var.key() == cap.var.key() && o.method_called))
                })
                .map(|cap| cap.var.name.clone())
                .collect();
            let message = self.message(c, captures);
            let plan = self.plan(c, captures, &shared_with_method);
            // A shared `:=` variable is a bug only before Go 1.22: when no go.mod said which
            // version this is, the copy may be one the module's own linters remove.
            let assumed = self.file.version_assumed && captures.iter().any(|cap| cap.var.define);
            let plan = plan.map(|(fix, how, reason)| {
                let reason = reason.or_else(|| {
                    assumed.then(|| {
                        format!(
                            "{} is assumed: no go.mod, vendor.mod, build line or --go-version gives this file's version, and from go1.22 on each iteration has its own variable",
                            self.file.version
                        )
                    })
                });
                (fix, how, reason)
            });
            let (message, fix) = match plan {
                Ok((fix, how, reason)) => describe(message, Some(&how), Ok((fix, reason))),
                Err(reason) => describe(message, None, Err(reason)),
            };
            let first = captures.iter().map(|c| c.first_use).min_by_key(|n| n.start_byte()).unwrap_or(c.lit);
            findings.push(Finding {
                rule: NAME,
                start: first.start_byte(),
                end: first.end_byte(),
                message,
                fix,
            });
        }
    }

    /// Function literals that run after their iteration has moved on, in source order.
    fn candidates(&self) -> Vec<Candidate<'t>> {
        let src = self.src();
        let mut out = Vec::new();
        let nodes = &self.file.nodes;
        let calls = self.file.calls_named(&["Go", "TryGo", "Run"]);
        for &n in nodes.go_statements.iter().chain(&nodes.defers).chain(&calls) {
            match n.kind_name() {
                "go_statement" | "defer_statement" => {
                    let is_go = n.kind_name() == "go_statement";
                    let Some(call) = n.named_child(0).filter(|c| c.kind_name() == "call_expression") else {
                        continue;
                    };
                    let kind = |callee| if is_go { Kind::Go { callee } } else { Kind::Defer { callee } };
                    if let Some(f) = call.field("function").filter(|f| f.kind_name() == "func_literal") {
                        out.push(Candidate { lit: f, kind: kind(true), call, after: 0 });
                    }
                    for arg in arguments(call) {
                        if arg.kind_name() == "func_literal" {
                            out.push(Candidate { lit: arg, kind: kind(false), call, after: 0 });
                        }
                    }
                }
                "call_expression" => {
                    let Some(method) = n
                        .field("function")
                        .filter(|f| f.kind_name() == "selector_expression")
                        .and_then(|f| f.field("field"))
                    else {
                        continue;
                    };
                    let args = arguments(n);
                    match (text(method, src), args.as_slice()) {
                        ("Go" | "TryGo", [lit]) if lit.kind_name() == "func_literal" => {
                            out.push(Candidate { lit: *lit, kind: Kind::GroupGo, call: n, after: 0 });
                        }
                        ("Run", [_, lit]) if lit.kind_name() == "func_literal" => {
                            if let Some(after) = parallel_call_end(*lit, src) {
                                out.push(Candidate { lit: *lit, kind: Kind::Parallel, call: n, after });
                            }
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        out.sort_by_key(|c| c.lit.start_byte());
        out.dedup_by_key(|c| c.lit.id());
        out
    }

    /// The loop variables the literal uses, in header order.
    fn captures(&self, c: &Candidate<'t>, old_semantics: bool) -> Vec<Capture<'t>> {
        let src = self.src();
        let mut vars: Vec<LoopVar<'t>> = Vec::new();
        for lp in syntax::ancestors_in_function(c.lit).filter(|a| a.kind_name() == "for_statement") {
            let in_body = lp.field("body").is_some_and(|b| syntax::contains(b, c.lit));
            if in_body {
                vars.extend(loop_vars(lp, src).into_iter().filter(|v| !v.define || old_semantics));
            }
        }
        if vars.is_empty() {
            return Vec::new();
        }
        let names: HashSet<&str> = vars.iter().map(|v| v.name.as_str()).collect();
        let mut captures: Vec<Capture<'t>> = Vec::new();
        syntax::walk(c.lit, |n| {
            if n.kind_name() != "identifier" || n.start_byte() < c.after {
                return Descend::Yes;
            }
            let name = text(n, src);
            if !names.contains(name) || !is_use(n) {
                return Descend::Yes;
            }
            let bound = binding(n, name, src).map(|d| d.id());
            let Some(var) = vars.iter().find(|v| v.name == name && v.decl == bound) else {
                return Descend::Yes;
            };
            let written = is_write(n).then_some(n);
            let method = is_method_receiver(n);
            match captures.iter_mut().find(|cap| cap.var.key() == var.key()) {
                Some(cap) => {
                    cap.written = cap.written.or(written);
                    cap.method_called |= method;
                }
                None => {
                    captures.push(Capture { var: var.clone(), first_use: n, written, method_called: method })
                }
            }
            Descend::Yes
        });
        captures.sort_by_key(|cap| cap.var.header.start_byte());
        captures
    }

    fn message(&self, c: &Candidate<'t>, captures: &[Capture<'t>]) -> String {
        let src = self.src();
        let version = self.file.version;
        let who = match c.kind {
            Kind::Go { callee: true } => "the goroutine".to_string(),
            Kind::Go { callee: false } => "the function literal passed in the go statement".to_string(),
            Kind::Defer { callee: true } => "the deferred function".to_string(),
            Kind::Defer { callee: false } => "the function literal passed to the deferred call".to_string(),
            Kind::GroupGo => {
                let callee = c.call.field("function").map(|f| text(f, src)).unwrap_or("Go");
                format!("the function passed to {callee}")
            }
            Kind::Parallel => "the parallel subtest".to_string(),
        };
        let describe = |v: &LoopVar| {
            if v.define {
                if self.file.version_assumed {
                    format!(
                        "shared by every iteration before Go 1.22 (this file is assumed to be {version}: no go.mod gives its version)"
                    )
                } else {
                    format!("shared by every iteration before Go 1.22 (this file is {version})")
                }
            } else {
                "assigned by the loop with `=`: one variable shared by every iteration in any Go version"
                    .to_string()
            }
        };
        let names: Vec<String> = captures.iter().map(|cap| cap.var.name.clone()).collect();
        let all_define = captures.iter().all(|cap| cap.var.define);
        let all_assign = captures.iter().all(|cap| !cap.var.define);
        let what = if captures.len() == 1 {
            format!("captures loop variable {}, {}", names[0], describe(&captures[0].var))
        } else if all_define || all_assign {
            format!("captures loop variables {}, {}", join_names(&names), describe(&captures[0].var))
        } else {
            let parts: Vec<String> =
                captures.iter().map(|cap| format!("{} ({})", cap.var.name, describe(&cap.var))).collect();
            format!("captures loop variables {}", join_names(&parts))
        };
        let consequence = match c.kind {
            Kind::Go { .. } | Kind::GroupGo => "it may see a later value".to_string(),
            Kind::Defer { .. } => {
                let func = syntax::enclosing_function(c.call)
                    .map(|f| syntax::function_display_name(f, src))
                    .unwrap_or_default();
                format!("it runs when {func} returns and sees only the final value")
            }
            Kind::Parallel => "it runs after the loop has finished and sees only the final value".to_string(),
        };
        format!("{who} {what}; {consequence}")
    }

    /// The fix, what it does (for the message), and why it is unsafe; or why there is none.
    fn plan(
        &mut self,
        c: &Candidate<'t>,
        captures: &[Capture<'t>],
        shared_with_method: &[String],
    ) -> Result<(Fix, String, Option<String>), String> {
        let src = self.src();
        for cap in captures {
            if let Some(w) = cap.written {
                return Err(format!(
                    "the literal assigns {} (line {}), which a copy would no longer share with the loop",
                    cap.var.name,
                    w.start_position().row + 1
                ));
            }
            if let Some(w) = self.body_write_after(&cap.var, c.lit) {
                return Err(format!(
                    "the loop body may change {} on line {} (an assignment, a write through its address, or a method call) after the literal is created, which a copy would not see",
                    cap.var.name,
                    w.start_position().row + 1
                ));
            }
        }
        let stmt = statement_in_list(c.call);
        // Variables an earlier copy in scope already covers.
        let covered: Vec<usize> = captures
            .iter()
            .enumerate()
            .filter_map(|(i, cap)| self.covering_group(&cap.var, stmt).map(|_| i))
            .collect();
        let rest: Vec<&Capture> =
            captures.iter().enumerate().filter(|(i, _)| !covered.contains(i)).map(|(_, c)| c).collect();
        let mut edits: Vec<Edit> = Vec::new();
        for i in &covered {
            let g = self.covering_group(&captures[*i].var, stmt).expect("covered");
            edits.push(self.groups[g].edit.clone());
        }
        let names =
            |caps: &[&Capture]| join_names(&caps.iter().map(|c| c.var.name.clone()).collect::<Vec<_>>());
        if !rest.is_empty()
            && let Some(arg_edits) = self.argument_edits(c, &rest)
        {
            edits.extend(arg_edits);
            let unsafe_reason = rest.iter().find(|cap| shared_with_method.contains(&cap.var.name)).map(|cap| {
                format!(
                    "other literals of the same iteration also use {}, and a method is called on it; each gets its own copy, where Go 1.22 shares one",
                    cap.var.name
                )
            });
            let applicability =
                if unsafe_reason.is_some() { Applicability::Unsafe } else { Applicability::Safe };
            let how = format!(
                "passes {} as {}",
                names(&rest),
                if rest.len() == 1 { "an argument" } else { "arguments" }
            );
            return Ok((Fix::new(applicability, edits), how, unsafe_reason));
        }
        let all: Vec<&Capture> = captures.iter().collect();
        if !rest.is_empty() {
            let Some(stmt) = stmt else {
                return Err("the statement is not directly in a block".to_string());
            };
            let list = stmt.parent().expect("a statement in a list has a parent");
            if !starts_line(stmt, src) {
                return Err("the statement shares its line with other code (run gofmt first)".to_string());
            }
            let later: Vec<Node> = syntax::statements(list)
                .into_iter()
                .filter(|s| s.start_byte() >= stmt.start_byte())
                .collect();
            for cap in &rest {
                if let Some(s) = later.iter().find(|s| declares(**s, &cap.var.name, src).is_some()) {
                    return Err(format!(
                        "line {} declares {} again in the same block; a copy before the statement would clash with it",
                        s.start_position().row + 1,
                        cap.var.name
                    ));
                }
            }
            if let Some(label) = self.goto_target_among(&later) {
                return Err(format!("a goto jumps to label {label} past where the copy would be declared"));
            }
            let at = copy_position(stmt, src);
            let indent = String::from_utf8_lossy(syntax::line_indent(src, stmt.start_byte())).into_owned();
            for cap in &rest {
                let edit = Edit::insert(at, format!("{indent}{0} := {0}\n", cap.var.name));
                self.groups.push(CopyGroup { key: cap.var.key(), list, stmt, edit: edit.clone() });
                edits.push(edit);
            }
        }
        let copied: Vec<String> = all.iter().map(|c| format!("`{0} := {0}`", c.var.name)).collect();
        let how = format!("copies {} before the statement", join_names(&copied));
        Ok((Fix::new(Applicability::Safe, edits), how, None))
    }

    /// The planned copy that already gives `stmt` its own variable.
    fn covering_group(&self, var: &LoopVar<'t>, stmt: Option<Node<'t>>) -> Option<usize> {
        let stmt = stmt?;
        self.groups.iter().position(|g| {
            g.key == var.key() && syntax::contains(g.list, stmt) && g.stmt.end_byte() <= stmt.start_byte()
        })
    }

    /// A write to the loop variable in the body, outside `lit`, that the literal would see with
    /// per-iteration variables: after it, in an inner loop around it, or in another literal.
    fn body_write_after(&self, var: &LoopVar<'t>, lit: Node<'t>) -> Option<Node<'t>> {
        let src = self.src();
        let body = var.lp.field("body")?;
        let mut found = None;
        syntax::walk(body, |n| {
            if found.is_some() || syntax::contains(lit, n) {
                return Descend::No;
            }
            if n.kind_name() == "identifier"
                && text(n, src) == var.name
                && is_write(n)
                && binding(n, &var.name, src).map(|d| d.id()) == var.decl
            {
                let in_literal = syntax::ancestors(n)
                    .take_while(|a| a.id() != body.id())
                    .any(|a| a.kind_name() == "func_literal");
                let in_loop_around = syntax::ancestors(n)
                    .take_while(|a| a.id() != body.id())
                    .any(|a| a.kind_name() == "for_statement" && syntax::contains(a, lit));
                if in_literal || in_loop_around || n.start_byte() > lit.start_byte() {
                    found = Some(n);
                }
            }
            Descend::Yes
        });
        // An address taken anywhere in the body (`p := &v` before the literal, written
        // through after it), or a method after it that may take one, changes the variable
        // behind the copy's back.
        found.or_else(|| {
            analysis::changes::changes(body, &var.name, src)
                .into_iter()
                .filter(|c| !syntax::contains(lit, c.node))
                .find(|c| match c.how {
                    analysis::changes::How::AddressTaken => true,
                    analysis::changes::How::MethodCall => c.node.start_byte() > lit.start_byte(),
                    _ => false,
                })
                .map(|c| c.node)
        })
    }

    /// A label among `stmts` that a goto of the function jumps to.
    fn goto_target_among(&self, stmts: &[Node<'t>]) -> Option<String> {
        let src = self.src();
        let labels: Vec<&str> = stmts
            .iter()
            .filter(|s| s.kind_name() == "labeled_statement")
            .filter_map(|s| syntax::label_of(*s, src))
            .collect();
        if labels.is_empty() {
            return None;
        }
        let func = syntax::enclosing_function(*stmts.first()?)?;
        let mut found = None;
        syntax::walk_same_function(func, |n| {
            if n.kind_name() == "goto_statement"
                && let Some(l) = syntax::jump_label(n, src)
                && labels.contains(&l)
            {
                found = Some(l.to_string());
            }
        });
        found
    }

    /// `func(i int, s step) {...}(i, s)`: when the literal is the called function, its
    /// parameter and argument lists are on one line, and every type is known from the source.
    fn argument_edits(&self, c: &Candidate<'t>, caps: &[&Capture<'t>]) -> Option<Vec<Edit>> {
        let src = self.src();
        if !matches!(c.kind, Kind::Go { callee: true } | Kind::Defer { callee: true }) {
            return None;
        }
        let params = c.lit.field("parameters")?;
        let args = c.call.field("arguments")?;
        let one_line = |n: Node| n.start_position().row == n.end_position().row;
        if !one_line(params) || !one_line(args) {
            return None;
        }
        let mut cursor = params.walk();
        let existing: Vec<Node> =
            params.named_children(&mut cursor).filter(|p| p.kind_name() != "comment").collect();
        if existing.iter().any(|p| p.kind_name() == "variadic_parameter_declaration") {
            return None;
        }
        // `f(xs...)` cannot take more arguments; `f(a,)` would need a comma moved.
        // On bytes: text() is empty for a list holding invalid UTF-8 (in a string literal).
        let trailing_comma = |n: Node| {
            let inside = &src[n.start_byte()..n.end_byte().saturating_sub(1)];
            inside.iter().rev().find(|b| !b.is_ascii_whitespace()) == Some(&b',')
        };
        if text(args, src).contains("...") || trailing_comma(params) || trailing_comma(args) {
            return None;
        }
        let mut decls = Vec::new();
        for cap in caps {
            let ty = self.var_type(&cap.var)?;
            if !copies_are_indistinguishable(ty, src) {
                return None;
            }
            decls.push(format!("{} {}", cap.var.name, self.usable_type(ty, c.lit)?));
        }
        let names: Vec<String> = caps.iter().map(|c| c.var.name.clone()).collect();
        let sep = |has: bool| if has { ", " } else { "" };
        let mut cursor = args.walk();
        let has_args = args.named_children(&mut cursor).any(|a| a.kind_name() != "comment");
        Some(vec![
            Edit::insert(params.end_byte() - 1, format!("{}{}", sep(!existing.is_empty()), decls.join(", "))),
            Edit::insert(args.end_byte() - 1, format!("{}{}", sep(has_args), names.join(", "))),
        ])
    }

    /// The type's text, if it means the same at the literal as where it was written.
    fn usable_type(&self, ty: TypeRef<'t>, lit: Node<'t>) -> Option<String> {
        let src = self.src();
        match ty {
            TypeRef::Builtin(name) => binding(lit, name, src).is_none().then(|| name.to_string()),
            TypeRef::Spelled(node) => {
                let spelled = text(node, src);
                if spelled.is_empty()
                    || spelled.contains('\n')
                    || spelled.contains("/*")
                    || spelled.contains("//")
                {
                    return None;
                }
                let mut ok = true;
                syntax::walk(node, |n| {
                    if matches!(n.kind_name(), "type_identifier" | "package_identifier" | "identifier") {
                        let name = text(n, src);
                        ok &=
                            binding(n, name, src).map(|d| d.id()) == binding(lit, name, src).map(|d| d.id());
                    }
                    Descend::Yes
                });
                ok.then(|| spelled.to_string())
            }
        }
    }

    /// The type of a loop variable, when the source shows it.
    fn var_type(&self, var: &LoopVar<'t>) -> Option<TypeRef<'t>> {
        let src = self.src();
        let clause = var.header.parent()?.parent()?;
        if var.define {
            match clause.kind_name() {
                "range_clause" => {
                    let right = clause.field("right")?;
                    let (key, value) = self.collection_elements(self.expression_type(right)?, 0)?;
                    if var.index == 0 { Some(key) } else { value }
                }
                "short_var_declaration" => {
                    let right = clause.field("right")?;
                    let values = expressions(right);
                    if values.len() != expressions(clause.field("left")?).len() {
                        return None;
                    }
                    value_type(*values.get(var.index)?, src)
                }
                _ => None,
            }
        } else {
            // Assigned by the loop: the type its declaration gives it.
            let decl = binding(var.header, &var.name, src)?;
            declared_type(decl, &var.name, src)
        }
    }

    /// The type of an expression ranged over, as written in the source.
    fn expression_type(&self, expr: Node<'t>) -> Option<TypeRef<'t>> {
        let src = self.src();
        match expr.kind_name() {
            "parenthesized_expression" => self.expression_type(expr.named_child(0)?),
            "identifier" => {
                let name = text(expr, src);
                let decl = binding(expr, name, src)?;
                declared_type(decl, name, src)
            }
            "selector_expression" => {
                let operand = expr.field("operand")?;
                let field = text(expr.field("field")?, src);
                let TypeRef::Spelled(mut ty) = self.expression_type(operand)? else { return None };
                if ty.kind_name() == "pointer_type" {
                    ty = ty.named_child(0)?;
                }
                let spec = self.named_type(ty)?;
                let strukt = spec.field("type").filter(|t| t.kind_name() == "struct_type")?;
                struct_field_type(strukt, field, src).map(TypeRef::Spelled)
            }
            _ => value_type(expr, src),
        }
    }

    /// The declaration of a type name written in the file (not generic).
    fn named_type(&self, ty: Node<'t>) -> Option<Node<'t>> {
        let src = self.src();
        if ty.kind_name() != "type_identifier" {
            return None;
        }
        let spec = binding(ty, text(ty, src), src)?;
        (matches!(spec.kind_name(), "type_spec" | "type_alias") && spec.field("type_parameters").is_none())
            .then_some(spec)
    }

    /// The key and value types of ranging over a value of type `ty`.
    fn collection_elements(
        &self,
        ty: TypeRef<'t>,
        depth: usize,
    ) -> Option<(TypeRef<'t>, Option<TypeRef<'t>>)> {
        let src = self.src();
        let ty = match ty {
            TypeRef::Builtin(name) => {
                return INT_TYPES.contains(&name).then_some((TypeRef::Builtin(name), None));
            }
            TypeRef::Spelled(t) => t,
        };
        let elem = |t: Node<'t>| t.field("element").map(TypeRef::Spelled);
        match ty.kind_name() {
            "slice_type" | "array_type" | "implicit_length_array_type" => {
                Some((TypeRef::Builtin("int"), elem(ty)))
            }
            "pointer_type" => {
                let inner = ty.named_child(0).filter(|t| t.kind_name() == "array_type")?;
                Some((TypeRef::Builtin("int"), elem(inner)))
            }
            "map_type" => Some((TypeRef::Spelled(ty.field("key")?), ty.field("value").map(TypeRef::Spelled))),
            "channel_type" => {
                if text(ty, src).replace(' ', "").starts_with("chan<-") {
                    return None;
                }
                Some((TypeRef::Spelled(ty.field("value")?), None))
            }
            "parenthesized_type" => self.collection_elements(TypeRef::Spelled(ty.named_child(0)?), depth),
            "type_identifier" => {
                let name = text(ty, src);
                if binding(ty, name, src).is_none() {
                    return match name {
                        "string" => Some((TypeRef::Builtin("int"), Some(TypeRef::Builtin("rune")))),
                        _ => INT_TYPES.iter().find(|t| **t == name).map(|t| (TypeRef::Builtin(t), None)),
                    };
                }
                if depth > 5 {
                    return None;
                }
                // A type declared in the file: ranging yields the elements of its underlying
                // type (a defined integer type is not followed: its values have its own type).
                let spec = self.named_type(ty)?;
                let under = spec.field("type")?;
                let (key, value) = self.collection_elements(TypeRef::Spelled(under), depth + 1)?;
                if value.is_none()
                    && matches!(key, TypeRef::Builtin(_))
                    && under.kind_name() == "type_identifier"
                {
                    return None;
                }
                Some((key, value))
            }
            _ => None,
        }
    }
}

/// Whether a parameter holding a copy of the variable behaves as the variable would: true for
/// basic types, pointers, slices, maps, channels, functions and interfaces. A struct or array,
/// or a named type whose definition we do not see, may hold a mutex or be changed through
/// pointer-receiver methods, where a copy differs (and go vet's copylocks rejects it): those get
/// the `v := v` copy, which is the per-iteration variable itself.
fn copies_are_indistinguishable(ty: TypeRef, src: &[u8]) -> bool {
    match ty {
        TypeRef::Builtin(_) => true,
        TypeRef::Spelled(node) => match node.kind_name() {
            "pointer_type" | "slice_type" | "map_type" | "channel_type" | "function_type"
            | "interface_type" => true,
            "type_identifier" | "identifier" => {
                BUILTIN_TYPES.contains(&text(node, src)) || text(node, src) == "any"
            }
            _ => false,
        },
    }
}

/// The call's arguments, without comments.
fn arguments(call: Node) -> Vec<Node> {
    let Some(args) = call.field("arguments") else { return Vec::new() };
    let mut cursor = args.walk();
    args.named_children(&mut cursor).filter(|a| a.kind_name() != "comment").collect()
}

/// The end of `P.Parallel()` called among the literal's top-level statements, P its first
/// parameter.
fn parallel_call_end(lit: Node, src: &[u8]) -> Option<usize> {
    let params = lit.field("parameters")?;
    let mut cursor = params.walk();
    let param = params.named_children(&mut cursor).find(|p| p.kind_name() == "parameter_declaration")?;
    let name = text(param.field("name")?, src);
    let body = lit.field("body")?;
    syntax::statements(body).into_iter().find_map(|s| {
        let call = s
            .named_child(0)
            .filter(|c| s.kind_name() == "expression_statement" && c.kind_name() == "call_expression")?;
        let f = call.field("function").filter(|f| f.kind_name() == "selector_expression")?;
        let operand = f.field("operand")?;
        let field = f.field("field")?;
        (text(operand, src) == name && text(field, src) == "Parallel").then(|| s.end_byte())
    })
}

/// The variables a loop header declares (`:=`) or assigns (`=`).
fn loop_vars<'t>(lp: Node<'t>, src: &[u8]) -> Vec<LoopVar<'t>> {
    let mut out = Vec::new();
    let mut cursor = lp.walk();
    for clause in lp.named_children(&mut cursor) {
        let (holder, left) = match clause.kind_name() {
            "range_clause" => (clause, clause.field("left")),
            "for_clause" => match clause.field("initializer") {
                Some(init)
                    if matches!(init.kind_name(), "short_var_declaration" | "assignment_statement") =>
                {
                    (init, init.field("left"))
                }
                _ => continue,
            },
            _ => continue,
        };
        let Some(left) = left else { continue };
        let define = has_token(holder, ":=");
        if !define && !has_token(holder, "=") {
            continue; // `i += 1` and the like assign nothing a loop iterates
        }
        for (index, ident) in expressions(left).into_iter().enumerate() {
            if ident.kind_name() != "identifier" || text(ident, src) == "_" {
                continue;
            }
            let name = text(ident, src).to_string();
            let decl = if define { Some(holder.id()) } else { binding(ident, &name, src).map(|d| d.id()) };
            out.push(LoopVar { name, decl, define, header: ident, lp, index });
        }
    }
    out
}

fn has_token(n: Node, token: &str) -> bool {
    let mut c = n.walk();
    n.children(&mut c).any(|t| t.kind_name() == token)
}

/// The expressions of an expression list (or the expression itself).
fn expressions(list: Node) -> Vec<Node> {
    if list.kind_name() != "expression_list" {
        return vec![list];
    }
    let mut c = list.walk();
    list.named_children(&mut c).filter(|e| e.kind_name() != "comment").collect()
}

/// The nearest statement around `n` that sits directly in a statement list.
fn statement_in_list(n: Node) -> Option<Node> {
    // Each node paired with its parent, from one descent (see `syntax::ancestors`).
    let chain: Vec<Node> = std::iter::once(n).chain(syntax::ancestors(n)).collect();
    chain
        .windows(2)
        .take_while(|w| !syntax::is_function(w[0]) || w[0].id() == n.id())
        .find(|w| w[1].kind_name() == "statement_list")
        .map(|w| w[0])
}

/// Where the copy goes: the start of the statement's line, above the comment lines directly
/// over it (a comment describes the statement it sits on).
fn copy_position(stmt: Node, src: &[u8]) -> usize {
    let root = syntax::ancestors(stmt).last().unwrap_or(stmt);
    let mut at = syntax::line_start(src, stmt.start_byte());
    while at > 0 {
        let above = syntax::line_start(src, at - 1);
        let first = above + syntax::line_indent(src, above).len();
        if !src[first..at].starts_with(b"//") {
            break;
        }
        match root.descendant_for_byte_range(first, first + 2) {
            Some(c) if c.kind_name() == "comment" && c.start_byte() == first => at = above,
            _ => break,
        }
    }
    at
}

/// Whether only blanks precede the node on its line.
fn starts_line(n: Node, src: &[u8]) -> bool {
    src[syntax::line_start(src, n.start_byte())..n.start_byte()].iter().all(|b| matches!(b, b' ' | b'\t'))
}

/// Whether an identifier denotes a variable in an expression (not a declaration, a struct
/// literal's field key).
fn is_use(n: Node) -> bool {
    let Some(parent) = n.parent() else { return false };
    match parent.kind_name() {
        "literal_element" => {
            let Some(keyed) = parent.parent().filter(|k| k.kind_name() == "keyed_element") else {
                return true;
            };
            if keyed.field("key").map(|k| k.id()) != Some(parent.id()) {
                return true;
            }
            // A key is a value only in a map literal whose type is written.
            keyed
                .parent()
                .and_then(|lv| lv.parent())
                .filter(|cl| cl.kind_name() == "composite_literal")
                .and_then(|cl| cl.field("type"))
                .is_some_and(|t| t.kind_name() == "map_type")
        }
        "parameter_declaration" | "variadic_parameter_declaration" | "var_spec" | "const_spec" => {
            parent.field("type").map(|t| t.id()) == Some(n.id())
        }
        "expression_list" => {
            let Some(stmt) = parent.parent() else { return true };
            let is_left = stmt.field("left").map(|l| l.id()) == Some(parent.id());
            let declares = match stmt.kind_name() {
                "short_var_declaration" => true,
                "range_clause" | "receive_statement" => has_token(stmt, ":="),
                "type_switch_statement" => stmt.field("alias").map(|a| a.id()) == Some(parent.id()),
                _ => false,
            };
            !(declares && (is_left || stmt.kind_name() == "type_switch_statement"))
        }
        _ => true,
    }
}

/// Whether the identifier (possibly as the root of `v.f`, `v[i]`) is assigned, incremented or
/// has its address taken.
fn is_write(n: Node) -> bool {
    let mut cur = n;
    while let Some(p) = cur.parent() {
        let through = match p.kind_name() {
            "selector_expression" | "index_expression" => {
                p.field("operand").map(|o| o.id()) == Some(cur.id())
            }
            "parenthesized_expression" => true,
            _ => false,
        };
        if !through {
            break;
        }
        cur = p;
    }
    let Some(p) = cur.parent() else { return false };
    match p.kind_name() {
        "inc_statement" | "dec_statement" => true,
        "unary_expression" => {
            let mut c = p.walk();
            p.children(&mut c).next().is_some_and(|op| op.kind_name() == "&")
        }
        "expression_list" => {
            let Some(stmt) = p.parent() else { return false };
            let is_left = stmt.field("left").map(|l| l.id()) == Some(p.id());
            is_left
                && match stmt.kind_name() {
                    "assignment_statement" => true,
                    "range_clause" | "receive_statement" => !has_token(stmt, ":="),
                    _ => false,
                }
        }
        _ => false,
    }
}

/// Whether the identifier is the receiver of a method call (`v.M(...)`).
fn is_method_receiver(n: Node) -> bool {
    n.parent()
        .filter(|p| {
            p.kind_name() == "selector_expression" && p.field("operand").map(|o| o.id()) == Some(n.id())
        })
        .and_then(|sel| sel.parent().map(|call| (sel, call)))
        .is_some_and(|(sel, call)| {
            call.kind_name() == "call_expression" && call.field("function").map(|f| f.id()) == Some(sel.id())
        })
}

/// The type a declaration gives `name`, as written.
fn declared_type<'t>(decl: Node<'t>, name: &str, src: &[u8]) -> Option<TypeRef<'t>> {
    match decl.kind_name() {
        "parameter_declaration" => decl.field("type").map(TypeRef::Spelled),
        "var_spec" => {
            if let Some(t) = decl.field("type") {
                return Some(TypeRef::Spelled(t));
            }
            let mut c = decl.walk();
            let index = decl.fields("name", &mut c).position(|n| text(n, src) == name)?;
            let values = expressions(decl.field("value")?);
            value_type(*values.get(index)?, src)
        }
        "short_var_declaration" => {
            let left = expressions(decl.field("left")?);
            let right = expressions(decl.field("right")?);
            if left.len() != right.len() {
                return None;
            }
            let index = left.iter().position(|n| text(*n, src) == name)?;
            value_type(right[index], src)
        }
        _ => None,
    }
}

/// The type of a value whose type its spelling shows: a literal, a composite literal, a
/// conversion, `make(T, ...)`.
fn value_type<'t>(value: Node<'t>, src: &[u8]) -> Option<TypeRef<'t>> {
    match value.kind_name() {
        "int_literal" => Some(TypeRef::Builtin("int")),
        "float_literal" => Some(TypeRef::Builtin("float64")),
        "rune_literal" => Some(TypeRef::Builtin("rune")),
        "imaginary_literal" => Some(TypeRef::Builtin("complex128")),
        "interpreted_string_literal" | "raw_string_literal" => Some(TypeRef::Builtin("string")),
        "composite_literal" => value
            .field("type")
            .filter(|t| t.kind_name() != "implicit_length_array_type")
            .map(TypeRef::Spelled),
        "type_conversion_expression" => value.field("type").map(TypeRef::Spelled),
        "parenthesized_expression" => value_type(value.named_child(0)?, src),
        "call_expression" => {
            let f = value.field("function")?;
            let args = arguments(value);
            if f.kind_name() != "identifier" {
                return None;
            }
            let name = text(f, src);
            if binding(f, name, src).is_some() {
                return None;
            }
            match (name, args.as_slice()) {
                ("make", [t, ..]) => Some(TypeRef::Spelled(*t)),
                (_, [_]) => BUILTIN_TYPES.iter().find(|b| **b == name).map(|_| TypeRef::Spelled(f)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The type of a struct's field `name`.
fn struct_field_type<'t>(strukt: Node<'t>, name: &str, src: &[u8]) -> Option<Node<'t>> {
    let mut found = None;
    syntax::walk(strukt, |n| {
        if found.is_some() {
            return Descend::No;
        }
        if n.kind_name() == "field_declaration" {
            let mut c = n.walk();
            if n.fields("name", &mut c).any(|f| text(f, src) == name) {
                found = n.field("type");
            }
            return Descend::No;
        }
        Descend::Yes
    });
    found
}

fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
