//! `deferred-result-lost`: a deferred function literal assigns a variable that the function
//! returns through an unnamed result.
//!
//! ## What it detects
//! A function (declaration, method or literal) with results, a `defer func(...) { ... }(...)` in
//! it, and a variable of the function that the deferred literal assigns (`v = ...`, `v += ...`,
//! `v++`) and that a `return` which can run after the `defer` returns, either as one of its
//! values (`return v`, `return n, v`) or as an argument of a helper (`return wrap(v)`).
//!
//! ## Why it matters
//! `return v` copies `v` into the result before the deferred calls run. With unnamed results,
//! nothing the deferred literal assigns afterwards reaches the caller: the classic
//! `defer func() { err = f.Close() }()` or `defer func() { if r := recover(); r != nil { err = ... } }()`
//! silently does nothing. Only a *named* result is both what the deferred literal assigns and
//! what the caller receives.
//!
//! ## Example
//! ```go
//! func save(p string) error {
//!     var err error
//!     f, err := os.Create(p)
//!     ...
//!     defer func() { err = f.Close() }()
//!     return err
//! }
//! ```
//! becomes
//! ```go
//! func save(p string) (err error) {
//!     f, err := os.Create(p)
//!     ...
//!     defer func() { err = f.Close() }()
//!     return err
//! }
//! ```
//! The result in the variable's position takes its name; the others are named `_`
//! (`(_ int, err error)`). The variable's own declaration goes: `var v T` is removed,
//! `var v T = x` becomes `v = x`, and a top-level `v := x` (or `a, v := x` where `a` is not new)
//! becomes an assignment. Every `return` keeps its values: `return n, v` still assigns the
//! results before the deferred calls run, and they then update `v`.
//!
//! ## Fix safety
//! - Safe: every `return` of the function returns `v` in the same position (a `return` that
//!   runs before any function literal using `v` exists may return anything), `v` is declared
//!   once in the function's top-level block as `var v T` with the result's type, or with any
//!   declaration when the result's type is a predeclared basic type (then only that type
//!   compiles). Then the only change is that the deferred assignment reaches the caller.
//! - Unsafe: `v`'s type is inferred (`v := f()`, `var v = f()`) from a call whose declaration
//!   is not seen (a `:=` from a function of the file, the package or the standard library
//!   takes that function's declared result, per [`crate::analysis::signatures`]) and the
//!   result's type is an
//!   interface or another non-basic type: if `v` had a concrete type (a `*MyError`), the
//!   assignment now converts to the result's type and comparisons with `nil` can change; or a
//!   deferred literal calls `recover()`: on a recovered panic the function now returns `v`'s
//!   value, not the zero value.
//! - No fix (reported with the reason): the results are already named (and `v` is not one of
//!   them); some `return` returns something else in `v`'s position, or passes `v` through a
//!   helper (naming the result would let the deferred assignment overwrite the helper's value);
//!   `v` is a parameter, is declared in an inner block or outside the function, or is declared
//!   together with other variables; the function has a `goto`.

use std::collections::{BTreeMap, HashSet};

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::analysis::{declared_by, signatures};
use crate::fix::{Applicability, Edit, Finding, Fix, describe};
use crate::package::Package;
use crate::prefilter::Triggers;
use crate::syntax::{self, Descend, Fields, KindName, text};

pub struct DeferredResultLost;

pub const NAME: &str = "deferred-result-lost";

impl Transform for DeferredResultLost {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "a deferred function literal assigns a variable returned through an unnamed result: the caller never sees it"
    }

    fn triggers(&self) -> Triggers {
        &[&["defer"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        for (func, defers) in file.nodes.defers_by_function() {
            check_function(func, &defers, file.package, src, findings);
        }
    }
}

/// One deferred literal assigning one returned variable.
struct Candidate<'t> {
    defer: Node<'t>,
    name: String,
    /// The declaration of the variable the literal assigns.
    bound: Option<Node<'t>>,
    /// The position among the results, or why there is no single one.
    position: Result<usize, String>,
}

/// `defers`: the function's own defer statements, in source order.
fn check_function(
    func: Node,
    defers: &[Node],
    package: Option<&Package>,
    src: &[u8],
    findings: &mut Vec<Finding>,
) {
    let results = syntax::results(func, src);
    let literals: Vec<(Node, Node)> =
        defers.iter().filter_map(|&d| Some((d, deferred_literal(d)?))).collect();
    // A function whose `error` is a type of the package's own (or a local one) is left alone:
    // the fix's `err error` would name that type. Asked last: it reads the package.
    if results.is_empty()
        || literals.is_empty()
        || !crate::analysis::scope::predeclared_error(func, package, src)
    {
        return;
    }
    let mut returns = Vec::new();
    syntax::walk_same_function(func, |n| {
        if n.kind_name() == "return_statement" {
            returns.push(n);
        }
    });
    let mut candidates: Vec<Candidate> = Vec::new();
    for (defer, literal) in literals {
        let mut seen = HashSet::new();
        for target in assigned_names(literal) {
            let name = text(target, src).to_string();
            if name == "_" || binding(target, &name, literal, src).is_some() || !seen.insert(name.clone()) {
                continue;
            }
            // `err = c.Close(); if err != nil { log(err) }`: the literal uses what it assigned
            // itself, as a scratch variable; it is not meant for the caller.
            if reads_after_last_assignment(literal, &name, src) {
                continue;
            }
            let bound = binding(target, &name, func, src);
            // A named result: what the literal assigns is what the caller receives.
            if bound.is_some_and(|b| b.parent() == func.field("result")) {
                continue;
            }
            let in_loop = syntax::enclosing_loop(defer).is_some();
            let mut positions = BTreeMap::new();
            let mut helper = None;
            for r in &returns {
                if r.start_byte() < defer.end_byte() && !in_loop {
                    continue;
                }
                let values = return_values(*r);
                for (i, v) in values.iter().enumerate() {
                    if refers_to(*v, &name, bound, func, src) {
                        positions.entry(i).or_insert(*r);
                    } else if helper.is_none() && passes_to_call(*v, &name, bound, func, src) {
                        helper = Some(*r);
                    }
                }
            }
            let line = |r: Node| r.start_position().row + 1;
            let position = match (positions.len(), helper) {
                (0, None) => continue,
                (0, Some(r)) => Err(format!(
                    "the return at line {} passes {name} through a call; naming the result would let the deferred assignment overwrite that call's value",
                    line(r)
                )),
                (1, _) => Ok(*positions.keys().next().expect("one position")),
                _ => Err(format!("{name} is returned in more than one position")),
            };
            candidates.push(Candidate { defer, name, bound, position });
        }
    }
    if candidates.is_empty() {
        return;
    }
    let plan = plan_function(func, &results, &candidates, &returns, package, src);
    // One finding per deferred literal, naming every variable it assigns.
    let mut i = 0;
    while i < candidates.len() {
        let defer = candidates[i].defer;
        let group: Vec<&Candidate> =
            candidates[i..].iter().take_while(|c| c.defer.id() == defer.id()).collect();
        i += group.len();
        let names: Vec<&str> = group.iter().map(|c| c.name.as_str()).collect();
        let into = if results.iter().any(|r| r.name.is_some()) { "the results" } else { "unnamed results" };
        let base = format!(
            "the deferred function assigns {} after `return` has copied {} into {into}: the caller never sees the new value",
            names.join(" and "),
            if names.len() == 1 { "it" } else { "them" },
        );
        let own_error = group.iter().find_map(|c| c.position.as_ref().err());
        let planned = match (own_error, &plan) {
            (Some(reason), _) | (None, Err(reason)) => Err(reason.clone()),
            (None, Ok(planned)) => Ok(planned.clone()),
        };
        let (message, fix) =
            describe(base, Some("names the results so that the assignment reaches the caller"), planned);
        findings.push(Finding { rule: NAME, start: defer.start_byte(), end: defer.end_byte(), message, fix });
    }
}

/// The one fix for every candidate of a function: name the results.
fn plan_function(
    func: Node,
    results: &[syntax::ResultParam],
    candidates: &[Candidate],
    returns: &[Node],
    package: Option<&Package>,
    src: &[u8],
) -> Result<(Fix, Option<String>), String> {
    if results.iter().any(|r| r.name.is_some()) {
        return Err("the results are already named; assign the named result instead".to_string());
    }
    let mut wanted: BTreeMap<usize, String> = BTreeMap::new();
    for c in candidates {
        let Ok(i) = c.position else { continue };
        let top = top_level_binding(func, &c.name, src);
        if c.bound.is_some() && c.bound.map(|b| b.id()) != top.map(|b| b.id()) {
            let where_ = if c.bound.is_some_and(|b| b.kind_name().contains("parameter")) {
                "is a parameter"
            } else {
                "is declared in an inner block"
            };
            return Err(format!("{} {where_}", c.name));
        }
        if let Some(other) = wanted.get(&i)
            && *other != c.name
        {
            return Err(format!("{} and {} are both returned in result {}", other, c.name, i + 1));
        }
        if wanted.iter().any(|(j, n)| *n == c.name && *j != i) {
            return Err(format!("{} is returned in more than one position", c.name));
        }
        wanted.insert(i, c.name.clone());
    }
    if wanted.is_empty() {
        return Err("no single result position".to_string());
    }
    // Every return must already return the variable in its position, except returns that run
    // before anything could observe the variable through a function literal.
    for (&i, name) in &wanted {
        let bound = top_level_binding(func, name, src);
        let first_literal = first_literal_using(func, name, src);
        for r in returns {
            let values = return_values(*r);
            if values.len() == results.len()
                && values.get(i).is_some_and(|v| refers_to(*v, name, bound, func, src))
            {
                continue;
            }
            let early = first_literal.is_some_and(|(start, in_loop)| !in_loop && r.end_byte() <= start);
            if !early {
                return Err(format!(
                    "the return at line {} does not return {name} as result {}",
                    r.start_position().row + 1,
                    i + 1
                ));
            }
        }
    }
    let names: Vec<(usize, String)> = wanted.into_iter().collect();
    // A `:=` from a call whose declaration (file, package, standard library) gives the
    // variable exactly the result's type.
    let known = |s: Node, name: &str, ty: &str| signatures::declares_with_type(s, name, ty, package, src);
    let naming = name_results(func, results, &names, &known, src)?;
    let mut unsafe_reason = naming.unsafe_reason;
    if unsafe_reason.is_none() && defers_recover(func, src) {
        unsafe_reason = Some(
            "a deferred function recovers panics; after one, the function now returns the named results' values instead of zero values"
                .to_string(),
        );
    }
    let applicability = if unsafe_reason.is_some() { Applicability::Unsafe } else { Applicability::Safe };
    Ok((Fix::new(applicability, naming.edits), unsafe_reason))
}

/// `func(...) {...}` of `defer func(...) {...}(...)`.
fn deferred_literal(defer: Node) -> Option<Node> {
    let call = defer.named_child(0).filter(|c| c.kind_name() == "call_expression")?;
    call.field("function").filter(|f| f.kind_name() == "func_literal")
}

/// Identifiers assigned inside `node`: `x = ...`, `a, x = ...`, `x += ...`, `x++`.
fn assigned_names(node: Node) -> Vec<Node> {
    let mut out = Vec::new();
    syntax::walk(node, |n| {
        match n.kind_name() {
            "assignment_statement" => {
                if let Some(left) = n.field("left") {
                    out.extend(list_items(left).into_iter().filter(|i| i.kind_name() == "identifier"));
                }
            }
            "inc_statement" | "dec_statement" => {
                out.extend(n.named_child(0).filter(|i| i.kind_name() == "identifier"));
            }
            _ => {}
        }
        Descend::Yes
    });
    out
}

/// Whether the literal reads `name` (its enclosing variable) after its last assignment to it.
fn reads_after_last_assignment(literal: Node, name: &str, src: &[u8]) -> bool {
    let Some(last) = assigned_names(literal)
        .into_iter()
        .filter(|t| text(*t, src) == name && binding(*t, name, literal, src).is_none())
        .filter_map(|t| syntax::ancestors(t).find(|a| a.kind_name().ends_with("_statement")))
        .max_by_key(|s| s.end_byte())
    else {
        return false;
    };
    let mut read = false;
    syntax::walk(literal, |n| {
        read |= n.kind_name() == "identifier"
            && text(n, src) == name
            && n.start_byte() >= last.end_byte()
            && binding(n, name, literal, src).is_none();
        Descend::Yes
    });
    read
}

/// The items of an expression list (or the single expression), without comments.
pub(super) fn list_items(list: Node) -> Vec<Node> {
    if list.kind_name() != "expression_list" {
        return vec![list];
    }
    let mut cursor = list.walk();
    list.named_children(&mut cursor).filter(|c| c.kind_name() != "comment").collect()
}

/// The values of a `return` statement.
pub(super) fn return_values(ret: Node) -> Vec<Node> {
    syntax::return_values(ret).map(list_items).unwrap_or_default()
}

/// Whether `expr` is the identifier `name` declared by `bound`.
fn refers_to(expr: Node, name: &str, bound: Option<Node>, func: Node, src: &[u8]) -> bool {
    let expr = unparen(expr);
    expr.kind_name() == "identifier"
        && text(expr, src) == name
        && binding(expr, name, func, src).map(|b| b.id()) == bound.map(|b| b.id())
}

/// Whether `expr` is a call with the identifier `name` (declared by `bound`) among its arguments.
fn passes_to_call(expr: Node, name: &str, bound: Option<Node>, func: Node, src: &[u8]) -> bool {
    let expr = unparen(expr);
    if expr.kind_name() != "call_expression" {
        return false;
    }
    let Some(args) = expr.field("arguments") else { return false };
    let mut cursor = args.walk();
    args.named_children(&mut cursor).any(|a| refers_to(a, name, bound, func, src))
}

fn unparen(mut expr: Node) -> Node {
    while expr.kind_name() == "parenthesized_expression" {
        match expr.named_child(0) {
            Some(inner) => expr = inner,
            None => break,
        }
    }
    expr
}

/// The first statement of the function's top-level block that declares `name`.
fn top_level_binding<'t>(func: Node<'t>, name: &str, src: &[u8]) -> Option<Node<'t>> {
    top_level_statements(func).into_iter().find(|s| declares(*s, name, src))
}

/// The statements of a function's body.
fn top_level_statements(func: Node) -> Vec<Node> {
    func.field("body").map(syntax::statements).unwrap_or_default()
}

/// The start of the first function literal in `func` that mentions `name`, and whether any
/// such literal is inside a loop (then it may exist before a statement of the loop runs again).
fn first_literal_using(func: Node, name: &str, src: &[u8]) -> Option<(usize, bool)> {
    let mut first = None;
    let mut in_loop = false;
    syntax::walk(func, |n| {
        if n.id() != func.id() && n.kind_name() == "func_literal" {
            if syntax::names_in(n, src).contains(name) {
                in_loop |= syntax::enclosing_loop(n).is_some();
                first.get_or_insert(n.start_byte());
            }
            return Descend::No;
        }
        Descend::Yes
    });
    first.map(|start| (start, in_loop))
}

/// Whether a deferred function literal in `func` calls `recover()`.
pub(super) fn defers_recover(func: Node, src: &[u8]) -> bool {
    let mut found = false;
    syntax::walk_same_function(func, |n| {
        if n.kind_name() == "defer_statement"
            && let Some(literal) = deferred_literal(n)
        {
            syntax::walk(literal, |m| {
                found |= m.kind_name() == "call_expression"
                    && m.field("function").is_some_and(|f| text(f, src) == "recover");
                Descend::Yes
            });
        }
    });
    found
}

/// Whether the statement or clause `s` declares `name` (for `:=`, also when it only reuses it).
pub(super) fn declares(s: Node, name: &str, src: &[u8]) -> bool {
    match s.kind_name() {
        "var_declaration" | "const_declaration" => {
            let mut found = false;
            syntax::walk(s, |n| {
                if matches!(n.kind_name(), "var_spec" | "const_spec") {
                    found |= declared_by(n, src).iter().any(|d| d == name);
                    return Descend::No;
                }
                Descend::Yes
            });
            found
        }
        "short_var_declaration" | "range_clause" | "receive_statement" => {
            declared_by(s, src).iter().any(|d| d == name)
        }
        "parameter_declaration" | "variadic_parameter_declaration" => {
            declared_by(s, src).iter().any(|d| d == name)
        }
        _ => false,
    }
}

/// Whether the identifier `at` is a name being declared (left of `:=`, a var or const name).
fn is_declaring(at: Node) -> bool {
    let Some(parent) = at.parent() else { return false };
    let parent =
        if parent.kind_name() == "expression_list" { parent.parent().unwrap_or(parent) } else { parent };
    match parent.kind_name() {
        "short_var_declaration" | "range_clause" | "receive_statement" => {
            parent.field("left").is_some_and(|l| syntax::contains(l, at))
        }
        "var_spec" | "const_spec" | "parameter_declaration" | "variadic_parameter_declaration" => {
            let mut c = parent.walk();
            parent.fields("name", &mut c).any(|n| n.id() == at.id())
        }
        _ => false,
    }
}

/// The declaration that `name`, as seen at `at`, refers to, looking outwards up to and
/// including the function `func`: a statement of a block, an `if`/`for`/`switch` header, a
/// `select` receive, or a parameter or result declaration. None when it is declared outside
/// `func` (an enclosing function, the package, or nowhere: a predeclared name).
///
/// A `:=` that redeclares a name of its own block resolves to the block's first declaration.
pub(super) fn binding<'t>(at: Node<'t>, name: &str, func: Node<'t>, src: &[u8]) -> Option<Node<'t>> {
    let declaring = at.kind_name() == "identifier" && text(at, src) == name && is_declaring(at);
    let mut child = at;
    for a in syntax::ancestors(at) {
        match a.kind_name() {
            "statement_list" => {
                // The top level of a function body shares its scope with the parameters and
                // results: a `:=` there reuses them.
                let body_of = a
                    .parent()
                    .and_then(|b| b.parent())
                    .filter(|f| syntax::is_function(*f) && f.field("body") == a.parent());
                if body_of.is_some_and(|f| parameter_declaring(f, name, src).is_some()) {
                    child = a;
                    continue;
                }
                let mut cursor = a.walk();
                for s in a.named_children(&mut cursor) {
                    let before = s.end_byte() <= child.start_byte();
                    let itself = s.id() == child.id() && declaring;
                    if !(before || itself) {
                        break;
                    }
                    if declares(s, name, src) {
                        return Some(s);
                    }
                }
            }
            "if_statement" | "expression_switch_statement" | "type_switch_statement" | "for_statement" => {
                let mut cursor = a.walk();
                let headers: Vec<Node> = a
                    .named_children(&mut cursor)
                    .filter(|c| {
                        matches!(c.kind_name(), "short_var_declaration" | "for_clause" | "range_clause")
                    })
                    .collect();
                for h in headers {
                    let decl = if h.kind_name() == "for_clause" {
                        match h.field("initializer") {
                            Some(i) => i,
                            None => continue,
                        }
                    } else {
                        h
                    };
                    if !declares(decl, name, src) {
                        continue;
                    }
                    // Bound in the rest of the statement, and where the header declares it.
                    if !syntax::contains(decl, at) || declaring {
                        return Some(decl);
                    }
                }
                if a.kind_name() == "type_switch_statement"
                    && let Some(alias) = a.field("alias")
                    && list_items(alias).iter().any(|i| text(*i, src) == name)
                    && a.field("value").is_none_or(|v| !syntax::contains(v, at))
                {
                    return Some(a);
                }
            }
            "communication_case" => {
                if let Some(comm) = a.field("communication")
                    && declares(comm, name, src)
                    && (!syntax::contains(comm, at) || declaring)
                {
                    return Some(comm);
                }
            }
            "func_literal" | "function_declaration" | "method_declaration" => {
                if let Some(p) = parameter_declaring(a, name, src) {
                    return Some(p);
                }
                if a.id() == func.id() {
                    return None;
                }
            }
            _ => {}
        }
        child = a;
    }
    None
}

/// The receiver, parameter or result declaration of `func` that declares `name`.
fn parameter_declaring<'t>(func: Node<'t>, name: &str, src: &[u8]) -> Option<Node<'t>> {
    for field in ["receiver", "parameters", "result"] {
        let Some(list) = func.field(field).filter(|l| l.kind_name() == "parameter_list") else {
            continue;
        };
        let mut cursor = list.walk();
        if let Some(p) = list.named_children(&mut cursor).find(|p| declares(*p, name, src)) {
            return Some(p);
        }
    }
    None
}

/// Edits naming a function's unnamed results, and why they may be unsafe.
pub(super) struct Naming {
    pub edits: Vec<Edit>,
    pub unsafe_reason: Option<String>,
}

/// Names the results of `func` (all unnamed): `names` gives the name for some positions, the
/// others become `_`. Each new name's declaration in the function's top-level block goes
/// (`var v T`) or becomes an assignment; `known_type` says whether a `:=` declaration is known
/// to give the variable exactly the result's type.
pub(super) fn name_results(
    func: Node,
    results: &[syntax::ResultParam],
    names: &[(usize, String)],
    known_type: &dyn Fn(Node, &str, &str) -> bool,
    src: &[u8],
) -> Result<Naming, String> {
    let body = func.field("body").ok_or("the function has no body")?;
    let result = func.field("result").ok_or("the function has no results")?;
    let mut has_goto = false;
    syntax::walk_same_function(body, |n| has_goto |= n.kind_name() == "goto_statement");
    if has_goto {
        return Err("the function has a goto".to_string());
    }
    let mut edits = Vec::new();
    let mut unsafe_reason = None;
    let new_names: HashSet<&str> = names.iter().map(|(_, n)| n.as_str()).collect();
    for (i, name) in names {
        let ty = results.get(*i).ok_or("no such result")?.ty;
        let ty_text = text(ty, src);
        // Every use of the name inside the function must be of a variable of the function:
        // one declared outside would be shadowed by the result.
        let mut outside = None;
        syntax::walk(body, |n| {
            if outside.is_none()
                && n.kind_name() == "identifier"
                && text(n, src) == name
                && binding(n, name, func, src).is_none()
            {
                outside = Some(n.start_position().row + 1);
            }
            Descend::Yes
        });
        if let Some(line) = outside {
            return Err(format!(
                "{name} at line {line} is a variable from outside the function, which a result named {name} would hide"
            ));
        }
        for field in ["receiver", "parameters"] {
            if let Some(list) = func.field(field) {
                let mut cursor = list.walk();
                if list.named_children(&mut cursor).any(|p| declares(p, name, src)) {
                    return Err(format!("{name} is a parameter of the function"));
                }
            }
        }
        let top = top_level_statements(func);
        let Some(first) = top.iter().copied().find(|s| declares(*s, name, src)) else {
            // Declared only in inner blocks (or not at all): the variable the deferred literal
            // assigns must be the top-level one.
            let mut inner = false;
            syntax::walk_same_function(body, |n| inner |= declares(n, name, src));
            if inner {
                return Err(format!("{name} is declared in an inner block"));
            }
            continue;
        };
        match first.kind_name() {
            "var_declaration" => {
                let specs = var_specs(first);
                let [spec] = specs.as_slice() else {
                    return Err(format!("{name} is declared together with other variables"));
                };
                let mut cursor = spec.walk();
                if spec.fields("name", &mut cursor).count() != 1 {
                    return Err(format!("{name} is declared together with other variables"));
                }
                let value = spec.field("value");
                match spec.field("type") {
                    Some(t) if text(t, src) != ty_text => {
                        return Err(format!(
                            "{name} is declared as {}, the result as {ty_text}",
                            text(t, src)
                        ));
                    }
                    Some(_) => {}
                    None if !syntax::is_basic_type(ty_text) => {
                        unsafe_reason.get_or_insert_with(|| inferred(name, ty_text));
                    }
                    None => {}
                }
                match value {
                    Some(v) => {
                        let values = list_items(v);
                        let [value] = values.as_slice() else {
                            return Err(format!("{name}'s declaration is not a single value"));
                        };
                        edits.push(Edit::replace(
                            first.start_byte(),
                            first.end_byte(),
                            format!("{name} = {}", text(*value, src)),
                        ));
                    }
                    None => edits.push(delete_statement(first, src).ok_or_else(|| {
                        format!("the declaration of {name} shares its line with other code or a comment")
                    })?),
                }
            }
            "short_var_declaration" => {
                if !syntax::is_basic_type(ty_text) && !known_type(first, name, ty_text) {
                    unsafe_reason.get_or_insert_with(|| inferred(name, ty_text));
                }
            }
            _ => return Err(format!("{name} is not declared as a variable")),
        }
        // Top-level `:=` that would declare nothing new once the name is a result.
        let mut known: HashSet<String> = new_names.iter().map(|n| n.to_string()).collect();
        for field in ["receiver", "parameters"] {
            if let Some(list) = func.field(field) {
                known.extend(crate::analysis::declared_names(list, src));
            }
        }
        for s in &top {
            if s.kind_name() == "short_var_declaration" && declares(*s, name, src) {
                let left = s.field("left").map(list_items).unwrap_or_default();
                let any_new = left.iter().any(|l| {
                    let n = text(*l, src);
                    n != "_" && !known.contains(n)
                });
                if !any_new {
                    let mut cursor = s.walk();
                    let op = s
                        .children(&mut cursor)
                        .find(|c| c.kind_name() == ":=")
                        .ok_or("no := in the declaration")?;
                    edits.push(Edit::replace(op.start_byte(), op.end_byte(), "="));
                }
            }
            if s.kind_name() == "var_declaration" {
                for spec in var_specs(*s) {
                    known.extend(declared_by(spec, src));
                }
            } else {
                known.extend(declared_by(*s, src));
            }
        }
    }
    // The result list itself.
    let name_at = |i: usize| names.iter().find(|(j, _)| *j == i).map_or("_", |(_, n)| n.as_str());
    if result.kind_name() == "parameter_list" {
        let mut cursor = result.walk();
        let decls: Vec<Node> = result.named_children(&mut cursor).collect();
        if decls.iter().any(|d| d.kind_name() != "parameter_declaration") {
            return Err("the result list has comments".to_string());
        }
        for (i, d) in decls.iter().enumerate() {
            let ty = d.field("type").ok_or("a result without a type")?;
            edits.push(Edit::insert(ty.start_byte(), format!("{} ", name_at(i))));
        }
    } else {
        edits.push(Edit::replace(
            result.start_byte(),
            result.end_byte(),
            format!("({} {})", name_at(0), text(result, src)),
        ));
    }
    Ok(Naming { edits, unsafe_reason })
}

fn inferred(name: &str, ty: &str) -> String {
    format!(
        "the type of {name} is inferred from its initial value; the fix assumes it is {ty}, the result's type"
    )
}

fn var_specs(decl: Node) -> Vec<Node> {
    let mut out = Vec::new();
    syntax::walk(decl, |n| {
        if n.kind_name() == "var_spec" {
            out.push(n);
            return Descend::No;
        }
        Descend::Yes
    });
    out
}

/// Deletes a statement that has its line(s) to itself, and a blank line it would leave doubled
/// or at the start of its block.
fn delete_statement(stmt: Node, src: &[u8]) -> Option<Edit> {
    let start = syntax::line_start(src, stmt.start_byte());
    if src[start..stmt.start_byte()].iter().any(|b| !matches!(b, b' ' | b'\t')) {
        return None;
    }
    let end = stmt.end_byte() + memchr::memchr(b'\n', &src[stmt.end_byte()..])? + 1;
    if src[stmt.end_byte()..end - 1].iter().any(|b| !matches!(b, b' ' | b'\t' | b'\r')) {
        return None;
    }
    let before = &src[..start];
    let prev_line_start = before.len().checked_sub(1).map_or(0, |p| syntax::line_start(src, p));
    let prev_line = &src[prev_line_start..start];
    let blank_before = prev_line.iter().all(|b| b.is_ascii_whitespace());
    let opens_block = prev_line.trim_ascii_end().ends_with(b"{");
    let blank_after = src.get(end) == Some(&b'\n');
    let delete_end = if blank_after && (blank_before || opens_block) { end + 1 } else { end };
    Some(Edit::delete(start, delete_end))
}
