//! The declaration a name refers to at a point of the file, found by Go's scope rules on
//! the syntax: the nearest enclosing block, parameter list or clause that declares it before
//! that point, else the file's top level. A name declared in no scope of the file (another
//! file of the package, an import, a predeclared name) has none.

use tree_sitter::Node;

use super::names::declared_by;
use crate::syntax::{self, Fields, KindName, text};

/// The node that declares `name` as seen at `at`: a short variable declaration, a var, const
/// or type spec, a parameter, a range clause, a receive, a type switch's alias list, a
/// package-level function; None when the name is declared outside the file (or predeclared).
pub fn binding<'t>(at: Node<'t>, name: &str, src: &[u8]) -> Option<Node<'t>> {
    let mut child = at;
    for a in syntax::ancestors(at) {
        let found = match a.kind_name() {
            "statement_list" => {
                let mut c = a.walk();
                let before: Vec<Node> =
                    a.named_children(&mut c).take_while(|s| s.end_byte() <= child.start_byte()).collect();
                before.iter().rev().find_map(|s| declares(*s, name, src))
            }
            "source_file" => {
                let mut c = a.walk();
                let top: Vec<Node> = a.named_children(&mut c).collect();
                top.iter().find_map(|s| match s.kind_name() {
                    "function_declaration" => s.field("name").filter(|n| text(*n, src) == name).map(|_| *s),
                    _ => declares(*s, name, src),
                })
            }
            "func_literal" | "function_declaration" | "method_declaration" => {
                let mut lists = Vec::new();
                if a.field("body").map(|b| b.id()) == Some(child.id()) {
                    lists.extend(["receiver", "parameters", "result"].iter().filter_map(|f| a.field(f)));
                }
                lists.extend(a.field("type_parameters"));
                lists.iter().find_map(|l| {
                    let mut c = l.walk();
                    let decls: Vec<Node> = l.named_children(&mut c).collect();
                    decls.into_iter().find(|d| {
                        let mut c = d.walk();
                        d.fields("name", &mut c).any(|n| text(n, src) == name)
                    })
                })
            }
            "if_statement" | "expression_switch_statement" | "type_switch_statement" => {
                let init = a.field("initializer").filter(|i| i.id() != child.id());
                let alias = (a.kind_name() == "type_switch_statement" && child.kind_name() == "type_case")
                    .then(|| a.field("alias"))
                    .flatten()
                    .filter(|al| expressions(*al).iter().any(|n| text(*n, src) == name));
                alias.or_else(|| init.and_then(|i| declares(i, name, src)))
            }
            "for_clause" => {
                a.field("initializer").filter(|i| i.id() != child.id()).and_then(|i| declares(i, name, src))
            }
            "for_statement" if a.field("body").map(|b| b.id()) == Some(child.id()) => {
                let mut c = a.walk();
                let clauses: Vec<Node> = a.named_children(&mut c).collect();
                clauses.into_iter().find_map(|cl| match cl.kind_name() {
                    "range_clause" => declares(cl, name, src),
                    "for_clause" => cl.field("initializer").and_then(|i| declares(i, name, src)),
                    _ => None,
                })
            }
            "communication_case" => {
                a.field("communication").filter(|c| c.id() != child.id()).and_then(|c| declares(c, name, src))
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        child = a;
    }
    None
}

/// The node through which `stmt` declares `name`, if it does (at its own level).
pub fn declares<'t>(stmt: Node<'t>, name: &str, src: &[u8]) -> Option<Node<'t>> {
    match stmt.kind_name() {
        "short_var_declaration" | "range_clause" | "receive_statement" => {
            declared_by(stmt, src).iter().any(|n| n == name).then_some(stmt)
        }
        "var_declaration" | "const_declaration" | "type_declaration" => {
            let mut specs = Vec::new();
            let mut c = stmt.walk();
            for child in stmt.named_children(&mut c) {
                if child.kind_name().ends_with("_list") {
                    let mut c2 = child.walk();
                    specs.extend(child.named_children(&mut c2));
                } else {
                    specs.push(child);
                }
            }
            specs.into_iter().find(|s| {
                let mut c = s.walk();
                matches!(s.kind_name(), "var_spec" | "const_spec" | "type_spec" | "type_alias")
                    && s.fields("name", &mut c).any(|n| text(n, src) == name)
            })
        }
        "labeled_statement" => syntax::labeled_inner(stmt).and_then(|s| declares(s, name, src)),
        _ => None,
    }
}

fn expressions(list: Node) -> Vec<Node> {
    if list.kind_name() != "expression_list" {
        return vec![list];
    }
    let mut c = list.walk();
    list.named_children(&mut c).filter(|e| e.kind_name() != "comment").collect()
}

/// Whether `error` means the predeclared interface throughout `func`: neither the function
/// (a local `type error = *myErr`), the file nor the package's other files declare a name
/// `error`. Rules that name a result `err error` or compare an `error` with nil rely on it.
pub fn predeclared_error(func: Node, package: Option<&crate::package::Package>, src: &[u8]) -> bool {
    // A type is declared only after the keyword `type`: most functions hold none, and are not
    // walked.
    let mut declared = false;
    if memchr::memmem::find(&src[func.byte_range()], b"type").is_some() {
        syntax::walk(func, |n| {
            if matches!(n.kind_name(), "type_spec" | "type_alias")
                && n.field("name").is_some_and(|name| text(name, src) == "error")
            {
                declared = true;
            }
            syntax::Descend::Yes
        });
    }
    if declared || binding(func, "error", src).is_some() {
        return false;
    }
    let root = super::callees::root(func);
    match (package, syntax::package_name(root, src)) {
        (Some(p), Some(clause)) => !p.declares_error(&clause),
        _ => true,
    }
}
