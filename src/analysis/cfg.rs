//! A control-flow graph of one function body, built the way go vet's lostcancel builds its own
//! (golang.org/x/tools/go/cfg): basic blocks of statements and header expressions, edges for
//! if/else, switch (with `fallthrough`), type switch, select, loops, labelled `break`/`continue`
//! and `goto`; a `return` ends its block, and so does a call that never returns (`panic`,
//! `os.Exit`, `log.Fatal`, ...), without an exit. Falling off the end of a reachable body is an
//! exit at its closing brace. Function literals are not entered: each has its own graph.
//!
//! The builder runs an explicit task stack and the searches an explicit block stack, so nothing
//! recurses in proportion to the nesting depth of the Go code.
//!
//! Shared by the rules that ask whether every path from a statement to a return does something:
//! lost-cancel (a cancel call), resource-never-released (a release of what was opened).

use std::collections::HashMap;

use tree_sitter::Node;

use crate::syntax::{self, Fields, KindName, text};

/// Where a path loses what is tracked (see [`Graph::lost_path_until`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lost {
    /// It leaves the function.
    Exit(Exit),
    /// The statement on this line assigns the variable anew.
    Killed(usize),
}

#[derive(Default)]
struct Block<'t> {
    nodes: Vec<Node<'t>>,
    succs: Vec<usize>,
    /// The line of the `return` (or of the closing brace, for the implicit one) that ends it.
    exit: Option<usize>,
}

/// Where a path leaves the function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exit {
    pub line: usize,
    /// Falling off the end of the body rather than a `return`.
    pub implicit: bool,
}

pub struct Graph<'t> {
    blocks: Vec<Block<'t>>,
    implicit: Option<usize>,
}

/// The names under which the file imports the packages whose functions never return.
pub struct NoReturn {
    os: Option<String>,
    runtime: Option<String>,
    syscall: Option<String>,
}

impl NoReturn {
    pub fn new(tree: &tree_sitter::Tree, src: &[u8]) -> Self {
        NoReturn {
            os: syntax::import_name(tree, src, "os"),
            runtime: syntax::import_name(tree, src, "runtime"),
            syscall: syntax::import_name(tree, src, "syscall"),
        }
    }

    /// Whether the expression statement is a call that never returns: `panic`, `os.Exit`,
    /// `syscall.Exit`, `runtime.Goexit`, and by name the functions and methods that end
    /// the process or the goroutine (`log.Fatal*`, `log.Panic*`, `t.Fatal*`, `t.FailNow`,
    /// `t.SkipNow`, `t.Skipf`, a logger's `Fatal*`/`Panic*`). go vet knows more (any
    /// function whose body cannot return); see the rule's README.
    pub fn stops(&self, stmt: Node, src: &[u8]) -> bool {
        let Some(function) = stmt
            .named_child(0)
            .filter(|c| c.kind_name() == "call_expression")
            .and_then(|c| c.field("function"))
        else {
            return false;
        };
        if function.kind_name() == "identifier" {
            return text(function, src) == "panic";
        }
        if function.kind_name() != "selector_expression" {
            return false;
        }
        let operand = function.field("operand").map(|o| text(o, src)).unwrap_or("");
        let field = function.field("field").map(|f| text(f, src)).unwrap_or("");
        let is = |pkg: &Option<String>| pkg.as_deref() == Some(operand);
        ((is(&self.os) || is(&self.syscall)) && field == "Exit")
            || (is(&self.runtime) && field == "Goexit")
            || matches!(
                field,
                "Fatal"
                    | "Fatalf"
                    | "Fatalln"
                    | "Panic"
                    | "Panicf"
                    | "Panicln"
                    | "FailNow"
                    | "SkipNow"
                    | "Skipf"
            )
    }
}

#[derive(Clone, Copy, Default)]
struct Targets {
    brk: Option<usize>,
    cont: Option<usize>,
    fall: Option<usize>,
}

struct Label {
    goto: usize,
    brk: Option<usize>,
    cont: Option<usize>,
}

enum Task<'t> {
    Stmt(Node<'t>, Option<&'t str>),
    Add(Node<'t>),
    Jump(usize),
    IfElse(usize, usize),
    Current(usize),
    Push(Targets),
    Pop,
}

struct Builder<'a, 't> {
    blocks: Vec<Block<'t>>,
    current: Option<usize>,
    targets: Vec<Targets>,
    labels: HashMap<&'t str, Label>,
    src: &'t [u8],
    no_return: &'a NoReturn,
}

impl<'t> Builder<'_, 't> {
    fn block(&mut self) -> usize {
        self.blocks.push(Block::default());
        self.blocks.len() - 1
    }

    fn current(&mut self) -> usize {
        match self.current {
            Some(c) => c,
            None => {
                let c = self.block();
                self.current = Some(c);
                c
            }
        }
    }

    fn add(&mut self, node: Node<'t>) {
        let c = self.current();
        self.blocks[c].nodes.push(node);
    }

    fn jump(&mut self, to: usize) {
        let c = self.current();
        self.blocks[c].succs.push(to);
        self.current = None;
    }

    fn label(&mut self, name: &'t str) -> &mut Label {
        if !self.labels.contains_key(name) {
            let goto = self.block();
            self.labels.insert(name, Label { goto, brk: None, cont: None });
        }
        self.labels.get_mut(name).expect("inserted above")
    }

    fn run(&mut self, body: Node<'t>) {
        let mut tasks = vec![Task::Stmt(body, None)];
        while let Some(task) = tasks.pop() {
            match task {
                Task::Stmt(s, label) => {
                    let mut seq = Vec::new();
                    self.stmt(s, label, &mut seq);
                    tasks.extend(seq.into_iter().rev());
                }
                Task::Add(n) => self.add(n),
                Task::Jump(b) => self.jump(b),
                Task::IfElse(t, f) => {
                    let c = self.current();
                    self.blocks[c].succs.extend([t, f]);
                    self.current = None;
                }
                Task::Current(b) => self.current = Some(b),
                Task::Push(t) => self.targets.push(t),
                Task::Pop => {
                    self.targets.pop();
                }
            }
        }
    }

    /// Performs a simple statement, or lays out a compound one as tasks in `seq`.
    fn stmt(&mut self, s: Node<'t>, label: Option<&'t str>, seq: &mut Vec<Task<'t>>) {
        let src = self.src;
        let list = |seq: &mut Vec<Task<'t>>, n: Node<'t>| {
            seq.extend(syntax::statements(n).into_iter().map(|s| Task::Stmt(s, None)));
        };
        match s.kind_name() {
            "send_statement"
            | "inc_statement"
            | "dec_statement"
            | "go_statement"
            | "assignment_statement"
            | "short_var_declaration"
            | "defer_statement"
            | "receive_statement" => self.add(s),
            "var_declaration" => {
                for spec in syntax::descendants_of_kind(s, "var_spec") {
                    if syntax::enclosing_function(spec).map(|f| f.id())
                        == syntax::enclosing_function(s).map(|f| f.id())
                    {
                        self.add(spec);
                    }
                }
            }
            "expression_statement" => {
                self.add(s);
                if self.no_return.stops(s, src) {
                    self.current = None;
                }
            }
            "return_statement" => {
                self.add(s);
                let c = self.current();
                self.blocks[c].exit = Some(s.start_position().row + 1);
                self.current = None;
            }
            "break_statement" | "continue_statement" | "fallthrough_statement" | "goto_statement" => {
                let name = syntax::jump_label(s, src);
                let to = match (s.kind_name(), name) {
                    ("goto_statement", Some(name)) => Some(self.label(name).goto),
                    ("break_statement", Some(name)) => self.labels.get(name).and_then(|l| l.brk),
                    ("continue_statement", Some(name)) => self.labels.get(name).and_then(|l| l.cont),
                    ("break_statement", None) => self.targets.iter().rev().find_map(|t| t.brk),
                    ("continue_statement", None) => self.targets.iter().rev().find_map(|t| t.cont),
                    ("fallthrough_statement", _) => self.targets.iter().rev().find_map(|t| t.fall),
                    _ => None,
                };
                let to = to.unwrap_or_else(|| self.block());
                self.jump(to);
            }
            "block" | "statement_list" => list(seq, s),
            "labeled_statement" => {
                let Some(name) = syntax::label_of(s, src) else { return };
                let goto = self.label(name).goto;
                self.jump(goto);
                self.current = Some(goto);
                if let Some(inner) = syntax::labeled_inner(s) {
                    seq.push(Task::Stmt(inner, Some(name)));
                }
            }
            "if_statement" => {
                if let Some(init) = s.field("initializer") {
                    seq.push(Task::Stmt(init, None));
                }
                let then = self.block();
                let done = self.block();
                let alternative = s.field("alternative");
                let other = if alternative.is_some() { self.block() } else { done };
                if let Some(cond) = s.field("condition") {
                    seq.push(Task::Add(cond));
                }
                seq.extend([Task::IfElse(then, other), Task::Current(then)]);
                if let Some(body) = s.field("consequence") {
                    seq.push(Task::Stmt(body, None));
                }
                seq.push(Task::Jump(done));
                if let Some(alt) = alternative {
                    seq.extend([Task::Current(other), Task::Stmt(alt, None), Task::Jump(done)]);
                }
                seq.push(Task::Current(done));
            }
            "for_statement" => self.for_stmt(s, label, seq),
            "expression_switch_statement" => self.switch_stmt(s, label, seq),
            "type_switch_statement" => {
                if let Some(init) = s.field("initializer") {
                    seq.push(Task::Stmt(init, None));
                }
                if let Some(value) = s.field("value") {
                    seq.push(Task::Add(value));
                }
                let done = self.block();
                if let Some(name) = label {
                    self.label(name).brk = Some(done);
                }
                let targets = Targets { brk: Some(done), ..Targets::default() };
                let mut default = None;
                for clause in clauses(s) {
                    if clause.kind_name() == "default_case" {
                        default = Some(clause);
                        continue;
                    }
                    let (body, next) = (self.block(), self.block());
                    seq.extend([Task::IfElse(body, next), Task::Current(body), Task::Push(targets)]);
                    list(seq, clause);
                    seq.extend([Task::Pop, Task::Jump(done), Task::Current(next)]);
                }
                if let Some(clause) = default {
                    seq.push(Task::Push(targets));
                    list(seq, clause);
                    seq.push(Task::Pop);
                }
                seq.extend([Task::Jump(done), Task::Current(done)]);
            }
            "select_statement" => {
                let cases = clauses(s);
                for case in &cases {
                    if let Some(comm) = case.field("communication") {
                        seq.push(Task::Stmt(comm, None));
                    }
                }
                let done = self.block();
                if let Some(name) = label {
                    self.label(name).brk = Some(done);
                }
                let targets = Targets { brk: Some(done), ..Targets::default() };
                let mut default = None;
                for case in cases {
                    let Some(comm) = case.field("communication") else {
                        default = Some(case);
                        continue;
                    };
                    let (body, next) = (self.block(), self.block());
                    seq.extend([Task::IfElse(body, next), Task::Current(body), Task::Push(targets)]);
                    if let Some(left) = comm.field("left").filter(|_| comm.kind_name() == "receive_statement")
                    {
                        seq.push(Task::Add(left));
                    }
                    list(seq, case);
                    seq.extend([Task::Pop, Task::Jump(done), Task::Current(next)]);
                }
                if let Some(case) = default {
                    seq.push(Task::Push(targets));
                    list(seq, case);
                    seq.extend([Task::Pop, Task::Jump(done)]);
                }
                seq.push(Task::Current(done));
            }
            _ => {}
        }
    }

    fn for_stmt(&mut self, s: Node<'t>, label: Option<&'t str>, seq: &mut Vec<Task<'t>>) {
        let mut c = s.walk();
        let header = s.named_children(&mut c).find(|n| {
            n.kind_name() != "block"
                && n.kind_name() != "comment"
                && Some(n.id()) != s.field("body").map(|b| b.id())
        });
        let body_node = s.field("body");
        if let Some(range) = header.filter(|h| h.kind_name() == "range_clause") {
            if let Some(right) = range.field("right") {
                seq.push(Task::Add(right));
            }
            if let Some(left) = range.field("left") {
                seq.push(Task::Add(left));
            }
            let (lp, body, done) = (self.block(), self.block(), self.block());
            if let Some(name) = label {
                let l = self.label(name);
                l.brk = Some(done);
                l.cont = Some(lp);
            }
            seq.extend([
                Task::Jump(lp),
                Task::Current(lp),
                Task::IfElse(body, done),
                Task::Current(body),
                Task::Push(Targets { brk: Some(done), cont: Some(lp), fall: None }),
            ]);
            seq.extend(body_node.map(|b| Task::Stmt(b, None)));
            seq.extend([Task::Pop, Task::Jump(lp), Task::Current(done)]);
            return;
        }
        let (init, cond, post) = match header {
            Some(h) if h.kind_name() == "for_clause" => {
                (h.field("initializer"), h.field("condition"), h.field("update"))
            }
            Some(h) => (None, Some(h), None),
            None => (None, None, None),
        };
        seq.extend(init.map(|i| Task::Stmt(i, None)));
        let body = self.block();
        let done = self.block();
        let lp = if cond.is_some() { self.block() } else { body };
        let cont = if post.is_some() { self.block() } else { lp };
        if let Some(name) = label {
            let l = self.label(name);
            l.brk = Some(done);
            l.cont = Some(cont);
        }
        seq.extend([Task::Jump(lp), Task::Current(lp)]);
        if let Some(cond) = cond {
            seq.extend([Task::Add(cond), Task::IfElse(body, done), Task::Current(body)]);
        }
        seq.push(Task::Push(Targets { brk: Some(done), cont: Some(cont), fall: None }));
        seq.extend(body_node.map(|b| Task::Stmt(b, None)));
        seq.extend([Task::Pop, Task::Jump(cont)]);
        if let Some(post) = post {
            seq.extend([Task::Current(cont), Task::Stmt(post, None), Task::Jump(lp)]);
        }
        seq.push(Task::Current(done));
    }

    fn switch_stmt(&mut self, s: Node<'t>, label: Option<&'t str>, seq: &mut Vec<Task<'t>>) {
        if let Some(init) = s.field("initializer") {
            seq.push(Task::Stmt(init, None));
        }
        if let Some(value) = s.field("value") {
            seq.push(Task::Add(value));
        }
        let done = self.block();
        if let Some(name) = label {
            self.label(name).brk = Some(done);
        }
        let cases = clauses(s);
        let mut fallthru: Option<usize> = None;
        let mut default: Option<(Node<'t>, usize, usize)> = None;
        for (i, clause) in cases.iter().enumerate() {
            let body = fallthru.unwrap_or_else(|| self.block());
            let next_body = if i + 1 < cases.len() { self.block() } else { done };
            fallthru = Some(next_body);
            if clause.kind_name() == "default_case" {
                default = Some((*clause, body, next_body));
                continue;
            }
            let mut next_cond = None;
            if let Some(values) = clause.field("value") {
                let mut c = values.walk();
                for cond in values.named_children(&mut c).filter(|n| n.kind_name() != "comment") {
                    let nc = self.block();
                    seq.extend([Task::Add(cond), Task::IfElse(body, nc), Task::Current(nc)]);
                    next_cond = Some(nc);
                }
            }
            seq.extend([
                Task::Current(body),
                Task::Push(Targets { brk: Some(done), cont: None, fall: Some(next_body) }),
            ]);
            seq.extend(syntax::statements(*clause).into_iter().map(|s| Task::Stmt(s, None)));
            seq.extend([Task::Pop, Task::Jump(done)]);
            let nc = next_cond.unwrap_or_else(|| self.block());
            seq.push(Task::Current(nc));
        }
        if let Some((clause, body, fall)) = default {
            seq.extend([
                Task::Jump(body),
                Task::Current(body),
                Task::Push(Targets { brk: Some(done), cont: None, fall: Some(fall) }),
            ]);
            seq.extend(syntax::statements(clause).into_iter().map(|s| Task::Stmt(s, None)));
            seq.push(Task::Pop);
        }
        seq.extend([Task::Jump(done), Task::Current(done)]);
    }
}

fn clauses(s: Node) -> Vec<Node> {
    let mut c = s.walk();
    s.named_children(&mut c)
        .filter(|n| {
            matches!(n.kind_name(), "expression_case" | "default_case" | "type_case" | "communication_case")
        })
        .collect()
}

impl<'t> Graph<'t> {
    /// The first node on each path from the statement holding `at` for which `hit` holds
    /// (each once, in the order found), and an exit some path reaches before any. The
    /// statement itself counts when a path comes back to it (a loop). None when the
    /// statement is not in the graph.
    pub fn first_hits(&self, at: Node, hit: &dyn Fn(Node) -> bool) -> Option<(Vec<Node<'t>>, Option<Exit>)> {
        let (def, i) = self.find(at)?;
        let mut hits: Vec<Node<'t>> = Vec::new();
        let mut exit = None;
        let mut seen = vec![false; self.blocks.len()];
        let mut stack = vec![(def, i + 1)];
        while let Some((b, first)) = stack.pop() {
            if let Some(n) = self.blocks[b].nodes[first..].iter().find(|n| hit(**n)) {
                if !hits.iter().any(|h| h.id() == n.id()) {
                    hits.push(*n);
                }
                continue;
            }
            if exit.is_none() {
                exit = self.exit(b);
            }
            for &s in self.blocks[b].succs.iter().rev() {
                if !std::mem::replace(&mut seen[s], true) {
                    stack.push((s, 0));
                }
            }
        }
        Some((hits, exit))
    }

    /// The graph of a function's body.
    pub fn new(func: Node<'t>, src: &'t [u8], no_return: &NoReturn) -> Option<Self> {
        let body = func.field("body")?;
        let mut b = Builder {
            blocks: Vec::new(),
            current: None,
            targets: Vec::new(),
            labels: HashMap::new(),
            src,
            no_return,
        };
        b.current();
        b.run(body);
        // Liveness from the entry, as vet computes it: only a reachable end is an exit.
        let mut live = vec![false; b.blocks.len()];
        let mut stack = vec![0];
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut live[i], true) {
                stack.extend(b.blocks[i].succs.iter().copied());
            }
        }
        let mut implicit = None;
        if let Some(c) = b.current.filter(|c| live[*c]) {
            let line = body.end_position().row + 1;
            b.blocks[c].exit = Some(line);
            implicit = Some(c);
        }
        Some(Graph { blocks: b.blocks, implicit })
    }

    /// The block and index of the node that holds `inner`.
    fn find(&self, inner: Node) -> Option<(usize, usize)> {
        self.blocks.iter().enumerate().find_map(|(b, block)| {
            block.nodes.iter().position(|n| syntax::contains(*n, inner)).map(|i| (b, i))
        })
    }

    fn exit(&self, block: usize) -> Option<Exit> {
        self.blocks[block].exit.map(|line| Exit { line, implicit: self.implicit == Some(block) })
    }

    /// go vet's lostCancelPath: a path from the statement holding `at` to an exit on which
    /// no node `uses` (depth first, in vet's order). None when every path uses it, or
    /// when the statement is not in the graph.
    pub fn lost_path(&self, at: Node, uses: &dyn Fn(Node) -> bool) -> Option<Exit> {
        let (def, i) = self.find(at)?;
        if self.blocks[def].nodes[i + 1..].iter().any(|n| uses(*n)) {
            return None;
        }
        if let Some(exit) = self.exit(def) {
            return Some(exit);
        }
        let mut seen = vec![false; self.blocks.len()];
        let mut stack: Vec<usize> = self.blocks[def].succs.iter().rev().copied().collect();
        while let Some(b) = stack.pop() {
            if std::mem::replace(&mut seen[b], true) {
                continue;
            }
            if self.blocks[b].nodes.iter().any(|n| uses(*n)) {
                continue;
            }
            if let Some(exit) = self.exit(b) {
                return Some(exit);
            }
            stack.extend(self.blocks[b].succs.iter().rev().copied());
        }
        None
    }

    /// Like [`Graph::lost_path`], where a node for which `kills` holds (and `uses` does not)
    /// also loses what is tracked: a statement that assigns the variable again, or the
    /// defining statement reached again around a loop. Nodes are taken in order within a
    /// block, so a use before the kill saves the path.
    pub fn lost_path_until(
        &self,
        at: Node,
        uses: &dyn Fn(Node) -> bool,
        kills: &dyn Fn(Node) -> bool,
    ) -> Option<Lost> {
        let (def, i) = self.find(at)?;
        // Some(None): the path uses it; Some(Some(lost)): lost at a node; None: the block ends.
        let scan = |b: usize, first: usize| -> Option<Option<Lost>> {
            for n in &self.blocks[b].nodes[first..] {
                if uses(*n) {
                    return Some(None);
                }
                if kills(*n) {
                    return Some(Some(Lost::Killed(n.start_position().row + 1)));
                }
            }
            None
        };
        if let Some(found) = scan(def, i + 1) {
            return found;
        }
        if let Some(exit) = self.exit(def) {
            return Some(Lost::Exit(exit));
        }
        let mut seen = vec![false; self.blocks.len()];
        let mut stack: Vec<usize> = self.blocks[def].succs.iter().rev().copied().collect();
        while let Some(b) = stack.pop() {
            if std::mem::replace(&mut seen[b], true) {
                continue;
            }
            match scan(b, 0) {
                Some(None) => continue,
                Some(Some(lost)) => return Some(lost),
                None => {}
            }
            if let Some(exit) = self.exit(b) {
                return Some(Lost::Exit(exit));
            }
            stack.extend(self.blocks[b].succs.iter().rev().copied());
        }
        None
    }

    /// The first line of a node reachable after the statement holding `from` for which
    /// `hit` holds; a path ends at a node holding `stop` (the statement declaring anew
    /// what is looked for).
    pub fn reached_after(&self, from: Node, stop: Option<Node>, hit: &dyn Fn(Node) -> bool) -> Option<usize> {
        let (start, i) = self.find(from)?;
        let stops = |n: Node| stop.is_some_and(|s| syntax::contains(n, s));
        // Scans a block's nodes from `first`; Some(Some(line)) on a hit, Some(None) on a stop.
        let scan = |b: usize, first: usize| -> Option<Option<usize>> {
            for n in &self.blocks[b].nodes[first..] {
                if stops(*n) {
                    return Some(None);
                }
                if hit(*n) {
                    return Some(Some(n.start_position().row + 1));
                }
            }
            None
        };
        if let Some(found) = scan(start, i + 1) {
            return found;
        }
        let mut seen = vec![false; self.blocks.len()];
        let mut stack: Vec<usize> = self.blocks[start].succs.clone();
        while let Some(b) = stack.pop() {
            if std::mem::replace(&mut seen[b], true) {
                continue;
            }
            match scan(b, 0) {
                Some(Some(line)) => return Some(line),
                Some(None) => continue,
                None => stack.extend(self.blocks[b].succs.iter().copied()),
            }
        }
        None
    }
}
