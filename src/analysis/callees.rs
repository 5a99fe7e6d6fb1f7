//! The declarations in the file that a call may run, found by name.
//!
//! Without types, a method call `x.M(...)` may run any method named `M` declared in the file,
//! or one declared elsewhere; callers treat "declared elsewhere" as unknown and every
//! declaration found as a candidate, so that a verdict holds for all of them.

use std::cell::RefCell;
use std::collections::HashMap;

use tree_sitter::Node;

use crate::syntax::{Fields, KindName, text};

/// The file's root node, from any node of it.
pub fn root(mut node: Node) -> Node {
    while let Some(p) = node.parent() {
        node = p;
    }
    node
}

/// The file's top-level functions and methods by name, built once per tree: a file has
/// thousands of top-level nodes (comments among them), and rules ask about many calls.
struct Index {
    /// (root id, text address, text length): the tree this index describes.
    key: (usize, usize, usize),
    /// Byte ranges of the declarations (a node's n-th child costs n steps to reach; a byte
    /// range is a descent of the tree's depth).
    functions: HashMap<String, (usize, usize)>,
    methods: HashMap<String, Vec<(usize, usize)>>,
}

thread_local! {
    static INDEX: RefCell<Option<Index>> = const { RefCell::new(None) };
}

/// Forgets the index: the engine calls it before each pass's rules run, so that an index never
/// outlives the tree it describes.
pub fn reset() {
    INDEX.with(|i| *i.borrow_mut() = None);
}

/// The named children of `root` whose indices `pick` returns from the file's index.
fn lookup<'t>(root: Node<'t>, src: &[u8], pick: impl Fn(&Index) -> Vec<(usize, usize)>) -> Vec<Node<'t>> {
    let key = (root.id(), src.as_ptr() as usize, src.len());
    INDEX.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_none_or(|i| i.key != key) {
            let mut functions = HashMap::new();
            let mut methods: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
            let mut cursor = root.walk();
            for d in root.named_children(&mut cursor) {
                let i = (d.start_byte(), d.end_byte());
                let name = || d.field("name").map(|n| text(n, src).to_string());
                match d.kind_name() {
                    "function_declaration" => {
                        if let Some(n) = name() {
                            functions.entry(n).or_insert(i);
                        }
                    }
                    "method_declaration" => {
                        if let Some(n) = name() {
                            methods.entry(n).or_default().push(i);
                        }
                    }
                    _ => {}
                }
            }
            *cell = Some(Index { key, functions, methods });
        }
        let index = cell.as_ref().expect("built above");
        pick(index)
            .into_iter()
            .filter_map(|(start, end)| {
                let mut n = root.named_descendant_for_byte_range(start, end)?;
                while n.parent().is_some_and(|p| p.id() != root.id()) {
                    n = n.parent()?;
                }
                Some(n)
            })
            .filter(|n| matches!(n.kind_name(), "function_declaration" | "method_declaration"))
            .collect()
    })
}

/// The top-level function declared as `name` in the file.
pub fn function<'t>(root: Node<'t>, name: &str, src: &[u8]) -> Option<Node<'t>> {
    lookup(root, src, |i| i.functions.get(name).copied().into_iter().collect()).into_iter().next()
}

/// Every method declared as `name` in the file, whatever its receiver type.
pub fn methods<'t>(root: Node<'t>, name: &str, src: &[u8]) -> Vec<Node<'t>> {
    lookup(root, src, |i| i.methods.get(name).cloned().unwrap_or_default())
}

/// Whether a method declaration's receiver is a pointer (`func (s *S) M()`).
pub fn has_pointer_receiver(method: Node) -> bool {
    let Some(list) = method.field("receiver") else { return false };
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter(|p| p.kind_name() == "parameter_declaration")
        .any(|p| p.field("type").is_some_and(|t| t.kind_name() == "pointer_type"))
}

/// What a method call or method value `x.M` on a variable may do to `x` itself, judged from
/// the file's declarations of methods named `M`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Receiver {
    /// Every method so named takes its receiver by value: `x` is copied, never changed.
    ByValue,
    /// Some method so named takes a pointer receiver: `x.M` takes `&x`.
    ByPointer,
    /// No method so named is declared in the file.
    Unknown,
}

pub fn receiver_of(root: Node, method: &str, src: &[u8]) -> Receiver {
    let found = methods(root, method, src);
    if found.is_empty() {
        Receiver::Unknown
    } else if found.iter().any(|m| has_pointer_receiver(*m)) {
        Receiver::ByPointer
    } else {
        Receiver::ByValue
    }
}

/// The parameter a call's `index`-th argument is bound to in `decl` (a function or method
/// declaration): its name, or None for `_` and unnamed parameters. A variadic parameter takes
/// every argument from its position on.
pub fn parameter_name<'t>(decl: Node<'t>, index: usize, src: &'t [u8]) -> Option<Option<&'t str>> {
    let params = decl.field("parameters")?;
    let mut names: Vec<Option<&str>> = Vec::new();
    let mut variadic = false;
    let mut cursor = params.walk();
    for p in params.named_children(&mut cursor) {
        match p.kind_name() {
            "parameter_declaration" | "variadic_parameter_declaration" => {
                variadic = p.kind_name() == "variadic_parameter_declaration";
                let mut c = p.walk();
                let declared: Vec<&str> = p.fields("name", &mut c).map(|n| text(n, src)).collect();
                if declared.is_empty() {
                    names.push(None);
                } else {
                    names.extend(declared.into_iter().map(|n| (n != "_").then_some(n)));
                }
            }
            _ => {}
        }
    }
    match names.get(index) {
        Some(name) => Some(*name),
        None if variadic => names.last().copied(),
        None => None,
    }
}

/// The body of a function literal or declaration.
pub fn body(decl: Node) -> Option<Node> {
    decl.field("body")
}
