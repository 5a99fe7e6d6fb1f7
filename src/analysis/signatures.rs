//! The declared result types of the function a call runs, where the declaration can be seen:
//! a function of the file, of the package's other files, or of an imported standard package
//! (the installed toolchain's source). Rules that would otherwise take a variable's type from
//! its initial value (`n, err := parse(b)`) or guess what a call returns ask here first.
//!
//! Functions are answered, and methods called on a variable whose type its declaration shows
//! (`var zw *gzip.Writer`, or `zw := gzip.NewWriter(w)` through that function's declared
//! result); a generic function's or method's results may be its type parameters, so those are
//! not.
//! A callee named by a local variable (a func value), or declared differently by two files
//! (build-constrained twins), has no answer.

use tree_sitter::Node;

use super::{callees, scope};
use crate::package::Package;
use crate::syntax::{self, Fields, KindName, text};

/// The result types of a call's function, as the declaration spells them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    pub types: Vec<String>,
    /// Declared in another package: a type name without a qualifier is that package's.
    pub imported: bool,
}

impl Results {
    /// Whether result `index` has exactly the type spelled `ty` where the call is: the same
    /// text, and for an imported function only a predeclared type (its `Conn` is not ours).
    pub fn is(&self, index: usize, ty: &str) -> bool {
        self.types.get(index).is_some_and(|t| {
            t == ty && (!self.imported || syntax::is_basic_type(ty) || ty == "error" || ty == "any")
        })
    }
}

/// The result types of the function `call` runs, if its declaration is known.
pub fn call_results(call: Node, package: Option<&Package>, src: &[u8]) -> Option<Results> {
    let function = call.field("function")?;
    if call.field("type_arguments").is_some() {
        return None;
    }
    let root = callees::root(call);
    match function.kind_name() {
        "identifier" => {
            let name = text(function, src);
            // A local func value, or a parameter, named like a function.
            if scope::binding(function, name, src).is_some_and(|b| b.kind_name() != "function_declaration") {
                return None;
            }
            if let Some(decl) = callees::function(root, name, src) {
                if decl.field("type_parameters").is_some() {
                    return None;
                }
                let types = syntax::results(decl, src).iter().map(|r| text(r.ty, src).to_string()).collect();
                return Some(Results { types, imported: false });
            }
            let clause = syntax::package_name(root, src)?;
            agreeing(package?.functions(&clause, name).iter().map(|d| d.item), false)
        }
        "selector_expression" => {
            let operand = function.field("operand").filter(|o| o.kind_name() == "identifier")?;
            let pkg = text(operand, src);
            let name = text(function.field("field")?, src);
            if scope::binding(operand, pkg, src).is_some() {
                return method_results(operand, name, package, src);
            }
            let path = syntax::import_path_of(root, src, pkg)?;
            let imported = package?.imported(&path)?;
            agreeing(imported.functions("", name).iter().map(|d| d.item), true)
        }
        _ => None,
    }
}

/// A named type: declared in this package (None) or in the imported package at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub path: Option<String>,
    pub name: String,
}

/// The results of `x.name(...)` where `x` is a variable whose type the declarations show: its
/// written type (`var zw *gzip.Writer`, a parameter), or the declared result of the call that
/// made it (`zw := gzip.NewWriter(w)`). Only a method of a named type (or a pointer to one)
/// declared in the file, the package or an imported standard package is answered; an
/// embedded type's promoted method, an interface's method and a method of a type parameter
/// are not.
fn method_results(x: Node, name: &str, package: Option<&Package>, src: &[u8]) -> Option<Results> {
    let owner = variable_type(x, package, src)?;
    let root = callees::root(x);
    match owner.path {
        Some(path) => {
            let imported = package?.imported(&path)?;
            agreeing(imported.methods("", &owner.name, name).iter().map(|d| d.item), true)
        }
        None => {
            let here: Vec<Node> = callees::methods(root, name, src)
                .into_iter()
                .filter(|m| {
                    m.field("receiver").and_then(|r| syntax::receiver_type_name(r, src))
                        == Some(owner.name.as_str())
                })
                .collect();
            if let [decl] = here.as_slice() {
                if decl.field("type_parameters").is_some() {
                    return None;
                }
                let types = syntax::results(*decl, src).iter().map(|r| text(r.ty, src).to_string()).collect();
                return Some(Results { types, imported: false });
            }
            if !here.is_empty() {
                return None;
            }
            let clause = syntax::package_name(root, src)?;
            agreeing(package?.methods(&clause, &owner.name, name).iter().map(|d| d.item), false)
        }
    }
}

/// The named type of variable `x`, by its declaration.
pub fn variable_type(x: Node, package: Option<&Package>, src: &[u8]) -> Option<Named> {
    let name = text(x, src);
    let root = callees::root(x);
    if let Some(ty) = super::sync_types::written_type(x, src) {
        return named(text(ty, src), None, root, src);
    }
    // `x := call(...)` / `x, err := call(...)`: the call's declared result.
    let decl = scope::binding(x, name, src).filter(|d| d.kind_name() == "short_var_declaration")?;
    let targets = syntax::named_children_without_comments(decl.field("left")?);
    let values = syntax::named_children_without_comments(decl.field("right")?);
    let [call] = values.as_slice() else { return None };
    if call.kind_name() != "call_expression"
        || call.field("function").is_some_and(|f| {
            f.kind_name() != "selector_expression"
                || f.field("operand").is_some_and(|o| scope::binding(o, text(o, src), src).is_some())
        })
    {
        return None;
    }
    let index = targets.iter().position(|t| text(*t, src) == name)?;
    let results = call_results(*call, package, src)?;
    if results.types.len() != targets.len() {
        return None;
    }
    let function = call.field("function")?;
    let pkg = function.field("operand").map(|o| text(o, src))?;
    let path = syntax::import_path_of(root, src, pkg)?;
    named(&results.types[index], Some(path), root, src)
}

/// `T`, `*T` or `pkg.T`, `*pkg.T` as a named type; `in_package` is the import path a bare
/// `T` belongs to (None: this package).
fn named(spelled: &str, in_package: Option<String>, root: Node, src: &[u8]) -> Option<Named> {
    let bare = spelled.trim().strip_prefix('*').unwrap_or(spelled.trim());
    if bare.contains(['[', '(', ' ', '*']) || syntax::is_basic_type(bare) {
        return None;
    }
    match bare.split_once('.') {
        Some((pkg, name)) if in_package.is_none() => {
            Some(Named { path: Some(syntax::import_path_of(root, src, pkg)?), name: name.to_string() })
        }
        Some(_) => None,
        None => Some(Named { path: in_package, name: bare.to_string() }),
    }
}

/// The results every declaration gives, when there is at least one and they agree.
fn agreeing<'p>(
    declared: impl Iterator<Item = &'p crate::package::Function>,
    imported: bool,
) -> Option<Results> {
    let mut found: Option<Vec<String>> = None;
    for f in declared {
        if f.generic {
            return None;
        }
        let types: Vec<String> = f.results.iter().map(|r| r.type_text.clone()).collect();
        if found.as_ref().is_some_and(|t| *t != types) {
            return None;
        }
        found = Some(types);
    }
    found.map(|types| Results { types, imported })
}

/// Whether `stmt`, a `:=` declaration of `name` from one call (`n, err := parse(b)`), gives
/// `name` exactly the type spelled `ty`, by the declaration of the function it calls.
pub fn declares_with_type(stmt: Node, name: &str, ty: &str, package: Option<&Package>, src: &[u8]) -> bool {
    if stmt.kind_name() != "short_var_declaration" {
        return false;
    }
    let (Some(left), Some(right)) = (stmt.field("left"), stmt.field("right")) else {
        return false;
    };
    let (targets, values) =
        (syntax::named_children_without_comments(left), syntax::named_children_without_comments(right));
    let [call] = values.as_slice() else { return false };
    if call.kind_name() != "call_expression" {
        return false;
    }
    let Some(index) = targets.iter().position(|t| text(*t, src) == name) else { return false };
    call_results(*call, package, src).is_some_and(|r| r.types.len() == targets.len() && r.is(index, ty))
}
