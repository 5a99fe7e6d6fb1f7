//! `defer-func-result`: a deferred call whose result, a cleanup function, is thrown away.
//!
//! ## What it detects
//! `defer f(args)` whose call returns exactly one result, of a function type (`func()`,
//! `func() error`, or a type declared as one, e.g. `type stopFunc func()`), where `f` is:
//! a function declared at the top level of the file, or of another file of the package (read
//! through the package model; every declaration of it must agree), not generic and not
//! shadowed in the deferring function; a function of an imported standard package, read from
//! the installed toolchain's source; or a function literal called on the spot (`defer func()
//! func() {...}()`, which grpc-go had). This is the shape of setup functions that return their
//! own cleanup. staticcheck reports it as SA9010 ("returned function is never called").
//! Methods and calls through variables are not looked at.
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
use crate::analysis::{callees, declares_inside};
use crate::fix::{Applicability, Edit, Finding, Fix, describe};
use crate::package::{Kind, Package};
use crate::prefilter::Triggers;
use crate::syntax::{self, Fields, KindName, text};

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
        let mut functions: HashMap<&str, (String, bool)> = HashMap::new();
        let mut cursor = root.walk();
        for decl in root.named_children(&mut cursor).filter(|d| d.kind_name() == "function_declaration") {
            let Some(name) = decl.field("name") else { continue };
            let results = syntax::results(decl, src);
            if decl.field("type_parameters").is_none()
                && let [only] = results.as_slice()
                && let Some(ty) = resolve(only.ty, &func_types, src)
            {
                functions.insert(text(name, src), (text(only.ty, src).to_string(), takes_parameters(ty)));
            }
        }
        let clause = syntax::package_name(root, src).unwrap_or_default();
        for &d in &file.nodes.defers {
            let Some(call) = d.named_child(0).filter(|c| c.kind_name() == "call_expression") else {
                continue;
            };
            let Some(callee) = call.field("function") else { continue };
            let found = match callee.kind_name() {
                "identifier" => {
                    let name = text(callee, src);
                    let known = functions.get(name);
                    // Cheap answers first: a name the file declares as something else, or a
                    // builtin, is no candidate whatever the function declares.
                    if known.is_none()
                        && (callees::function(root, name, src).is_some() || syntax::is_predeclared(name))
                    {
                        continue;
                    }
                    let local =
                        syntax::outermost_function(d).is_none_or(|top| declares_inside(file, top, name));
                    if local {
                        continue;
                    }
                    match known {
                        Some((spelled, takes_args)) => {
                            Some((name.to_string(), spelled.clone(), *takes_args, None))
                        }
                        None => file
                            .package
                            .and_then(|p| package_function(p, &clause, name, &func_types))
                            .map(|(spelled, takes_args, file_name)| {
                                (name.to_string(), spelled, takes_args, Some(file_name))
                            }),
                    }
                }
                "selector_expression" => imported_function(file, callee, root, src),
                "func_literal" => literal_result(callee, file, &clause, &func_types, src)
                    .map(|(spelled, takes_args)| ("the literal".to_string(), spelled, takes_args, None)),
                _ => None,
            };
            let Some((name, spelled, takes_args, declared_in)) = found else { continue };
            let shown = match text(call, src) {
                t if t.len() <= 60 && !t.contains('\n') => t.to_string(),
                _ if callee.kind_name() == "func_literal" => "func() {...}()".to_string(),
                _ => format!("{}(...)", text(callee, src)),
            };
            let declared = declared_in.map(|f| format!(", declared in {f}")).unwrap_or_default();
            let base = format!(
                "`defer {shown}` runs {name} only when the function returns and discards the function it returns (`{spelled}`{declared}), so that cleanup never runs"
            );
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

/// Whether a function type takes parameters.
fn takes_parameters(ty: Node) -> bool {
    ty.field("parameters").is_some_and(|p| p.named_child_count() > 0)
}

/// Whether a function type, as spelled (`func(err error)`, `func() error`), takes parameters.
fn spelled_takes_parameters(spelled: &str) -> Option<bool> {
    let rest = spelled.trim().strip_prefix("func")?.trim_start().strip_prefix('(')?;
    Some(!rest.trim_start().starts_with(')'))
}

/// A function that another file of the package declares, with one result of a function type
/// (written out, or a type of this file or the package): the result as spelled, whether it
/// takes parameters, and the file. Every declaration must agree.
fn package_function(
    package: &Package,
    clause: &str,
    name: &str,
    func_types: &HashMap<String, Node>,
) -> Option<(String, bool, String)> {
    let declared = package.functions(clause, name);
    let mut found = None;
    for d in &declared {
        let [only] = d.item.results.as_slice() else { return None };
        if d.item.generic {
            return None;
        }
        let takes_args = match &only.kind {
            Kind::Func => spelled_takes_parameters(&only.type_text)?,
            Kind::Named(n) => match func_types.get(n) {
                Some(ty) => takes_parameters(*ty),
                None => {
                    let types = package.types(clause, n);
                    let [t] = types.as_slice() else { return None };
                    (t.item.kind == Kind::Func && !t.item.generic).then_some(())?;
                    spelled_takes_parameters(&t.item.spelled)?
                }
            },
            _ => return None,
        };
        let this = (only.type_text.clone(), takes_args, d.file.to_string());
        if found.as_ref().is_some_and(|(s, t, _): &(String, bool, String)| (s, t) != (&this.0, &this.1)) {
            return None;
        }
        found.get_or_insert(this);
    }
    found
}

/// `defer pkg.F(...)` where `pkg` is an import and the installed toolchain's source of the
/// standard package declares `F` with one result of a function type written out.
fn imported_function(
    file: &GoFile,
    callee: Node,
    root: Node,
    src: &[u8],
) -> Option<(String, String, bool, Option<String>)> {
    let operand = callee.field("operand").filter(|o| o.kind_name() == "identifier")?;
    let pkg = text(operand, src);
    // An import's name first (cheap), then that no local of the function shadows it.
    let path = syntax::import_path_of(root, src, pkg)?;
    if crate::analysis::binding(operand, pkg, src).is_some() {
        return None;
    }
    let name = text(callee.field("field")?, src);
    let imported = file.package?.imported(&path)?;
    let declared = imported.functions("", name);
    let [d] = declared.as_slice() else { return None };
    let [only] = d.item.results.as_slice() else { return None };
    if d.item.generic || only.kind != Kind::Func {
        return None;
    }
    let takes_args = spelled_takes_parameters(&only.type_text)?;
    Some((format!("{pkg}.{name}"), only.type_text.clone(), takes_args, None))
}

/// `defer func() func() {...}()`: a literal whose one result is of a function type.
fn literal_result(
    literal: Node,
    file: &GoFile,
    clause: &str,
    func_types: &HashMap<String, Node>,
    src: &[u8],
) -> Option<(String, bool)> {
    let result = literal.field("result")?;
    let ty = match result.kind_name() {
        "parameter_list" => {
            let mut c = result.walk();
            let params: Vec<Node> =
                result.named_children(&mut c).filter(|p| p.kind_name() != "comment").collect();
            let [only] = params.as_slice() else { return None };
            let mut c = only.walk();
            if only.fields("name", &mut c).count() > 1 {
                return None;
            }
            only.field("type")?
        }
        _ => result,
    };
    if let Some(resolved) = resolve(ty, func_types, src) {
        return Some((text(ty, src).to_string(), takes_parameters(resolved)));
    }
    // A function type another file of the package declares.
    let name = (ty.kind_name() == "type_identifier").then(|| text(ty, src))?;
    let types = file.package?.types(clause, name);
    let [t] = types.as_slice() else { return None };
    (t.item.kind == Kind::Func && !t.item.generic).then_some(())?;
    Some((name.to_string(), spelled_takes_parameters(&t.item.spelled)?))
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
            if spec.field("type_parameters").is_none()
                && let (Some(name), Some(ty)) = (spec.field("name"), spec.field("type"))
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

#[cfg(test)]
mod tests {
    use crate::engine::{Options, process_lines};
    use crate::package::Packages;

    /// `defer context.AfterFunc(ctx, f)` registers f only at return and drops the stop
    /// function: read from the installed toolchain's context package.
    #[test]
    fn a_standard_function_that_returns_a_func() {
        if std::process::Command::new("go").arg("version").output().is_err() {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "go is needed on CI");
            eprintln!("skipped: go is not installed, the standard library's source is not at hand");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.go");
        let src = "package p\n\nimport \"context\"\n\nfunc f(ctx context.Context) {\n\tdefer context.AfterFunc(ctx, func() {})\n}\n";
        std::fs::write(&path, src).unwrap();
        let options = Options {
            transforms: vec![&super::DeferFuncResult],
            unsafe_fixes: false,
            apply_fixes: false,
            report_unused_suppressions: false,
            changed: None,
        };
        let packages = Packages::default();
        let outcome =
            process_lines(src.as_bytes(), None, None, &options, None, packages.of_file(&path).as_ref());
        let messages: Vec<&str> = outcome.findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].contains("discards the function it returns (`func() bool`)"), "{messages:?}");
    }
}
