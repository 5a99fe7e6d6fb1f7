//! What may hold a value computed from a variable: the names of a region whose value, at a
//! given point, may carry something read from `name` before it.
//!
//! Rules that ask "does this expression regard the variable's current value?" need more than
//! the expression's own names: `errs := multierror.New(err); ...; err = errs.Err()` reads
//! `err` through `errs` (prometheus's tsdb compactor). The answer here is conservative in the
//! direction those rules need: a name is counted as carrying the value whenever it might.
//! - an assignment or declaration whose right side reads a carrying name makes its targets
//!   carry it (`errs := New(err)`, `all = append(all, err)`, `p := &err`);
//! - a call given a carrying name (or its address) may store it in any other variable it is
//!   given and, for a method, in its receiver (`errs.Add(err)`, `collect(&errs, err)`);
//! - a function literal that reads a carrying name carries it to whatever holds the literal.
//!
//! Only code before `before` (by position) counts: the rules that ask run it on straight-line
//! code (a deferred literal whose loops they leave alone).

use std::collections::HashSet;

use tree_sitter::Node;

use crate::syntax::{self, Fields, KindName, text};

/// The names of `region` that may carry `name`'s value at `before`, `name` included.
pub fn carrying(region: Node, before: Node, name: &str, src: &[u8]) -> HashSet<String> {
    let mut carrying: HashSet<String> = HashSet::from([name.to_string()]);
    let file = super::callees::root(region);
    let mut steps: Vec<(Vec<String>, Node)> = Vec::new();
    syntax::walk(region, |n| {
        if n.start_byte() >= before.start_byte() {
            return syntax::Descend::No;
        }
        match n.kind_name() {
            "assignment_statement" | "short_var_declaration" => {
                if let (Some(left), Some(right)) = (n.field("left"), n.field("right")) {
                    steps.push((roots(left, src), right));
                }
            }
            "var_spec" => {
                if let Some(value) = n.field("value") {
                    let mut cursor = n.walk();
                    let targets = n.fields("name", &mut cursor).map(|t| text(t, src).to_string()).collect();
                    steps.push((targets, value));
                }
            }
            "call_expression" => {
                if let Some(arguments) = n.field("arguments") {
                    let mut targets = roots(arguments, src);
                    let receiver = n
                        .field("function")
                        .filter(|f| f.kind_name() == "selector_expression")
                        .and_then(|f| f.field("operand"))
                        .and_then(super::changes::root_identifier)
                        .map(|r| text(r, src))
                        .filter(|r| syntax::import_path_of(file, src, r).is_none());
                    targets.extend(receiver.map(str::to_string));
                    steps.push((targets, arguments));
                }
            }
            _ => {}
        }
        syntax::Descend::Yes
    });
    // Until nothing changes: a later step may make a name carry it that an earlier one reads
    // (only in a loop, which the callers leave alone, but the fixpoint costs nothing).
    loop {
        let before_len = carrying.len();
        for (targets, value) in &steps {
            if syntax::names_in(*value, src).iter().any(|n| carrying.contains(n)) {
                carrying.extend(targets.iter().filter(|t| t.as_str() != "_").cloned());
            }
        }
        if carrying.len() == before_len {
            return carrying;
        }
    }
}

/// The variables an expression list writes or hands on: the root identifier of each item
/// (`x` of `x.f[i]`, `*p`, `&x`).
fn roots(list: Node, src: &[u8]) -> Vec<String> {
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter_map(super::changes::root_identifier)
        .map(|r| text(r, src).to_string())
        .collect()
}
