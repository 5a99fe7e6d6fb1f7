//! `eager-defer-args`: a deferred call whose arguments read the clock.
//!
//! ## What it detects
//! A `defer` statement whose call has, among its arguments (outside function literals), a
//! duration measured up to now: `time.Since(...)` or `time.Now().Sub(...)`, spelled with the
//! file's own name for the `time` import. go vet's `defers` analyzer reports the `time.Since`
//! form ("call to time.Since is not deferred").
//!
//! A bare `time.Now()` argument is not reported: `defer func(begin time.Time) {...}(time.Now())`
//! records the start time on purpose, which is the idiom for measuring a function.
//!
//! ## Why it matters
//! The arguments of a deferred call are evaluated when the `defer` statement runs, not when the
//! call runs: `defer log.Printf("took %v", time.Since(start))` measures the time from `start`
//! to the `defer` statement (almost nothing) and logs it when the function returns.
//!
//! ## Example
//! ```go
//! start := time.Now()
//! defer log.Printf("took %v", time.Since(start))
//! ```
//! becomes
//! ```go
//! start := time.Now()
//! defer func() { log.Printf("took %v", time.Since(start)) }()
//! ```
//! A call that spans lines is wrapped on lines of its own (`defer func() {`, the call indented
//! one tab more, `}()`), as gofmt lays it out.
//!
//! ## Fix safety
//! - Safe: everything else the fix moves to the end of the function (the receiver, the other
//!   arguments, the arguments of the clock calls) is a literal, an imported package's member,
//!   a constant of the file, or a variable of the function that nothing can change after the
//!   `defer` statement (no assignment, `++`/`--`, `&x` or method call on it later in the
//!   function or in any function literal of it, and the `defer` is not in a loop).
//! - Unsafe: anything else, since the fix also moves its evaluation (another call, a field read,
//!   a variable changed later): printing the value at return is most likely the intent, but
//!   cannot be proven.
//! - No fix: the call contains a multi-line raw string, whose lines cannot be re-indented.

use std::collections::HashSet;

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::analysis::declared_names;
use crate::fix::{Applicability, Edit, Finding, Fix, describe};
use crate::prefilter::Triggers;
use crate::syntax::{self, Descend, KindName, text};

pub struct EagerDeferArgs;

pub const NAME: &str = "eager-defer-args";

impl Transform for EagerDeferArgs {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "time.Since/time.Now in a deferred call's arguments is evaluated when the defer statement runs"
    }

    fn triggers(&self) -> Triggers {
        &[&["defer"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        let Some(time) = syntax::import_name(file.tree, src, "time") else { return };
        for &d in &file.nodes.defers {
            let Some(call) = d.named_child(0).filter(|c| c.kind_name() == "call_expression") else {
                continue;
            };
            // The cheap test first: most deferred calls measure nothing.
            let is_clock = |n: Node| clock_call(n, &time, src);
            let Some(first) = calls_in_arguments(call, &is_clock).into_iter().next() else {
                continue;
            };
            let Some(top) = outermost_function(d) else { continue };
            if declared_names(top, src).contains(&time) {
                continue;
            }
            let clock = text(first, src).split_whitespace().collect::<Vec<_>>().join(" ");
            let base = format!(
                "`{clock}` is evaluated when the defer statement runs, not when the deferred call runs, so it measures only the time up to the defer statement; the fix defers a function literal that makes the whole call at return"
            );
            let is_moved = |n: Node| clock_part(n, &time, src);
            let planned = wrap_call(d, call, src).map(|edit| {
                (Fix::new(Applicability::Safe, vec![edit]), moved_evaluation_reason(file, d, call, &is_moved))
            });
            let (message, fix) = describe(base, None, planned);
            findings.push(Finding { rule: NAME, start: d.start_byte(), end: d.end_byte(), message, fix });
        }
    }
}

/// A duration measured up to now: `time.Since(...)` or `time.Now().Sub(...)`, with `time` the
/// file's name for the package. A bare `time.Now()` argument is not one: `defer func(begin
/// time.Time) {...}(time.Now())` records the start time on purpose.
fn clock_call(n: Node, time: &str, src: &[u8]) -> bool {
    time_function(n, time, src, "Since") || method_on_now(n, time, src) == Some("Sub")
}

/// Every call the fix moves on purpose: the clock calls and the `time.Now()` inside them.
fn clock_part(n: Node, time: &str, src: &[u8]) -> bool {
    time_function(n, time, src, "Since")
        || time_function(n, time, src, "Now")
        || method_on_now(n, time, src).is_some()
}

/// `time.NAME(...)`.
fn time_function(n: Node, time: &str, src: &[u8], name: &str) -> bool {
    n.kind_name() == "call_expression"
        && n.child_by_field_name("function").filter(|f| f.kind_name() == "selector_expression").is_some_and(
            |sel| {
                sel.child_by_field_name("operand")
                    .is_some_and(|o| o.kind_name() == "identifier" && text(o, src) == time)
                    && sel.child_by_field_name("field").is_some_and(|f| text(f, src) == name)
            },
        )
}

/// The method name of a call `time.Now().METHOD(...)`.
fn method_on_now<'a>(n: Node, time: &str, src: &'a [u8]) -> Option<&'a str> {
    let sel = n
        .child_by_field_name("function")
        .filter(|f| f.kind_name() == "selector_expression" && n.kind_name() == "call_expression")?;
    let operand = sel.child_by_field_name("operand")?;
    time_function(operand, time, src, "Now")
        .then(|| sel.child_by_field_name("field").map(|f| text(f, src)))?
}

/// The top-level function or method declaration (or the outermost function literal, for one at
/// package level) around `node`.
pub(crate) fn outermost_function(node: Node) -> Option<Node> {
    syntax::ancestors(node).filter(|n| syntax::is_function(*n)).last()
}

/// The calls among the arguments of `call` (outside function literals, which run only when
/// called) for which `wanted` holds, in source order.
pub(crate) fn calls_in_arguments<'t>(call: Node<'t>, wanted: &dyn Fn(Node<'t>) -> bool) -> Vec<Node<'t>> {
    let mut found = Vec::new();
    let Some(args) = call.child_by_field_name("arguments") else { return found };
    syntax::walk(args, |n| {
        if n.kind_name() == "func_literal" {
            return Descend::No;
        }
        if wanted(n) {
            found.push(n);
        }
        Descend::Yes
    });
    found
}

/// The edit that turns the deferred `call` of `defer` into `func() { CALL }()`, keeping the
/// call's text byte for byte. A call spanning lines goes on its own lines, one tab deeper, as
/// gofmt lays out a multi-line function literal.
pub(crate) fn wrap_call(defer: Node, call: Node, src: &[u8]) -> Result<Edit, String> {
    let body = &src[call.byte_range()];
    if memchr::memchr(b'\n', body).is_none() {
        let mut out = b"func() { ".to_vec();
        out.extend_from_slice(body);
        out.extend_from_slice(b" }()");
        return Ok(Edit::replace(call.start_byte(), call.end_byte(), out));
    }
    let mut verbatim = false;
    syntax::walk(call, |n| {
        if n.kind_name() == "raw_string_literal" && memchr::memchr(b'\n', &src[n.byte_range()]).is_some() {
            verbatim = true;
        }
        Descend::Yes
    });
    if verbatim {
        return Err("the call contains a multi-line raw string, which cannot be re-indented".to_string());
    }
    let line = &src[syntax::line_start(src, defer.start_byte())..defer.start_byte()];
    if line.iter().any(|b| !matches!(b, b' ' | b'\t')) {
        return Err("the defer statement does not start its line".to_string());
    }
    let indent = syntax::line_indent(src, defer.start_byte());
    let mut out = b"func() {\n".to_vec();
    out.extend_from_slice(indent);
    out.push(b'\t');
    for (i, l) in body.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            if !l.is_empty() {
                out.push(b'\t');
            }
        }
        out.extend_from_slice(l);
    }
    out.push(b'\n');
    out.extend_from_slice(indent);
    out.extend_from_slice(b"}()");
    Ok(Edit::replace(call.start_byte(), call.end_byte(), out))
}

/// Why wrapping the deferred `call` in a function literal could change more than the calls
/// `is_moved` names (which the fix moves on purpose): the receiver, the other arguments and
/// the arguments of the moved calls are then evaluated when the function returns, not at the
/// `defer` statement. None when each of them is sure to have the same value either way.
pub(crate) fn moved_evaluation_reason(
    file: &GoFile,
    defer: Node,
    call: Node,
    is_moved: &dyn Fn(Node) -> bool,
) -> Option<String> {
    let src = file.src;
    let top = outermost_function(defer)?;
    let ctx = Stability {
        src,
        defer,
        top,
        locals: declared_names(top, src),
        imports: syntax::imported_names(file.tree, src),
        constants: file_constants(file.tree.root_node(), src),
        in_loop: syntax::ancestors(defer).any(|n| n.kind_name() == "for_statement"),
        is_moved,
    };
    if let Some(callee) = call.child_by_field_name("function")
        && let Some(reason) = ctx.callee(callee)
    {
        return Some(reason);
    }
    let args = call.child_by_field_name("arguments")?;
    let mut cursor = args.walk();
    let list: Vec<Node> = args.named_children(&mut cursor).filter(|a| a.kind_name() != "comment").collect();
    list.into_iter().find_map(|a| ctx.expression(a, 0))
}

/// Names the file declares with top-level `const`.
fn file_constants(root: Node, src: &[u8]) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut cursor = root.walk();
    for decl in root.named_children(&mut cursor).filter(|d| d.kind_name() == "const_declaration") {
        syntax::walk(decl, |n| {
            if n.kind_name() == "const_spec" {
                let mut c = n.walk();
                names.extend(n.children_by_field_name("name", &mut c).map(|i| text(i, src).to_string()));
            }
            Descend::Yes
        });
    }
    names
}

struct Stability<'a, 't> {
    src: &'a [u8],
    defer: Node<'t>,
    top: Node<'t>,
    locals: HashSet<String>,
    imports: HashSet<String>,
    constants: HashSet<String>,
    in_loop: bool,
    is_moved: &'a dyn Fn(Node) -> bool,
}

impl<'t> Stability<'_, 't> {
    fn shown(&self, n: Node) -> String {
        text(n, self.src).split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The function the deferred call calls, evaluated at the `defer` statement.
    fn callee(&self, f: Node<'t>) -> Option<String> {
        match f.kind_name() {
            "func_literal" => None,
            "parenthesized_expression" => f.named_child(0).and_then(|inner| self.callee(inner)),
            "identifier" if !self.locals.contains(text(f, self.src)) => None,
            "identifier" => self.identifier(f),
            "selector_expression" => {
                let operand = f.child_by_field_name("operand")?;
                if self.package_member(operand) { None } else { self.receiver(operand) }
            }
            _ => Some(format!("the deferred function `{}` would also be evaluated at return", self.shown(f))),
        }
    }

    fn receiver(&self, operand: Node<'t>) -> Option<String> {
        match operand.kind_name() {
            "identifier" => self.identifier(operand),
            _ if (self.is_moved)(operand) => self.moved_call(operand),
            _ => Some(format!("the receiver `{}` would also be evaluated at return", self.shown(operand))),
        }
    }

    /// Whether `operand` names an imported package (not shadowed in the function).
    fn package_member(&self, operand: Node) -> bool {
        operand.kind_name() == "identifier" && {
            let name = text(operand, self.src);
            self.imports.contains(name) && !self.locals.contains(name)
        }
    }

    fn moved_call(&self, call: Node<'t>) -> Option<String> {
        if let Some(f) = call.child_by_field_name("function")
            && f.kind_name() == "selector_expression"
            && let Some(operand) = f.child_by_field_name("operand")
            && !self.package_member(operand)
            && let Some(reason) = self.receiver(operand)
        {
            return Some(reason);
        }
        let args = call.child_by_field_name("arguments")?;
        let mut cursor = args.walk();
        let list: Vec<Node> =
            args.named_children(&mut cursor).filter(|a| a.kind_name() != "comment").collect();
        list.into_iter().find_map(|a| self.expression(a, 0))
    }

    fn expression(&self, e: Node<'t>, depth: usize) -> Option<String> {
        if depth > 32 {
            return Some(format!("`{}` would also be evaluated at return", self.shown(e)));
        }
        match e.kind_name() {
            "interpreted_string_literal"
            | "raw_string_literal"
            | "int_literal"
            | "float_literal"
            | "imaginary_literal"
            | "rune_literal"
            | "true"
            | "false"
            | "nil"
            | "iota"
            | "func_literal" => None,
            "identifier" => self.identifier(e),
            "parenthesized_expression" | "binary_expression" => {
                let mut cursor = e.walk();
                let parts: Vec<Node> =
                    e.named_children(&mut cursor).filter(|c| c.kind_name() != "comment").collect();
                parts.into_iter().find_map(|c| self.expression(c, depth + 1))
            }
            "unary_expression"
                if e.child_by_field_name("operator")
                    .is_some_and(|o| matches!(o.kind_name(), "-" | "+" | "!" | "^")) =>
            {
                self.expression(e.child_by_field_name("operand")?, depth + 1)
            }
            "selector_expression"
                if e.child_by_field_name("operand").is_some_and(|o| self.package_member(o)) =>
            {
                None
            }
            "call_expression" if (self.is_moved)(e) => self.moved_call(e),
            "call_expression" => Some(format!("the call `{}` would also move to return", self.shown(e))),
            _ => Some(format!("`{}` would also be evaluated at return", self.shown(e))),
        }
    }

    fn identifier(&self, ident: Node<'t>) -> Option<String> {
        let name = text(ident, self.src);
        if !self.locals.contains(name) {
            if self.constants.contains(name) || syntax::is_predeclared(name) {
                return None;
            }
            return Some(format!(
                "`{name}` is not a variable of this function (a package-level variable may change before return), and the wrapped call would read it at return"
            ));
        }
        if self.in_loop {
            return Some(format!(
                "the defer is in a loop, and the wrapped call would read `{name}` at return instead of at each defer statement"
            ));
        }
        self.changed_after(name).map(|line| {
            format!("`{name}` may change after the defer statement (line {line}), and the wrapped call would read its later value")
        })
    }

    /// The line of a statement that may change `name` after the `defer` (or at any time, inside
    /// a function literal): an assignment or declaration of it, `++`/`--`, `&name`, or a method
    /// call on it (whose receiver may be a pointer).
    fn changed_after(&self, name: &str) -> Option<usize> {
        let src = self.src;
        let defer = self.defer;
        let mut found = None;
        let root_is = |target: Node| root_identifier(target).is_some_and(|r| text(r, src) == name);
        syntax::walk(self.top, |n| {
            if found.is_some() {
                return Descend::No;
            }
            let later = n.start_byte() >= defer.end_byte()
                || syntax::ancestors(n)
                    .take_while(|a| a.id() != self.top.id())
                    .any(|a| a.kind_name() == "func_literal" && !syntax::contains(a, defer));
            if !later {
                return Descend::Yes;
            }
            let changes = match n.kind_name() {
                "assignment_statement" | "short_var_declaration" | "range_clause" | "receive_statement" => {
                    n.child_by_field_name("left").is_some_and(|l| {
                        let mut c = l.walk();
                        root_is(l) || l.named_children(&mut c).any(root_is)
                    })
                }
                "inc_statement" | "dec_statement" => n.named_child(0).is_some_and(root_is),
                "unary_expression" => {
                    n.child_by_field_name("operator").is_some_and(|o| o.kind_name() == "&")
                        && n.child_by_field_name("operand").is_some_and(root_is)
                }
                "call_expression" => n
                    .child_by_field_name("function")
                    .filter(|f| f.kind_name() == "selector_expression")
                    .and_then(|f| f.child_by_field_name("operand"))
                    .is_some_and(root_is),
                _ => false,
            };
            if changes {
                found = Some(n.start_position().row + 1);
            }
            Descend::Yes
        });
        found
    }
}

/// The variable an assignable expression starts from: `x` in `x`, `x.f`, `x[i]`, `(*x).f`.
fn root_identifier(mut e: Node) -> Option<Node> {
    loop {
        match e.kind_name() {
            "identifier" => return Some(e),
            "selector_expression" | "index_expression" | "slice_expression" => {
                e = e.child_by_field_name("operand")?;
            }
            "parenthesized_expression" => e = e.named_child(0)?,
            "unary_expression" => e = e.child_by_field_name("operand")?,
            _ => return None,
        }
    }
}
