//! The declared result types of the function a call runs, where the declaration can be seen:
//! a function of the file, of the package's other files, or of an imported standard package
//! (the installed toolchain's source). Rules that would otherwise take a variable's type from
//! its initial value (`n, err := parse(b)`) or guess what a call returns ask here first.
//!
//! Only plain functions are answered: a method's declaration depends on its receiver's type,
//! which the syntax cannot tell, and a generic function's results may be its type parameters.
//! A callee named by a local variable (a func value), or declared differently by two files
//! (build-constrained twins), has no answer.

use tree_sitter::Node;

use super::{callees, scope};
use crate::package::Package;
use crate::syntax::{self, KindName, text};

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
    let function = call.child_by_field_name("function")?;
    if call.child_by_field_name("type_arguments").is_some() {
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
                if decl.child_by_field_name("type_parameters").is_some() {
                    return None;
                }
                let types = syntax::results(decl, src).iter().map(|r| text(r.ty, src).to_string()).collect();
                return Some(Results { types, imported: false });
            }
            let clause = syntax::package_name(root, src)?;
            agreeing(package?.functions(&clause, name).iter().map(|d| d.item), false)
        }
        "selector_expression" => {
            let operand = function.child_by_field_name("operand").filter(|o| o.kind_name() == "identifier")?;
            let pkg = text(operand, src);
            if scope::binding(operand, pkg, src).is_some() {
                return None;
            }
            let path = syntax::import_path_of(root, src, pkg)?;
            let name = text(function.child_by_field_name("field")?, src);
            let imported = package?.imported(&path)?;
            agreeing(imported.functions("", name).iter().map(|d| d.item), true)
        }
        _ => None,
    }
}

/// The results every declaration gives, when there is at least one and they agree.
fn agreeing<'p>(declared: impl Iterator<Item = &'p crate::package::Function>, imported: bool) -> Option<Results> {
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
    let (Some(left), Some(right)) = (stmt.child_by_field_name("left"), stmt.child_by_field_name("right")) else {
        return false;
    };
    let (targets, values) = (items(left), items(right));
    let [call] = values.as_slice() else { return false };
    if call.kind_name() != "call_expression" {
        return false;
    }
    let Some(index) = targets.iter().position(|t| text(*t, src) == name) else { return false };
    call_results(*call, package, src).is_some_and(|r| r.types.len() == targets.len() && r.is(index, ty))
}

fn items(list: Node) -> Vec<Node> {
    let mut c = list.walk();
    list.named_children(&mut c).filter(|n| n.kind_name() != "comment").collect()
}
