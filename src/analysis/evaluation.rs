//! When a deferred call's arguments are evaluated: a fix that wraps `defer f(x, g())` into
//! `defer func() { f(x, g()) }()` moves every evaluation in it to the function's return. It is
//! right only when each value is sure to be the same then; [`moved_evaluation_reason`] says
//! why one may not be.

use std::collections::HashSet;

use tree_sitter::Node;

use super::names::declared_names;
use crate::syntax::{self, Descend, Fields, KindName, text};
use crate::transforms::GoFile;

/// The calls among the arguments of `call` (outside function literals, which run only when
/// called) for which `wanted` holds, in source order.
pub fn calls_in_arguments<'t>(call: Node<'t>, wanted: &dyn Fn(Node<'t>) -> bool) -> Vec<Node<'t>> {
    let mut found = Vec::new();
    let Some(args) = call.field("arguments") else { return found };
    syntax::walk(args, |n| {
        if n.kind_name() == "func_literal" {
            return Descend::No;
        }
        if wanted(n) {
            found.push(n);
        }
        Descend::Yes
    });
    found
}

/// Why wrapping the deferred `call` in a function literal could change more than the calls
/// `is_moved` names (which the fix moves on purpose): the receiver, the other arguments and
/// the arguments of the moved calls are then evaluated when the function returns, not at the
/// `defer` statement. None when each of them is sure to have the same value either way.
pub fn moved_evaluation_reason(
    file: &GoFile,
    defer: Node,
    call: Node,
    is_moved: &dyn Fn(Node) -> bool,
) -> Option<String> {
    let src = file.src;
    let top = syntax::outermost_function(defer)?;
    let ctx = Stability {
        src,
        defer,
        top,
        locals: declared_names(top, src),
        imports: syntax::imported_names(file.tree, src),
        constants: file_constants(file.tree.root_node(), src),
        in_loop: syntax::ancestors(defer).any(|n| n.kind_name() == "for_statement") || has_goto(top),
        is_moved,
    };
    if let Some(callee) = call.field("function")
        && let Some(reason) = ctx.callee(callee)
    {
        return Some(reason);
    }
    let args = call.field("arguments")?;
    let mut cursor = args.walk();
    let list: Vec<Node> = args.named_children(&mut cursor).filter(|a| a.kind_name() != "comment").collect();
    list.into_iter().find_map(|a| ctx.expression(a, 0))
}

/// Names the file declares with top-level `const`.
fn file_constants(root: Node, src: &[u8]) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut cursor = root.walk();
    for decl in root.named_children(&mut cursor).filter(|d| d.kind_name() == "const_declaration") {
        syntax::walk(decl, |n| {
            if n.kind_name() == "const_spec" {
                let mut c = n.walk();
                names.extend(n.fields("name", &mut c).map(|i| text(i, src).to_string()));
            }
            Descend::Yes
        });
    }
    names
}

struct Stability<'a, 't> {
    src: &'a [u8],
    defer: Node<'t>,
    top: Node<'t>,
    locals: HashSet<String>,
    imports: HashSet<String>,
    constants: HashSet<String>,
    /// The defer statement may run more than once: it is in a loop, or the function jumps
    /// with `goto` (which can loop back over it).
    in_loop: bool,
    is_moved: &'a dyn Fn(Node) -> bool,
}

impl<'t> Stability<'_, 't> {
    fn shown(&self, n: Node) -> String {
        text(n, self.src).split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The function the deferred call calls, evaluated at the `defer` statement.
    fn callee(&self, f: Node<'t>) -> Option<String> {
        match f.kind_name() {
            "func_literal" => None,
            "parenthesized_expression" => f.named_child(0).and_then(|inner| self.callee(inner)),
            "identifier" if !self.locals.contains(text(f, self.src)) => None,
            "identifier" => self.identifier(f),
            "selector_expression" => {
                let operand = f.field("operand")?;
                if self.package_member(operand) { None } else { self.receiver(operand) }
            }
            _ => Some(format!("the deferred function `{}` would also be evaluated at return", self.shown(f))),
        }
    }

    fn receiver(&self, operand: Node<'t>) -> Option<String> {
        match operand.kind_name() {
            "identifier" => self.identifier(operand),
            _ if (self.is_moved)(operand) => self.moved_call(operand),
            _ => Some(format!("the receiver `{}` would also be evaluated at return", self.shown(operand))),
        }
    }

    /// Whether `operand` names an imported package (not shadowed in the function).
    fn package_member(&self, operand: Node) -> bool {
        operand.kind_name() == "identifier" && {
            let name = text(operand, self.src);
            self.imports.contains(name) && !self.locals.contains(name)
        }
    }

    fn moved_call(&self, call: Node<'t>) -> Option<String> {
        if let Some(f) = call.field("function")
            && f.kind_name() == "selector_expression"
            && let Some(operand) = f.field("operand")
            && !self.package_member(operand)
            && let Some(reason) = self.receiver(operand)
        {
            return Some(reason);
        }
        let args = call.field("arguments")?;
        let mut cursor = args.walk();
        let list: Vec<Node> =
            args.named_children(&mut cursor).filter(|a| a.kind_name() != "comment").collect();
        list.into_iter().find_map(|a| self.expression(a, 0))
    }

    fn expression(&self, e: Node<'t>, depth: usize) -> Option<String> {
        if depth > 32 {
            return Some(format!("`{}` would also be evaluated at return", self.shown(e)));
        }
        match e.kind_name() {
            "interpreted_string_literal"
            | "raw_string_literal"
            | "int_literal"
            | "float_literal"
            | "imaginary_literal"
            | "rune_literal"
            | "true"
            | "false"
            | "nil"
            | "iota"
            | "func_literal" => None,
            "identifier" => self.identifier(e),
            "parenthesized_expression" | "binary_expression" => {
                let mut cursor = e.walk();
                let parts: Vec<Node> =
                    e.named_children(&mut cursor).filter(|c| c.kind_name() != "comment").collect();
                parts.into_iter().find_map(|c| self.expression(c, depth + 1))
            }
            "unary_expression"
                if e.field("operator").is_some_and(|o| matches!(o.kind_name(), "-" | "+" | "!" | "^")) =>
            {
                self.expression(e.field("operand")?, depth + 1)
            }
            "selector_expression" if e.field("operand").is_some_and(|o| self.package_member(o)) => None,
            "call_expression" if (self.is_moved)(e) => self.moved_call(e),
            "call_expression" => Some(format!("the call `{}` would also move to return", self.shown(e))),
            _ => Some(format!("`{}` would also be evaluated at return", self.shown(e))),
        }
    }

    fn identifier(&self, ident: Node<'t>) -> Option<String> {
        let name = text(ident, self.src);
        if !self.locals.contains(name) {
            if self.constants.contains(name) || syntax::is_predeclared(name) {
                return None;
            }
            return Some(format!(
                "`{name}` is not a variable of this function (a package-level variable may change before return), and the wrapped call would read it at return"
            ));
        }
        if self.in_loop {
            return Some(format!(
                "the defer statement may run more than once (in a loop, or jumped back to with goto), and the wrapped call would read `{name}` at return instead of at each defer statement"
            ));
        }
        self.changed_after(name).map(|change| {
            format!("`{name}` may change after the defer statement ({change}), and the wrapped call would read its later value")
        })
    }

    /// A change to `name` that can take effect after the `defer` (see [`super::changes`]).
    fn changed_after(&self, name: &str) -> Option<String> {
        super::changes::changed_after(self.top, name, self.defer, self.src).map(|c| c.describe())
    }
}

/// Whether the function jumps with `goto` anywhere: then a statement may run again after any
/// other, as in a loop.
pub fn has_goto(func: Node) -> bool {
    let mut found = false;
    syntax::walk_same_function(func, |n| found |= n.kind_name() == "goto_statement");
    found
}
