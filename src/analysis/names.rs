//! The names a declaration introduces.

use std::collections::HashSet;

use tree_sitter::Node;

use crate::syntax::{self, Descend, Fields, KindName, text};
use crate::transforms::GoFile;

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

/// Whether anything inside `node` (itself included) declares `name`: the same answer as
/// `declared_names(node, src).contains(name)`, found without a walk (see [`holders`]).
pub fn declares_inside(file: &GoFile, node: Node, name: &str) -> bool {
    holders(file, node, name).any(|a| declared_by(a, file.src).iter().any(|d| d == name))
}

/// The nodes inside `node` that may declare or assign `name`, from the file's words: what
/// declares or assigns a name holds it as a leaf, its child or its list's child (see
/// [`declared_by`]), so they are the parents and grandparents of the name's leaves. Some come
/// twice, and not in the order of a walk.
pub fn holders<'t>(file: &GoFile<'t>, node: Node<'t>, name: &str) -> impl Iterator<Item = Node<'t>> {
    let range = node.byte_range();
    file.leaves_in(range.clone(), name)
        .into_iter()
        .flat_map(|leaf| syntax::ancestors(leaf).take(2))
        .filter(move |a| range.start <= a.start_byte() && a.end_byte() <= range.end)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::langver::GoVersion;

    /// `declares_inside` answers what a walk answers, for every function of the fixtures and
    /// every name spelled in it.
    #[test]
    fn the_leaves_answer_what_the_walk_answers() {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        let (mut asked, mut declared) = (0, 0);
        for dir in std::fs::read_dir("transforms").unwrap() {
            let cases = dir.unwrap().path().join("cases");
            for entry in std::fs::read_dir(cases).into_iter().flatten().take(12) {
                let Ok(src) = std::fs::read(entry.unwrap().path()) else { continue };
                let tree = parser.parse(&src, None).unwrap();
                let file = GoFile::new(&src, &tree, GoVersion::parse("1.22").unwrap());
                let mut functions = Vec::new();
                syntax::walk(tree.root_node(), |n| {
                    if syntax::is_function(n) {
                        functions.push(n);
                    }
                    Descend::Yes
                });
                for func in functions {
                    let walked = declared_names(func, &src);
                    let mut names = HashSet::new();
                    syntax::walk(func, |n| {
                        if n.kind_name() == "identifier" {
                            names.insert(text(n, &src).to_string());
                        }
                        Descend::Yes
                    });
                    for name in names {
                        let found = declares_inside(&file, func, &name);
                        assert_eq!(found, walked.contains(&name), "{name} at {:?}", func.start_position());
                        asked += 1;
                        declared += usize::from(found);
                    }
                }
            }
        }
        assert!(asked > 1_000 && declared > 300, "{asked} asked, {declared} declared");
    }
}
