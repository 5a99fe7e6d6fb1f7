//! `defer-func-result`: a deferred call whose result, a cleanup function, is thrown away.
//!
//! ## What it detects
//! `defer f(args)` where `f` is a function declared at the top level of the same file, not
//! shadowed in the deferring function, with exactly one result, of a function type (`func()`,
//! `func() error`, or a type the file declares as one, e.g. `type stopFunc func()`): the shape
//! of setup functions that return their own cleanup. staticcheck reports this as SA9010
//! ("returned function is never called"). Methods, calls through variables and functions of
//! other files are not looked at.
//!
//! ## Why it matters
//! `defer f()` runs `f` itself when the function returns and discards the function it
//! returns: the setup happens at the end instead of the start, and the cleanup never runs
//! (the timer is never stopped, the lock never released, the temporary directory never
//! removed).
//!
//! ## Example
//! ```go
//! func trace(name string) func() { ... }
//!
//! defer trace("load")
//! ```
//! becomes
//! ```go
//! defer trace("load")()
//! ```
//!
//! ## Fix safety
//! - Unsafe, always: `defer f()()` calls `f` at the `defer` statement and defers what it
//!   returns, which is what the returned function is for, but `f` then runs at a different
//!   time than it did, and a nil result would panic at return.
//! - No fix: the returned function takes parameters, so there is nothing to call it with.

use std::collections::HashMap;

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::analysis::declared_names;
use crate::fix::{Applicability, Edit, Finding, Fix, describe};
use crate::prefilter::Triggers;
use crate::syntax::{self, KindName, text};

pub struct DeferFuncResult;

pub const NAME: &str = "defer-func-result";

impl Transform for DeferFuncResult {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "defer of a call that returns a function discards it: the cleanup it returns never runs"
    }

    fn triggers(&self) -> Triggers {
        &[&["defer"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        let root = file.tree.root_node();
        let func_types = function_types(root, src);
        let mut functions: HashMap<&str, (Node, Node)> = HashMap::new();
        let mut cursor = root.walk();
        for decl in root.named_children(&mut cursor).filter(|d| d.kind_name() == "function_declaration") {
            let Some(name) = decl.child_by_field_name("name") else { continue };
            let results = syntax::results(decl, src);
            if decl.child_by_field_name("type_parameters").is_none()
                && let [only] = results.as_slice()
                && let Some(ty) = resolve(only.ty, &func_types, src)
            {
                functions.insert(text(name, src), (only.ty, ty));
            }
        }
        if functions.is_empty() {
            return;
        }
        for &d in &file.nodes.defers {
            let Some(call) = d.named_child(0).filter(|c| c.kind_name() == "call_expression") else {
                continue;
            };
            let Some(callee) = call.child_by_field_name("function").filter(|f| f.kind_name() == "identifier")
            else {
                continue;
            };
            let name = text(callee, src);
            let Some(&(spelled, ty)) = functions.get(name) else { continue };
            if syntax::outermost_function(d).is_none_or(|top| declared_names(top, src).contains(name)) {
                continue;
            }
            let shown = match text(call, src) {
                t if t.len() <= 60 && !t.contains('\n') => t.to_string(),
                _ => format!("{name}(...)"),
            };
            let base = format!(
                "`defer {shown}` runs {name} only when the function returns and discards the function it returns (`{}`), so that cleanup never runs",
                text(spelled, src)
            );
            let takes_args = ty.child_by_field_name("parameters").is_some_and(|p| p.named_child_count() > 0);
            let planned = if takes_args {
                Err("the returned function takes parameters; call it by hand".to_string())
            } else {
                let fix = Fix::new(Applicability::Unsafe, vec![Edit::insert(call.end_byte(), "()")]);
                let reason = format!(
                    "{name} then runs at the defer statement instead of at return, and a nil result would panic at return"
                );
                Ok((fix, Some(reason)))
            };
            let how = format!("`defer {shown}()` calls {name} now and defers the function it returns");
            let (message, fix) = describe(base, Some(&how), planned);
            findings.push(Finding { rule: NAME, start: d.start_byte(), end: d.end_byte(), message, fix });
        }
    }
}

/// Top-level `type name func(...)` declarations (not generic), by name.
fn function_types<'t>(root: Node<'t>, src: &[u8]) -> HashMap<String, Node<'t>> {
    let mut types = HashMap::new();
    let mut cursor = root.walk();
    for decl in root.named_children(&mut cursor).filter(|d| d.kind_name() == "type_declaration") {
        let mut c = decl.walk();
        for spec in
            decl.named_children(&mut c).filter(|s| matches!(s.kind_name(), "type_spec" | "type_alias"))
        {
            if spec.child_by_field_name("type_parameters").is_none()
                && let (Some(name), Some(ty)) =
                    (spec.child_by_field_name("name"), spec.child_by_field_name("type"))
                && ty.kind_name() == "function_type"
            {
                types.insert(text(name, src).to_string(), ty);
            }
        }
    }
    types
}

/// The function type a result type is, written out or through a declared name.
fn resolve<'t>(ty: Node<'t>, func_types: &HashMap<String, Node<'t>>, src: &[u8]) -> Option<Node<'t>> {
    match ty.kind_name() {
        "function_type" => Some(ty),
        "parenthesized_type" => ty.named_child(0).and_then(|inner| resolve(inner, func_types, src)),
        "type_identifier" => func_types.get(text(ty, src)).copied(),
        _ => None,
    }
}
