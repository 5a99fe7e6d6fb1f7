//! The names a declaration introduces.

use std::collections::HashSet;

use tree_sitter::Node;

use crate::syntax::{self, Descend, Fields, KindName, text};

/// Names declared anywhere inside `node`: short variable declarations, var and const specs,
/// parameters, range and receive clauses with `:=`, type-switch aliases.
pub fn declared_names(node: Node, src: &[u8]) -> HashSet<String> {
    let mut names = HashSet::new();
    syntax::walk(node, |n| {
        names.extend(declared_by(n, src));
        Descend::Yes
    });
    names
}

/// The names one declaring node introduces.
pub fn declared_by(n: Node, src: &[u8]) -> Vec<String> {
    let idents = |list: Option<Node>| -> Vec<String> {
        let Some(list) = list else { return Vec::new() };
        if list.kind_name() == "identifier" {
            return vec![text(list, src).to_string()];
        }
        let mut c = list.walk();
        list.named_children(&mut c)
            .filter(|i| i.kind_name() == "identifier")
            .map(|i| text(i, src).to_string())
            .collect()
    };
    let has_define = || {
        let mut c = n.walk();
        n.children(&mut c).any(|t| t.kind_name() == ":=")
    };
    match n.kind_name() {
        "short_var_declaration" => idents(n.field("left")),
        "range_clause" | "receive_statement" if has_define() => idents(n.field("left")),
        "var_spec" | "const_spec" | "parameter_declaration" | "variadic_parameter_declaration" => {
            let mut c = n.walk();
            n.fields("name", &mut c).map(|i| text(i, src).to_string()).collect()
        }
        "type_switch_statement" => idents(n.field("alias")),
        _ => Vec::new(),
    }
}

/// Whether `ident` names a parameter of a function literal around it, below `stop`: then it is
/// not the variable of the same name outside the literal, and the literal does not capture it.
pub fn literal_parameter(ident: Node, stop: Node, src: &[u8]) -> bool {
    syntax::ancestors(ident)
        .take_while(|a| a.id() != stop.id())
        .filter(|a| a.kind_name() == "func_literal")
        .filter_map(|l| l.field("parameters"))
        .any(|params| declared_names(params, src).contains(text(ident, src)))
}
