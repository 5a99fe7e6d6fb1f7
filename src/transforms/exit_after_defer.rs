//! `exit-after-defer`: the process exits after a `defer`, so the deferred call never runs.
//!
//! ## What it detects
//! A call to `os.Exit` or to a package-level `Fatal`, `Fatalf` or `Fatalln` function of an
//! imported package (`log.Fatal`, `klog.Fatalf`, `logrus.Fatal`, ...) that a function reaches
//! after one of its own `defer` statements: the exit call comes later in the same function (a
//! function literal is a function of its own), in the statements that follow the `defer` or
//! follow a block around it, and no `return`, `panic` or `goto` ends that block first. Import
//! names are the file's (`stdlog "log"` gives `stdlog.Fatal`). `log.Panic*` and `t.Fatal*` are
//! not exits: a panic and `runtime.Goexit` run the deferred calls.
//!
//! ## Why it matters
//! `os.Exit` ends the program at once: deferred calls do not run, so files are not flushed or
//! closed, locks and temporary directories stay, buffered logs are lost (go-critic
//! exitAfterDefer). `main.main` is no exception.
//!
//! ## Example
//! ```go
//! func main() {
//!     f, err := os.Create("out.txt")
//!     if err != nil {
//!         log.Fatal(err)
//!     }
//!     defer f.Close()
//!     if err := write(f); err != nil {
//!         log.Fatal(err) // f.Close never runs
//!     }
//! }
//! ```
//! The usual repair moves the work into `func run() error` and exits in `main` after `run`
//! returns; that is a design change.
//!
//! ## Fix safety
//! No fix: which cleanups must run before exiting, and in which order, is the author's choice.

use std::collections::HashSet;

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::fix::Finding;
use crate::prefilter::Triggers;
use crate::syntax::{self, KindName, text};

pub struct ExitAfterDefer;

pub const NAME: &str = "exit-after-defer";

impl Transform for ExitAfterDefer {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "os.Exit or log.Fatal after a defer: the deferred calls never run"
    }

    fn triggers(&self) -> Triggers {
        &[&["defer"], &["Exit", "Fatal", "Fatalf", "Fatalln"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        let exits = ExitCalls::new(file);
        let exit_calls: Vec<(Node, &str)> = file
            .calls_named(&["Exit", "Fatal", "Fatalf", "Fatalln"])
            .into_iter()
            .filter_map(|call| Some((call, exits.process_exit(call, src)?)))
            .collect();
        if exit_calls.is_empty() {
            return;
        }
        for (func, defers) in file.nodes.defers_by_function() {
            let Some(body) = func.child_by_field_name("body") else { continue };
            let calls = exit_calls.iter().copied().filter(|(call, _)| {
                syntax::contains(func, *call) && syntax::enclosing_function(*call) == Some(func)
            });
            for (call, name) in calls {
                let skipped: Vec<Node> =
                    defers.iter().copied().filter(|d| reaches(*d, call, body, src, &exits)).collect();
                if skipped.is_empty() {
                    continue;
                }
                let mut listed: Vec<String> = skipped
                    .iter()
                    .take(3)
                    .map(|d| format!("{} (line {})", deferred_call(*d, src), d.start_position().row + 1))
                    .collect();
                if skipped.len() > 3 {
                    listed.push(format!("{} more", skipped.len() - 3));
                }
                let what = match listed.len() {
                    1 => listed[0].clone(),
                    _ => {
                        let last = listed.pop().unwrap_or_default();
                        format!("{} and {last}", listed.join(", "))
                    }
                };
                findings.push(Finding {
                    rule: NAME,
                    start: call.start_byte(),
                    end: call.end_byte(),
                    message: format!(
                        "{name} exits without running the deferred {what}; not fixed: run the cleanup before exiting, or return an error and exit where nothing is deferred"
                    ),
                    fix: None,
                });
            }
        }
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
        exits.then(|| text(call.child_by_field_name("function").expect("selector checked"), src))
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
    let function = call.child_by_field_name("function").filter(|f| f.kind_name() == "selector_expression")?;
    let operand = function.child_by_field_name("operand").filter(|o| o.kind_name() == "identifier")?;
    let field = function.child_by_field_name("field")?;
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
    if call.child_by_field_name("function").is_some_and(|f| f.kind_name() == "func_literal") {
        return "func() {...}()".to_string();
    }
    let spelled = text(call, src);
    match spelled.split_once('\n') {
        Some((first, _)) => format!("{}...", first.trim_end()),
        None => spelled.to_string(),
    }
}
