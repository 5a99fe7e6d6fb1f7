//! `deferred-lock`: a lock followed by a deferred call that does not release it.
//!
//! ## What it detects
//! `X.Lock()` or `X.RLock()` as a statement, and as the next statement in the same block
//! (comments may come between) `defer X.M()` on the same expression `X` (spelled alike, spaces
//! aside), where `M` is `Lock`, `RLock`, `Unlock` or `RUnlock` but not the release of the lock
//! just taken: `mu.Lock(); defer mu.Lock()`, `mu.RLock(); defer mu.Unlock()`,
//! `mu.RLock(); defer mu.RLock()`, `mu.Lock(); defer mu.RUnlock()`. staticcheck's SA2003 reports
//! the first and third forms (off by default).
//!
//! ## Why it matters
//! The deferred call runs when the function returns. A deferred `Lock` on a mutex the function
//! holds blocks forever (sync's mutexes are not reentrant), and so does a deferred `Lock` after
//! `RLock`; a deferred `RLock` after `RLock` leaves two read locks that nobody releases, so
//! every later `Lock` blocks forever; an `Unlock` after `RLock` (or `RUnlock` after `Lock`) is
//! a fatal error of the runtime, which no `recover` stops.
//!
//! ## Example
//! ```go
//! c.mu.Lock()
//! defer c.mu.Lock()
//! return c.items[k]
//! ```
//! becomes
//! ```go
//! c.mu.Lock()
//! defer c.mu.Unlock()
//! return c.items[k]
//! ```
//! The deferred method's name is replaced by the release of the lock the line above takes:
//! `Unlock` after `Lock`, `RUnlock` after `RLock`. The lock line is kept: it states the
//! locking the author chose, the deferred line is the copy that was not edited (staticcheck's
//! reading too: "did you mean to defer Unlock?").
//!
//! ## Fix safety
//! The deferred call's receiver is evaluated at the `defer` statement, right after the lock,
//! so the two name the same mutex when `X` is a variable, a field path or an index of them
//! (nothing runs between the statements). The fix is:
//! - safe when, in addition, the file declares `X` a `sync.Mutex`, `sync.RWMutex` or
//!   `sync.Locker` (`RWMutex` for the read forms), nothing can unlock `X` before the return
//!   (below), and, for `RLock` with a deferred `Unlock`, the function writes nothing through
//!   `X`'s owner nor any package-level variable (which would mean the lock line is the typo);
//! - unsafe when `X`'s type is not declared in the file (another file's struct), or `X` may be
//!   unlocked before the return out of sight: a pointer to it or a method value of it is taken
//!   in the function, it or its owner (`c` of `c.mu`) is handed to a call or has a method
//!   called after the `defer`, or the function calls after the `defer` anything but a builtin
//!   or another package's function while `X` is not a mutex it makes itself (a parameter, a
//!   receiver's field, a package-level mutex may be reached through another reference);
//! - no fix when `X` contains a call or a receive (`get().Lock()`: evaluated twice, it may
//!   give another mutex), when the function locks or unlocks `X` again after the `defer` (in a
//!   loop around it, or in a function literal), whose pairing is for the author to sort out,
//!   and for `RLock` with a deferred `Unlock` or `Lock` when the function writes through
//!   `X`'s owner or to a package-level variable: then `X.Lock()` may be what was meant.

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::analysis::binding;
use crate::analysis::changes::root_identifier;
use crate::analysis::evaluation::has_goto;
use crate::analysis::sync_types::{SyncType, sync_type};
use crate::fix::{Applicability, Edit, Finding, Fix, describe};
use crate::prefilter::Triggers;
use crate::syntax::{self, Descend, Fields, KindName, text};

pub struct DeferredLock;

pub const NAME: &str = "deferred-lock";

/// The methods of sync's mutexes that take or release a lock.
const LOCK_METHODS: &[&str] = &["Lock", "RLock", "Unlock", "RUnlock", "TryLock", "TryRLock"];

impl Transform for DeferredLock {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "mu.Lock() followed by defer mu.Lock() (or RLock with a deferred Unlock): the deferred call does not release the lock"
    }

    fn triggers(&self) -> Triggers {
        &[&["defer"], &["Lock", "RLock"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        for &defer in &file.nodes.defers {
            let Some(pair) = Pair::find(defer, src) else { continue };
            let release = pair.release();
            if pair.deferred == release {
                continue;
            }
            let func = syntax::enclosing_function(defer)
                .map_or_else(|| "the function".to_string(), |f| syntax::function_display_name(f, src));
            let base = format!(
                "defer {x}.{m}() right after {x}.{l}(): when {func} returns, it {effect}; defer {x}.{release}() instead",
                x = pair.x_text,
                m = pair.deferred,
                l = pair.lock,
                effect = pair.effect(),
            );
            let (message, fix) = describe(base, None, pair.plan(file, defer));
            findings.push(Finding {
                rule: NAME,
                start: defer.start_byte(),
                end: defer.end_byte(),
                message,
                fix,
            });
        }
    }
}

/// `X.L()` followed by `defer X.M()`.
struct Pair<'t> {
    /// The lock statement.
    lock_stmt: Node<'t>,
    /// `X` of the deferred call.
    x: Node<'t>,
    x_text: String,
    lock: &'static str,
    deferred: &'static str,
    /// The deferred call's method name, the node the fix rewrites.
    method: Node<'t>,
}

impl<'t> Pair<'t> {
    fn find(defer: Node<'t>, src: &[u8]) -> Option<Self> {
        defer.parent().filter(|p| p.kind_name() == "statement_list")?;
        let (x, method, deferred) = lock_call(defer.named_child(0)?, src)?;
        let mut prev = defer.prev_named_sibling()?;
        while prev.kind_name() == "comment" {
            prev = prev.prev_named_sibling()?;
        }
        if prev.kind_name() != "expression_statement" {
            return None;
        }
        let (lx, _, lock) = lock_call(prev.named_child(0)?, src)?;
        if !matches!(lock, "Lock" | "RLock") || spelled(lx, src) != spelled(x, src) {
            return None;
        }
        Some(Pair { lock_stmt: prev, x, x_text: spelled(x, src), lock, deferred, method })
    }

    fn release(&self) -> &'static str {
        if self.lock == "RLock" { "RUnlock" } else { "Unlock" }
    }

    /// What the deferred call does at return.
    fn effect(&self) -> &'static str {
        match (self.lock, self.deferred) {
            ("Lock", "Lock") => "locks the mutex again and blocks forever (a mutex is not reentrant)",
            ("Lock", "RLock") | ("RLock", "Lock") => {
                "waits for the lock the function itself holds and blocks forever"
            }
            ("RLock", "RLock") => {
                "takes a second read lock, and neither is released, so every later Lock blocks forever"
            }
            ("RLock", _) => "unlocks a write lock nobody holds, a fatal error of the runtime",
            _ => "releases a read lock nobody holds, a fatal error of the runtime",
        }
    }

    fn plan(&self, file: &GoFile, defer: Node<'t>) -> Result<(Fix, Option<String>), String> {
        let src = file.src;
        let x = &self.x_text;
        if let Some(bad) = evaluated_with_effects(self.x) {
            return Err(format!(
                "`{}` is evaluated twice, by the lock and by the defer, and may denote another mutex the second time; fix by hand",
                spelled(bad, src)
            ));
        }
        let func = syntax::enclosing_function(defer).ok_or("the defer is outside a function")?;
        let body = func.field("body").ok_or("the function has no body")?;
        if let Some(other) = other_lock_call(body, defer, x, src) {
            return Err(format!(
                "{x} is also locked or unlocked on line {}, so which lock the deferred call is meant to pair with is for the author to decide",
                other.start_position().row + 1
            ));
        }
        let root = root_identifier(self.x);
        let owner = root.filter(|r| r.id() != self.x.id()).map(|r| text(r, src));
        // A deferred write-lock method after RLock (`Unlock`, `Lock`) may mean the lock line
        // is the slip: then the writes below it show it.
        if self.lock == "RLock"
            && matches!(self.deferred, "Unlock" | "Lock")
            && let Some(write) = write_under_read_lock(body, defer, owner, src)
        {
            return Err(format!(
                "the function writes `{}` on line {} while holding only a read lock: the lock line may be the typo ({x}.Lock() with a deferred {x}.Unlock()); decide which",
                spelled(write, src),
                write.start_position().row + 1
            ));
        }
        let edit = Edit::replace(self.method.start_byte(), self.method.end_byte(), self.release());
        let fix = Fix::new(Applicability::Safe, vec![edit]);
        let sync = syntax::import_name(file.tree, src, "sync");
        let needed = if self.lock == "RLock" || self.deferred.starts_with('R') {
            "a sync.RWMutex"
        } else {
            "a sync.Mutex or sync.RWMutex"
        };
        let known = match sync_type(self.x, sync.as_deref(), src) {
            Some(SyncType::RWMutex) => true,
            Some(SyncType::Mutex | SyncType::Locker) => needed != "a sync.RWMutex",
            _ => false,
        };
        if !known {
            return Ok((
                fix,
                Some(format!(
                    "the type of {x} is not declared in this file; the fix assumes {needed}, whose {} releases what {} takes",
                    self.release(),
                    self.lock
                )),
            ));
        }
        let unsafe_reason = hidden_unlock(file, body, self, defer, root);
        Ok((fix, unsafe_reason))
    }
}

/// For `X.M()` with no arguments and `M` a lock method: `X`, the method's name node and `M`.
fn lock_call<'t>(call: Node<'t>, src: &[u8]) -> Option<(Node<'t>, Node<'t>, &'static str)> {
    if call.kind_name() != "call_expression"
        || call.field("arguments").is_none_or(|a| a.named_child_count() != 0)
    {
        return None;
    }
    let f = call.field("function").filter(|f| f.kind_name() == "selector_expression")?;
    let field = f.field("field")?;
    let name = ["Lock", "RLock", "Unlock", "RUnlock"].into_iter().find(|m| *m == text(field, src))?;
    Some((f.field("operand")?, field, name))
}

/// An expression's text without its spaces and line breaks.
fn spelled(n: Node, src: &[u8]) -> String {
    text(n, src).split_whitespace().collect()
}

/// The part of `x` whose evaluation may differ the second time: a call, a receive, a type
/// assertion (anything but names, fields, indexes, dereferences and literals).
fn evaluated_with_effects(x: Node) -> Option<Node> {
    let mut bad = None;
    syntax::walk(x, |n| {
        if bad.is_some() {
            return Descend::No;
        }
        let ok = match n.kind_name() {
            "identifier"
            | "field_identifier"
            | "selector_expression"
            | "index_expression"
            | "parenthesized_expression"
            | "int_literal"
            | "interpreted_string_literal"
            | "raw_string_literal"
            | "rune_literal"
            | "true"
            | "false"
            | "escape_sequence" => true,
            "unary_expression" => n.field("operator").is_some_and(|o| o.kind_name() == "*"),
            _ => !n.is_named(),
        };
        if ok {
            Descend::Yes
        } else {
            bad = Some(n);
            Descend::No
        }
    });
    bad
}

/// Another call locking or unlocking `x` (spelled alike) after the `defer` in the function,
/// or anywhere in a function literal of it (which may run after).
fn other_lock_call<'t>(body: Node<'t>, defer: Node<'t>, x: &str, src: &[u8]) -> Option<Node<'t>> {
    let mut found = None;
    let jumps = has_goto(body);
    syntax::walk(body, |n| {
        if found.is_some() {
            return Descend::No;
        }
        let may_run_after = runs_after(n, defer, body, jumps);
        if n.kind_name() == "call_expression"
            && may_run_after
            && !syntax::contains(defer, n)
            && let Some(f) = n.field("function").filter(|f| f.kind_name() == "selector_expression")
            && f.field("field").is_some_and(|m| LOCK_METHODS.contains(&text(m, src)))
            && f.field("operand").is_some_and(|o| spelled(o, src) == x)
        {
            found = Some(n);
        }
        Descend::Yes
    });
    found
}

/// Whether `n` may run after the `defer` statement: it comes later, it is in a function
/// literal (which may be called later, wherever it is written), or a loop around the `defer`
/// holds it (the next iteration runs it after), or the function jumps with `goto`.
fn runs_after(n: Node, defer: Node, body: Node, jumps: bool) -> bool {
    n.start_byte() >= defer.end_byte()
        || jumps
        || in_literal(n, body)
        || syntax::ancestors(defer)
            .take_while(|a| a.id() != body.id())
            .any(|a| a.kind_name() == "for_statement" && syntax::contains(a, n))
}

fn in_literal(n: Node, body: Node) -> bool {
    syntax::ancestors(n).take_while(|a| a.id() != body.id()).any(|a| a.kind_name() == "func_literal")
}

/// A write after the `defer` (or in a function literal of the function) through `owner` (`c`
/// of `c.mu`) or to a package-level variable: the target of an assignment, `++` or `--`.
fn write_under_read_lock<'t>(
    body: Node<'t>,
    defer: Node<'t>,
    owner: Option<&str>,
    src: &[u8],
) -> Option<Node<'t>> {
    let mut found = None;
    let jumps = has_goto(body);
    syntax::walk(body, |n| {
        if found.is_some() {
            return Descend::No;
        }
        if !runs_after(n, defer, body, jumps) {
            return Descend::Yes;
        }
        let targets: Vec<Node> = match n.kind_name() {
            "assignment_statement" => {
                n.field("left").map(syntax::named_children_without_comments).unwrap_or_default()
            }
            "inc_statement" | "dec_statement" => n.named_child(0).into_iter().collect(),
            _ => Vec::new(),
        };
        found = targets.into_iter().find(|t| {
            let Some(root) = root_identifier(*t) else { return false };
            let name = text(root, src);
            owner == Some(name)
                || binding(root, name, src).is_some_and(|d| d.parent().is_some_and(is_top_level_var))
        });
        Descend::Yes
    });
    found
}

/// Whether a declaration's parent makes it package-level: a var spec directly in a top-level
/// `var` declaration (or its list).
fn is_top_level_var(parent: Node) -> bool {
    let decl = if parent.kind_name() == "var_spec_list" { parent.parent() } else { Some(parent) };
    decl.is_some_and(|d| {
        d.kind_name() == "var_declaration" && d.parent().is_some_and(|p| p.kind_name() == "source_file")
    })
}

/// Why `x` may be unlocked between the lock and the return out of the analysis' sight, if it
/// may: a pointer or method value of it taken anywhere in the function, it or its owner handed
/// to a call or receiving a method call after the `defer`, or, for a package-level mutex, a
/// call after the `defer` of a function the file's package may declare.
fn hidden_unlock(file: &GoFile, body: Node, pair: &Pair, defer: Node, root: Option<Node>) -> Option<String> {
    let src = file.src;
    let x_text = &pair.x_text;
    let imports = syntax::imported_names(file.tree, src);
    // Only a mutex made in this function, whose address never leaves it (checked below), is
    // out of every other code's reach: a parameter, a receiver's field or a package-level
    // variable may be the mutex some callee unlocks through another reference.
    let own = root.is_some_and(|r| {
        binding(r, text(r, src), src).is_some_and(|d| made_here(d, text(r, src), body, src))
    });
    // `t` denotes X or something X is part of (`c`, `c.inner` for `c.inner.mu`).
    let reaches_x = |t: Node| {
        let t = spelled(t, src);
        let t = t.trim_start_matches('&').trim_start_matches('(').trim_end_matches(')');
        t == x_text.as_str() || x_text.starts_with(&format!("{t}.")) || x_text.starts_with(&format!("{t}["))
    };
    let mut reason = None;
    let jumps = has_goto(body);
    syntax::walk(body, |n| {
        if reason.is_some() || syntax::contains(pair.lock_stmt, n) || syntax::contains(defer, n) {
            return Descend::No;
        }
        let line = n.start_position().row + 1;
        let after = runs_after(n, defer, body, jumps);
        match n.kind_name() {
            "unary_expression"
                if n.field("operator").is_some_and(|o| o.kind_name() == "&")
                    && n.field("operand").is_some_and(reaches_x) =>
            {
                reason = Some(format!(
                    "`{}` is taken on line {line}, and {x_text} may be unlocked through it before the return",
                    spelled(n, src)
                ));
            }
            "selector_expression"
                if n.field("operand").is_some_and(|o| spelled(o, src) == *x_text) && !is_called(n) =>
            {
                reason = Some(format!(
                    "the method value `{}` is taken on line {line}, and may unlock {x_text} before the return",
                    spelled(n, src)
                ));
            }
            "call_expression" if after => {
                let Some(f) = n.field("function") else { return Descend::Yes };
                let callee = spelled(f, src);
                let builtin = f.kind_name() == "identifier"
                    && syntax::is_predeclared(&callee)
                    && binding(f, &callee, src).is_none();
                let passed = n
                    .field("arguments")
                    .map(syntax::named_children_without_comments)
                    .unwrap_or_default()
                    .into_iter()
                    .find(|a| reaches_x(*a));
                let on_owner = (f.kind_name() == "selector_expression")
                    .then(|| f.field("operand"))
                    .flatten()
                    .filter(|o| reaches_x(*o));
                if let Some(arg) = passed.filter(|_| !builtin) {
                    reason = Some(format!(
                        "`{}` is passed to `{callee}` on line {line}, which may unlock {x_text} before the return",
                        spelled(arg, src)
                    ));
                } else if on_owner.is_some() {
                    reason = Some(format!(
                        "`{callee}` is called on line {line}, and may unlock {x_text} before the return"
                    ));
                } else if !own && !builtin && !imported_function(f, &imports, src) {
                    reason = Some(format!(
                        "`{callee}` (line {line}) may reach {x_text} through another reference (it is not a mutex this function makes) and unlock it before the return"
                    ));
                }
            }
            _ => {}
        }
        Descend::Yes
    });
    reason
}

/// Whether the declaration of `name` (found in `body`) makes a fresh value there: `var mu
/// sync.Mutex`, `s := state{}`, `&T{}`, `new(T)`, not a copy, a pointer from elsewhere or a
/// literal with fields (which may hold one).
fn made_here(decl: Node, name: &str, body: Node, src: &[u8]) -> bool {
    if !syntax::contains(body, decl) {
        return false;
    }
    let (targets, values) = match decl.kind_name() {
        "var_spec" => {
            let mut c = decl.walk();
            let names: Vec<Node> = decl.fields("name", &mut c).collect();
            match decl.field("value") {
                None => return names.iter().any(|n| text(*n, src) == name),
                Some(v) => (names, syntax::named_children_without_comments(v)),
            }
        }
        "short_var_declaration" => {
            let (Some(l), Some(r)) = (decl.field("left"), decl.field("right")) else {
                return false;
            };
            (syntax::named_children_without_comments(l), syntax::named_children_without_comments(r))
        }
        _ => return false,
    };
    if targets.len() != values.len() {
        return false;
    }
    targets.iter().zip(&values).any(|(t, v)| {
        text(*t, src) == name && {
            let v = if v.kind_name() == "unary_expression" && v.child(0).is_some_and(|o| o.kind_name() == "&")
            {
                v.field("operand").unwrap_or(*v)
            } else {
                *v
            };
            // An empty literal: a field holding a pointer (`holder{mu: &shared}`) would reach
            // another mutex.
            let empty = v.kind_name() == "composite_literal"
                && v.field("body").is_some_and(|b| syntax::named_children_without_comments(b).is_empty());
            empty
                || v.kind_name() == "call_expression"
                    && v.field("function").is_some_and(|f| text(f, src) == "new")
        }
    })
}

/// Whether a selector (the function of a call) is used as a value, not called.
fn is_called(sel: Node) -> bool {
    sel.parent()
        .filter(|p| p.kind_name() == "call_expression")
        .and_then(|p| p.field("function"))
        .is_some_and(|f| f.id() == sel.id())
}

/// `pkg.F` for an imported package not shadowed where it is called: another package's
/// function cannot reach this package's variables except through its arguments.
fn imported_function(f: Node, imports: &std::collections::HashSet<String>, src: &[u8]) -> bool {
    f.kind_name() == "selector_expression"
        && f.field("operand").is_some_and(|o| {
            o.kind_name() == "identifier"
                && imports.contains(text(o, src))
                && binding(o, text(o, src), src).is_none()
        })
}
