//! What may change a variable after a statement.
//!
//! A fix that moves the evaluation of a variable later (a deferred call's arguments read at
//! return instead of at the `defer`; a copy of a loop variable that later writes no longer
//! reach; an error tested after code that may clear it) is right only when nothing in between
//! changes the variable. Without types, the analysis counts every way a Go program can:
//! - a write: `x = ...`, `x := ...` (a redeclaration), `x++`, `x.f = ...`, `x[i] = ...`, a
//!   range or receive clause assigning it, after the statement;
//! - an address, taken *anywhere* in the function (before the statement too: the pointer may
//!   be written through after it): `&x`, `&x.f`, slicing `x[:]` (an array's elements are the
//!   variable), and a method value `x.M` of a pointer-receiver method or of one declared
//!   elsewhere; `x.M()` called after the statement, unless every method `M` in the file takes
//!   its receiver by value;
//! - a function literal that writes `x`, wherever it is: it may run after the statement.

use tree_sitter::Node;

use super::callees::{self, Receiver};
use crate::syntax::{self, Descend, Fields, KindName, text};

/// One way the variable may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    Written,
    AddressTaken,
    MethodCall,
    InLiteral,
}

#[derive(Clone, Copy, Debug)]
pub struct Change<'t> {
    pub node: Node<'t>,
    pub how: How,
}

impl Change<'_> {
    pub fn line(&self) -> usize {
        self.node.start_position().row + 1
    }

    /// "may change after the statement (line 12: its address is taken)".
    pub fn describe(&self) -> String {
        let what = match self.how {
            How::Written => "it is assigned",
            How::AddressTaken => "its address is taken, and it may be written through it",
            How::MethodCall => "a method is called on it, which may take its address",
            How::InLiteral => "a function literal, which may run later, assigns it",
        };
        format!("line {}: {what}", self.line())
    }
}

/// Every place in `scope` (a function's body) that may change `name`, in source order, with
/// the position it takes effect from. Shadowing is ignored: a same-named variable counts too,
/// which only ever makes a verdict more careful.
pub fn changes<'t>(scope: Node<'t>, name: &str, src: &[u8]) -> Vec<Change<'t>> {
    let root = callees::root(scope);
    let mut found = Vec::new();
    let is_root = |e: Node| root_identifier(e).is_some_and(|r| text(r, src) == name);
    syntax::walk(scope, |n| {
        let how = match n.kind_name() {
            "assignment_statement" | "short_var_declaration" | "range_clause" | "receive_statement" => n
                .field("left")
                .is_some_and(|l| {
                    is_root(l) || syntax::named_children_without_comments(l).into_iter().any(is_root)
                })
                .then_some(How::Written),
            "inc_statement" | "dec_statement" => {
                n.named_child(0).is_some_and(is_root).then_some(How::Written)
            }
            "unary_expression" => (n.child(0).is_some_and(|o| o.kind_name() == "&")
                && n.field("operand").is_some_and(is_root))
            .then_some(How::AddressTaken),
            "slice_expression" => n.field("operand").is_some_and(is_root).then_some(How::AddressTaken),
            "selector_expression" => method_use(n, root, name, src),
            _ => None,
        };
        if let Some(how) = how {
            let in_literal = syntax::ancestors(n)
                .take_while(|a| a.id() != scope.id())
                .any(|a| a.kind_name() == "func_literal");
            let how = if in_literal && how != How::AddressTaken { How::InLiteral } else { how };
            found.push(Change { node: n, how });
        }
        Descend::Yes
    });
    found
}

/// The first change to `name` in `scope` that can take effect after `stmt` has run: one
/// after it, an address taken anywhere, one in a function literal that does not hold `stmt`,
/// or one in a loop around `stmt` (the next iteration runs it after).
pub fn changed_after<'t>(scope: Node<'t>, name: &str, stmt: Node<'t>, src: &[u8]) -> Option<Change<'t>> {
    changes(scope, name, src).into_iter().find(|c| takes_effect_after(c, scope, stmt))
}

/// Whether a change can take effect after `stmt` has run.
pub fn takes_effect_after(c: &Change, scope: Node, stmt: Node) -> bool {
    let later = c.node.start_byte() >= stmt.end_byte();
    let in_other_literal = syntax::ancestors(c.node)
        .take_while(|a| a.id() != scope.id())
        .any(|a| a.kind_name() == "func_literal" && !syntax::contains(a, stmt));
    let in_loop_around = syntax::ancestors(stmt)
        .take_while(|a| a.id() != scope.id())
        .any(|a| a.kind_name() == "for_statement" && syntax::contains(a, c.node));
    let before_only_as_call = c.how == How::MethodCall && !later;
    !before_only_as_call && (later || c.how == How::AddressTaken || in_other_literal || in_loop_around)
}

/// `x.M` with `x` the variable: a method value of a pointer-receiver (or unknown) method takes
/// `&x`; a call `x.M()` may change `x` unless every method `M` in the file has a value
/// receiver. A field read is neither: a name the file declares as a method is a method, one it
/// does not is taken for a field unless called.
fn method_use(sel: Node, root: Node, name: &str, src: &[u8]) -> Option<How> {
    let operand = sel.field("operand")?;
    if operand.kind_name() != "identifier" || text(operand, src) != name {
        return None;
    }
    let method = text(sel.field("field")?, src);
    let called = sel
        .parent()
        .filter(|p| p.kind_name() == "call_expression")
        .and_then(|p| p.field("function"))
        .is_some_and(|f| f.id() == sel.id());
    match (called, callees::receiver_of(root, method, src)) {
        (_, Receiver::ByValue) => None,
        (true, _) => Some(How::MethodCall),
        (false, Receiver::ByPointer) => Some(How::AddressTaken),
        (false, Receiver::Unknown) => None,
    }
}

/// The expressions a write statement assigns (`x++`, `a, b = ...`, `x := ...`, a range or
/// receive clause); None for a statement the rule cannot read.
pub fn write_targets(write: Node) -> Option<Vec<Node>> {
    match write.kind_name() {
        "inc_statement" | "dec_statement" => Some(write.named_child(0).into_iter().collect()),
        "assignment_statement" | "short_var_declaration" | "range_clause" | "receive_statement" => {
            match write.field("left")? {
                l if l.kind_name() == "expression_list" => Some(syntax::named_children_without_comments(l)),
                l => Some(vec![l]),
            }
        }
        _ => None,
    }
}

/// The variable an assignable expression starts from: `x` in `x`, `x.f`, `x[i]`, `(*x).f`.
pub fn root_identifier(mut e: Node) -> Option<Node> {
    loop {
        match e.kind_name() {
            "identifier" => return Some(e),
            "selector_expression" | "index_expression" | "slice_expression" => {
                e = e.field("operand")?;
            }
            "parenthesized_expression" => e = e.named_child(0)?,
            "unary_expression" => e = e.field("operand")?,
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_change(body: &str, name: &str) -> Option<(How, usize)> {
        let src = format!(
            "package p\n\nfunc (c *C) Inc() {{}}\n\nfunc (v V) Get() int {{ return 0 }}\n\nfunc f() {{\n{body}\n}}\n"
        );
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        let tree = parser.parse(&src, None).unwrap();
        let mut func = None;
        let mut defer = None;
        syntax::walk(tree.root_node(), |n| {
            if n.kind_name() == "function_declaration" {
                func = n.field("body");
            }
            if n.kind_name() == "defer_statement" {
                defer = Some(n);
            }
            Descend::Yes
        });
        changed_after(func.unwrap(), name, defer.unwrap(), src.as_bytes()).map(|c| (c.how, c.line()))
    }

    #[test]
    fn writes_after_the_statement() {
        assert_eq!(first_change("x := 1\ndefer g(x)\nx = 2", "x"), Some((How::Written, 10)));
        assert_eq!(first_change("x := 1\ndefer g(x)\nx++", "x"), Some((How::Written, 10)));
        assert_eq!(first_change("x := 1\nx = 2\ndefer g(x)\nuse(x)", "x"), None);
    }

    #[test]
    fn addresses_taken_anywhere() {
        let before = first_change("code := 0\ns := &st{p: &code}\ndefer report(code)\nrun(s)", "code");
        assert_eq!(before, Some((How::AddressTaken, 9)), "a pointer taken before is written through after");
        assert_eq!(
            first_change("var a [4]int\nb := a[:]\ndefer g(a)\nb[0] = 1", "a"),
            Some((How::AddressTaken, 9))
        );
        let method_value = first_change("var c C\nh := c.Inc\ndefer g(c)\nh()", "c");
        assert_eq!(method_value, Some((How::AddressTaken, 9)), "a pointer-receiver method value holds &c");
    }

    #[test]
    fn method_calls() {
        assert_eq!(first_change("var c C\ndefer g(c)\nc.Inc()", "c"), Some((How::MethodCall, 10)));
        assert_eq!(first_change("var v V\ndefer g(v)\nv.Get()", "v"), None, "a value receiver copies v");
        assert_eq!(first_change("var c C\nc.Inc()\ndefer g(c)", "c"), None, "a call before has run");
        assert_eq!(first_change("var t T\ndefer g(t)\nt.Unknown()", "t"), Some((How::MethodCall, 10)));
    }

    #[test]
    fn literals_may_run_later() {
        let lit = first_change("x := 1\nset := func() { x = 2 }\ndefer g(x)\nset()", "x");
        assert_eq!(lit, Some((How::InLiteral, 9)));
    }
}
