//! `close-error-dropped`: `defer f.Close()` on something written to, in a function that
//! returns an error.
//!
//! ## What it detects
//! `defer x.Close()` or `defer x.Flush()` in a function whose last result is `error`, where `x`
//! was declared in the same function (`x, err := ...`, `x := ...`) by one of:
//! - `os.Create`, `os.CreateTemp`, `ioutil.TempFile`, or `os.OpenFile` whose flags name
//!   `O_WRONLY`, `O_RDWR`, `O_APPEND`, `O_CREATE` or `O_TRUNC` (with `Close`);
//! - `bufio.NewWriter`/`NewWriterSize` (with `Flush`), `gzip`/`zlib` `NewWriter`/
//!   `NewWriterLevel`, `zip.NewWriter`, `tar.NewWriter` (with `Close`, which writes the trailer);
//! - a writer type of the same file (one with a `Write` method and the deferred method
//!   returning `error`): a composite literal of it, or a function of the file returning it.
//!
//! Not a finding: files only read (`os.Open`, `os.OpenFile` with `O_RDONLY` or flags it cannot
//! read): closing them cannot lose data; `x` is assigned again, or the same method is also
//! called outside the `defer` (`return f.Close()` checks it on the main path, the `defer` only
//! cleans up after errors).
//!
//! ## Why it matters
//! Writes to a file may be reported only when it is closed (NFS, quota, delayed allocation),
//! and a buffered or compressing writer writes its last bytes at `Flush`/`Close`. A deferred
//! `Close` drops that error: the function reports success and the data is lost (errcheck on
//! deferred calls, CodeQL go/unhandled-writable-file-close, the retired gosec G307).
//!
//! ## Example
//! ```go
//! func save(p string, b []byte) error {
//!     f, err := os.Create(p)
//!     if err != nil {
//!         return err
//!     }
//!     defer f.Close()
//!     _, err = f.Write(b)
//!     return err
//! }
//! ```
//! becomes
//! ```go
//! func save(p string, b []byte) (err error) {
//!     f, err := os.Create(p)
//!     if err != nil {
//!         return err
//!     }
//!     defer func() {
//!         if cerr := f.Close(); cerr != nil && err == nil {
//!             err = cerr
//!         }
//!     }()
//!     _, err = f.Write(b)
//!     return err
//! }
//! ```
//! A named error result is used as it is. Unnamed results are named `_` except the error,
//! named `err`; a top-level `var err error` goes and a top-level `err := ...` becomes
//! `err = ...` (see deferred-result-lost, which names results the same way). The error of
//! `Close` is returned only when the function would otherwise succeed.
//!
//! ## Fix safety
//! - Safe: the error result is named already and visible at the `defer`, or it can be named
//!   `err` exactly: `err` is not declared in the function's top-level block, or is declared
//!   there as `var err error` or by the call that opened `x` (`f, err := os.Create(p)`, whose
//!   error has type `error`); and `x` is only used through its own methods or handed to
//!   standard functions that do not close it (`fmt.Fprintf`, `io.Copy`, `bufio.NewWriter`,
//!   `json.NewEncoder`, ...).
//! - Unsafe: `x` is handed to another function, stored or returned (if that closes it, the
//!   deferred `Close` now fails the function with "file already closed"); `err`'s type is
//!   inferred from a call the rule does not know (a function of the file, the package or the
//!   standard library is known by its declaration); a function literal reads or writes the
//!   top-level `err`, which becomes the result (a deferred one then sees the returned error);
//!   a deferred function recovers panics (the function then returns `err`'s value instead of
//!   nil after one).
//! - No fix (reported with the reason): the error result is named `_`, or its name is
//!   redeclared in a block around the `defer`; `err` names a parameter, a variable declared
//!   outside the function (a function literal's enclosing variable), or one declared in an
//!   inner block around the `defer`; the function has a `goto`; the `defer` shares its line
//!   with other code.

use std::collections::HashMap;

use tree_sitter::{Node, Tree};

use super::deferred_result_lost::{binding, defers_recover, list_items, name_results};
use super::{GoFile, Transform};
use crate::analysis::{scope, signatures};
use crate::fix::{Applicability, Edit, Finding, Fix, describe};
use crate::package::Package;
use crate::prefilter::Triggers;
use crate::syntax::{self, Descend, Fields, KindName, text};

pub struct CloseErrorDropped;

pub const NAME: &str = "close-error-dropped";

impl Transform for CloseErrorDropped {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "defer Close/Flush of something written to drops the error that says the data was lost"
    }

    fn triggers(&self) -> Triggers {
        &[&["defer"]]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        let openers = Openers::new(file.tree, src);
        for &defer in &file.nodes.defers {
            let Some(m) = Match::find(defer, &openers, file.package, src) else { continue };
            let base = format!(
                "defer {x}.{method}() drops the error of {method} on what {opener} returned for writing: a failed {method} can lose written data and {func} still reports success",
                x = m.x,
                method = m.method,
                opener = m.opener,
                func = syntax::function_display_name(m.func, src),
            );
            let (message, fix) =
                describe(base, Some("returns it when nothing else failed"), m.plan(defer, src));
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

/// How the file names the packages whose writers the rule knows, and its own writer types.
struct Openers {
    os: Option<String>,
    ioutil: Option<String>,
    bufio: Option<String>,
    compress: Vec<String>,
    /// Writer types of the file: type name -> methods returning exactly `error`.
    types: HashMap<String, Vec<String>>,
    /// Functions of the file returning a writer type first: function name -> type name.
    constructors: HashMap<String, String>,
}

impl Openers {
    fn new(tree: &Tree, src: &[u8]) -> Self {
        let mut methods: HashMap<String, Vec<(String, bool)>> = HashMap::new();
        let mut functions: Vec<(String, String)> = Vec::new();
        let root = tree.root_node();
        let mut cursor = root.walk();
        for decl in root.named_children(&mut cursor) {
            let Some(name) = decl.field("name") else { continue };
            let results = syntax::results(decl, src);
            match decl.kind_name() {
                "method_declaration" => {
                    let Some(receiver) = decl.field("receiver") else { continue };
                    let Some(recv_type) = receiver_type(receiver, src) else { continue };
                    let returns_error = matches!(results.as_slice(), [r] if text(r.ty, src) == "error");
                    methods.entry(recv_type).or_default().push((text(name, src).to_string(), returns_error));
                }
                "function_declaration" => {
                    if let Some(first) = results.first() {
                        let ty = text(first.ty, src).trim_start_matches('*').to_string();
                        functions.push((text(name, src).to_string(), ty));
                    }
                }
                _ => {}
            }
        }
        let types: HashMap<String, Vec<String>> = methods
            .into_iter()
            .filter(|(_, ms)| ms.iter().any(|(m, _)| m == "Write"))
            .map(|(t, ms)| (t, ms.into_iter().filter(|(_, e)| *e).map(|(m, _)| m).collect()))
            .collect();
        let constructors = functions.into_iter().filter(|(_, t)| types.contains_key(t)).collect();
        Openers {
            os: syntax::import_name(tree, src, "os"),
            ioutil: syntax::import_name(tree, src, "io/ioutil"),
            bufio: syntax::import_name(tree, src, "bufio"),
            compress: ["compress/gzip", "compress/zlib", "archive/zip", "archive/tar"]
                .iter()
                .filter_map(|p| syntax::import_name(tree, src, p))
                .collect(),
            types,
            constructors,
        }
    }

    /// What opened the value `value` (the `index`th of its results) for writing with `method`
    /// to finish it, and whether the opener is a standard function (its error is an `error`).
    fn opener(&self, value: Node, index: usize, method: &str, src: &[u8]) -> Option<(String, bool)> {
        let is = |pkg: &Option<String>, q: &str| pkg.as_deref() == Some(q);
        if value.kind_name() == "call_expression" {
            let function = value.field("function")?;
            let args = value.field("arguments").map(list_args).unwrap_or_default();
            if function.kind_name() == "identifier" && index == 0 {
                let ty = self.constructors.get(text(function, src))?;
                return self.types[ty]
                    .iter()
                    .any(|m| m == method)
                    .then(|| (format!("{}()", text(function, src)), false));
            }
            if function.kind_name() != "selector_expression" || index != 0 {
                return None;
            }
            let operand = function.field("operand")?;
            let pkg = text(operand, src);
            // `os` must be the import, not a parameter or local of that name.
            if scope::binding(operand, pkg, src).is_some() {
                return None;
            }
            let name = text(function.field("field")?, src);
            let spelled = format!("{pkg}.{name}");
            let writes = match (method, name) {
                ("Close", "Create" | "CreateTemp") => is(&self.os, pkg),
                ("Close", "TempFile") => is(&self.ioutil, pkg),
                ("Close", "OpenFile") => {
                    is(&self.os, pkg)
                        && args.get(1).is_some_and(|flags| {
                            let flags = text(*flags, src);
                            ["O_WRONLY", "O_RDWR", "O_APPEND", "O_CREATE", "O_TRUNC"]
                                .iter()
                                .any(|f| flags.contains(f))
                        })
                }
                ("Flush", "NewWriter" | "NewWriterSize") => is(&self.bufio, pkg),
                ("Close", "NewWriter" | "NewWriterLevel") => self.compress.iter().any(|c| c == pkg),
                _ => false,
            };
            return writes.then_some((spelled, true));
        }
        // &T{...} or T{...} of a writer type of the file.
        let literal = if value.kind_name() == "unary_expression" { value.field("operand")? } else { value };
        if literal.kind_name() != "composite_literal" || index != 0 {
            return None;
        }
        let ty = text(literal.field("type")?, src);
        self.types.get(ty)?.iter().any(|m| m == method).then(|| (format!("a {ty} literal"), false))
    }
}

impl Openers {
    /// Whether `stmt` is `..., err := os.F(...)` with `F` a standard function whose last result
    /// is an `error`.
    fn returns_error(&self, stmt: Node, src: &[u8]) -> bool {
        let Some(right) = stmt.field("right") else { return false };
        let [call] = list_items(right)[..] else { return false };
        let Some(function) = call.field("function").filter(|f| f.kind_name() == "selector_expression") else {
            return false;
        };
        let (Some(pkg), Some(name)) = (function.field("operand"), function.field("field")) else {
            return false;
        };
        if scope::binding(pkg, text(pkg, src), src).is_some() {
            return false;
        }
        let (pkg, name) = (text(pkg, src), text(name, src));
        (self.os.as_deref() == Some(pkg)
            && matches!(
                name,
                "Create" | "CreateTemp" | "Open" | "OpenFile" | "MkdirTemp" | "ReadFile" | "Stat" | "Lstat"
            ))
            || (self.ioutil.as_deref() == Some(pkg) && matches!(name, "TempFile" | "ReadFile" | "ReadAll"))
    }
}

fn list_args(args: Node) -> Vec<Node> {
    let mut cursor = args.walk();
    args.named_children(&mut cursor).filter(|c| c.kind_name() != "comment").collect()
}

/// `T` for a receiver `(w *T)` or `(w T)`.
fn receiver_type(receiver: Node, src: &[u8]) -> Option<String> {
    let mut cursor = receiver.walk();
    let decl = receiver.named_children(&mut cursor).find(|c| c.kind_name() == "parameter_declaration")?;
    let mut ty = decl.field("type")?;
    if ty.kind_name() == "pointer_type" {
        ty = ty.named_child(0)?;
    }
    (ty.kind_name() == "type_identifier").then(|| text(ty, src).to_string())
}

struct Match<'t, 's> {
    openers: &'s Openers,
    /// The file's package, for the declared results of the calls that declare `err`.
    package: Option<&'s Package>,
    func: Node<'t>,
    x: &'s str,
    method: &'s str,
    opener: String,
    /// Whether the opener is a standard function whose error result is an `error`.
    standard: bool,
    /// The statement declaring `x`.
    decl: Node<'t>,
}

impl<'t, 's> Match<'t, 's> {
    fn find(
        defer: Node<'t>,
        openers: &'s Openers,
        package: Option<&'s Package>,
        src: &'s [u8],
    ) -> Option<Self> {
        let call = defer.named_child(0).filter(|c| c.kind_name() == "call_expression")?;
        if call.field("arguments").is_none_or(|a| a.named_child_count() > 0) {
            return None;
        }
        let function = call.field("function").filter(|f| f.kind_name() == "selector_expression")?;
        let operand = function.field("operand").filter(|o| o.kind_name() == "identifier")?;
        let method = text(function.field("field")?, src);
        if !matches!(method, "Close" | "Flush") {
            return None;
        }
        let func = syntax::enclosing_function(defer)?;
        let results = syntax::results(func, src);
        if results.last().is_none_or(|r| text(r.ty, src) != "error")
            || !scope::predeclared_error(func, package, src)
        {
            return None;
        }
        let x = text(operand, src);
        let decl = binding(operand, x, func, src)?;
        let (left, value) = match decl.kind_name() {
            "short_var_declaration" => (decl.field("left")?, decl.field("right")?),
            _ => return None,
        };
        let left = list_items(left);
        let [value] = list_items(value)[..] else { return None };
        let index = left.iter().position(|l| text(*l, src) == x)?;
        let (opener, standard) = openers.opener(value, index, method, src)?;
        // Assigned again, or finished outside the defer: not this rule's business.
        let same = |n: Node| {
            n.kind_name() == "identifier" && text(n, src) == x && binding(n, x, func, src) == Some(decl)
        };
        let mut other_use = false;
        syntax::walk(func, |n| {
            match n.kind_name() {
                "assignment_statement" => {
                    other_use |= n.field("left").is_some_and(|l| list_items(l).into_iter().any(same));
                }
                // `x.Close()` elsewhere, or the method value `x.Close` (`finish := f.Close`).
                "selector_expression" if Some(n.id()) != call.field("function").map(|f| f.id()) => {
                    other_use |= n.field("operand").is_some_and(same)
                        && n.field("field").is_some_and(|m| text(m, src) == method);
                }
                _ => {}
            }
            Descend::Yes
        });
        if other_use || !written_in(func, &same, call, src) {
            return None;
        }
        Some(Match { openers, package, func, x, method, opener, standard, decl })
    }

    fn plan(&self, defer: Node, src: &[u8]) -> Result<(Fix, Option<String>), String> {
        let func = self.func;
        // What becomes of a literal's error is up to the code calling it (loop-defer's
        // `if done, err := func() (bool, error) {...}(); done {...}` drops it when not done).
        if func.kind_name() == "func_literal" {
            return Err(
                "the defer is in a function literal, and what becomes of the literal's error is up to the code that calls it"
                    .to_string(),
            );
        }
        let results = syntax::results(func, src);
        // `(n int, error)` parses for tree-sitter, but Go rejects it; naming the last result
        // would not make it valid.
        if results.iter().any(|r| r.name.is_some()) && results.iter().any(|r| r.name.is_none()) {
            return Err("the results mix named and unnamed ones, which Go does not accept".to_string());
        }
        let last = results.len() - 1;
        let start = syntax::line_start(src, defer.start_byte());
        if src[start..defer.start_byte()].iter().any(|b| !matches!(b, b' ' | b'\t')) {
            return Err("the defer shares its line with other code (run gofmt first)".to_string());
        }
        let mut unsafe_reason = self.handed_over(src);
        let mut edits = Vec::new();
        let err = match &results[last].name {
            Some(name) if name == "_" => return Err("the error result is named _".to_string()),
            Some(name) => {
                let result_decl = func
                    .field("result")
                    .and_then(|l| {
                        let mut c = l.walk();
                        l.named_children(&mut c).filter(|p| p.kind_name() == "parameter_declaration").last()
                    })
                    .ok_or("no result list")?;
                if binding(defer, name, func, src) != Some(result_decl) {
                    return Err(format!("the result {name} is redeclared in a block around the defer"));
                }
                name.clone()
            }
            None => {
                let name = "err".to_string();
                let known = |s: Node, name: &str, ty: &str| {
                    (s == self.decl && self.standard)
                        || self.openers.returns_error(s, src)
                        || signatures::declares_with_type(s, name, ty, self.package, src)
                };
                let naming = name_results(func, &results, &[(last, name.clone())], &known, src)?;
                if let Some(b) = binding(defer, &name, func, src)
                    && b.parent().and_then(|p| p.parent()) != func.field("body")
                {
                    return Err(format!("{name} is declared in a block around the defer"));
                }
                edits = naming.edits;
                unsafe_reason = unsafe_reason
                    .or(naming.unsafe_reason)
                    .or_else(|| self.literal_uses(&name, src))
                    .or_else(|| address_taken(func, &name, src));
                if unsafe_reason.is_none() && defers_recover(func, src) {
                    unsafe_reason = Some(format!(
                        "a deferred function recovers panics; after one, the function now returns {name}'s value instead of nil"
                    ));
                }
                name
            }
        };
        // Inside the new literal only x and the error result are referred to.
        let cerr = syntax::fresh_name("cerr", &[err.clone(), self.x.to_string()].into_iter().collect());
        let indent = String::from_utf8_lossy(syntax::line_indent(src, defer.start_byte())).into_owned();
        let (x, method) = (self.x, self.method);
        edits.push(Edit::replace(
            defer.start_byte(),
            defer.end_byte(),
            format!(
                "defer func() {{\n{indent}\tif {cerr} := {x}.{method}(); {cerr} != nil && {err} == nil {{\n{indent}\t\t{err} = {cerr}\n{indent}\t}}\n{indent}}}()"
            ),
        ));
        let applicability = if unsafe_reason.is_some() { Applicability::Unsafe } else { Applicability::Safe };
        Ok((Fix::new(applicability, edits), unsafe_reason))
    }

    /// Why `x` might be closed by someone else: it is handed to a function the rule does not
    /// know, stored, returned or captured.
    fn handed_over(&self, src: &[u8]) -> Option<String> {
        let (func, x, decl) = (self.func, self.x, self.decl);
        let mut reason = None;
        syntax::walk(func, |n| {
            if reason.is_some()
                || n.kind_name() != "identifier"
                || text(n, src) != x
                || syntax::contains(decl, n)
                || binding(n, x, func, src) != Some(decl)
            {
                return Descend::Yes;
            }
            let Some(parent) = n.parent() else { return Descend::Yes };
            if syntax::enclosing_function(n) != Some(func) {
                reason = Some(format!("{x} is used in a function literal, which might close it"));
                return Descend::Yes;
            }
            match parent.kind_name() {
                // x.Write(...), x.Name(), x.field; but a method of the file that itself closes
                // or finishes its receiver (`x.Finish()` calling Close) is a release.
                "selector_expression" if parent.field("operand") == Some(n) => {
                    let name = parent.field("field").map_or("", |f| text(f, src));
                    let root = crate::analysis::callees::root(func);
                    // Of x's own type when its declaration shows it (a standard type's methods
                    // are not the file's), else any method so named.
                    let by_name = crate::analysis::callees::methods(root, name, src);
                    let candidates: Vec<Node> = match signatures::variable_type(n, self.package, src) {
                        Some(t) if t.path.is_some() => Vec::new(),
                        Some(t) => by_name
                            .into_iter()
                            .filter(|m| {
                                m.field("receiver").and_then(|r| receiver_type(r, src)).as_deref()
                                    == Some(t.name.as_str())
                            })
                            .collect(),
                        None => by_name,
                    };
                    let releasing = candidates.into_iter().find(|m| {
                        let mut calls_release = false;
                        syntax::walk(*m, |c| {
                            calls_release |= c.kind_name() == "selector_expression"
                                && c.field("field").is_some_and(|f| text(f, src) == self.method);
                            Descend::Yes
                        });
                        calls_release
                    });
                    if name != self.method && releasing.is_some() {
                        reason = Some(format!(
                            "{x}.{name} (line {}) is a method of the file that calls {}, which might close it",
                            n.start_position().row + 1,
                            self.method
                        ));
                    }
                }
                // x == nil, x != nil
                "binary_expression" => {}
                "argument_list" => {
                    let function = parent.parent().and_then(|c| c.field("function"));
                    let callee = function.map_or("", |f| text(f, src));
                    // `fmt` must be the import, not a parameter or local of that name.
                    let shadowed = function
                        .filter(|f| f.kind_name() == "selector_expression")
                        .and_then(|f| f.field("operand"))
                        .is_some_and(|o| {
                            o.kind_name() == "identifier" && scope::binding(o, text(o, src), src).is_some()
                        });
                    if shadowed || !is_non_closing(callee) {
                        reason = Some(format!("{x} is passed to {callee}, which might close it"));
                    }
                }
                _ => {
                    reason = Some(format!(
                        "{x} is used at line {} in a way that might close it elsewhere",
                        n.start_position().row + 1
                    ));
                }
            }
            Descend::Yes
        });
        reason
    }

    /// Why a function literal of `func` would behave differently once `name` is the result.
    fn literal_uses(&self, name: &str, src: &[u8]) -> Option<String> {
        let func = self.func;
        let mut reason = None;
        syntax::walk(func, |n| {
            if reason.is_none()
                && n.kind_name() == "identifier"
                && text(n, src) == name
                && syntax::enclosing_function(n) != Some(func)
                && binding(n, name, func, src).is_some_and(|b| {
                    !syntax::contains(outermost_literal(n, func), b)
                        && b.parent().and_then(|p| p.parent()) == func.field("body")
                })
            {
                reason = Some(format!(
                    "a function literal uses {name} (line {}), which becomes the result and is set by every return",
                    n.start_position().row + 1
                ));
            }
            Descend::Yes
        });
        reason
    }
}

/// Why naming `name` as the result would change what code holding its address sees: with
/// `defer logErr(&err)`, the pointer would reach the result, which every `return` sets.
fn address_taken(func: Node, name: &str, src: &[u8]) -> Option<String> {
    let body = func.field("body")?;
    crate::analysis::changes::changes(body, name, src)
        .into_iter()
        .find(|c| c.how == crate::analysis::changes::How::AddressTaken)
        .map(|c| {
            format!(
                "the address of {name} is taken (line {}); once {name} is the result, code holding it sees what every return sets",
                c.line()
            )
        })
}

/// Whether the function writes to the value `is_x` names, other than by the deferred `call`:
/// a write or print method on it (`Write*`, `Print*`, `ReadFrom`), the value handed to a call
/// that writes into it or wraps it (`fmt.Fprintf(x, ...)`, `io.Copy(x, r)`,
/// `json.NewEncoder(x)`, `bufio.NewWriter(x)`), or to any call the rule cannot see into. A
/// file opened only to probe that it exists (moby's zfs `Init` opens `/dev/zfs` read-write and
/// closes it) loses nothing when its Close fails: not a finding.
fn written_in(func: Node, is_x: &dyn Fn(Node) -> bool, call: Node, src: &[u8]) -> bool {
    const READING: &[&str] =
        &["Name", "Stat", "Fd", "Seek", "Read", "ReadAt", "Close", "Sync", "Chmod", "Chown"];
    let mut written = false;
    syntax::walk(func, |n| {
        if written || syntax::contains(call, n) || !is_x(n) {
            return Descend::Yes;
        }
        let Some(parent) = n.parent() else { return Descend::Yes };
        written = match parent.kind_name() {
            "selector_expression" if parent.field("operand") == Some(n) => {
                let method = parent.field("field").map_or("", |f| text(f, src));
                !READING.contains(&method) && !matches!(method, "Flush")
                    || method.starts_with("Write")
                    || method.starts_with("Print")
            }
            "argument_list" => {
                let callee = parent.parent().and_then(|c| c.field("function")).map_or("", |f| text(f, src));
                !matches!(
                    callee.rsplit('.').next().unwrap_or(""),
                    "Stat" | "Name" | "Println" | "Printf" | "Print"
                ) || callee.contains("Fprint")
            }
            "binary_expression" | "expression_statement" => false,
            _ => true,
        };
        Descend::Yes
    });
    written
}

/// The outermost function literal of `func` around `n`.
fn outermost_literal<'t>(n: Node<'t>, func: Node<'t>) -> Node<'t> {
    syntax::ancestors(n)
        .take_while(|a| a.id() != func.id())
        .filter(|a| a.kind_name() == "func_literal")
        .last()
        .unwrap_or(func)
}

/// Standard functions that write to, read from or wrap a writer without closing it.
fn is_non_closing(callee: &str) -> bool {
    matches!(
        callee,
        "fmt.Fprint"
            | "fmt.Fprintf"
            | "fmt.Fprintln"
            | "io.Copy"
            | "io.CopyN"
            | "io.CopyBuffer"
            | "io.WriteString"
            | "io.MultiWriter"
            | "io.NewSectionReader"
            | "bufio.NewWriter"
            | "bufio.NewWriterSize"
            | "bufio.NewReader"
            | "bufio.NewReaderSize"
            | "bufio.NewReadWriter"
            | "json.NewEncoder"
            | "json.NewDecoder"
            | "xml.NewEncoder"
            | "csv.NewWriter"
            | "gzip.NewWriter"
            | "gzip.NewWriterLevel"
            | "zlib.NewWriter"
            | "zlib.NewWriterLevel"
            | "tar.NewWriter"
            | "zip.NewWriter"
            | "binary.Write"
            | "gob.NewEncoder"
            | "template.Execute"
            | "tabwriter.NewWriter"
    )
}
