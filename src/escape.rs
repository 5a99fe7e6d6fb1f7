//! Where a value goes: does a value created inside a region (a loop body) reach somewhere that
//! outlives the region? Transforms that move a cleanup earlier (loop-defer's wrapping, a
//! cancel inserted at the end of an iteration) must not clean up what is still in use.
//!
//! The analysis is syntactic and deliberately conservative. It follows each tracked name
//! upwards through the expression that uses it:
//! - passing the value *into* a call (`io.ReadAll(f)`, `f.Read(buf)`) yields data that no
//!   longer depends on it: the trail stops;
//! - a field or a zero-argument method (`srv.URL`, `l.Addr()`) yields something *derived* that
//!   is typically meaningful only while the value lives, and so does any call it is passed to
//!   (`url.Parse(srv.URL)`); the field that is itself cleaned up (`resp.Body` in
//!   `defer resp.Body.Close()`) counts as the value;
//! - `append`, composite literals, `&`, `New*`/`Wrap*`/`With*` constructors and function
//!   literals capturing it carry the value *itself*;
//! - a value that binds what is made from it (a context: `api.Watch(ctx)` returns a stream
//!   that ends with the context, as etcd's watch tests showed) makes every call it is passed
//!   to yield something *derived*.
//!
//! A trail ending in a local declaration tracks the new names too; one ending in an assignment
//! to anything not declared in the region, a channel send, a `go` statement or a storing method
//! (`Store`, `Add`, `Put`, ...) leaves the region.

use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use crate::syntax::{self, Descend, KindName, text};

/// How much of a value reaches beyond the region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Carried {
    /// Something computed from it (a field, an address, a name).
    Derived,
    /// The value itself.
    Itself,
}

/// The worst way a tracked value leaves the region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Escape {
    pub carried: Carried,
    /// The tracked name whose value leaves.
    pub name: String,
    /// 1-based line where it leaves.
    pub line: usize,
}

/// Method names through which a value is commonly stored in a container or registry.
const STORING_METHODS: &[&str] = &[
    "Store",
    "LoadOrStore",
    "Swap",
    "Add",
    "Put",
    "Set",
    "Push",
    "PushBack",
    "PushFront",
    "Append",
    "Insert",
    "Register",
    "Go",
];

/// Where one use of a tracked value ends up.
enum Trail<'t> {
    Stops,
    /// Declares or assigns these region-local names.
    Binds(Vec<String>, Carried),
    Leaves(Carried, Node<'t>),
}

/// What is tracked: a name declared in the region, and the expression (`resp.Body`, or the
/// name itself) that denotes the value being cleaned up.
#[derive(Clone, Debug)]
pub struct Seed {
    pub name: String,
    pub path: String,
    /// What a call makes from the value lives only as long as the value (a context).
    pub binds_calls: bool,
}

impl Seed {
    pub fn new(name: &str, path: &str) -> Self {
        Seed { name: name.to_string(), path: path.to_string(), binds_calls: false }
    }
}

/// Follows every use of the seeds outside the `ignored` subtrees, and reports the worst escape.
pub fn escape(region: Node, seeds: &[Seed], ignored: &[Node], src: &[u8]) -> Option<Escape> {
    let declared = declared_names(region, src);
    let paths: HashSet<String> = seeds.iter().map(|s| s.path.clone()).collect();
    let binding: HashSet<&str> = seeds.iter().filter(|s| s.binds_calls).map(|s| s.name.as_str()).collect();
    let mut tracked: HashMap<String, Carried> =
        seeds.iter().map(|s| (s.name.clone(), Carried::Itself)).collect();
    loop {
        let mut worst: Option<Escape> = None;
        let mut grew = false;
        syntax::walk(region, |n| {
            if ignored.iter().any(|i| syntax::contains(*i, n)) {
                return Descend::No;
            }
            if n.kind_name() != "identifier" {
                return Descend::Yes;
            }
            let Some(&carried) = tracked.get(text(n, src)) else { return Descend::Yes };
            let binds_calls = binding.contains(text(n, src));
            let ctx = Context { region, declared: &declared, paths: &paths, binds_calls, src };
            let mut trails = vec![ctx.follow(n, carried)];
            // A function literal capturing the value carries it wherever the literal goes.
            if let Some(literal) = syntax::ancestors(n)
                .take_while(|a| a.id() != region.id())
                .filter(|a| a.kind_name() == "func_literal")
                .last()
            {
                trails.push(ctx.follow(literal, carried));
            }
            for trail in trails {
                match trail {
                    Trail::Stops => {}
                    Trail::Binds(names, c) => {
                        for name in names {
                            let entry = tracked.entry(name).or_insert_with(|| {
                                grew = true;
                                c
                            });
                            if *entry < c {
                                *entry = c;
                                grew = true;
                            }
                        }
                    }
                    Trail::Leaves(c, at) => {
                        if worst.as_ref().is_none_or(|w| w.carried < c) {
                            worst = Some(Escape {
                                carried: c,
                                name: text(n, src).to_string(),
                                line: at.start_position().row + 1,
                            });
                        }
                    }
                }
            }
            Descend::Yes
        });
        if !grew {
            return worst;
        }
    }
}

struct Context<'a, 't> {
    region: Node<'t>,
    declared: &'a HashSet<String>,
    paths: &'a HashSet<String>,
    /// The use followed is of a seed whose calls' results are bound to it.
    binds_calls: bool,
    src: &'a [u8],
}

impl<'t> Context<'_, 't> {
    fn follow(&self, start: Node<'t>, mut carried: Carried) -> Trail<'t> {
        let (region, declared, src) = (self.region, self.declared, self.src);
        let mut child = start;
        for a in syntax::ancestors(start) {
            if a.id() == region.id() {
                return Trail::Stops;
            }
            let is_field = |name: &str| a.child_by_field_name(name).is_some_and(|f| f.id() == child.id());
            match a.kind_name() {
                // A goroutine started with the value as receiver or argument (`go srv.Serve(l)`)
                // outlives the region whatever the callee does with it.
                "selector_expression" | "argument_list" if started_by_go(a).is_some() => {
                    return Trail::Leaves(carried, started_by_go(a).unwrap_or(a));
                }
                "selector_expression" if is_field("operand") => {
                    let spelled: String = text(a, src).split_whitespace().collect();
                    if !(carried == Carried::Itself && self.paths.contains(&spelled)) {
                        carried = Carried::Derived;
                    }
                }
                "call_expression" if is_field("function") => {
                    let has_args =
                        a.child_by_field_name("arguments").is_some_and(|l| l.named_child_count() > 0);
                    // `x.M(args)` computes with x; `x.M()` reads something off it; calling a
                    // captured literal runs it here, unless a goroutine runs it.
                    if child.kind_name() == "func_literal" {
                        return match a.parent() {
                            Some(g) if g.kind_name() == "go_statement" => Trail::Leaves(carried, g),
                            _ => Trail::Stops,
                        };
                    }
                    if has_args {
                        return Trail::Stops;
                    }
                }
                "argument_list" => {
                    let callee = a
                        .parent()
                        .and_then(|c| c.child_by_field_name("function"))
                        .map(|f| text(f, src))
                        .unwrap_or("");
                    let last = callee.rsplit('.').next().unwrap_or(callee);
                    if STORING_METHODS.contains(&last) {
                        return Trail::Leaves(carried, a);
                    }
                    // Lengths are numbers, never handles.
                    if matches!(callee, "len" | "cap") {
                        return Trail::Stops;
                    }
                    let carries = keeps_arguments(callee) || carried == Carried::Derived;
                    // A context passed by name binds the call's result to itself.
                    let binds = self.binds_calls && child.kind_name() == "identifier";
                    match (carries, binds) {
                        (true, _) => {}
                        (false, true) => carried = Carried::Derived,
                        (false, false) => return Trail::Stops,
                    }
                }
                "send_statement" | "go_statement" => return Trail::Leaves(carried, a),
                "assignment_statement" | "short_var_declaration" | "var_spec" => {
                    // `total += r.size` accumulates a number or string: nothing that refers back.
                    let operator = a.child_by_field_name("operator").map_or("=", |o| text(o, src));
                    if a.kind_name() == "assignment_statement" && operator != "=" {
                        return Trail::Stops;
                    }
                    let value = a.child_by_field_name("right").or_else(|| a.child_by_field_name("value"));
                    if !value.is_some_and(|v| syntax::contains(v, child)) {
                        return Trail::Stops;
                    }
                    let targets: Vec<Node> = match a.kind_name() {
                        "var_spec" => {
                            let mut c = a.walk();
                            a.children_by_field_name("name", &mut c).collect()
                        }
                        _ => a
                            .child_by_field_name("left")
                            .map(|l| {
                                let mut c = l.walk();
                                l.named_children(&mut c).collect()
                            })
                            .unwrap_or_default(),
                    };
                    // A field or element of a region-local value stays in the region (and that
                    // value is followed from here); `_` keeps nothing.
                    let roots: Vec<Node> = targets.iter().map(|t| root_operand(*t)).collect();
                    let local = |t: &Node| {
                        t.kind_name() == "identifier"
                            && (text(*t, src) == "_" || declared.contains(text(*t, src)))
                    };
                    if a.kind_name() == "assignment_statement" && !roots.iter().all(local) {
                        return Trail::Leaves(carried, a);
                    }
                    // What is computed from the value (`s, err := api.Watch(ctx)`) comes with
                    // errors and ok-flags, which are plain data.
                    let names = roots
                        .iter()
                        .filter(|t| t.kind_name() == "identifier")
                        .map(|t| text(*t, src).to_string())
                        .filter(|n| carried == Carried::Itself || !matches!(n.as_str(), "err" | "ok"));
                    return Trail::Binds(names.collect(), carried);
                }
                "return_statement"
                | "expression_statement"
                | "if_statement"
                | "for_statement"
                | "expression_switch_statement"
                | "type_switch_statement"
                | "defer_statement"
                | "inc_statement"
                | "dec_statement"
                | "block"
                | "range_clause"
                | "for_clause" => return Trail::Stops,
                _ => {}
            }
            child = a;
        }
        Trail::Stops
    }
}

/// Whether a call keeps what it is given: `append`, and constructors (`New*`, `Wrap*`, `With*`)
/// whose result wraps their arguments (`bufio.NewReader(f)`, `context.WithValue(ctx, ...)`).
pub fn keeps_arguments(callee: &str) -> bool {
    let last = callee.rsplit('.').next().unwrap_or(callee);
    callee == "append" || ["New", "new", "Wrap", "With"].iter().any(|p| last.starts_with(p))
}

/// `x` in `x.f[i].g`: the variable a selector or index expression starts from.
fn root_operand(mut node: Node) -> Node {
    while matches!(node.kind_name(), "selector_expression" | "index_expression") {
        match node.child_by_field_name("operand") {
            Some(operand) => node = operand,
            None => break,
        }
    }
    node
}

/// The `go` statement whose call has `part` as its function or argument list, if any.
fn started_by_go(part: Node) -> Option<Node> {
    let call = part.parent().filter(|c| c.kind_name() == "call_expression")?;
    let is_part = |field: &str| call.child_by_field_name(field).is_some_and(|f| f.id() == part.id());
    if !(is_part("function") || is_part("arguments")) {
        return None;
    }
    call.parent().filter(|g| g.kind_name() == "go_statement")
}

/// Names declared anywhere inside `node`: short variable declarations, var and const specs,
/// parameters, range and receive clauses with `:=`, type-switch aliases.
pub fn declared_names(node: Node, src: &[u8]) -> HashSet<String> {
    let mut names = HashSet::new();
    syntax::walk(node, |n| {
        names.extend(declared_by(n, src));
        Descend::Yes
    });
    names
}

/// The names one declaring node introduces.
pub fn declared_by(n: Node, src: &[u8]) -> Vec<String> {
    let idents = |list: Option<Node>| -> Vec<String> {
        let Some(list) = list else { return Vec::new() };
        if list.kind_name() == "identifier" {
            return vec![text(list, src).to_string()];
        }
        let mut c = list.walk();
        list.named_children(&mut c)
            .filter(|i| i.kind_name() == "identifier")
            .map(|i| text(i, src).to_string())
            .collect()
    };
    let has_define = || {
        let mut c = n.walk();
        n.children(&mut c).any(|t| t.kind_name() == ":=")
    };
    match n.kind_name() {
        "short_var_declaration" => idents(n.child_by_field_name("left")),
        "range_clause" | "receive_statement" if has_define() => idents(n.child_by_field_name("left")),
        "var_spec" | "const_spec" | "parameter_declaration" | "variadic_parameter_declaration" => {
            let mut c = n.walk();
            n.children_by_field_name("name", &mut c).map(|i| text(i, src).to_string()).collect()
        }
        "type_switch_statement" => idents(n.child_by_field_name("alias")),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_escape(body: &str, seed: &str) -> Option<(Carried, usize)> {
        let src = format!("package p\n\nfunc f() {{\n\tfor {{\n{body}\n\t}}\n}}\n");
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        let tree = parser.parse(&src, None).unwrap();
        let mut region = None;
        syntax::walk(tree.root_node(), |n| {
            if n.kind_name() == "for_statement" {
                region = n.child_by_field_name("body");
            }
            Descend::Yes
        });
        let (name, path) = seed.split_once('=').unwrap_or((seed, seed));
        let seeds = [Seed::new(name, path)];
        escape(region.unwrap(), &seeds, &[], src.as_bytes()).map(|e| (e.carried, e.line))
    }

    #[test]
    fn data_read_through_the_value_stays() {
        assert_eq!(body_escape("f := open()\nb, _ := io.ReadAll(f)\ntotal += len(b)", "f"), None);
        assert_eq!(body_escape("f := open()\nn += f.Count(x)", "f"), None);
        assert_eq!(body_escape("r := open()\nsum += r.id\nn = n + len(r.name)", "r"), None);
        assert_eq!(body_escape("f := open()\n_ = f.Name()", "f"), None, "the blank identifier keeps nothing");
        let local_field =
            body_escape("f := open()\nvar got T\ngot.Name = f.Name()\nall = append(all, got)", "f");
        assert_eq!(
            local_field,
            Some((Carried::Derived, 8)),
            "a local value's field is followed, not an escape"
        );
    }

    #[test]
    fn the_value_itself_leaves() {
        let stored = body_escape("f := open()\nall = append(all, f)", "f");
        assert_eq!(stored, Some((Carried::Itself, 6)));
        let copied = body_escape("f := open()\ng := f\nch <- g", "f");
        assert_eq!(copied, Some((Carried::Itself, 7)));
        let captured = body_escape("f := open()\ngo func() { use(f) }()", "f");
        assert_eq!(captured, Some((Carried::Itself, 6)));
        let started = body_escape("ctx, cancel := context.WithCancel(parent)\ngo race(ctx, false)", "ctx");
        assert_eq!(started, Some((Carried::Itself, 6)), "net/dial.go's fallback racer");
        let served = body_escape("l := listen()\ngo srv.Serve(l)", "l");
        assert_eq!(served, Some((Carried::Itself, 6)));
        let receiver = body_escape("w := open()\ngo w.Watch()", "w");
        assert_eq!(receiver, Some((Carried::Itself, 6)));
        let wrapped = body_escape("f := open()\nr.in = bufio.NewReader(f)", "f");
        assert_eq!(wrapped, Some((Carried::Itself, 6)));
    }

    #[test]
    fn derived_values_leave() {
        let url = body_escape("ts := serve()\nu := ts.URL\nurls = append(urls, u)", "ts");
        assert_eq!(url, Some((Carried::Derived, 7)));
        let parsed = body_escape("ts := serve()\nfront, err = url.Parse(ts.URL)", "ts");
        assert_eq!(parsed, Some((Carried::Derived, 6)), "a derived value stays derived through calls");
        let body = body_escape(
            "resp := get()\nb, _ := io.ReadAll(resp.Body)\nall = append(all, b)",
            "resp=resp.Body",
        );
        assert_eq!(body, None, "reading the cleaned-up field yields data");
        let field = body_escape("l := listen()\naddr = l.Addr()", "l");
        assert_eq!(field, Some((Carried::Derived, 6)));
    }
}
