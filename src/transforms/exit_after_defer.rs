//! `exit-after-defer`: the process exits after a `defer`, and the deferred work it skips is
//! work the end of the process does not do.
//!
//! ## What it detects
//! A call to `os.Exit` or to a package-level `Fatal`, `Fatalf` or `Fatalln` function of an
//! imported package (`log.Fatal`, `klog.Fatalf`, `logrus.Fatal`, ...), or to a function of the
//! same package that may make one (`check(err)`, x/tools' `Main(m)`; another file's functions
//! are read through the package model), that a function reaches
//! after one of its own `defer` statements whose call has an effect the exit loses (see
//! `lost_effect`): a flush or sync, closing a compressing, archive or encoding writer,
//! removing a file or directory, a transaction's commit or rollback, stopping a CPU profile or
//! trace, an etcd session, mutex or lease, restoring a terminal, killing a child process. A
//! deferred literal, a function of the file or a method of the file's own type counts by the
//! calls it makes. The exit call comes later in the same function (a function literal is a
//! function of its own), in the statements that follow the `defer` or a block around it, and
//! no `return`, `panic` or `goto` ends that block first. An exit in a deferred call (moby's
//! `setKey` deferred a `logrus.Fatalf`) is reported when a call deferred before it, which
//! would run after it, has such an effect. `log.Panic*` and `t.Fatal*` are not exits: a panic
//! and `runtime.Goexit` run the deferred calls.
//!
//! ## Why it matters
//! `os.Exit` ends the program at once: deferred calls do not run (go-critic exitAfterDefer).
//! The kernel closes files and connections, frees `flock` locks and stops goroutines, so a
//! skipped `cancel()`, `f.Close()` or `mu.Unlock()` loses nothing, and is not reported; a
//! buffer never flushed, a temporary directory left on disk, or a lock in etcd held until its
//! lease expires is lost for good.
//!
//! ## Example
//! ```go
//! func main() {
//!     w := bufio.NewWriter(os.Stdout)
//!     defer w.Flush()
//!     if err := write(w); err != nil {
//!         log.Fatal(err) // reported: w.Flush never runs, the buffered output is lost
//!     }
//! }
//! ```
//! The usual repair moves the work into `func run() error` and exits in `main` after `run`
//! returns; that is a design change.
//!
//! ## Fix safety
//! No fix: which cleanups must run before exiting, and in which order, is the author's choice.

mod lost_effect;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::analysis::{self, callees};
use crate::fix::Finding;
use crate::package::{Callee, Package};
use crate::prefilter::Triggers;
use crate::syntax::{self, Fields, KindName, text};
use lost_effect::Effects;

pub struct ExitAfterDefer;

pub const NAME: &str = "exit-after-defer";

/// The deferred calls a message names before it counts the rest.
const LISTED: usize = 3;

impl Transform for ExitAfterDefer {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "os.Exit or log.Fatal skips deferred work that outlives the process: a flush, a temporary file's removal, a lease"
    }

    fn triggers(&self) -> Triggers {
        // No exit word is needed: a function of another file of the package may exit.
        &[&["defer"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        let exits = ExitCalls::new(file);
        let mut sites = exit_sites(file, &exits);
        // Without an exit in the file, only another file's can make one, and the deferred
        // calls' effects are not worth computing.
        if sites.is_empty() && !file.package.is_some_and(|p| p.any_file_may_exit()) {
            return;
        }
        let effects = Effects::new(file);
        // Each defer's effect is asked for by every exit it reaches: found once.
        let known: RefCell<HashMap<usize, Option<String>>> = RefCell::default();
        let lost_by =
            |d: Node| known.borrow_mut().entry(d.id()).or_insert_with(|| effects.of_defer(d)).clone();
        let by_function = file.nodes.defers_by_function();
        if let Some(package) = file.package {
            for (func, defers) in &by_function {
                if defers.iter().any(|d| lost_by(*d).is_some()) {
                    sites.extend(package_exit_sites(file, package, *func, &exits));
                }
            }
            sites.sort_by_key(|s| s.call.start_byte());
            sites.dedup_by_key(|s| s.call.id());
        }
        if sites.is_empty() {
            return;
        }
        // Where each site sits, found once: a node's parent is a walk down from the root.
        let placed: Vec<Placed> = sites
            .iter()
            .map(|s| Placed {
                function: syntax::enclosing_function(s.call).map(|f| f.id()),
                deferred_itself: s.call.parent().is_some_and(|p| p.kind_name() == "defer_statement"),
                deferring: deferring(s.call),
            })
            .collect();
        for (func, defers) in by_function {
            let Some(body) = func.field("body") else { continue };
            let lost_before = |at: Node| -> Vec<String> {
                defers
                    .iter()
                    .filter(|d| reaches(**d, at, body, src, &exits))
                    .filter_map(|d| Some(describe(*d, &lost_by(*d)?, src)))
                    .collect()
            };
            for (site, _) in
                sites.iter().zip(&placed).filter(|(_, p)| p.function == Some(func.id()) && !p.deferred_itself)
            {
                let lost = lost_before(site.call);
                if lost.is_empty() {
                    continue;
                }
                findings.push(Finding {
                    rule: NAME,
                    start: site.call.start_byte(),
                    end: site.call.end_byte(),
                    message: format!(
                        "{} ends the process without running the deferred {}; not fixed: run that cleanup before exiting, or return an error and exit where nothing is deferred",
                        site.exits,
                        listing(lost)
                    ),
                    fix: None,
                });
            }
            // An exit in a deferred call skips the calls deferred before it, which run after
            // it. Those of the callers are not seen: most such exits (cmd/go's `defer func() {
            // if err := b.Close(); err != nil { base.Fatal(err) } }()`) skip nothing that matters.
            for (site, placed) in sites.iter().zip(&placed) {
                let Some(deferred) = placed.deferring.filter(|d| defers.contains(d)) else { continue };
                let lost = lost_before(deferred);
                if lost.is_empty() {
                    continue;
                }
                findings.push(Finding {
                    rule: NAME,
                    start: site.call.start_byte(),
                    end: site.call.end_byte(),
                    message: format!(
                        "{} in a deferred call ends the process as {} returns, skipping the deferred {}, which would run after it; not fixed: return the error, and exit once every deferred call has run",
                        site.exits,
                        syntax::function_display_name(func, src),
                        listing(lost)
                    ),
                    fix: None,
                });
            }
        }
    }
}

/// Where an exit site is: the id of the function it is in, whether it is itself the deferred
/// call, and the `defer` statement whose call holds it (see [`deferring`]).
struct Placed<'t> {
    function: Option<usize>,
    deferred_itself: bool,
    deferring: Option<Node<'t>>,
}

/// A call that ends the process, and how messages name it.
struct ExitSite<'t> {
    call: Node<'t>,
    /// `os.Exit`, or `Main (it calls os.Exit on line 40)`.
    exits: String,
}

/// The calls of the file that end the process: exit calls, and calls of the file's functions
/// that may exit (x/tools' `TestMain` defers `os.RemoveAll(dir)`, then calls `Main(m)`,
/// whose `os.Exit` skips it).
fn exit_sites<'t>(file: &GoFile<'t>, exits: &ExitCalls) -> Vec<ExitSite<'t>> {
    let src = file.src;
    let mut sites: Vec<ExitSite> = file
        .calls_named(&["Exit", "Fatal", "Fatalf", "Fatalln"])
        .into_iter()
        .filter_map(|call| Some(ExitSite { call, exits: exits.process_exit(call, src)?.to_string() }))
        .collect();
    let exiting = exiting_functions(file, &sites);
    if !exiting.is_empty() {
        let names: Vec<&str> = exiting.keys().copied().collect();
        for call in file.calls_named(&names) {
            let Some(callee) = call.field("function").filter(|f| f.kind_name() == "identifier") else {
                continue;
            };
            let name = text(callee, src);
            let (how, line) = &exiting[name];
            sites.push(ExitSite { call, exits: format!("{name} (it calls {how} on line {line})") });
        }
    }
    sites.sort_by_key(|s| s.call.start_byte());
    sites
}

/// The calls in `func` (outside its function literals) of functions that other files of the
/// package declare and that may end the process: x/tools' `TestMain` defers
/// `os.RemoveAll(dir)`, then calls `Main(m)`, declared in another file, which calls `os.Exit`.
fn package_exit_sites<'t>(
    file: &GoFile<'t>,
    package: &Package,
    func: Node<'t>,
    exits: &ExitCalls,
) -> Vec<ExitSite<'t>> {
    let src = file.src;
    let root = file.tree.root_node();
    let Some(clause) = syntax::package_name(root, src) else { return Vec::new() };
    let Some(body) = func.field("body") else { return Vec::new() };
    // Every exit package_exit finds is an `os.Exit` or a `Fatal*` call in some file: without
    // the words, no file needs parsing.
    if !package.any_file_may_exit() {
        return Vec::new();
    }
    let mut sites = Vec::new();
    let mut verdicts: HashMap<&str, Option<String>> = HashMap::new();
    let locals = analysis::declared_names(func, src);
    syntax::walk_same_function(body, |call| {
        if call.kind_name() != "call_expression" {
            return;
        }
        let Some(callee) = call.field("function").filter(|f| f.kind_name() == "identifier") else {
            return;
        };
        let name = text(callee, src);
        // A name the file declares is the file's own (exit_sites judged it), and a local or a
        // builtin is no function of the package.
        if syntax::is_predeclared(name)
            || callees::function(root, name, src).is_some()
            || exits.imported.contains(name)
            || locals.contains(name)
        {
            return;
        }
        let exits = verdicts
            .entry(name)
            .or_insert_with(|| package_exit(package, &clause, name, &mut Vec::new()))
            .clone();
        if let Some(how) = exits {
            sites.push(ExitSite { call, exits: format!("{name} ({how})") });
        }
    });
    sites
}

/// How a function of the package other files declare may end the process, for messages (`it
/// calls os.Exit in main.go on line 40`), following calls of the package's functions a few
/// deep. Every declaration is judged (one per build of `exit_unix.go` and `exit_windows.go`).
fn package_exit(package: &Package, clause: &str, name: &str, seen: &mut Vec<String>) -> Option<String> {
    if seen.len() > 3 || seen.iter().any(|s| s == name) {
        return None;
    }
    seen.push(name.to_string());
    let found = package.functions(clause, name).into_iter().find_map(|declared| {
        let direct = declared.item.calls.iter().find_map(|c| match &c.callee {
            Callee::Imported { path, name }
                if (path == "os" && name == "Exit")
                    || matches!(name.as_str(), "Fatal" | "Fatalf" | "Fatalln") =>
            {
                let pkg = path.rsplit('/').next().unwrap_or(path);
                Some(format!("it calls {pkg}.{name} in {} on line {}", declared.file, c.line))
            }
            _ => None,
        });
        direct.or_else(|| {
            declared.item.calls.iter().find_map(|c| match &c.callee {
                Callee::Plain(next) if next != name => package_exit(package, clause, next, seen).map(|_| {
                    format!("it calls {next} in {} on line {}, which may exit", declared.file, c.line)
                }),
                _ => None,
            })
        })
    });
    seen.pop();
    found
}

/// The file's top-level functions that may end the process (directly, or through another
/// of them), each with the exit call it reaches first and its line.
fn exiting_functions<'t>(file: &GoFile<'t>, exit_calls: &[ExitSite]) -> HashMap<&'t str, (String, usize)> {
    let src = file.src;
    let mut exiting: HashMap<&str, (String, usize)> = HashMap::new();
    // The declaration the call is in, also from a literal it defers.
    fn declared(call: Node) -> Option<Node> {
        let at = deferring(call).unwrap_or(call);
        syntax::enclosing_function(at).filter(|f| f.kind_name() == "function_declaration")
    }
    for site in exit_calls {
        if let Some(func) = declared(site.call) {
            let name = text(func.field("name").expect("declarations have names"), src);
            exiting.entry(name).or_insert((site.exits.clone(), site.call.start_position().row + 1));
        }
    }
    // Functions that call an exiting function exit too; a few rounds reach every chain a
    // reader would follow.
    for _ in 0..3 {
        let names: Vec<&str> = exiting.keys().copied().collect();
        let mut added = false;
        for call in file.calls_named(&names) {
            let Some(callee) = call.field("function").filter(|f| f.kind_name() == "identifier") else {
                continue;
            };
            let Some(func) = declared(call) else { continue };
            let name = text(func.field("name").expect("declarations have names"), src);
            if !exiting.contains_key(name) {
                let how = exiting[text(callee, src)].0.clone();
                exiting.insert(name, (how, call.start_position().row + 1));
                added = true;
            }
        }
        if !added {
            break;
        }
    }
    exiting
}

/// The `defer` statement whose call `call` is, or whose deferred literal holds `call`.
fn deferring(call: Node) -> Option<Node> {
    let func = syntax::enclosing_function(call)?;
    let deferred = if func.kind_name() == "func_literal" {
        func.parent().filter(|c| c.kind_name() == "call_expression" && c.field("function") == Some(func))
    } else {
        Some(call)
    }?;
    deferred.parent().filter(|d| d.kind_name() == "defer_statement")
}

/// `w.Flush() (line 12: buffered output is never written)`.
fn describe(defer: Node, lost: &str, src: &[u8]) -> String {
    format!("{} (line {}: {lost})", deferred_call(defer, src), defer.start_position().row + 1)
}

/// `a, b and c`, or the first few and how many more.
fn listing(mut items: Vec<String>) -> String {
    // "and 1 more" would take the room of the one it leaves out.
    if items.len() > LISTED + 1 {
        let more = items.len() - LISTED;
        items.truncate(LISTED);
        items.push(format!("{more} more"));
    }
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// How the file spells calls that end the process.
pub struct ExitCalls {
    os: Option<String>,
    imported: HashSet<String>,
}

impl ExitCalls {
    pub fn new(file: &GoFile) -> Self {
        ExitCalls {
            os: syntax::import_name(file.tree, file.src, "os"),
            imported: syntax::imported_names(file.tree, file.src),
        }
    }

    /// The function text (`os.Exit`, `log.Fatalf`, `klog.Fatal`) of a call that ends the
    /// process without running deferred calls.
    pub fn process_exit<'s>(&self, call: Node, src: &'s [u8]) -> Option<&'s str> {
        let (pkg, name) = selector(call, src)?;
        let exits = (self.os.as_deref() == Some(pkg) && name == "Exit")
            || (self.imported.contains(pkg) && matches!(name, "Fatal" | "Fatalf" | "Fatalln"));
        exits.then(|| text(call.field("function").expect("selector checked"), src))
    }

    /// Whether a statement always leaves the function: a process exit, `runtime.Goexit()`, or a
    /// test's `t.Fatal*`, `t.FailNow`, `t.Skip*` on any `x` (these end the goroutine).
    pub fn leaves_function(&self, stmt: Node, src: &[u8]) -> bool {
        let Some(call) = stmt
            .named_child(0)
            .filter(|c| stmt.kind_name() == "expression_statement" && c.kind_name() == "call_expression")
        else {
            return false;
        };
        if self.process_exit(call, src).is_some() {
            return true;
        }
        selector(call, src).is_some_and(|(x, name)| {
            (x == "runtime" && name == "Goexit")
                || matches!(name, "Fatal" | "Fatalf" | "Fatalln" | "FailNow" | "Skip" | "Skipf" | "SkipNow")
        })
    }
}

/// `x.Name(...)` with `x` a plain identifier: (x, Name).
fn selector<'s>(call: Node, src: &'s [u8]) -> Option<(&'s str, &'s str)> {
    let function = call.field("function").filter(|f| f.kind_name() == "selector_expression")?;
    let operand = function.field("operand").filter(|o| o.kind_name() == "identifier")?;
    let field = function.field("field")?;
    Some((text(operand, src), text(field, src)))
}

/// Whether control can go from `defer` to `call`: `call` lies in a statement that follows the
/// defer's statement (or a statement around it) in a statement list of the function body, and
/// no block on the way up ends in a statement that leaves it for good.
fn reaches(defer: Node, call: Node, body: Node, src: &[u8], exits: &ExitCalls) -> bool {
    if call.start_byte() < defer.end_byte() {
        return false;
    }
    let mut stmt = defer;
    while let Some(list) = stmt.parent() {
        if list.kind_name() == "statement_list" {
            let after = syntax::statements(list).into_iter().skip_while(|s| s.id() != stmt.id()).skip(1);
            for s in after {
                if syntax::contains(s, call) {
                    return true;
                }
            }
            // A `break` or `continue` ending the block still leads on past the loop.
            let ends = syntax::statements(list)
                .last()
                .is_some_and(|last| syntax::is_terminating(*last, src, &|n| exits.leaves_function(n, src)));
            if ends {
                return false;
            }
        }
        if list.id() == body.id() || syntax::is_function(list) {
            return false;
        }
        stmt = list;
    }
    false
}

/// The deferred call as shown in messages: its text, or `func() {...}()` for a literal, or its
/// first line and `...` when it spans lines.
pub fn deferred_call(defer: Node, src: &[u8]) -> String {
    let Some(call) = defer.named_child(0) else { return "call".to_string() };
    if call.field("function").is_some_and(|f| f.kind_name() == "func_literal") {
        return "func() {...}()".to_string();
    }
    let spelled = text(call, src);
    match spelled.split_once('\n') {
        Some((first, _)) => format!("{}...", first.trim_end()),
        None => spelled.to_string(),
    }
}
