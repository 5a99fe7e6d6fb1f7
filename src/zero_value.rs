//! The zero value of a type as a maintainer writes it: `nil`, `T{}`, `0`, `""` or `false`,
//! from the kind of the type. A named type's kind comes from its declaration: in the file, in
//! another file of the package (the package model), in the standard library's table
//! (`stdlib`), or in the installed toolchain's source of an imported standard package.
//! `*new(T)` is left only where the kind is not known (a type parameter, a local type, a
//! dependency's type).

use tree_sitter::Node;

use crate::package::{Kind, Package, declared_types};
use crate::stdlib;
use crate::syntax::{self, Fields, KindName, text};
use crate::transforms::GoFile;

/// How deep `type A B` chains are followed.
const DEPTH: usize = 4;

/// The zero value of the type `ty`, a type node of `file` (a result type, say), as an
/// expression that may be returned where that type is expected.
pub fn zero_value(file: &GoFile, ty: Node) -> String {
    let spelled = text(ty, file.src);
    match kind_of(file, ty) {
        Some(Kind::Struct | Kind::Array) => format!("{spelled}{{}}"),
        Some(Kind::Basic(basic)) => basic_zero(&basic).to_string(),
        Some(Kind::Interface | Kind::Pointer | Kind::Func | Kind::Map | Kind::Slice | Kind::Chan) => {
            "nil".to_string()
        }
        Some(Kind::Named(_)) | None => format!("*new({spelled})"),
    }
}

fn basic_zero(basic: &str) -> &'static str {
    match basic {
        "string" => "\"\"",
        "bool" => "false",
        _ => "0",
    }
}

/// The kind of a type node, named types resolved to their declarations.
fn kind_of(file: &GoFile, ty: Node) -> Option<Kind> {
    let src = file.src;
    let root = file.tree.root_node();
    let node = match ty.kind_name() {
        "generic_type" => ty.field("type")?,
        "parenthesized_type" => return kind_of(file, ty.named_child(0)?),
        _ => ty,
    };
    match node.kind_name() {
        "qualified_type" => {
            let pkg = text(node.field("package")?, src);
            let name = text(node.field("name")?, src);
            let path = syntax::import_path_of(root, src, pkg)?;
            imported_kind(file.package, &path, name)
        }
        "type_identifier" => {
            let name = text(node, src);
            if let known @ Some(_) = Some(Kind::of(node, src)).filter(|k| !matches!(k, Kind::Named(_))) {
                return known;
            }
            if is_type_parameter_or_local(ty, name, src) {
                return None;
            }
            let own = declared_types(root, src);
            let package = file.package;
            let clause = syntax::package_name(root, src)?;
            let declared = match own.get(name) {
                Some(t) => Some(t.kind.clone()),
                None => package_kind(package?, &clause, name)?,
            };
            follow(declared, DEPTH, &|next| match own.get(next) {
                Some(t) => Some(t.kind.clone()),
                None => package_kind(package?, &clause, next)?,
            })
        }
        _ => Some(Kind::of(node, src)),
    }
}

/// Follows a named kind through `type A B` declarations with `lookup`.
fn follow(kind: Option<Kind>, depth: usize, lookup: &dyn Fn(&str) -> Option<Kind>) -> Option<Kind> {
    match kind? {
        Kind::Named(next) if depth > 0 && !next.contains('.') && !next.contains('[') => {
            follow(lookup(&next), depth - 1, lookup)
        }
        Kind::Named(_) => None,
        other => Some(other),
    }
}

/// The one kind every declaration of `name` in the package's other files gives it; None
/// (outer) when it is declared nowhere there, Some(None) when declarations disagree.
fn package_kind(package: &Package, clause: &str, name: &str) -> Option<Option<Kind>> {
    let kinds: Vec<Kind> = package.types(clause, name).iter().map(|d| d.item.kind.clone()).collect();
    let first = kinds.first()?.clone();
    Some(kinds.iter().all(|k| *k == first).then_some(first))
}

/// The kind of `path.name`: the standard library's table, or the toolchain's source.
fn imported_kind(package: Option<&Package>, path: &str, name: &str) -> Option<Kind> {
    if let Some(kind) = stdlib::type_kind(path, name) {
        return Some(kind);
    }
    let imported = package?.imported(path)?;
    let kind = package_kind(&imported, "", name)??;
    follow(Some(kind), DEPTH, &|next| package_kind(&imported, "", next).flatten())
}

/// Whether `name` is a type parameter of a function around `at` (or of its receiver's type),
/// or a type declared inside one: its kind is not the package's.
fn is_type_parameter_or_local(at: Node, name: &str, src: &[u8]) -> bool {
    syntax::ancestors(at).filter(|a| syntax::is_function(*a)).any(|func| {
        let parameters =
            func.field("type_parameters").is_some_and(|p| syntax::names_in(p, src).contains(name));
        let receiver = func.field("receiver").is_some_and(|r| {
            syntax::descendants_of_kind(r, "type_arguments")
                .iter()
                .chain(syntax::descendants_of_kind(r, "type_parameter_list").iter())
                .any(|list| syntax::names_in(*list, src).contains(name) || text(*list, src).contains(name))
        });
        let local = func.field("body").is_some_and(|b| {
            syntax::descendants_of_kind(b, "type_spec")
                .iter()
                .chain(syntax::descendants_of_kind(b, "type_alias").iter())
                .any(|spec| spec.field("name").is_some_and(|n| text(n, src) == name))
        });
        parameters || receiver || local
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::langver::GoVersion;
    use crate::package::Packages;

    fn zeros(files: &[(&str, &str)]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let src = files[0].1.as_bytes();
        let parsed = crate::parse::parse(src).unwrap();
        let packages = Packages::default();
        let package = packages.of_file(&dir.path().join(files[0].0));
        let mut file = GoFile::new(src, &parsed.tree, GoVersion::parse("1.22").unwrap());
        file.package = package.as_ref();
        let func = syntax::descendants_of_kind(parsed.tree.root_node(), "function_declaration")[0];
        syntax::results(func, src).iter().map(|r| zero_value(&file, r.ty)).collect()
    }

    #[test]
    fn zero_values_by_kind_from_the_file_the_package_and_the_standard_library() {
        let main = "package p\n\nimport (\n\t\"net\"\n\t\"time\"\n)\n\ntype local struct{}\n\ntype Names []string\n\nfunc f() (int, error, *local, local, map[string]int, time.Duration, time.Time, net.Conn, struct{}, Conn, Parser, Count, Flag, Names, [2]int) {\n}\n";
        let sibling = "package p\n\ntype Conn interface{ Close() error }\n\ntype Parser struct{ n int }\n\ntype Count Size\n\ntype Size uint64\n\ntype Flag = bool\n";
        assert_eq!(
            zeros(&[("a.go", main), ("b.go", sibling)]),
            [
                "0",
                "nil",
                "nil",
                "local{}",
                "nil",
                "0",
                "time.Time{}",
                "nil",
                "struct{}{}",
                "nil",
                "Parser{}",
                "0",
                "false",
                "nil",
                "[2]int{}"
            ]
        );
    }

    #[test]
    fn unknown_kinds_keep_new() {
        let main =
            "package p\n\nimport \"example.com/dep\"\n\nfunc f[T any]() (T, dep.Thing, Missing) {\n}\n";
        assert_eq!(zeros(&[("a.go", main)]), ["*new(T)", "*new(dep.Thing)", "*new(Missing)"]);
    }
}
