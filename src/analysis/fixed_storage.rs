//! Whether a lock expression names the same lock every time a function evaluates it: `mu`,
//! `s.mu`, `s.inner.mu` where the root keeps its address (a value) or its value (a pointer
//! nothing changes) and each field on the way is a struct value, so that `&s.inner.mu` is the
//! root plus a fixed offset.
//!
//! A deferred `s.cur.mu.Unlock()` in a loop looks like the same lock every iteration, but
//! `cur` is a pointer field: a method of `s` may advance it (`s.cur = s.cur.next`) without the
//! loop ever assigning `s`, and the loop then locks a chain of nodes hand over hand. Only the
//! declared types can tell: the fields come from struct types of the file or of the package's
//! other files (the package model). A pointer, interface, map, slice, chan or func field on
//! the way, an embedded field promoted through another, a type of another package before the
//! last step, or any field whose declaration cannot be found, gives false. (A sibling file's
//! `sync.Mutex` is taken to name package sync: the summary does not keep its imports.)

use tree_sitter::Node;

use super::changes::{How, changes};
use super::sync_types::written_type;
use crate::package::{Kind, Package, declared_types};
use crate::syntax::{self, Fields, KindName, text};

/// What kind of lock a fixed lock expression names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockType {
    Mutex,
    RWMutex,
    /// A type of the package declaring the method itself: what its Lock does is its own.
    Own,
}

/// Whether `expr`, the receiver of a `Lock`/`Unlock` call in `func`, names the same
/// lock every time `func` evaluates it:
/// - its root is a variable of a value type (a lock, or a struct holding one), whose address
///   never changes; or a pointer declared in `func` (a local or a parameter) that nothing in
///   `func` assigns, takes the address of or assigns from a function literal (a package-level
///   pointer may be moved by any call);
/// - each field from the root on is a value field of a struct type of the file or the
///   package, and the last is declared `sync.Mutex` or `sync.RWMutex` (a lock embedded in the
///   root's type, `s.Lock()`, is its field `Mutex`). A pointer, an interface (`sync.Locker`),
///   an alias or a type of another package on the way is not proven.
///
/// A lock type of the package declaring the method itself also counts (as `Own`).
pub fn fixed_lock(
    expr: Node,
    method: &str,
    func: Node,
    package: Option<&Package>,
    src: &[u8],
) -> Option<LockType> {
    let mut fields: Vec<&str> = Vec::new();
    let mut at = expr;
    while at.kind_name() == "selector_expression" {
        let (Some(operand), Some(field)) = (at.field("operand"), at.field("field")) else {
            return None;
        };
        fields.push(text(field, src));
        at = operand;
    }
    if at.kind_name() != "identifier" {
        return None;
    }
    fields.reverse();
    let file = super::callees::root(expr);
    let sync_imported = syntax::import_path_of(file, src, "sync").as_deref() == Some("sync");
    let is_lock = |spelled: &str| sync_imported && matches!(spelled, "sync.Mutex" | "sync.RWMutex");
    // A field declared in another file names the sync that file imports.
    let is_lock_field = |owner: &str, spelled: &str| {
        matches!(spelled, "sync.Mutex" | "sync.RWMutex")
            && (sync_imported || !declared_types(file, src).contains_key(owner))
    };
    let root_type = written_type(at, src)?;
    let (pointer, root_type) = match root_type.kind_name() {
        "pointer_type" => match root_type.named_child(0) {
            Some(t) => (true, t),
            None => return None,
        },
        _ => (false, root_type),
    };
    if pointer && !pointer_stays(at, func, src) {
        return None;
    }
    let spelled = text(root_type, src);
    if fields.is_empty() && is_lock(spelled) {
        return lock_type(spelled);
    }
    if root_type.kind_name() != "type_identifier" {
        return None;
    }
    let local = declared_types(file, src);
    let clause = syntax::package_name(file, src);
    let field = |owner: &str, name: &str| field_of(owner, name, &local, package, clause.as_deref());
    // A value of a struct type is the lock when the type declares the method itself (a lock
    // type of the package's own), or embeds a sync lock by value.
    let lock_value = |owner: &str| -> Option<LockType> {
        let declared_here =
            local.get(owner).is_some_and(|d| d.kind == Kind::Struct && !d.alias && !d.generic);
        let declared_there = !local.contains_key(owner)
            && package.zip(clause.as_deref()).is_some_and(|(p, c)| {
                let types = p.types(c, owner);
                !types.is_empty()
                    && types.iter().all(|d| d.item.kind == Kind::Struct && !d.item.alias && !d.item.generic)
            });
        if !declared_here && !declared_there {
            return None;
        }
        let own_method = if declared_here {
            let methods = super::callees::methods(file, method, src);
            !methods.is_empty()
                && methods.iter().any(|m| {
                    m.field("receiver").and_then(|r| syntax::receiver_type_name(r, src)) == Some(owner)
                })
        } else {
            package.zip(clause.as_deref()).is_some_and(|(p, c)| !p.methods(c, owner, method).is_empty())
        };
        if own_method {
            return Some(LockType::Own);
        }
        ["Mutex", "RWMutex"].iter().find_map(|m| {
            field(owner, m).filter(|(_, t)| is_lock_field(owner, t)).and_then(|(_, t)| lock_type(&t))
        })
    };
    let mut owner = spelled.to_string();
    if fields.is_empty() {
        return lock_value(&owner);
    }
    for (i, name) in fields.iter().enumerate() {
        let (kind, type_text) = field(&owner, name)?;
        if i + 1 == fields.len() {
            if is_lock_field(&owner, &type_text) {
                return lock_type(&type_text);
            }
            return if matches!(&kind, Kind::Named(n) if !n.contains('.')) {
                lock_value(&type_text)
            } else {
                None
            };
        }
        match kind {
            Kind::Named(n) if !n.contains('.') => owner = type_text,
            _ => return None,
        }
    }
    None
}

fn lock_type(spelled: &str) -> Option<LockType> {
    match spelled {
        "sync.Mutex" => Some(LockType::Mutex),
        "sync.RWMutex" => Some(LockType::RWMutex),
        _ => None,
    }
}

/// Whether the pointer variable `root` is declared in `func` and keeps its value there: no
/// assignment, no address taken, no function literal assigning it.
fn pointer_stays(root: Node, func: Node, src: &[u8]) -> bool {
    let name = text(root, src);
    let Some(decl) = super::scope::binding(root, name, src) else { return false };
    if !syntax::contains(func, decl) {
        return false;
    }
    let Some(body) = func.field("body") else { return false };
    changes(body, name, src).iter().all(|c| match c.how {
        How::MethodCall => true,
        // `&p` itself, not `&p.f`: only the former lets code change `p`.
        How::AddressTaken => {
            c.node.kind_name() == "unary_expression"
                && c.node.field("operand").is_some_and(|o| o.kind_name() != "identifier")
        }
        How::Written | How::InLiteral => !assigns_itself(c.node, name, src),
    })
}

/// Whether a write statement assigns the variable `name` itself (not a field or element of
/// what it points to); a statement the rule cannot read counts as one.
fn assigns_itself(write: Node, name: &str, src: &[u8]) -> bool {
    let Some(targets) = super::changes::write_targets(write) else { return true };
    targets.iter().any(|t| {
        let mut t = *t;
        while t.kind_name() == "parenthesized_expression" {
            match t.named_child(0) {
                Some(inner) => t = inner,
                None => return true,
            }
        }
        t.kind_name() == "identifier" && text(t, src) == name
    })
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
