//! Whether a selector names the same storage every time it is evaluated while its root
//! variable keeps its value: `s.mu`, `s.inner.mu` where each field on the way is a struct
//! value, so that `&s.inner.mu` is `s` plus a fixed offset.
//!
//! A deferred `s.cur.mu.Unlock()` in a loop looks like the same lock every iteration, but
//! `cur` is a pointer field: a method of `s` may advance it (`s.cur = s.cur.next`) without the
//! loop ever assigning `s`, and the loop then locks a chain of nodes hand over hand. Only the
//! declared types can tell: the fields come from struct types of the file or of the package's
//! other files (the package model). A pointer, interface, map, slice, chan or func field on
//! the way, an embedded field promoted through another, a type of another package before the
//! last step, or any field whose declaration cannot be found, gives false.

use tree_sitter::Node;

use super::sync_types::written_type;
use crate::package::{Kind, Package, declared_types};
use crate::syntax::{self, KindName, text};

/// Whether `expr` is a root identifier followed by value fields only (the root itself may be a
/// pointer: the caller checks that it is not reassigned).
pub fn fixed_offset(expr: Node, package: Option<&Package>, src: &[u8]) -> bool {
    let mut fields: Vec<&str> = Vec::new();
    let mut at = expr;
    while at.kind_name() == "selector_expression" {
        let (Some(operand), Some(field)) = (at.child_by_field_name("operand"), at.child_by_field_name("field"))
        else {
            return false;
        };
        fields.push(text(field, src));
        at = operand;
    }
    if at.kind_name() != "identifier" {
        return false;
    }
    if fields.is_empty() {
        return true;
    }
    fields.reverse();
    let Some(root_type) = written_type(at, src) else { return false };
    let root_type = if root_type.kind_name() == "pointer_type" {
        match root_type.named_child(0) {
            Some(t) => t,
            None => return false,
        }
    } else {
        root_type
    };
    if root_type.kind_name() != "type_identifier" {
        return false;
    }
    let file = super::callees::root(expr);
    let local = declared_types(file, src);
    let clause = syntax::package_name(file, src);
    let mut owner = text(root_type, src).to_string();
    for (i, name) in fields.iter().enumerate() {
        let last = i + 1 == fields.len();
        let Some((kind, type_text)) = field_of(&owner, name, &local, package, clause.as_deref()) else {
            return false;
        };
        match kind {
            Kind::Struct | Kind::Named(_) | Kind::Array if last => return true,
            Kind::Named(n) if !n.contains('.') => owner = type_text,
            _ => return false,
        }
    }
    false
}

/// The kind and type of field `name` of the non-generic struct type `owner`, declared in the
/// file or, agreeing, in the package's other files.
fn field_of(
    owner: &str,
    name: &str,
    local: &std::collections::HashMap<String, crate::package::TypeDecl>,
    package: Option<&Package>,
    clause: Option<&str>,
) -> Option<(Kind, String)> {
    let find = |decl: &crate::package::TypeDecl| {
        if decl.generic || decl.alias || decl.kind != Kind::Struct {
            return None;
        }
        let f = decl.fields.iter().find(|f| f.name.as_deref() == Some(name))?;
        Some((f.kind.clone(), f.type_text.clone()))
    };
    if let Some(decl) = local.get(owner) {
        return find(decl);
    }
    let declared = package?.types(clause?, owner);
    let mut found = None;
    for d in &declared {
        let this = find(d.item)?;
        if found.as_ref().is_some_and(|f| *f != this) {
            return None;
        }
        found = Some(this);
    }
    found
}
