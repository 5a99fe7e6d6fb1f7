//! One walk of a region for the analyses that ask several questions of it. [`super::flow`]
//! follows a value to a fixpoint and used to walk the whole region for every round, and once
//! more each for its declared and its fresh names; on a long function that was most of a
//! rule's cost. The index keeps what those walks looked at: the identifiers in source order,
//! the function literals around each (asked of every use, and a parent lookup in tree-sitter
//! walks down from the root), and the nodes that declare or assign names.

use std::collections::HashSet;

use tree_sitter::Node;

use super::names::declared_names;
use crate::syntax::{Fields, KindName, text};

pub struct Region<'t> {
    /// Every identifier of the region, the region's root included, in source order.
    pub identifiers: Vec<Identifier<'t>>,
    /// The nodes that declare or assign names (`:=`, `=`, `var`, `const`, parameters, `range`,
    /// receives, type switches), in source order.
    pub declaring: Vec<Node<'t>>,
    literals: Vec<Literal<'t>>,
}

pub struct Identifier<'t> {
    pub node: Node<'t>,
    /// The innermost function literal around it, below the region's root.
    literal: Option<usize>,
}

struct Literal<'t> {
    node: Node<'t>,
    /// The literal around this one, below the region's root.
    outer: Option<usize>,
    /// The names its parameters declare.
    parameters: HashSet<String>,
}

const DECLARING: &[&str] = &[
    "short_var_declaration",
    "assignment_statement",
    "var_spec",
    "const_spec",
    "range_clause",
    "receive_statement",
    "parameter_declaration",
    "variadic_parameter_declaration",
    "type_switch_statement",
];

impl<'t> Region<'t> {
    pub fn new(root: Node<'t>, src: &[u8]) -> Self {
        let mut region = Region { identifiers: Vec::new(), declaring: Vec::new(), literals: Vec::new() };
        let mut cursor = root.walk();
        let mut depth = 0usize;
        // The literals around the node visited, each with its depth.
        let mut around: Vec<(usize, usize)> = Vec::new();
        loop {
            let n = cursor.node();
            while around.last().is_some_and(|&(d, _)| d >= depth) {
                around.pop();
            }
            let innermost = around.last().map(|&(_, i)| i);
            match n.kind_name() {
                "identifier" => region.identifiers.push(Identifier { node: n, literal: innermost }),
                "func_literal" if depth > 0 => {
                    let parameters = n.field("parameters").map(|p| declared_names(p, src));
                    region.literals.push(Literal {
                        node: n,
                        outer: innermost,
                        parameters: parameters.unwrap_or_default(),
                    });
                    around.push((depth, region.literals.len() - 1));
                }
                kind if DECLARING.contains(&kind) => region.declaring.push(n),
                _ => {}
            }
            if cursor.goto_first_child() {
                depth += 1;
                continue;
            }
            loop {
                if depth == 0 {
                    return region;
                }
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return region;
                }
                depth -= 1;
            }
        }
    }

    /// The function literals around `id`, innermost first, below the region's root.
    fn literals_around(&self, id: &Identifier) -> impl Iterator<Item = &Literal<'t>> {
        std::iter::successors(id.literal.map(|i| &self.literals[i]), |l| l.outer.map(|i| &self.literals[i]))
    }

    /// Whether `id` names a parameter of a function literal around it
    /// ([`super::names::literal_parameter`] with the region's root as the stop).
    pub fn literal_parameter(&self, id: &Identifier, src: &[u8]) -> bool {
        let name = text(id.node, src);
        self.literals_around(id).any(|l| l.parameters.contains(name))
    }

    /// The outermost function literal around `id`, below the region's root.
    pub fn outermost_literal(&self, id: &Identifier) -> Option<Node<'t>> {
        self.literals_around(id).last().map(|l| l.node)
    }

    /// The names the region declares ([`super::names::declared_names`] of its root).
    pub fn declared_names(&self, src: &[u8]) -> HashSet<String> {
        self.declaring.iter().flat_map(|&n| super::names::declared_by(n, src)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{self, Descend};

    fn parse(src: &str) -> tree_sitter::Tree {
        crate::parse::parse(src.as_bytes()).expect("parses").tree
    }

    const SRC: &str = r#"package p

func f(a int, b ...string) (r error) {
	x, y := 1, 2
	var z = 3
	const c = 4
	for i, v := range b {
		go func(i int) {
			defer func(w int) { _ = w + i + x }(v)
		}(i)
	}
	select {
	case m := <-ch:
		_ = m
	}
	switch t := any(a).(type) {
	case int:
		_ = t
	}
	y = z
	return nil
}
"#;

    #[test]
    fn the_index_answers_what_the_walks_answer() {
        let tree = parse(SRC);
        let src = SRC.as_bytes();
        let root = tree.root_node();
        let func = root.named_child(1).expect("a function");
        let region = Region::new(func, src);
        assert_eq!(region.declared_names(src), declared_names(func, src));
        let mut walked = Vec::new();
        syntax::walk(func, |n| {
            if n.kind_name() == "identifier" {
                walked.push(n);
            }
            Descend::Yes
        });
        assert_eq!(region.identifiers.iter().map(|i| i.node).collect::<Vec<_>>(), walked);
        for id in &region.identifiers {
            let n = id.node;
            assert_eq!(
                region.literal_parameter(id, src),
                super::super::names::literal_parameter(n, func, src),
                "{} at {:?}",
                text(n, src),
                n.start_position()
            );
            let outermost = syntax::ancestors(n)
                .take_while(|a| a.id() != func.id())
                .filter(|a| a.kind_name() == "func_literal")
                .last();
            assert_eq!(region.outermost_literal(id), outermost);
        }
        // The `i` of the inner literal's body is the goroutine's parameter; `x` is captured.
        let spelled =
            |name: &str| region.identifiers.iter().filter(|i| text(i.node, src) == name).collect::<Vec<_>>();
        let i = spelled("i");
        assert!(region.literal_parameter(i[2], src), "the deferred literal's `i`");
        assert!(!region.literal_parameter(i[3], src), "the goroutine's argument `i`");
        assert!(!region.literal_parameter(spelled("x").last().expect("an x"), src));
    }
}
