//! Where a value goes: does a value created inside a region (a loop body, a function) reach
//! somewhere that outlives the region? Transforms that move a cleanup earlier (loop-defer's
//! wrapping, a cancel at the end of an iteration or of the function) must not clean up what
//! is still in use.
//!
//! The analysis is syntactic and conservative. It follows each tracked name upwards through
//! the expression that uses it:
//! - a call whose body the file holds (a function, every method of that name, a function
//!   literal called on the spot) is looked into: its parameter is followed in its body, and
//!   what it returns carries the value;
//! - a call of the standard library known to use its arguments for the call only
//!   ([`super::known`]), a reporting method (`t.Errorf`, `log.Printf`), `len` and `cap` yield
//!   data: the trail stops;
//! - any other call may keep what it is given: the value leaves the region (something the fix
//!   cannot prove harmless), and what the call returns is derived from it;
//! - a method called *on* the value (`f.Read(buf)`) computes with it and keeps nothing (the
//!   convention a reviewer relies on); a zero-argument method or a field (`l.Addr()`,
//!   `srv.URL`) yields something *derived*; a method value (`f.Close` passed on) carries the
//!   value itself;
//! - `append`, composite literals, `&`, `New*`/`Wrap*`/`With*` constructors and function
//!   literals capturing it carry the value *itself*;
//! - a context binds what is made from it (`api.Watch(ctx)` returns a stream that ends with
//!   the context, as etcd's watch tests showed), and is used for the duration of a call it is
//!   passed to (the context convention).
//!
//! An error computed from a tracked value and kept beyond the region (`err = t.Apply()` into an
//! outer `var err error`) leaves like any derived value: an error may hold the value itself
//! (`&statusErr{t}`, whose `Error` reads `t`'s state), so "errors are data" is no proof.
//!
//! A trail ending in a declaration of region-local names tracks the new names too. A field or
//! element write (`x.f = v`) stays in the region only when `x` was made fresh in the region
//! (a composite literal, `new`, `make`, a zero `var`); when `x` may alias storage outside
//! (`e := &entries[i]`, `h := holders[i]`, a call's result, a parameter), the value leaves.
//! An assignment to anything not declared in the region, a channel send, a `go` statement, a
//! storing method (`Store`, `Add`, `Put`, ...) and, where asked, a `return` leave the region.

use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use super::region::{Identifier, Region};
use super::{callees, known, names::declared_names};
use crate::syntax::{self, Fields, KindName, text};

/// How much of a value reaches beyond the region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Carried {
    /// Something computed from it (a field, an address, a name), or the value handed to a
    /// call that may keep it.
    Derived,
    /// The value itself.
    Itself,
}

/// How a value leaves the region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Via {
    /// Assigned to a variable or field declared outside the region.
    Assigned,
    /// Written into a field or element of `.0`, which may alias storage outside the region.
    Alias(String),
    /// Sent on a channel.
    Sent,
    /// Used by a goroutine.
    Goroutine,
    /// Handed to a storing method (`Store`, `Add`, ...).
    Stored(String),
    /// Handed to a call whose body is not in the file, which may keep it.
    Call(String),
    /// Handed to a call whose body (in the file) keeps it.
    KeptBy(String),
    /// Returned from the region's function.
    Returned,
}

/// The worst way a tracked value leaves the region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Escape {
    pub carried: Carried,
    /// The tracked name whose value leaves.
    pub name: String,
    /// 1-based line where it leaves.
    pub line: usize,
    /// Byte offset of the node where it leaves (a call's arguments, the `return`, the send).
    pub at: usize,
    pub via: Via,
}

impl Escape {
    /// How it leaves `region` ("the iteration"), for a message: "is passed to `register`,
    /// which may keep it (line 12)".
    pub fn how(&self, region: &str) -> String {
        let line = self.line;
        match &self.via {
            Via::Assigned => format!("is assigned to a variable that outlives {region} (line {line})"),
            Via::Alias(x) => {
                format!(
                    "is stored through `{x}`, which may refer to storage that outlives {region} (line {line})"
                )
            }
            Via::Sent => format!("is sent on a channel (line {line})"),
            Via::Goroutine => format!("is used by a goroutine (line {line})"),
            Via::Stored(m) => format!("is handed to `{m}` (line {line})"),
            Via::Call(c) => format!(
                "is passed to `{c}`, which the analysis cannot see into and which may keep it (line {line})"
            ),
            Via::KeptBy(c) => format!("is passed to `{c}`, which keeps it (line {line})"),
            Via::Returned => format!("is returned (line {line})"),
        }
    }
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

/// Method names that, taken as a value without calling them (`finish(f.Close)`), are a
/// method value: a function that holds its receiver.
const CLEANUP_METHODS: &[&str] = &[
    "Close", "Stop", "Cancel", "Unlock", "RUnlock", "Release", "Shutdown", "Flush", "Done", "Wait",
    "Rollback",
];

/// How deep calls are looked into before a callee is taken as unknown.
const MAX_CALL_DEPTH: usize = 3;

/// Where one use of a tracked value ends up.
enum Trail<'t> {
    Stops,
    /// Declares or assigns these region-local names; the last field says whether they hold a
    /// context (made from one by a `With*` constructor).
    Binds(Vec<String>, Carried, bool),
    Leaves(Carried, Node<'t>, Via),
}

/// What is tracked: a name declared in the region, and the expression (`resp.Body`, or the
/// name itself) that denotes the value being cleaned up.
#[derive(Clone, Debug)]
pub struct Seed {
    pub name: String,
    pub path: String,
    /// A context: what a call makes from it lives only as long as it, and a call it is passed
    /// to uses it for the call's duration.
    pub binds_calls: bool,
}

impl Seed {
    pub fn new(name: &str, path: &str) -> Self {
        Seed { name: name.to_string(), path: path.to_string(), binds_calls: false }
    }

    /// A context variable.
    pub fn context(name: &str) -> Self {
        Seed { name: name.to_string(), path: name.to_string(), binds_calls: true }
    }
}

/// What counts as leaving, beyond the defaults.
#[derive(Clone, Copy, Default)]
pub struct Options<'a, 't> {
    /// Subtrees whose uses are not followed (the deferred calls themselves).
    pub ignored: &'a [Node<'t>],
    /// A `return` of the region's own function hands the value out.
    pub returns_leave: bool,
    /// Names that are local to the region although declared outside it (a callee's
    /// parameters), never fresh.
    pub locals: &'a [String],
    /// How many calls deep this analysis runs (0 for a rule's own question).
    pub depth: usize,
}

/// Follows every use of the seeds outside the `ignored` subtrees, and reports the worst escape.
pub fn escape(region: Node, seeds: &[Seed], ignored: &[Node], src: &[u8]) -> Option<Escape> {
    escape_with(region, seeds, Options { ignored, ..Options::default() }, src)
}

/// [`escape`], with `return` and extra locals as `options` say.
pub fn escape_with(region: Node, seeds: &[Seed], options: Options, src: &[u8]) -> Option<Escape> {
    let mut worst: Option<Escape> = None;
    for e in escapes(region, seeds, options, src) {
        if worst.as_ref().is_none_or(|w| w.carried < e.carried) {
            worst = Some(e);
        }
    }
    worst
}

/// Every way the seeds leave the region, in the order the walk meets them: what a rule asks
/// when it must know each place a value goes, not only the worst.
pub fn escapes(region: Node, seeds: &[Seed], options: Options, src: &[u8]) -> Vec<Escape> {
    let index = Region::new(region, src);
    let mut declared = index.declared_names(src);
    declared.extend(options.locals.iter().cloned());
    let fresh = fresh_names(&index, &declared, options.locals, src);
    let paths: HashSet<String> = seeds.iter().map(|s| s.path.clone()).collect();
    let mut binding: HashSet<String> =
        seeds.iter().filter(|s| s.binds_calls).map(|s| s.name.clone()).collect();
    let mut tracked: HashMap<String, Carried> =
        seeds.iter().map(|s| (s.name.clone(), Carried::Itself)).collect();
    let root = callees::root(region);
    let uses: Vec<&Identifier> = index
        .identifiers
        .iter()
        .filter(|id| !options.ignored.iter().any(|i| syntax::contains(*i, id.node)))
        .collect();
    loop {
        let mut all: Vec<Escape> = Vec::new();
        let mut grew = false;
        for &id in &uses {
            let n = id.node;
            let Some(&carried) = tracked.get(text(n, src)) else { continue };
            if index.literal_parameter(id, src) {
                continue;
            }
            let binds_calls = binding.contains(text(n, src));
            let ctx = Context {
                region,
                root,
                declared: &declared,
                fresh: &fresh,
                paths: &paths,
                binds_calls,
                options,
                src,
            };
            let mut trails = Vec::new();
            let main = ctx.follow(n, carried, &mut trails);
            trails.push(main);
            // A function literal capturing the value carries it wherever the literal goes.
            if let Some(literal) = index.outermost_literal(id) {
                let main = ctx.follow(literal, carried, &mut trails);
                trails.push(main);
            }
            for trail in trails {
                match trail {
                    Trail::Stops => {}
                    Trail::Binds(names, c, binds) => {
                        for name in names {
                            if binds && binding.insert(name.clone()) {
                                grew = true;
                            }
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
                    Trail::Leaves(c, at, via) => all.push(Escape {
                        carried: c,
                        name: text(n, src).to_string(),
                        line: at.start_position().row + 1,
                        at: at.start_byte(),
                        via,
                    }),
                }
            }
        }
        if !grew {
            return all;
        }
    }
}

/// The region-local names whose every value is made fresh in the region: a composite literal,
/// its address, `new(T)`, `make(...)`, a basic literal, or a `var` with no value. Fields and
/// elements written into such a name stay in the region until the name itself leaves.
fn fresh_names(index: &Region, declared: &HashSet<String>, never: &[String], src: &[u8]) -> HashSet<String> {
    let mut fresh: HashSet<String> = declared.iter().filter(|n| !never.contains(n)).cloned().collect();
    for &n in &index.declaring {
        let pairs: Vec<(Node, Option<Node>)> = match n.kind_name() {
            "short_var_declaration" | "assignment_statement" => {
                let (Some(left), right) = (n.field("left"), n.field("right")) else {
                    continue;
                };
                let targets = syntax::named_children_without_comments(left);
                let values = right.map(syntax::named_children_without_comments).unwrap_or_default();
                let operator = n.field("operator").map_or("=", |o| text(o, src));
                if n.kind_name() == "assignment_statement" && operator != "=" {
                    continue;
                }
                pair_up(targets, values)
            }
            "var_spec" => {
                let mut c = n.walk();
                let targets: Vec<Node> = n.fields("name", &mut c).collect();
                match n.field("value") {
                    Some(v) => pair_up(targets, syntax::named_children_without_comments(v)),
                    None => targets.into_iter().map(|t| (t, None)).collect(),
                }
            }
            "range_clause"
            | "receive_statement"
            | "parameter_declaration"
            | "variadic_parameter_declaration"
            | "type_switch_statement" => {
                for name in super::names::declared_by(n, src) {
                    fresh.remove(&name);
                }
                continue;
            }
            _ => continue,
        };
        for (target, value) in pairs {
            if target.kind_name() == "identifier" && !value.is_none_or(|v| is_fresh_value(v, src)) {
                fresh.remove(text(target, src));
            }
        }
    }
    fresh
}

/// Each target with its value; a multi-value call gives every target a value that is not
/// fresh.
fn pair_up<'t>(targets: Vec<Node<'t>>, values: Vec<Node<'t>>) -> Vec<(Node<'t>, Option<Node<'t>>)> {
    if values.len() == targets.len() {
        targets.into_iter().zip(values.into_iter().map(Some)).collect()
    } else {
        let call = values.first().copied();
        targets.into_iter().map(|t| (t, call)).collect()
    }
}

fn is_fresh_value(value: Node, src: &[u8]) -> bool {
    match value.kind_name() {
        "composite_literal"
        | "int_literal"
        | "float_literal"
        | "interpreted_string_literal"
        | "raw_string_literal"
        | "rune_literal"
        | "true"
        | "false"
        | "func_literal" => true,
        "unary_expression" => {
            value.child(0).is_some_and(|op| op.kind_name() == "&")
                && value.field("operand").is_some_and(|o| o.kind_name() == "composite_literal")
        }
        "call_expression" => value
            .field("function")
            .is_some_and(|f| f.kind_name() == "identifier" && matches!(text(f, src), "new" | "make")),
        _ => false,
    }
}

struct Context<'a, 't> {
    region: Node<'t>,
    root: Node<'t>,
    declared: &'a HashSet<String>,
    fresh: &'a HashSet<String>,
    paths: &'a HashSet<String>,
    /// The use followed is of a seed whose calls' results are bound to it.
    binds_calls: bool,
    options: Options<'a, 't>,
    src: &'a [u8],
}

/// What a call does with one argument.
enum CallUse {
    /// Uses it for the call's duration only.
    Nothing,
    /// May return it (or something carrying it).
    Returns,
    /// Its body, read, keeps it beyond the call (all of it, or something derived from it).
    Keeps(Via, Carried),
    /// Its body is not in the file: it may keep it.
    Unknown(Via),
}

impl<'t> Context<'_, 't> {
    /// The trail of one use, upwards from `start`; trails of possible escapes found on the way
    /// (a call that may keep the value, whose result is followed on) go to `side`.
    fn follow(&self, start: Node<'t>, mut carried: Carried, side: &mut Vec<Trail<'t>>) -> Trail<'t> {
        let (region, src) = (self.region, self.src);
        let mut child = start;
        // Still the context itself (through parentheses and `With*` constructors).
        let mut context = self.binds_calls && start.kind_name() == "identifier";
        for a in syntax::ancestors(start) {
            if a.id() == region.id() {
                return Trail::Stops;
            }
            let is_field = |name: &str| a.field(name).is_some_and(|f| f.id() == child.id());
            match a.kind_name() {
                // A goroutine started with the value as receiver or argument (`go srv.Serve(l)`)
                // outlives the region whatever the callee does with it.
                "selector_expression" | "argument_list" if started_by_go(a).is_some() => {
                    return Trail::Leaves(carried, started_by_go(a).unwrap_or(a), Via::Goroutine);
                }
                "selector_expression" if is_field("operand") => {
                    let spelled: String = text(a, src).split_whitespace().collect();
                    let called = a
                        .parent()
                        .filter(|p| p.kind_name() == "call_expression")
                        .and_then(|p| p.field("function"))
                        .is_some_and(|f| f.id() == a.id());
                    let field = a.field("field").map_or("", |f| text(f, src));
                    // `f.Close` taken as a value holds `f`.
                    let method_value = !called
                        && (CLEANUP_METHODS.contains(&field)
                            || !callees::methods(self.root, field, src).is_empty());
                    if !(carried == Carried::Itself && (self.paths.contains(&spelled) || method_value)) {
                        carried = Carried::Derived;
                    }
                    context = false;
                }
                "call_expression" if is_field("function") => {
                    let has_args = a.field("arguments").is_some_and(|l| l.named_child_count() > 0);
                    // `x.M(args)` computes with x; `x.M()` reads something off it; calling a
                    // captured literal runs it here, unless a goroutine runs it.
                    if child.kind_name() == "func_literal" {
                        return match a.parent() {
                            Some(g) if g.kind_name() == "go_statement" => {
                                Trail::Leaves(carried, g, Via::Goroutine)
                            }
                            _ => Trail::Stops,
                        };
                    }
                    if has_args {
                        return Trail::Stops;
                    }
                }
                "argument_list" => {
                    let Some(call) = a.parent() else { return Trail::Stops };
                    let function = call.field("function");
                    let callee = function.map(|f| text(f, src)).unwrap_or("");
                    let shown: String = callee.split_whitespace().collect();
                    let last = callee.rsplit('.').next().unwrap_or(callee);
                    if STORING_METHODS.contains(&last) {
                        return Trail::Leaves(carried, a, Via::Stored(shown));
                    }
                    // Builtins that compute with their arguments and keep none (lengths are
                    // numbers, never handles), unless shadowed.
                    if known::builtin_keeps_nothing(callee) && !self.declared.contains(callee) {
                        return Trail::Stops;
                    }
                    if keeps_arguments(callee) {
                        child = a;
                        continue;
                    }
                    let is_context = std::mem::take(&mut context);
                    let index =
                        syntax::named_children_without_comments(a).iter().position(|c| c.id() == child.id());
                    match self.call_use(function, index) {
                        CallUse::Nothing => return Trail::Stops,
                        CallUse::Returns => {}
                        CallUse::Keeps(via, kept) => {
                            side.push(Trail::Leaves(carried.min(kept), a, via));
                            carried = Carried::Derived;
                        }
                        // A context registered beyond the call (`context.AfterFunc`,
                        // `exec.CommandContext`): cancelling it later still acts.
                        CallUse::Unknown(via) if is_context && self.keeps_context(function) => {
                            side.push(Trail::Leaves(Carried::Itself, a, via));
                            carried = Carried::Derived;
                        }
                        // A context passed by name is used for the call's duration, and binds
                        // the call's result to itself.
                        CallUse::Unknown(_) if is_context && self.result_is_data(function) => {
                            return Trail::Stops;
                        }
                        CallUse::Unknown(_) if is_context => carried = Carried::Derived,
                        // Data derived from the value, handed on: what comes back is derived.
                        CallUse::Unknown(_) if carried == Carried::Derived => {}
                        CallUse::Unknown(via) => {
                            side.push(Trail::Leaves(Carried::Derived, a, via));
                            carried = Carried::Derived;
                        }
                    }
                }
                "send_statement" => return Trail::Leaves(carried, a, Via::Sent),
                "go_statement" => return Trail::Leaves(carried, a, Via::Goroutine),
                "assignment_statement" | "short_var_declaration" | "var_spec" => {
                    return self.assignment(a, child, carried, context);
                }
                "return_statement" => {
                    let own = !syntax::ancestors(a)
                        .take_while(|x| x.id() != region.id())
                        .any(|x| x.kind_name() == "func_literal");
                    return if self.options.returns_leave && own {
                        Trail::Leaves(carried, a, Via::Returned)
                    } else {
                        Trail::Stops
                    };
                }
                "expression_statement"
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

    /// The value `child` reaching the right-hand side of an assignment or declaration `a`.
    fn assignment(&self, a: Node<'t>, child: Node<'t>, carried: Carried, context: bool) -> Trail<'t> {
        let (declared, src) = (self.declared, self.src);
        // `total += r.size` accumulates a number or string: nothing that refers back.
        let operator = a.field("operator").map_or("=", |o| text(o, src));
        if a.kind_name() == "assignment_statement" && operator != "=" {
            return Trail::Stops;
        }
        let value = a.field("right").or_else(|| a.field("value"));
        if !value.is_some_and(|v| syntax::contains(v, child)) {
            return Trail::Stops;
        }
        let targets: Vec<Node> = match a.kind_name() {
            "var_spec" => {
                let mut c = a.walk();
                a.fields("name", &mut c).collect()
            }
            _ => a.field("left").map(syntax::named_children_without_comments).unwrap_or_default(),
        };
        for t in &targets {
            let root = root_operand(*t);
            let local = root.kind_name() == "identifier"
                && (text(root, src) == "_" || declared.contains(text(root, src)));
            if a.kind_name() == "assignment_statement" && !local {
                return Trail::Leaves(carried, a, Via::Assigned);
            }
            // A field or element of a value made in the region stays in it (and that value is
            // followed from here); one of a value that may alias outer storage does not.
            if root.id() != t.id() && !self.fresh.contains(text(root, src)) {
                return Trail::Leaves(carried, a, Via::Alias(text(root, src).to_string()));
            }
        }
        // What is computed from the value (`s, err := api.Watch(ctx)`) comes with errors and
        // ok-flags, which are plain data.
        let names = targets
            .iter()
            .map(|t| root_operand(*t))
            .filter(|t| t.kind_name() == "identifier")
            .map(|t| text(t, src).to_string())
            .filter(|n| n != "_" && (carried == Carried::Itself || !matches!(n.as_str(), "err" | "ok")));
        Trail::Binds(names.collect(), carried, context)
    }

    /// Whether `function` is a standard-library function whose result is data
    /// ([`known::result_is_data`]).
    fn keeps_context(&self, function: Option<Node>) -> bool {
        self.standard_function(function).is_some_and(|(path, name)| known::keeps_context(&path, &name))
    }

    /// `pkg.F` with `pkg` an import: its path and `F`.
    fn standard_function(&self, function: Option<Node>) -> Option<(String, String)> {
        let src = self.src;
        let f = function.filter(|f| f.kind_name() == "selector_expression")?;
        let operand = f.field("operand").filter(|o| o.kind_name() == "identifier")?;
        if self.declared.contains(text(operand, src)) {
            return None;
        }
        let path = syntax::import_path_of(self.root, src, text(operand, src))?;
        Some((path, text(f.field("field")?, src).to_string()))
    }

    fn result_is_data(&self, function: Option<Node>) -> bool {
        let src = self.src;
        let Some(f) = function.filter(|f| f.kind_name() == "selector_expression") else { return false };
        let (Some(operand), Some(field)) = (f.field("operand"), f.field("field")) else {
            return false;
        };
        operand.kind_name() == "identifier"
            && !self.declared.contains(text(operand, src))
            && syntax::import_path_of(self.root, src, text(operand, src))
                .is_some_and(|path| known::result_is_data(&path, text(field, src)))
    }

    /// What the call whose function is `function` does with its `index`-th argument.
    fn call_use(&self, function: Option<Node<'t>>, index: Option<usize>) -> CallUse {
        let src = self.src;
        let (Some(function), Some(index)) = (function, index) else {
            return CallUse::Unknown(Via::Call(String::new()));
        };
        let shown: String = match function.kind_name() {
            "func_literal" => "the function literal".to_string(),
            _ => text(function, src).split_whitespace().collect(),
        };
        let unknown = || CallUse::Unknown(Via::Call(shown.clone()));
        let mut function = function;
        while function.kind_name() == "parenthesized_expression" {
            match function.named_child(0) {
                Some(inner) => function = inner,
                None => return unknown(),
            }
        }
        let decls: Vec<Node> = match function.kind_name() {
            "func_literal" => vec![function],
            "identifier" => {
                let name = text(function, src);
                if self.declared.contains(name) {
                    return unknown();
                }
                callees::function(self.root, name, src).into_iter().collect()
            }
            "selector_expression" => {
                let (Some(operand), Some(field)) = (function.field("operand"), function.field("field"))
                else {
                    return unknown();
                };
                let method = text(field, src);
                let package = (operand.kind_name() == "identifier"
                    && !self.declared.contains(text(operand, src)))
                .then(|| syntax::import_path_of(self.root, src, text(operand, src)))
                .flatten();
                if let Some(path) = package {
                    return if known::package_function_keeps_nothing(&path, method) {
                        CallUse::Nothing
                    } else {
                        unknown()
                    };
                }
                if known::reporting_method(method) {
                    return CallUse::Nothing;
                }
                callees::methods(self.root, method, src)
            }
            _ => Vec::new(),
        };
        if decls.is_empty() || self.options.depth >= MAX_CALL_DEPTH {
            return unknown();
        }
        let mut verdict = CallUse::Nothing;
        for decl in decls {
            match self.parameter_use(decl, index) {
                CallUse::Keeps(_, kept) => return CallUse::Keeps(Via::KeptBy(shown), kept),
                CallUse::Unknown(Via::Call(inner)) if !inner.is_empty() => {
                    return CallUse::Unknown(Via::Call(format!("{shown}`, which passes it to `{inner}")));
                }
                CallUse::Unknown(_) => return unknown(),
                CallUse::Returns => verdict = CallUse::Returns,
                CallUse::Nothing => {}
            }
        }
        verdict
    }

    /// What the body of `decl` does with the parameter the `index`-th argument binds.
    fn parameter_use(&self, decl: Node<'t>, index: usize) -> CallUse {
        let src = self.src;
        let name = match callees::parameter_name(decl, index, src) {
            Some(Some(name)) => name,
            Some(None) => return CallUse::Nothing,
            None => return CallUse::Unknown(Via::Call(String::new())),
        };
        let Some(body) = callees::body(decl) else { return CallUse::Unknown(Via::Call(String::new())) };
        let params: Vec<String> = decl
            .field("parameters")
            .map(|p| declared_names(p, src).into_iter().collect())
            .unwrap_or_default();
        let options =
            Options { ignored: &[], returns_leave: true, locals: &params, depth: self.options.depth + 1 };
        let seed = Seed { name: name.to_string(), path: name.to_string(), binds_calls: self.binds_calls };
        match escape_with(body, &[seed], options, src) {
            None => CallUse::Nothing,
            Some(e) if e.via == Via::Returned => CallUse::Returns,
            // What the callee's own callees may do stays a possibility, not a certainty.
            Some(Escape { via: Via::Call(c), .. }) => CallUse::Unknown(Via::Call(c)),
            Some(e) => CallUse::Keeps(e.via, e.carried),
        }
    }
}

/// For a value made by `call` to a function or method of the file: how the callee also keeps
/// what it returns (`t := &tx{}; pending = append(pending, t); return t`), so that the caller
/// is not the value's only holder.
pub fn kept_by_maker(call: Node, src: &[u8]) -> Option<(String, Escape)> {
    let function = call.field("function")?;
    let root = callees::root(call);
    let decls: Vec<Node> = match function.kind_name() {
        "identifier" => callees::function(root, text(function, src), src).into_iter().collect(),
        "selector_expression" => callees::methods(root, text(function.field("field")?, src), src),
        _ => Vec::new(),
    };
    let shown: String = text(function, src).split_whitespace().collect();
    decls.into_iter().find_map(|decl| {
        let body = callees::body(decl)?;
        let mut returned: Vec<Seed> = Vec::new();
        let declared = declared_names(body, src);
        syntax::walk_same_function(body, |n| {
            if n.kind_name() != "return_statement" {
                return;
            }
            for v in syntax::return_values(n).map(syntax::named_children_without_comments).unwrap_or_default()
            {
                let v = if v.kind_name() == "unary_expression" { v.field("operand").unwrap_or(v) } else { v };
                if v.kind_name() == "identifier" && declared.contains(text(v, src)) {
                    returned.push(Seed::new(text(v, src), text(v, src)));
                }
            }
        });
        escape(body, &returned, &[], src).map(|e| (shown.clone(), e))
    })
}

/// Whether a call keeps what it is given: `append`, and constructors (`New*`, `Wrap*`, `With*`)
/// whose result wraps their arguments (`bufio.NewReader(f)`, `context.WithValue(ctx, ...)`).
pub fn keeps_arguments(callee: &str) -> bool {
    let last = callee.rsplit('.').next().unwrap_or(callee);
    callee == "append" || ["New", "new", "Wrap", "With"].iter().any(|p| last.starts_with(p))
}

/// `x` in `x.f[i].g`: the variable a selector or index expression starts from.
fn root_operand(mut node: Node) -> Node {
    while matches!(node.kind_name(), "selector_expression" | "index_expression" | "parenthesized_expression")
    {
        match node.field("operand").or_else(|| node.named_child(0)) {
            Some(operand) => node = operand,
            None => break,
        }
    }
    node
}

/// The `go` statement whose call has `part` as its function or argument list, if any.
fn started_by_go(part: Node) -> Option<Node> {
    let call = part.parent().filter(|c| c.kind_name() == "call_expression")?;
    let is_part = |field: &str| call.field(field).is_some_and(|f| f.id() == part.id());
    if !(is_part("function") || is_part("arguments")) {
        return None;
    }
    call.parent().filter(|g| g.kind_name() == "go_statement")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Descend;

    /// The escape of `seed` from the loop body `body` (its first line is line 6), with
    /// `decls` (functions of the file) after the function.
    fn escape_in(body: &str, seed: &str, decls: &str) -> Option<(Carried, usize, Via)> {
        let src = format!(
            "package p\n\nimport (\"bufio\"; \"context\"; \"io\"; \"net/url\")\n\nfunc f() {{\n\tfor {{\n{body}\n\t}}\n}}\n\n{decls}\n"
        );
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        let tree = parser.parse(&src, None).unwrap();
        let mut region = None;
        syntax::walk(tree.root_node(), |n| {
            if n.kind_name() == "for_statement" && region.is_none() {
                region = n.field("body");
            }
            Descend::Yes
        });
        let (name, path) = seed.split_once('=').unwrap_or((seed, seed));
        let seeds = [if name == "ctx" { Seed::context(name) } else { Seed::new(name, path) }];
        escape(region.unwrap(), &seeds, &[], src.as_bytes()).map(|e| (e.carried, e.line - 2, e.via))
    }

    fn body_escape(body: &str, seed: &str) -> Option<(Carried, usize)> {
        escape_in(body, seed, "").map(|(c, line, _)| (c, line))
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

    #[test]
    fn fields_of_values_that_may_alias_outer_storage() {
        let element =
            escape_in("ctx, cancel := context.WithCancel(p)\ne := &entries[i]\ne.ctx = ctx", "ctx", "");
        assert_eq!(element, Some((Carried::Itself, 7, Via::Alias("e".into()))));
        let holder = escape_in("conn := connect()\nh := holders[i]\nh.conn = conn", "conn", "");
        assert_eq!(holder, Some((Carried::Itself, 7, Via::Alias("h".into()))));
        let fresh = escape_in("conn := connect()\nh := &Holder{}\nh.conn = conn\nuse2(h)", "conn", "");
        assert_eq!(fresh.map(|e| e.2), Some(Via::Call("use2".into())), "only the unknown call is a risk");
        let fresh_kept =
            escape_in("conn := connect()\nh := &Holder{}\nh.conn = conn\nall = append(all, h)", "conn", "");
        assert_eq!(fresh_kept, Some((Carried::Itself, 8, Via::Assigned)));
    }

    #[test]
    fn calls_that_cannot_be_seen_into_may_keep() {
        let unknown = escape_in("f := open()\nprocess(f)", "f", "");
        assert_eq!(unknown, Some((Carried::Derived, 6, Via::Call("process".into()))));
        let method = escape_in("f := open()\nreg.Track(f)", "f", "");
        assert_eq!(method, Some((Carried::Derived, 6, Via::Call("reg.Track".into()))));
        let logged = escape_in("f := open()\nt.Logf(\"%v\", f)", "f", "");
        assert_eq!(logged, None, "reporting methods format their arguments");
        let ctx = escape_in("ctx, cancel := context.WithCancel(p)\nrun(ctx)", "ctx", "");
        assert_eq!(ctx, None, "a context is used for the duration of the call");
    }

    #[test]
    fn callee_bodies_in_the_file_are_read() {
        let reads = "func use(r io.Reader) int { b, _ := io.ReadAll(r); return len(b) }";
        assert_eq!(escape_in("f := open()\nuse(f)", "f", reads), None);
        let keeps = "var kept []io.Reader\n\nfunc use(r io.Reader) { kept = append(kept, r) }";
        assert_eq!(
            escape_in("f := open()\nuse(f)", "f", keeps),
            Some((Carried::Itself, 6, Via::KeptBy("use".into())))
        );
        let returns = "func wrap(r io.Reader) io.Reader { return r }";
        let kept = escape_in("f := open()\nw := wrap(f)\nall = append(all, w)", "f", returns);
        assert_eq!(kept.map(|e| e.1), Some(7), "what the callee returns carries the value");
        let literal = escape_in("f := open()\nfunc(x io.Reader) { saved = x }(f)", "f", "");
        assert_eq!(
            literal.map(|e| e.2),
            Some(Via::KeptBy("the function literal".into())),
            "a literal called on the spot is read too"
        );
    }

    #[test]
    fn method_values_hold_their_receiver() {
        let passed = escape_in("f := open()\ncleanups = append(cleanups, f.Close)", "f", "");
        assert_eq!(passed, Some((Carried::Itself, 6, Via::Assigned)));
        let field = escape_in("f := open()\nnames = append(names, f.name)", "f", "");
        assert_eq!(field.map(|e| e.0), Some(Carried::Derived));
    }

    #[test]
    fn a_literal_parameter_is_not_the_outer_variable() {
        let own = escape_in("f := open()\ngo func(f int) { use(f) }(1)", "f", "");
        assert_eq!(own, None, "the literal's own f shadows the tracked one");
    }
}
