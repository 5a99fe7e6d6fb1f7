//! Questions every transform asks of a Go parse tree: enclosing function and loop, jump
//! targets, terminating statements, names in use, result types, import names, indentation.
//!
//! Traversals here are iterative (tree cursors and parent links), never recursive on the Rust
//! stack, so deeply nested code cannot overflow it.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::num::NonZeroU16;
use std::rc::Rc;
use std::sync::LazyLock;
use tree_sitter::{Node, Tree, TreeCursor};

static LANGUAGE: LazyLock<tree_sitter::Language> = LazyLock::new(|| tree_sitter_go::LANGUAGE.into());

/// Node kind names indexed by kind id. `Node::kind()` measures and UTF-8-checks the C string
/// of the name on every call, which profiling showed to be an eighth of all the work; this
/// table answers the same question with an index.
static KIND_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    (0..LANGUAGE.node_kind_count())
        .map(|id| u16::try_from(id).ok().and_then(|id| LANGUAGE.node_kind_for_id(id)).unwrap_or(""))
        .collect()
});

/// `Node::kind` by table lookup (see `KIND_NAMES`); clippy.toml disallows the slow one.
pub trait KindName {
    fn kind_name(&self) -> &'static str;
}

impl KindName for Node<'_> {
    #[inline]
    fn kind_name(&self) -> &'static str {
        KIND_NAMES.get(usize::from(self.kind_id())).copied().unwrap_or("")
    }
}

/// Field ids by name. `Node::child_by_field_name` finds a field's id by comparing the name
/// with the grammar's field names one by one, which profiling put at 1.5% of a run; this map
/// answers with one lookup.
static FIELD_IDS: LazyLock<HashMap<&'static str, NonZeroU16>> = LazyLock::new(|| {
    (1..=LANGUAGE.field_count())
        .filter_map(|id| {
            let id = u16::try_from(id).ok()?;
            Some((LANGUAGE.field_name_for_id(id)?, NonZeroU16::new(id)?))
        })
        .collect()
});

/// A node's children by field name, with the field's id from `FIELD_IDS`; clippy.toml
/// disallows `child_by_field_name` and `children_by_field_name`, which look it up each call.
pub trait Fields<'t> {
    /// The child in field `name`, as `Node::child_by_field_name`.
    fn field(&self, name: &str) -> Option<Node<'t>>;
    /// The children in field `name`, as `Node::children_by_field_name`.
    fn fields<'c>(&self, name: &str, cursor: &'c mut TreeCursor<'t>) -> impl Iterator<Item = Node<'t>> + 'c
    where
        't: 'c;
}

impl<'t> Fields<'t> for Node<'t> {
    #[inline]
    fn field(&self, name: &str) -> Option<Node<'t>> {
        self.child_by_field_id(FIELD_IDS.get(name)?.get())
    }

    fn fields<'c>(&self, name: &str, cursor: &'c mut TreeCursor<'t>) -> impl Iterator<Item = Node<'t>> + 'c
    where
        't: 'c,
    {
        // No node has a field of an id past the grammar's: an unknown name has no children.
        let id = FIELD_IDS.get(name).copied().unwrap_or(NonZeroU16::MAX);
        self.children_by_field_id(id, cursor)
    }
}

/// The text of a node. Identifiers and keywords are always UTF-8; other nodes with invalid
/// UTF-8 (inside comments or strings) read as empty, which no caller compares against.
pub fn text<'a>(node: Node, src: &'a [u8]) -> &'a str {
    std::str::from_utf8(&src[node.byte_range()]).unwrap_or("")
}

pub fn is_function(node: Node) -> bool {
    matches!(node.kind_name(), "function_declaration" | "method_declaration" | "func_literal")
}

/// Statements that an unlabelled `break` leaves.
pub fn is_breakable(node: Node) -> bool {
    matches!(
        node.kind_name(),
        "for_statement" | "expression_switch_statement" | "type_switch_statement" | "select_statement"
    )
}

/// Whether a traversal should look inside a node's children.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Descend {
    Yes,
    No,
}

/// Visits `root` and its descendants in source order, without recursion.
pub fn walk<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>) -> Descend) {
    let mut cursor = root.walk();
    // Counted here: the cursor's own depth() walks its stack on every call.
    let mut depth = 0usize;
    loop {
        if visit(cursor.node()) == Descend::Yes && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if depth == 0 {
                return;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            depth -= 1;
        }
    }
}

/// Visits the descendants of `root` that belong to the same function: function literals are
/// visited themselves but not entered.
pub fn walk_same_function<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>)) {
    walk(root, |n| {
        visit(n);
        if n.id() != root.id() && n.kind_name() == "func_literal" { Descend::No } else { Descend::Yes }
    });
}

/// Every node of `kind` in `root`'s subtree, in source order.
pub fn descendants_of_kind<'t>(root: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    let mut found = Vec::new();
    walk(root, |n| {
        if n.kind_name() == kind {
            found.push(n);
        }
        Descend::Yes
    });
    found
}

/// Ancestors of `node`, nearest first, not including `node`.
///
/// Found in one descent from the root, as tree-sitter advises: a tree keeps no links to
/// parents, so each `Node::parent` descends from the root itself, and walking up by it costs a
/// descent per step (a sixth of a run's instructions went there).
pub fn ancestors(node: Node) -> impl Iterator<Item = Node> {
    let mut chain = Vec::new();
    let mut at = root_of(node);
    while at.id() != node.id() {
        chain.push(at);
        match at.child_with_descendant(node) {
            Some(next) => at = next,
            None => break,
        }
    }
    chain.into_iter().rev()
}

/// The root of the tree `node` belongs to.
fn root_of(node: Node) -> Node {
    let raw = node.into_raw();
    // SAFETY: a node holds a pointer to its tree, which outlives the node's lifetime 'tree;
    // the tree's root node borrows the same tree for the same lifetime. This is how
    // `ts_node_parent` itself finds the root, and the Rust binding exposes no safe way.
    unsafe { Node::from_raw(tree_sitter::ffi::ts_tree_root_node(raw.tree)) }
}

/// Ancestors up to and including the nearest function (declaration, method or literal).
pub fn ancestors_in_function(node: Node) -> impl Iterator<Item = Node> {
    let mut done = false;
    ancestors(node).take_while(move |n| {
        if done {
            return false;
        }
        done = is_function(*n);
        true
    })
}

pub fn enclosing_function(node: Node) -> Option<Node> {
    ancestors(node).find(|n| is_function(*n))
}

/// The nearest `for` statement around `node` inside the same function.
/// The top-level function or method declaration (or the outermost function literal, for one at
/// package level) around `node`.
pub fn outermost_function(node: Node) -> Option<Node> {
    ancestors(node).filter(|n| is_function(*n)).last()
}

pub fn enclosing_loop(node: Node) -> Option<Node> {
    ancestors_in_function(node).find(|n| n.kind_name() == "for_statement")
}

/// How a function is named in messages.
pub fn function_display_name(func: Node, src: &[u8]) -> String {
    match func.field("name") {
        Some(name) => text(name, src).to_string(),
        None => "the enclosing function literal".to_string(),
    }
}

/// The label of a `break`, `continue` or `goto`, if any.
pub fn jump_label<'a>(jump: Node, src: &'a [u8]) -> Option<&'a str> {
    let mut cursor = jump.walk();

    jump.named_children(&mut cursor).find(|c| c.kind_name() == "label_name").map(|l| text(l, src))
}

/// The statement a `break` or `continue` leaves (for a labelled one, the labelled statement's
/// inner statement), or for a `goto` the `labeled_statement` it jumps to. None when the
/// target cannot be found in the function (code that would not compile).
pub fn jump_target<'t>(jump: Node<'t>, src: &[u8]) -> Option<Node<'t>> {
    let label = jump_label(jump, src);
    match (jump.kind_name(), label) {
        ("goto_statement", Some(label)) => {
            let func = enclosing_function(jump)?;
            let mut found = None;
            walk_same_function(func, |n| {
                if found.is_none() && n.kind_name() == "labeled_statement" && label_of(n, src) == Some(label)
                {
                    found = Some(n);
                }
            });
            found
        }
        (_, Some(label)) => ancestors_in_function(jump)
            .find(|n| n.kind_name() == "labeled_statement" && label_of(*n, src) == Some(label))
            .and_then(labeled_inner),
        ("continue_statement", None) => {
            ancestors_in_function(jump).find(|n| n.kind_name() == "for_statement")
        }
        ("break_statement", None) => ancestors_in_function(jump).find(|n| is_breakable(*n)),
        _ => None,
    }
}

pub fn label_of<'a>(labeled: Node, src: &'a [u8]) -> Option<&'a str> {
    labeled.field("label").map(|l| text(l, src))
}

/// The statement a `labeled_statement` labels.
pub fn labeled_inner(labeled: Node) -> Option<Node> {
    let mut cursor = labeled.walk();

    labeled.named_children(&mut cursor).find(|c| c.kind_name() != "label_name" && c.kind_name() != "comment")
}

/// Whether `inner` lies within `outer` (or is it).
pub fn contains(outer: Node, inner: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// The values a `return` statement returns (an expression list), None for a bare return. A
/// comment may come first (`return /* why */ x`), so it is not simply the first named child.
pub fn return_values(ret: Node) -> Option<Node> {
    let mut cursor = ret.walk();
    ret.named_children(&mut cursor).find(|c| c.kind_name() != "comment")
}

/// The named children of `node` that are not comments.
pub fn named_children_without_comments(node: Node) -> Vec<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).filter(|c| c.kind_name() != "comment").collect()
}

/// The statements of a block (or of a case clause), without comments.
pub fn statements(node: Node) -> Vec<Node> {
    let list = if node.kind_name() == "statement_list" {
        Some(node)
    } else {
        let mut cursor = node.walk();

        node.named_children(&mut cursor).find(|c| c.kind_name() == "statement_list")
    };
    let Some(list) = list else { return Vec::new() };
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter(|c| c.kind_name() != "comment" && c.kind_name() != "empty_statement")
        .collect()
}

/// Whether `stmt` is a terminating statement in the sense of the Go specification, so that no
/// `return` is needed (or allowed, for go vet) after it. `ends_flow` marks further statements
/// (jumps a rewrite will turn into returns) as terminating.
pub fn is_terminating(stmt: Node, src: &[u8], ends_flow: &dyn Fn(Node) -> bool) -> bool {
    // Iterative over the "last statement" chain; only if/switch/select branch out, and those
    // recurse at most once per nesting level of *terminating* constructs.
    if ends_flow(stmt) {
        return true;
    }
    match stmt.kind_name() {
        "return_statement" | "goto_statement" => true,
        "expression_statement" => stmt
            .named_child(0)
            .filter(|c| c.kind_name() == "call_expression")
            .and_then(|c| c.field("function"))
            .is_some_and(|f| f.kind_name() == "identifier" && text(f, src) == "panic"),
        "block" => statements(stmt).last().is_some_and(|s| is_terminating(*s, src, ends_flow)),
        "labeled_statement" => labeled_inner(stmt).is_some_and(|s| is_terminating(s, src, ends_flow)),
        "if_statement" => {
            let Some(alt) = stmt.field("alternative") else {
                return false;
            };
            stmt.field("consequence").is_some_and(|c| is_terminating(c, src, ends_flow))
                && is_terminating(alt, src, ends_flow)
        }
        "for_statement" => {
            let mut cursor = stmt.walk();
            let has_header = stmt
                .named_children(&mut cursor)
                .any(|c| c.kind_name() != "block" && c.kind_name() != "comment" && !is_infinite_clause(c));
            !has_header && !has_break_to(stmt, src)
        }
        "expression_switch_statement" | "type_switch_statement" | "select_statement" => {
            if has_break_to(stmt, src) {
                return false;
            }
            let mut cursor = stmt.walk();
            let clauses: Vec<Node> = stmt
                .named_children(&mut cursor)
                .filter(|c| {
                    matches!(
                        c.kind_name(),
                        "expression_case" | "default_case" | "type_case" | "communication_case"
                    )
                })
                .collect();
            let has_default = clauses.iter().any(|c| c.kind_name() == "default_case");
            (has_default || stmt.kind_name() == "select_statement")
                && clauses.iter().all(|c| {
                    statements(*c).last().is_some_and(|s| {
                        s.kind_name() == "fallthrough_statement" || is_terminating(*s, src, ends_flow)
                    })
                })
        }
        _ => false,
    }
}

/// `for ;; {}` has a for_clause with no condition.
fn is_infinite_clause(node: Node) -> bool {
    node.kind_name() == "for_clause" && node.field("condition").is_none()
}

/// Whether a `break` inside `stmt` leaves `stmt` itself.
fn has_break_to(stmt: Node, src: &[u8]) -> bool {
    let mut found = false;
    walk_same_function(stmt, |n| {
        if !found && n.kind_name() == "break_statement" {
            found = jump_target(n, src).is_some_and(|t| t.id() == stmt.id());
        }
    });
    found
}

/// Every name spelled in `node`: identifiers, type names and package names. A fresh name must
/// avoid all of them.
pub fn names_in(node: Node, src: &[u8]) -> HashSet<String> {
    let mut names = HashSet::new();
    walk(node, |n| {
        if matches!(n.kind_name(), "identifier" | "type_identifier" | "package_identifier") {
            names.insert(text(n, src).to_string());
        }
        Descend::Yes
    });
    names
}

/// `base`, or `base2`, `base3`, ... : the first not in `taken`.
pub fn fresh_name(base: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base}{i}"))
        .find(|n| !taken.contains(n))
        .expect("an unbounded range always yields a free name")
}

/// One result of a function's signature.
#[derive(Clone, Debug)]
pub struct ResultParam<'t> {
    pub name: Option<String>,
    pub ty: Node<'t>,
}

/// The results of a function declaration, method or literal, in order.
pub fn results<'t>(func: Node<'t>, src: &[u8]) -> Vec<ResultParam<'t>> {
    let Some(result) = func.field("result") else {
        return Vec::new();
    };
    if result.kind_name() != "parameter_list" {
        return vec![ResultParam { name: None, ty: result }];
    }
    let mut out = Vec::new();
    let mut cursor = result.walk();
    for decl in result.named_children(&mut cursor) {
        let Some(ty) = decl.field("type") else {
            continue;
        };
        let mut names_cursor = decl.walk();
        let names: Vec<String> =
            decl.fields("name", &mut names_cursor).map(|n| text(n, src).to_string()).collect();
        if names.is_empty() {
            out.push(ResultParam { name: None, ty });
        } else {
            out.extend(names.into_iter().map(|name| ResultParam { name: Some(name), ty }));
        }
    }
    out
}

/// The file's import specs. Go requires imports before every other declaration, so the scan
/// stops at the first one: the file's many top-level declarations are never visited.
/// One import spec as written: its name (`_`, `.` or an identifier), when it has one, and its
/// path without the quotes.
#[derive(Clone)]
struct ImportSpec {
    name: Option<String>,
    path: Option<String>,
}

thread_local! {
    /// The import specs of the last file asked about, keyed by its root and text: rules ask
    /// about imports many times per file (one question per path they know).
    static IMPORT_SPECS: RefCell<Option<ImportCache>> = const { RefCell::new(None) };
}

/// A file's import specs, with what tells its file apart: the root's id and the text's place,
/// and the bytes the specs were read from (a freed text's place may hold another text later).
struct ImportCache {
    key: (usize, usize, usize),
    span: (usize, usize),
    bytes: Vec<u8>,
    specs: Rc<[ImportSpec]>,
}

/// Forgets the cached import specs; the engine calls it with the callee index's reset, before
/// each pass's rules run, so that no cache outlives its tree.
pub fn reset_imports() {
    IMPORT_SPECS.with(|c| *c.borrow_mut() = None);
}

fn import_specs(tree: &Tree, src: &[u8]) -> Rc<[ImportSpec]> {
    import_specs_of(tree.root_node(), src)
}

fn import_specs_of(root: Node<'_>, src: &[u8]) -> Rc<[ImportSpec]> {
    let key = (root.id(), src.as_ptr() as usize, src.len());
    IMPORT_SPECS.with(|cell| {
        if let Some(c) = cell.borrow().as_ref()
            && c.key == key
            && src.get(c.span.0..c.span.1) == Some(&c.bytes[..])
        {
            return c.specs.clone();
        }
        let nodes = import_spec_nodes(root);
        let span = match (nodes.first(), nodes.last()) {
            (Some(first), Some(last)) => (first.start_byte(), last.end_byte()),
            _ => (0, 0),
        };
        let specs: Rc<[ImportSpec]> = nodes
            .into_iter()
            .map(|spec| ImportSpec {
                name: spec.field("name").map(|n| text(n, src).to_string()),
                path: spec.field("path").map(|p| text(p, src).trim_matches(['"', '`']).to_string()),
            })
            .collect();
        let bytes = src[span.0..span.1].to_vec();
        *cell.borrow_mut() = Some(ImportCache { key, span, bytes, specs: specs.clone() });
        specs
    })
}

fn import_spec_nodes(root: Node<'_>) -> Vec<Node<'_>> {
    let mut specs = Vec::new();
    let mut cursor = root.walk();
    for decl in root.named_children(&mut cursor) {
        match decl.kind_name() {
            "package_clause" | "comment" => {}
            "import_declaration" => {
                let mut c = decl.walk();
                for child in decl.named_children(&mut c) {
                    match child.kind_name() {
                        "import_spec" => specs.push(child),
                        "import_spec_list" => {
                            let mut l = child.walk();
                            specs.extend(
                                child.named_children(&mut l).filter(|s| s.kind_name() == "import_spec"),
                            );
                        }
                        _ => {}
                    }
                }
            }
            _ => break,
        }
    }
    specs
}

/// The predeclared basic types (`bool`, `string`, the numbers): no other type can be assigned
/// to one of them, and their zero values are `false`, `""` and `0`.
pub fn is_basic_type(name: &str) -> bool {
    matches!(
        name,
        "bool"
            | "string"
            | "int"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "uint"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "uintptr"
            | "byte"
            | "rune"
            | "float32"
            | "float64"
            | "complex64"
            | "complex128"
    )
}

/// Whether `stmt` is `if err != nil {` (or `nil != err`, no initializer) or a test assertion
/// on `err` that stops the test when it fails.
pub fn checks_error(stmt: Node, err: &str, src: &[u8]) -> bool {
    match stmt.kind_name() {
        "if_statement" => {
            if stmt.field("initializer").is_some() {
                return false;
            }
            let Some(cond) = stmt.field("condition").filter(|c| c.kind_name() == "binary_expression") else {
                return false;
            };
            let (Some(l), Some(op), Some(r)) =
                (cond.field("left"), cond.field("operator"), cond.field("right"))
            else {
                return false;
            };
            let (l, r) = (text(l, src), text(r, src));
            text(op, src) == "!=" && ((l == err && r == "nil") || (l == "nil" && r == err))
        }
        "expression_statement" => {
            let Some(call) = stmt.named_child(0).filter(|c| c.kind_name() == "call_expression") else {
                return false;
            };
            let function = call.field("function").map(|f| text(f, src));
            if !matches!(function, Some("require.NoError" | "assert.NilError")) {
                return false;
            }
            let args = call.field("arguments").map(named_children_without_comments);
            args.is_some_and(|a| a.len() >= 2 && text(a[1], src) == err)
        }
        _ => false,
    }
}

/// The file's package clause name (`p` of `package p`).
pub fn package_name(root: Node, src: &[u8]) -> Option<String> {
    let mut cursor = root.walk();
    let clause = root.named_children(&mut cursor).find(|n| n.kind_name() == "package_clause")?;
    clause.named_child(0).map(|n| text(n, src).to_string())
}

/// The name under which the file imports `path` (e.g. "context"), if it does; None for blank
/// and dot imports.
pub fn import_name(tree: &Tree, src: &[u8], path: &str) -> Option<String> {
    let specs = import_specs(tree, src);
    let spec = specs.iter().rev().find(|spec| spec.path.as_deref() == Some(path))?;
    match spec.name.as_deref() {
        Some("_" | ".") => None,
        Some(name) => Some(name.to_string()),
        None => path.rsplit('/').next().map(str::to_string),
    }
}

/// The names under which the file imports any of `paths`, in the order of `paths` (a file may
/// import both `context` and `golang.org/x/net/context`).
pub fn import_names(tree: &Tree, src: &[u8], paths: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in paths.iter().filter_map(|p| import_name(tree, src, p)) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The import path that `name` refers to in the file whose root is `root`, when it names an
/// import (the caller checks that no local declaration shadows it).
pub fn import_path_of(root: Node, src: &[u8], name: &str) -> Option<String> {
    import_specs_of(root, src).iter().rev().find_map(|spec| {
        let path = spec.path.as_deref()?;
        let given = match spec.name.as_deref() {
            Some(n) => n.to_string(),
            None => {
                let last = path.rsplit('/').next()?;
                let versioned =
                    last.starts_with('v') && last.len() > 1 && last[1..].chars().all(|c| c.is_ascii_digit());
                if versioned { path.rsplit('/').nth(1).unwrap_or(last).to_string() } else { last.to_string() }
            }
        };
        (given == name).then(|| path.to_string())
    })
}

/// The names the file gives its imports, so that `pkg.Func` is not mistaken for a variable.
pub fn imported_names(tree: &Tree, src: &[u8]) -> HashSet<String> {
    let mut names = HashSet::new();
    for spec in import_specs(tree, src).iter() {
        let name = match spec.name.as_deref() {
            Some(name) => Some(name.to_string()),
            None => spec.path.as_deref().and_then(|path| {
                let last = path.rsplit('/').next()?;
                // Major-version suffixes name the package before them: example.com/x/v2 is x.
                let last = if last.starts_with('v') && last[1..].chars().all(|c| c.is_ascii_digit()) {
                    path.rsplit('/').nth(1).unwrap_or(last)
                } else {
                    last
                };
                Some(last.trim_start_matches("go-").replace(['-', '.'], "_"))
            }),
        };
        names.extend(name);
    }
    names
}

/// Byte offset of the start of the line containing `pos`.
pub fn line_start(src: &[u8], pos: usize) -> usize {
    memchr::memrchr(b'\n', &src[..pos]).map_or(0, |i| i + 1)
}

/// The leading blanks of the line containing `pos`.
pub fn line_indent(src: &[u8], pos: usize) -> &[u8] {
    let start = line_start(src, pos);
    let len = src[start..].iter().take_while(|&&b| b == b'\t' || b == b' ').count();
    &src[start..start + len]
}

/// Go's predeclared identifiers that are values or functions.
pub fn is_predeclared(name: &str) -> bool {
    matches!(
        name,
        "nil"
            | "true"
            | "false"
            | "iota"
            | "append"
            | "cap"
            | "clear"
            | "close"
            | "complex"
            | "copy"
            | "delete"
            | "imag"
            | "len"
            | "make"
            | "max"
            | "min"
            | "new"
            | "panic"
            | "print"
            | "println"
            | "real"
            | "recover"
            | "_"
    )
}

/// `T` of a method's receiver list `(r *T)`, `(T)`, `(r *T[K, V])`.
pub fn receiver_type_name<'s>(receiver: Node, src: &'s [u8]) -> Option<&'s str> {
    let mut cursor = receiver.walk();
    let decl = receiver.named_children(&mut cursor).find(|c| c.kind_name() == "parameter_declaration")?;
    let mut ty = decl.field("type")?;
    loop {
        ty = match ty.kind_name() {
            "pointer_type" | "parenthesized_type" => ty.named_child(0)?,
            "generic_type" => ty.field("type")?,
            "type_identifier" => return Some(text(ty, src)),
            _ => return None,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Tree {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        parser.parse(src, None).unwrap()
    }

    fn find<'t>(tree: &'t Tree, kind: &str, nth: usize) -> Node<'t> {
        let mut all = Vec::new();
        walk(tree.root_node(), |n| {
            if n.kind_name() == kind {
                all.push(n);
            }
            Descend::Yes
        });
        all[nth]
    }

    /// One descent from the root finds what a walk up by `Node::parent` finds, for every node
    /// of the fixtures (zero-width nodes of error recovery included, in the broken ones).
    #[test]
    fn ancestors_are_the_parents_in_turn() {
        let mut checked = 0;
        for dir in std::fs::read_dir("transforms").unwrap() {
            let cases = dir.unwrap().path().join("cases");
            for file in std::fs::read_dir(cases).into_iter().flatten().take(12) {
                let src = std::fs::read_to_string(file.unwrap().path()).unwrap_or_default();
                let tree = parse(&src);
                walk(tree.root_node(), |n| {
                    let by_parent: Vec<usize> =
                        std::iter::successors(n.parent(), |p| p.parent()).map(|p| p.id()).collect();
                    let by_descent: Vec<usize> = ancestors(n).map(|p| p.id()).collect();
                    assert_eq!(by_descent, by_parent, "{} at {:?}", n.kind_name(), n.start_position());
                    checked += 1;
                    Descend::Yes
                });
            }
        }
        assert!(checked > 10_000, "only {checked} nodes checked");
    }

    #[test]
    fn jump_targets() {
        let src = "package p\nfunc f() {\nouter:\n\tfor {\n\t\tswitch {\n\t\tcase true:\n\t\t\tbreak\n\t\t}\n\t\tfor {\n\t\t\tcontinue outer\n\t\t}\n\t}\n}\n";
        let tree = parse(src);
        let b = find(&tree, "break_statement", 0);
        assert_eq!(jump_target(b, src.as_bytes()).unwrap().kind_name(), "expression_switch_statement");
        let c = find(&tree, "continue_statement", 0);
        let outer = find(&tree, "for_statement", 0);
        assert_eq!(jump_target(c, src.as_bytes()).unwrap().id(), outer.id());
    }

    #[test]
    fn terminating_statements() {
        let src = "package p\nfunc f(x bool) int {\n\tif x {\n\t\treturn 1\n\t} else {\n\t\tpanic(x)\n\t}\n\tfor {\n\t}\n\tfor {\n\t\tbreak\n\t}\n\tswitch {\n\tcase x:\n\t\treturn 1\n\tdefault:\n\t\treturn 2\n\t}\n}\n";
        let tree = parse(src);
        let s = src.as_bytes();
        let never = |_: Node| false;
        assert!(is_terminating(find(&tree, "if_statement", 0), s, &never));
        assert!(is_terminating(find(&tree, "for_statement", 0), s, &never));
        assert!(!is_terminating(find(&tree, "for_statement", 1), s, &never));
        assert!(is_terminating(find(&tree, "expression_switch_statement", 0), s, &never));
    }

    #[test]
    fn results_of_a_signature() {
        let src = "package p\nfunc f() (n int, err error, _ *T) {}\n";
        let tree = parse(src);
        let func = find(&tree, "function_declaration", 0);
        let names: Vec<Option<String>> = results(func, src.as_bytes()).into_iter().map(|r| r.name).collect();
        assert_eq!(names, [Some("n".to_string()), Some("err".to_string()), Some("_".to_string())]);
    }

    #[test]
    fn import_names() {
        let src = "package p\nimport (\n\tstdctx \"context\"\n\t\"time\"\n\t_ \"embed\"\n\t\"example.com/x/v2\"\n)\n";
        let tree = parse(src);
        let s = src.as_bytes();
        assert_eq!(import_name(&tree, s, "context").as_deref(), Some("stdctx"));
        assert_eq!(import_name(&tree, s, "time").as_deref(), Some("time"));
        assert_eq!(import_name(&tree, s, "embed"), None);
        let all = imported_names(&tree, s);
        assert!(all.contains("stdctx") && all.contains("time") && all.contains("x"));
    }
}
