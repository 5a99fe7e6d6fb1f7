//! Whether an expression is a `sync.Mutex`, `sync.RWMutex`, `sync.Locker` or
//! `sync.WaitGroup` (or a pointer to one), as the file's declarations show it.
//!
//! A rule that rewrites `mu.Lock()` into `mu.Unlock()`, or moves `wg.Add(1)`, relies on what
//! those methods do; a method merely named `Lock` or `Add` (`atomic.Int64.Add`, a file lock,
//! a semaphore) promises nothing. The answer follows declarations through Go's scopes
//! (`scope::binding`): a variable's declared type or the type its value spells
//! (`sync.WaitGroup{}`, `&sync.Mutex{}`, `new(sync.RWMutex)`), a parameter's or receiver's
//! type, a field of a struct type the file declares (embedded `sync.Mutex` included, as the
//! field `Mutex`), an element of a slice, array or map whose type is written, through aliases
//! (`type M = sync.Mutex`). A type declared in another file, a defined type
//! (`type M sync.Mutex`, which has no methods), an interface or anything else gives None.

use tree_sitter::Node;

use super::scope::binding;
use crate::syntax::{Fields, KindName, text};

/// The types of package sync whose methods rules rely on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncType {
    Mutex,
    RWMutex,
    /// The `sync.Locker` interface: `Lock` and `Unlock`, by its contract.
    Locker,
    WaitGroup,
}

impl SyncType {
    pub fn spelled(self) -> &'static str {
        match self {
            SyncType::Mutex => "sync.Mutex",
            SyncType::RWMutex => "sync.RWMutex",
            SyncType::Locker => "sync.Locker",
            SyncType::WaitGroup => "sync.WaitGroup",
        }
    }
}

/// The sync type `expr` has, when the file's declarations show it. `sync` is the name the
/// file imports package sync as (None: not imported, so no expression can be of its types).
pub fn sync_type(expr: Node, sync: Option<&str>, src: &[u8]) -> Option<SyncType> {
    let sync = sync?;
    let ty = type_of(expr, src, 0)?;
    classify(ty, sync, src, 0)
}

/// The type node the file writes for `expr`'s type (a variable's declaration, a field of a
/// struct the file declares, an element), if it spells one.
pub fn written_type<'t>(expr: Node<'t>, src: &[u8]) -> Option<Node<'t>> {
    type_of(expr, src, 0)
}

/// How deep declarations are followed (a type through aliases, a field through its owner).
const MAX_DEPTH: usize = 8;

/// The type node written for `expr`'s type, if the file spells it.
fn type_of<'t>(expr: Node<'t>, src: &[u8], depth: usize) -> Option<Node<'t>> {
    if depth > MAX_DEPTH {
        return None;
    }
    match expr.kind_name() {
        "parenthesized_expression" => type_of(expr.named_child(0)?, src, depth + 1),
        "identifier" => {
            let name = text(expr, src);
            let decl = binding(expr, name, src)?;
            declared_type(decl, name, src, depth)
        }
        "selector_expression" => {
            let owner = strip_pointer(type_of(expr.field("operand")?, src, depth + 1)?)?;
            let field = text(expr.field("field")?, src);
            let strukt = struct_of(owner, src, depth + 1)?;
            field_type(strukt, field, src)
        }
        "unary_expression" if expr.field("operator").is_some_and(|o| o.kind_name() == "*") => {
            let ty = type_of(expr.field("operand")?, src, depth + 1)?;
            (ty.kind_name() == "pointer_type").then(|| ty.named_child(0)).flatten()
        }
        "index_expression" => {
            let mut ty = type_of(expr.field("operand")?, src, depth + 1)?;
            if ty.kind_name() == "pointer_type" {
                ty = ty.named_child(0).filter(|t| t.kind_name() == "array_type")?;
            }
            match ty.kind_name() {
                "slice_type" | "array_type" => ty.field("element"),
                "map_type" => ty.field("value"),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The type a declaration gives `name`: written, or spelled by its value.
fn declared_type<'t>(decl: Node<'t>, name: &str, src: &[u8], depth: usize) -> Option<Node<'t>> {
    match decl.kind_name() {
        "parameter_declaration" => decl.field("type"),
        "var_spec" => {
            if let Some(t) = decl.field("type") {
                return Some(t);
            }
            let mut c = decl.walk();
            let index = decl.fields("name", &mut c).position(|n| text(n, src) == name)?;
            value_type(*expressions(decl.field("value")?).get(index)?, src, depth)
        }
        "short_var_declaration" => {
            let left = expressions(decl.field("left")?);
            let right = expressions(decl.field("right")?);
            if left.len() != right.len() {
                return None;
            }
            let index = left.iter().position(|n| text(*n, src) == name)?;
            value_type(right[index], src, depth)
        }
        // `for _, wg := range groups`: the element (or a map's key) of what is ranged over.
        "range_clause" => {
            let left = expressions(decl.field("left")?);
            let index = left.iter().position(|n| text(*n, src) == name)?;
            let mut ty = type_of(decl.field("right")?, src, depth + 1)?;
            if ty.kind_name() == "pointer_type" {
                ty = ty.named_child(0).filter(|t| t.kind_name() == "array_type")?;
            }
            match (ty.kind_name(), index) {
                ("slice_type" | "array_type", 1) => ty.field("element"),
                ("map_type", 0) => ty.field("key"),
                ("map_type", 1) => ty.field("value"),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The type a value spells: `T{...}`, `&T{...}` and `new(T)` (a pointer to T: the caller
/// strips it), `make(T, ...)`.
fn value_type<'t>(value: Node<'t>, src: &[u8], depth: usize) -> Option<Node<'t>> {
    if depth > MAX_DEPTH {
        return None;
    }
    match value.kind_name() {
        "composite_literal" => value.field("type"),
        "parenthesized_expression" => value_type(value.named_child(0)?, src, depth + 1),
        "unary_expression" if value.field("operator").is_some_and(|o| o.kind_name() == "&") => {
            value_type(value.field("operand")?, src, depth + 1)
        }
        "call_expression" => {
            let f = value.field("function")?;
            let name = text(f, src);
            if f.kind_name() != "identifier"
                || !matches!(name, "new" | "make")
                || binding(f, name, src).is_some()
            {
                return None;
            }
            let args = value.field("arguments")?;
            let mut c = args.walk();
            let list: Vec<Node> =
                args.named_children(&mut c).filter(|a| a.kind_name() != "comment").collect();
            // `new(T)` is a pointer to T, `make(T, n)` a T: the caller strips the pointer.
            match (name, list.as_slice()) {
                ("new", [t]) | ("make", [t, ..]) => Some(*t),
                _ => None,
            }
        }
        _ => None,
    }
}

fn strip_pointer(ty: Node) -> Option<Node> {
    if ty.kind_name() == "pointer_type" { ty.named_child(0) } else { Some(ty) }
}

/// The struct type `ty` names: written in place, or a non-generic type the file declares.
fn struct_of<'t>(ty: Node<'t>, src: &[u8], depth: usize) -> Option<Node<'t>> {
    if depth > MAX_DEPTH {
        return None;
    }
    match ty.kind_name() {
        "struct_type" => Some(ty),
        "parenthesized_type" => struct_of(ty.named_child(0)?, src, depth + 1),
        "type_identifier" => {
            let spec = binding(ty, text(ty, src), src)?;
            if !matches!(spec.kind_name(), "type_spec" | "type_alias")
                || spec.field("type_parameters").is_some()
            {
                return None;
            }
            struct_of(spec.field("type")?, src, depth + 1)
        }
        _ => None,
    }
}

/// The type of the struct's field `name`: a named field, or an embedded one (`sync.Mutex`,
/// `*sync.Mutex`, `T`), whose field name is its type's name.
fn field_type<'t>(strukt: Node<'t>, name: &str, src: &[u8]) -> Option<Node<'t>> {
    let list = strukt.named_child(0).filter(|l| l.kind_name() == "field_declaration_list")?;
    let mut c = list.walk();
    let fields: Vec<Node> =
        list.named_children(&mut c).filter(|f| f.kind_name() == "field_declaration").collect();
    fields.into_iter().find_map(|f| {
        let ty = f.field("type")?;
        let mut c = f.walk();
        let names: Vec<Node> = f.fields("name", &mut c).collect();
        let matches = if names.is_empty() {
            let base = strip_pointer(ty)?;
            let spelled = match base.kind_name() {
                "qualified_type" => base.field("name").map(|n| text(n, src)),
                "type_identifier" => Some(text(base, src)),
                _ => None,
            };
            spelled == Some(name)
        } else {
            names.iter().any(|n| text(*n, src) == name)
        };
        matches.then_some(ty)
    })
}

/// The sync type a type node is, through a pointer and the file's aliases.
fn classify(ty: Node, sync: &str, src: &[u8], depth: usize) -> Option<SyncType> {
    if depth > MAX_DEPTH {
        return None;
    }
    let ty = strip_pointer(ty)?;
    let (package, name) = match ty.kind_name() {
        "qualified_type" => (ty.field("package")?, ty.field("name")?),
        // `new(sync.Mutex)`: the argument may read as an expression.
        "selector_expression" => (ty.field("operand")?, ty.field("field")?),
        "parenthesized_type" => return classify(ty.named_child(0)?, sync, src, depth + 1),
        "type_identifier" => {
            // Only an alias has the methods of the type it names.
            let spec = binding(ty, text(ty, src), src).filter(|s| s.kind_name() == "type_alias")?;
            return classify(spec.field("type")?, sync, src, depth + 1);
        }
        _ => return None,
    };
    // The package name must be the import, not a local variable or type of that name.
    if text(package, src) != sync || binding(package, sync, src).is_some() {
        return None;
    }
    match text(name, src) {
        "Mutex" => Some(SyncType::Mutex),
        "RWMutex" => Some(SyncType::RWMutex),
        "Locker" => Some(SyncType::Locker),
        "WaitGroup" => Some(SyncType::WaitGroup),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{self, Descend};

    /// The sync type of the receiver of each `X.M()` call statement of `src`'s `f`.
    fn receivers(src: &str) -> Vec<(String, Option<SyncType>)> {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        let tree = parser.parse(src, None).unwrap();
        let sync = syntax::import_name(&tree, src.as_bytes(), "sync");
        let mut out = Vec::new();
        syntax::walk(tree.root_node(), |n| {
            if n.kind_name() == "expression_statement"
                && let Some(call) = n.named_child(0).filter(|c| c.kind_name() == "call_expression")
                && let Some(f) = call.field("function").filter(|f| f.kind_name() == "selector_expression")
                && let Some(operand) = f.field("operand")
            {
                out.push((
                    text(operand, src.as_bytes()).to_string(),
                    sync_type(operand, sync.as_deref(), src.as_bytes()),
                ));
            }
            Descend::Yes
        });
        out
    }

    #[test]
    fn declarations_give_the_type() {
        let src = "package p\n\nimport s \"sync\"\n\ntype A = s.RWMutex\ntype D s.Mutex\n\ntype T struct {\n\tmu   s.Mutex\n\twg   *s.WaitGroup\n\ts.RWMutex\n\tlocks []s.Mutex\n\tother lock\n}\n\nfunc (t *T) f(l s.Locker, ws map[string]*s.WaitGroup) {\n\tvar a A\n\tvar d D\n\tb := &s.WaitGroup{}\n\tc := new(s.Mutex)\n\tt.mu.Lock()\n\tt.wg.Add(1)\n\tt.RWMutex.RLock()\n\tt.locks[0].Lock()\n\tt.other.Lock()\n\tl.Lock()\n\tws[\"x\"].Add(1)\n\tfor _, w := range ws {\n\t\tw.Add(1)\n\t}\n\ta.RLock()\n\td.Lock()\n\tb.Add(1)\n\tc.Lock()\n\tunknown.Lock()\n\t{\n\t\tb := counter{}\n\t\tb.Add(1)\n\t}\n}\n";
        let got = receivers(src);
        let want = [
            ("t.mu", Some(SyncType::Mutex)),
            ("t.wg", Some(SyncType::WaitGroup)),
            ("t.RWMutex", Some(SyncType::RWMutex)),
            ("t.locks[0]", Some(SyncType::Mutex)),
            ("t.other", None),
            ("l", Some(SyncType::Locker)),
            ("ws[\"x\"]", Some(SyncType::WaitGroup)),
            ("w", Some(SyncType::WaitGroup)),
            ("a", Some(SyncType::RWMutex)),
            ("d", None),
            ("b", Some(SyncType::WaitGroup)),
            ("c", Some(SyncType::Mutex)),
            ("unknown", None),
            ("b", None),
        ];
        let want: Vec<(String, Option<SyncType>)> = want.iter().map(|(e, t)| (e.to_string(), *t)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_shadowed_package_name_is_not_sync() {
        let src = "package p\n\nimport \"sync\"\n\nfunc f() {\n\tsync := fake{}\n\tvar mu sync.Mutex\n\tmu.Lock()\n}\n";
        assert_eq!(receivers(src), [("mu".to_string(), None)]);
    }
}
