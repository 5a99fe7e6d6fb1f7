//! `resource-never-released`: a response body, rows, a prepared statement, a file or a ticker
//! that some path to a return never releases.
//!
//! ## What it detects
//! A value made by a known constructor, spelled through the name the file imports its package
//! as, assigned (`:=` or `=`) to a variable of the function together with its error:
//! - `http.Get/Head/Post/PostForm`, and the same methods and `Do` of an `*http.Client` the
//!   source proves to be one (`http.DefaultClient`; a variable or parameter declared
//!   `*http.Client`/`http.Client`, or made by `&http.Client{...}`/`new(http.Client)`): released
//!   by `resp.Body.Close()`;
//! - `Query/QueryContext` of an `*sql.DB`, `*sql.Tx`, `*sql.Conn` or `*sql.Stmt`, and
//!   `Prepare/PrepareContext` of the first three, proven the same way (declared with the type,
//!   `sql.Open`'s result, `db.Begin/BeginTx/Conn`'s result): released by `Close()`;
//! - `os.Open/Create/OpenFile`: released by `Close()`; `time.NewTicker`: released by `Stop()`;
//!
//! where some path of the function's control flow ([`crate::analysis::cfg`]) from the
//! assignment to a `return` (or the end of the body), or to a statement assigning the variable
//! again (around a loop too), neither releases the value nor hands it over. The error path is
//! not such a path: the branch of the `if err != nil` that follows the call (the value is not
//! valid there). Paths ending in `panic`, `os.Exit`, `log.Fatal`, `t.Fatal` and the like, and
//! endless loops, are not paths to a return. Not a finding: `main.main` (returning ends the
//! process); a variable declared outside the function or a named result (the value belongs to
//! someone else); an error checked in another shape than `if err != nil` (`if err == nil`, a
//! check after other uses), which the rule does not read.
//!
//! A value is handed over, which counts as released on that path, when it is returned, stored,
//! sent, captured by a function literal that leaves the function, passed to a function that may
//! release it (anything but a standard-library function outside `net/http`, a builtin, a
//! reporting method), or assigned to another variable; and released by any call of its release
//! method, deferred or not, in a function literal too.
//!
//! ## Why it matters
//! An unclosed response body keeps its connection from being reused (each request opens a new
//! one, and the old ones stay until the server drops them); rows hold their database
//! connection, a prepared statement its server-side resources; a file keeps its descriptor until
//! the garbage collector finalizes it, and a ticker keeps firing (before Go 1.23, is never
//! collected). bodyclose and sqlclosecheck report these.
//!
//! ## Example
//! ```go
//! resp, err := http.Get(url)
//! if err != nil {
//!     return err
//! }
//! if resp.StatusCode != http.StatusOK {
//!     return fmt.Errorf("status %d", resp.StatusCode) // the body is never closed
//! }
//! ```
//! becomes, with `defer resp.Body.Close()` right after the check:
//! ```go
//! resp, err := http.Get(url)
//! if err != nil {
//!     return err
//! }
//! defer resp.Body.Close()
//! ```
//!
//! ## Fix safety
//! - Safe: the `if err != nil` follows the call (comments between are fine), has no `else` and
//!   never falls through, or a `require.NoError(t, err)` follows it (a ticker needs no check:
//!   the defer goes right after the call); the call is not in a loop and the function has no
//!   `goto`; the value provably stays in the function: nothing hands it over and the value-flow
//!   analysis ([`crate::analysis::flow`]) finds it neither returned, stored, sent, nor used by a
//!   goroutine. Explicit releases on other paths stay where they are: code after them may
//!   depend on the release having happened there (a file renamed or removed after its Close),
//!   and the deferred call then releases nothing more, since for each of these types a second
//!   release does nothing (`Rows.Close`, `Stmt.Close`, `Ticker.Stop` and net/http's response
//!   bodies are idempotent; a second `File.Close` returns `os.ErrClosed`, which the deferred
//!   call drops).
//! - No fix (reported with the reason): the value is handed over somewhere (the new owner may
//!   release it, and a defer would release it under them); the call is in a loop (a defer would
//!   keep every iteration's value until the function returns: loop-defer's bug); the error is
//!   discarded with `_` or not checked right after the call; the check has an `else` or can
//!   fall through; a deferred release further down that cannot move up (another `defer` or an
//!   assignment of the variable between, another block: when it can, the fix moves it to right
//!   after the check instead of adding one); the variable used before the call (a function
//!   deferred earlier may read it after the release); a file's descriptor taken (`f.Fd()`); a
//!   file opened for writing (`os.Create`, `os.OpenFile` but with `os.O_RDONLY`) in a function
//!   returning an error (a deferred Close would drop the error that says written data was
//!   lost: close-error-dropped's concern); the statement is not laid out as gofmt lays it out.

use std::collections::HashMap;

use tree_sitter::Node;

use super::{GoFile, Transform};
use crate::analysis::{self, Carried, Seed, Via, cfg, known};
use crate::fix::{Applicability, Edit, Finding, Fix, describe};
use crate::prefilter::{Import, Triggers};
use crate::syntax::{self, Descend, Fields, KindName, text};

pub struct ResourceNeverReleased;

pub const NAME: &str = "resource-never-released";

const CONSTRUCTORS: &[&str] = &[
    "Get",
    "Head",
    "Post",
    "PostForm",
    "Do",
    "Query",
    "QueryContext",
    "Prepare",
    "PrepareContext",
    "Open",
    "Create",
    "OpenFile",
    "NewTicker",
];

const HTTP_FUNCTIONS: &[&str] = &["Get", "Head", "Post", "PostForm"];

/// The methods of a database/sql handle that make rows or statements.
const SQL_METHODS: &[&str] = &["Query", "QueryContext", "Prepare", "PrepareContext"];

impl Transform for ResourceNeverReleased {
    fn name(&self) -> &'static str {
        NAME
    }

    fn summary(&self) -> &'static str {
        "a response body, sql rows or statement, file or ticker not released on some path to a return"
    }

    fn triggers(&self) -> Triggers {
        &[CONSTRUCTORS]
    }

    fn imports(&self) -> &'static [Import] {
        // Site::find: a constructor is its package's, or a method of a handle that only a
        // net/http or database/sql type or maker proves.
        &[
            Import { path: "net/http", words: &["Get", "Head", "Post", "PostForm", "Do"] },
            Import { path: "database/sql", words: SQL_METHODS },
            Import { path: "os", words: &["Open", "Create", "OpenFile"] },
            Import { path: "time", words: &["NewTicker"] },
        ]
    }

    fn check(&self, file: &GoFile, findings: &mut Vec<Finding>) {
        let src = file.src;
        let packages = Packages::new(file);
        if packages.is_empty() {
            return;
        }
        let package_main = package_name(file) == Some("main");
        let no_return = cfg::NoReturn::new(file.tree, src);
        let mut graphs: HashMap<usize, Option<cfg::Graph>> = HashMap::new();
        for call in file.calls_named(CONSTRUCTORS) {
            let Some(site) = Site::find(call, &packages, src) else { continue };
            if package_main && is_main(site.func, src) {
                continue;
            }
            let callee = site.callee.clone();
            let what = site.kind.what();
            if site.discarded {
                let base = format!(
                    "{what} from {callee} goes to `_`, and nothing releases it: {harm}",
                    harm = site.kind.harm()
                );
                let (message, fix) =
                    describe(base, None, Err("give it a name, check the error and release it".to_string()));
                findings.push(Finding {
                    rule: NAME,
                    start: call.start_byte(),
                    end: call.end_byte(),
                    message,
                    fix,
                });
                continue;
            }
            let graph =
                graphs.entry(site.func.id()).or_insert_with(|| cfg::Graph::new(site.func, src, &no_return));
            let Some(graph) = graph.as_ref() else { continue };
            let Some(uses) = Uses::gather(&site, file) else { continue };
            let x = text(site.x, src);
            let used = |n: Node| uses.satisfied(n);
            let kills = |n: Node| n.id() == site.stmt.id() || assigns(n, x, site.stmt, src);
            let Some(lost) = graph.lost_path_until(site.x, &used, &kills) else { continue };
            let fname = syntax::function_display_name(site.func, src);
            let path = match lost {
                cfg::Lost::Exit(exit) if exit.implicit => format!("the end of {fname} on line {}", exit.line),
                cfg::Lost::Exit(exit) => format!("the return on line {}", exit.line),
                cfg::Lost::Killed(line) if line == site.stmt.start_position().row + 1 => {
                    format!("the call's next run (line {line}), which assigns `{x}` again")
                }
                cfg::Lost::Killed(line) => format!("line {line}, which assigns `{x}` again"),
            };
            let base = format!(
                "{what} from {callee} (`{x}`) {done} on the path to {path}: {harm}",
                done = site.kind.done(),
                harm = site.kind.harm()
            );
            let release = site.kind.release(x);
            let planned = site.plan(&uses, &fname, &no_return, src);
            let after =
                if site.kind.has_error() { "right after the call's check" } else { "right after the call" };
            let how = match &planned {
                Ok((_, Some(line))) => format!(
                    "moves the `defer {release}` on line {line} {after}, so that the paths returning before it release it too"
                ),
                Ok(_) if uses.explicit.is_empty() => format!("defers `{release}` {after}"),
                Ok(_) => format!(
                    "defers `{release}` {after}, and keeps the explicit release on line {}: code after it may rely on it, and {}",
                    uses.explicit[0],
                    site.kind.second_release()
                ),
                Err(_) => String::new(),
            };
            let (message, fix) = describe(base, Some(&how), planned.map(|(fix, _)| (fix, None)));
            findings.push(Finding {
                rule: NAME,
                start: call.start_byte(),
                end: call.end_byte(),
                message,
                fix,
            });
        }
    }
}

/// What is made, and how it is released.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Response,
    Rows,
    Stmt,
    File,
    Ticker,
}

impl Kind {
    fn what(self) -> &'static str {
        match self {
            Kind::Response => "the response body",
            Kind::Rows => "the rows",
            Kind::Stmt => "the prepared statement",
            Kind::File => "the file",
            Kind::Ticker => "the ticker",
        }
    }

    fn done(self) -> &'static str {
        match self {
            Kind::Ticker => "is not stopped",
            Kind::Rows => "are not closed",
            _ => "is not closed",
        }
    }

    fn harm(self) -> &'static str {
        match self {
            Kind::Response => "its connection cannot be reused and stays open",
            Kind::Rows => "they hold their database connection until closed",
            Kind::Stmt => "it holds its resources on the connection and the server until closed",
            Kind::File => "its descriptor stays open until the garbage collector finalizes it",
            Kind::Ticker => "it keeps firing (and before Go 1.23 it is never garbage collected)",
        }
    }

    /// The release method, called on the value (`resp.Body` for a response).
    fn method(self) -> &'static str {
        match self {
            Kind::Ticker => "Stop",
            _ => "Close",
        }
    }

    fn release(self, x: &str) -> String {
        match self {
            Kind::Response => format!("{x}.Body.Close()"),
            _ => format!("{x}.{}()", self.method()),
        }
    }

    /// The expression that denotes the released value.
    fn path(self, x: &str) -> String {
        match self {
            Kind::Response => format!("{x}.Body"),
            Kind::Ticker => format!("{x}.C"),
            _ => x.to_string(),
        }
    }

    fn has_error(self) -> bool {
        self != Kind::Ticker
    }

    /// Why releasing it again at return does nothing.
    fn second_release(self) -> &'static str {
        match self {
            Kind::Response => "closing a net/http response body again does nothing",
            Kind::Rows => "Rows.Close does nothing the second time",
            Kind::Stmt => "Stmt.Close does nothing the second time",
            Kind::File => "the deferred second Close only returns os.ErrClosed, which it drops",
            Kind::Ticker => "Stop does nothing the second time",
        }
    }
}

/// How the file names the packages the constructors come from.
struct Packages<'f, 'a> {
    http: Option<String>,
    sql: Option<String>,
    os: Option<String>,
    time: Option<String>,
    /// The file, whose words tell where a function declares a name of its own.
    file: &'f GoFile<'a>,
}

impl<'f, 'a> Packages<'f, 'a> {
    fn new(file: &'f GoFile<'a>) -> Self {
        let name = |path| syntax::import_name(file.tree, file.src, path);
        Packages {
            http: name("net/http"),
            sql: name("database/sql"),
            os: name("os"),
            time: name("time"),
            file,
        }
    }

    /// Whether `operand` names the package imported as `pkg`, not shadowed in the outermost
    /// function `outer`.
    fn is(&self, operand: Node, pkg: &Option<String>, outer: Node, src: &[u8]) -> bool {
        let name = text(operand, src);
        operand.kind_name() == "identifier"
            && pkg.as_deref() == Some(name)
            && !analysis::declares_inside(self.file, outer, name)
    }

    fn is_empty(&self) -> bool {
        self.http.is_none() && self.sql.is_none() && self.os.is_none() && self.time.is_none()
    }
}

/// What the source proves a receiver to be.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Handle {
    Client,
    Db,
    Tx,
    Conn,
    Stmt,
}

struct Site<'t> {
    kind: Kind,
    /// How the constructor is spelled in messages (`http.Get`, `db.Query`).
    callee: String,
    /// The function or method name (`OpenFile`).
    function: &'t str,
    call: Node<'t>,
    /// The `:=` or `=` statement.
    stmt: Node<'t>,
    x: Node<'t>,
    /// The value is assigned to `_`.
    discarded: bool,
    /// The error target (None for a ticker).
    err: Option<Node<'t>>,
    func: Node<'t>,
}

impl<'t> Site<'t> {
    fn find(call: Node<'t>, packages: &Packages, src: &'t [u8]) -> Option<Self> {
        let function = call.field("function").filter(|f| f.kind_name() == "selector_expression")?;
        let operand = function.field("operand")?;
        let name = text(function.field("field")?, src);
        let func = syntax::enclosing_function(call)?;
        let outer = syntax::outermost_function(call).unwrap_or(func);
        let package = |pkg: &Option<String>| packages.is(operand, pkg, outer, src);
        // The name before the package: whether the package is shadowed takes a walk.
        let kind = if HTTP_FUNCTIONS.contains(&name) && package(&packages.http) {
            Kind::Response
        } else if matches!(name, "Open" | "Create" | "OpenFile") && package(&packages.os) {
            Kind::File
        } else if name == "NewTicker" && package(&packages.time) {
            Kind::Ticker
        } else {
            // Every handle is proven from a type or maker of net/http or database/sql: without
            // the import that the method's handle needs, there is nothing to look for.
            let http_method = name == "Do" || HTTP_FUNCTIONS.contains(&name);
            let sql_method = SQL_METHODS.contains(&name);
            if !(http_method && packages.http.is_some() || sql_method && packages.sql.is_some()) {
                return None;
            }
            match (handle_of(operand, outer, packages, src, 0)?, name) {
                (Handle::Client, "Do") => Kind::Response,
                (Handle::Client, n) if HTTP_FUNCTIONS.contains(&n) => Kind::Response,
                (Handle::Db | Handle::Tx | Handle::Conn | Handle::Stmt, "Query" | "QueryContext") => {
                    Kind::Rows
                }
                (Handle::Db | Handle::Tx | Handle::Conn, "Prepare" | "PrepareContext") => Kind::Stmt,
                _ => return None,
            }
        };
        let values = call.parent().filter(|p| p.kind_name() == "expression_list")?;
        if syntax::named_children_without_comments(values).len() != 1 {
            return None;
        }
        let stmt = values.parent()?;
        let plain = match stmt.kind_name() {
            "short_var_declaration" => true,
            "assignment_statement" => stmt.field("operator").is_some_and(|o| text(o, src) == "="),
            _ => false,
        };
        if !plain || stmt.field("right").map(|r| r.id()) != Some(values.id()) {
            return None;
        }
        stmt.parent().filter(|p| p.kind_name() == "statement_list")?;
        let targets = syntax::named_children_without_comments(stmt.field("left")?);
        let want = if kind.has_error() { 2 } else { 1 };
        if targets.len() != want || targets.iter().any(|t| t.kind_name() != "identifier") {
            return None;
        }
        let x = targets[0];
        let xs = text(x, src);
        let discarded = xs == "_";
        if !discarded {
            // A variable of a wider scope, or a named result, holds it for someone else.
            if stmt.kind_name() == "assignment_statement"
                && !declared_in_function(func, xs, stmt.start_byte(), src)
            {
                return None;
            }
            if syntax::results(func, src).iter().any(|r| r.name.as_deref() == Some(xs)) {
                return None;
            }
        }
        let spelled: String = text(function, src).split_whitespace().collect();
        let callee = if spelled.len() > 40 { name.to_string() } else { spelled };
        Some(Site {
            kind,
            callee,
            function: name,
            call,
            stmt,
            x,
            discarded,
            err: targets.get(1).copied(),
            func,
        })
    }

    /// The `defer` right after the call's check (with the line a deferred release further down
    /// moves from), or why there is none.
    fn plan(
        &self,
        uses: &Uses<'t>,
        fname: &str,
        no_return: &cfg::NoReturn,
        src: &[u8],
    ) -> Result<(Fix, Option<usize>), String> {
        let x = text(self.x, src);
        let release = self.kind.release(x);
        let callee = &self.callee;
        if syntax::enclosing_loop(self.stmt).is_some() {
            return Err(format!(
                "it is made in a loop, where a deferred release would keep every iteration's value until {fname} returns; release it at the end of each iteration, on every path out of it"
            ));
        }
        if let Some(how) = uses.handovers.first() {
            return Err(format!(
                "`{x}` {how}, and whoever gets it may release it or use it after {fname} returns; release it on the paths that keep it"
            ));
        }
        if let Some(line) = uses.before {
            return Err(format!(
                "`{x}` is used before the call (line {line}), by code that may run after a deferred release (a deferred function, a goroutine); release it by hand"
            ));
        }
        let mut has_goto = false;
        syntax::walk_same_function(self.func, |n| has_goto |= n.kind_name() == "goto_statement");
        if has_goto {
            return Err(format!("{fname} uses goto"));
        }
        if self.kind == Kind::File && self.opens_for_writing(src) && self.returns_error(src) {
            return Err(
                "the file is opened for writing in a function returning an error, and a deferred Close would drop the error that says written data was lost; close it on every path and return the error of Close (see close-error-dropped)"
                    .to_string(),
            );
        }
        let anchor = if self.kind.has_error() {
            let err = self.err.map_or("", |e| text(e, src));
            if err == "_" {
                return Err(format!("the error of {callee} is discarded; check it, then defer `{release}`"));
            }
            let check = uses.check.ok_or_else(|| format!("the error of {callee} is not checked"))?;
            if !uses.immediate {
                return Err(format!(
                    "the error of {callee} is not checked right after the call; check it there, then defer `{release}`"
                ));
            }
            if check.kind_name() == "if_statement" {
                if check.field("alternative").is_some() {
                    return Err(format!(
                        "the `if {err} != nil` has an else branch; decide where the release belongs"
                    ));
                }
                let leaves = check.field("consequence").is_some_and(|c| {
                    syntax::is_terminating(c, src, &|n| {
                        no_return.stops(n, src)
                            || matches!(n.kind_name(), "break_statement" | "continue_statement")
                    })
                });
                if !leaves {
                    return Err(format!(
                        "the `if {err} != nil` branch can fall through to the code after it; make it leave, then defer `{release}` after it"
                    ));
                }
            }
            check
        } else {
            self.stmt
        };
        let not_laid_out = || "the statement is not laid out as gofmt does (run gofmt first)".to_string();
        let start = syntax::line_start(src, self.stmt.start_byte());
        if src[start..self.stmt.start_byte()].iter().any(|b| !matches!(b, b' ' | b'\t')) {
            return Err(not_laid_out());
        }
        let end = anchor.end_byte();
        let newline = memchr::memchr(b'\n', &src[end..]).map(|i| end + i).ok_or_else(not_laid_out)?;
        let rest = String::from_utf8_lossy(&src[end..newline]);
        if !(rest.trim().is_empty() || rest.trim().starts_with("//")) {
            return Err(not_laid_out());
        }
        let indent = String::from_utf8_lossy(syntax::line_indent(src, self.stmt.start_byte())).into_owned();
        match uses.deferred.as_slice() {
            [] => Ok((
                Fix::new(
                    Applicability::Safe,
                    vec![Edit::insert(newline + 1, format!("{indent}defer {release}\n"))],
                ),
                None,
            )),
            [(line, call)] => {
                let edits = self.move_up(*call, anchor, newline + 1, &release, src).map_err(|why| {
                    format!(
                        "the deferred release on line {line} is skipped by the paths that return before it, and it cannot be moved up: {why}; move it right after the call's check"
                    )
                })?;
                Ok((Fix::new(Applicability::Safe, edits), Some(*line)))
            }
            _ => Err(format!(
                "the deferred releases on lines {} are skipped by the paths that return before them; release it once, right after the call's check",
                uses.deferred.iter().map(|(l, _)| l.to_string()).collect::<Vec<_>>().join(", ")
            )),
        }
    }

    /// The edits that move `defer RELEASE` (the statement holding `call`), with the comment
    /// lines right above it, to `at` (the line after `anchor`): it must be a statement of the
    /// call's own block, after the check, with no other `defer` between (their order at return
    /// stays) and nothing between that assigns the variable (the moved defer evaluates it
    /// earlier).
    fn move_up(
        &self,
        call: Node,
        anchor: Node,
        at: usize,
        release: &str,
        src: &[u8],
    ) -> Result<Vec<Edit>, String> {
        let defer = call.parent().filter(|d| d.kind_name() == "defer_statement");
        let Some(defer) = defer.filter(|d| d.parent().map(|p| p.id()) == self.stmt.parent().map(|p| p.id()))
        else {
            return Err("it is not a statement of the call's own block".to_string());
        };
        let spelled: String = text(call, src).split_whitespace().collect();
        if spelled != release.replace(' ', "") {
            return Err("it defers more than the release".to_string());
        }
        let x = text(self.x, src);
        let mut between = None;
        let mut n = anchor.next_named_sibling();
        while let Some(s) = n.filter(|s| s.id() != defer.id()) {
            syntax::walk_same_function(s, |m| {
                if between.is_none() && (m.kind_name() == "defer_statement" || assigns(m, x, self.stmt, src))
                {
                    between = Some(m.start_position().row + 1);
                }
            });
            n = s.next_named_sibling();
        }
        if let Some(line) = between {
            return Err(format!(
                "line {line}, between the check and it, defers another call or assigns `{x}`"
            ));
        }
        let not_laid_out = || "it shares its line with other code".to_string();
        let mut first = defer;
        while let Some(c) = first
            .prev_sibling()
            .filter(|c| c.kind_name() == "comment" && c.end_position().row + 1 == first.start_position().row)
        {
            first = c;
        }
        let start = syntax::line_start(src, first.start_byte());
        if src[start..first.start_byte()].iter().any(|b| !matches!(b, b' ' | b'\t')) {
            return Err(not_laid_out());
        }
        let end = defer.end_byte();
        let newline = memchr::memchr(b'\n', &src[end..]).map(|i| end + i).ok_or_else(not_laid_out)?;
        if src[end..newline].iter().any(|b| !matches!(b, b' ' | b'\t')) {
            return Err(not_laid_out());
        }
        let moved = src[start..newline + 1].to_vec();
        // Deleting the lines between two blank lines would leave two in a row: drop one.
        let blank_before = start >= 2 && src[start - 2] == b'\n';
        let blank_after = src.get(newline + 1) == Some(&b'\n');
        let delete_end = if blank_before && blank_after { newline + 2 } else { newline + 1 };
        Ok(vec![Edit::delete(start, delete_end), Edit::insert(at, moved)])
    }

    /// `os.Create`, or `os.OpenFile` with flags other than exactly `os.O_RDONLY`.
    fn opens_for_writing(&self, src: &[u8]) -> bool {
        match self.function {
            "Create" => true,
            "OpenFile" => {
                let args = self.call.field("arguments").map(syntax::named_children_without_comments);
                let flags = args.as_ref().and_then(|a| a.get(1)).map(|f| text(*f, src));
                let os = self.callee.split('.').next().unwrap_or("os");
                flags != Some(format!("{os}.O_RDONLY").as_str())
            }
            _ => false,
        }
    }

    fn returns_error(&self, src: &[u8]) -> bool {
        syntax::results(self.func, src).last().is_some_and(|r| text(r.ty, src) == "error")
    }
}

/// Where the value is released or handed over, and how its error is checked.
#[derive(Default)]
struct Uses<'t> {
    /// Positions of releases and hand-overs: a path through a node holding one is not lost.
    points: Vec<usize>,
    /// The error branch after the call: its paths are not lost either.
    consequence: Option<(usize, usize)>,
    /// The check of the call's error (`if err != nil`, `require.NoError`).
    check: Option<Node<'t>>,
    /// The check follows the call, with nothing but comments between.
    immediate: bool,
    /// Lines of releases called directly, outside the error branch.
    explicit: Vec<usize>,
    /// Lines of deferred releases.
    deferred: Vec<(usize, Node<'t>)>,
    /// How the value is handed over, for the message.
    handovers: Vec<String>,
    /// The line of the first mention of the variable before the call.
    before: Option<usize>,
}

impl<'t> Uses<'t> {
    /// None when the call's error is handled in a way the rule does not read.
    fn gather(site: &Site<'t>, file: &GoFile<'t>) -> Option<Self> {
        let src = file.src;
        let body = site.func.field("body")?;
        let x = text(site.x, src);
        let mut uses = Uses::default();
        if let Some(err) = site.err.map(|e| text(e, src)).filter(|e| *e != "_") {
            let mut next = site.stmt.next_named_sibling();
            let mut immediate = true;
            let check = loop {
                let n = next?;
                next = n.next_named_sibling();
                if n.kind_name() == "comment" {
                    continue;
                }
                if mentions(n, err, src) {
                    break n;
                }
                immediate = false;
            };
            if !syntax::checks_error(check, err, src) {
                return None;
            }
            uses.check = Some(check);
            uses.immediate = immediate;
            uses.consequence = check.field("consequence").map(|c| (c.start_byte(), c.end_byte()));
        }
        let consequence = uses.consequence;
        let in_branch = |n: Node| uses_in(consequence, n);
        let mut releases: Vec<Node<'t>> = Vec::new();
        let mut explicit = Vec::new();
        let mut deferred = Vec::new();
        let mut handovers: Vec<(usize, String)> = Vec::new();
        let mut before = None;
        // A variable declared with `:=` lives in the block of its declaration: a name spelled
        // outside it (another case clause's `resp`) is another variable.
        let scope = match site.stmt.kind_name() {
            "short_var_declaration" => site.stmt.parent().and_then(|l| l.parent()).unwrap_or(body),
            _ => body,
        };
        let shadows = shadowing(scope, site.stmt, x, src);
        for n in file.leaves_in(scope.byte_range(), x) {
            if n.kind_name() != "identifier"
                || syntax::contains(site.stmt, n)
                || analysis::literal_parameter(n, scope, src)
                || shadows.iter().any(|&(s, e)| s <= n.start_byte() && n.end_byte() <= e)
            {
                continue;
            }
            let line = n.start_position().row + 1;
            // Code before the call that refers to the variable (a deferred function literal, a
            // goroutine) may run after a deferred release; a declaration does not.
            if n.end_byte() <= site.stmt.start_byte() {
                if n.parent().is_none_or(|p| p.kind_name() != "var_spec") && before.is_none() {
                    before = Some(line);
                }
                continue;
            }
            match classify(n, site.kind, src) {
                Use::Plain => {}
                Use::Release(call) => {
                    releases.push(call);
                    let around: Vec<Node> =
                        syntax::ancestors(call).take_while(|a| a.id() != site.func.id()).collect();
                    if around.iter().any(|a| a.kind_name() == "defer_statement") {
                        deferred.push((line, call));
                    } else if around.iter().any(|a| a.kind_name() == "func_literal") {
                        handovers.push((
                            call.start_byte(),
                            format!(
                                "is released by a function literal (line {line}), which may run at any time"
                            ),
                        ));
                    } else if !in_branch(call) {
                        explicit.push(line);
                    }
                }
                Use::Handover(at, how) => handovers.push((at.start_byte(), format!("{how} (line {line})"))),
            }
        }
        let path = site.kind.path(x);
        let options =
            analysis::flow::Options { ignored: &releases, returns_leave: true, ..Default::default() };
        for e in analysis::flow::escapes(scope, &[Seed::new(x, &path)], options, src) {
            if e.carried == Carried::Itself || matches!(e.via, Via::Call(_) | Via::KeptBy(_) | Via::Stored(_))
            {
                let how = e.how("the function");
                let how = if e.name == x { how } else { format!("is held by `{}`, which {how}", e.name) };
                handovers.push((e.at, how));
            }
        }
        uses.points = releases.iter().map(|r| r.start_byte()).chain(handovers.iter().map(|h| h.0)).collect();
        uses.explicit = explicit;
        uses.before = before;
        uses.deferred = deferred;
        handovers.sort_by_key(|h| h.0);
        uses.handovers = handovers.into_iter().map(|h| h.1).collect();
        Some(uses)
    }

    /// Whether a path through `n` releases the value, hands it over or is the error branch.
    fn satisfied(&self, n: Node) -> bool {
        uses_in(self.consequence, n) || self.points.iter().any(|&p| n.start_byte() <= p && p < n.end_byte())
    }
}

fn uses_in(range: Option<(usize, usize)>, n: Node) -> bool {
    range.is_some_and(|(s, e)| s <= n.start_byte() && n.end_byte() <= e)
}

/// What one mention of the variable does with the value.
enum Use<'t> {
    /// Computes with it (a method call, a field, a comparison, a standard function).
    Plain,
    /// Calls its release method: the call.
    Release(Node<'t>),
    /// Hands it to something that may release it or keep it: where, and how.
    Handover(Node<'t>, String),
}

fn classify<'t>(mention: Node<'t>, kind: Kind, src: &[u8]) -> Use<'t> {
    let is_operand = |p: Node, c: Node| {
        p.kind_name() == "selector_expression" && p.field("operand").is_some_and(|o| o.id() == c.id())
    };
    let field = |p: Node| p.field("field").map_or("", |f| text(f, src));
    let mut value = mention;
    match (kind, mention.parent()) {
        // Only the body is released; the response's other fields are data.
        (Kind::Response, Some(p)) if is_operand(p, mention) && field(p) == "Body" => value = p,
        (Kind::Response, Some(p)) if is_operand(p, mention) => return Use::Plain,
        // A ticker's channel is the ticker: receiving from it here computes with it, handing it
        // on keeps it.
        (Kind::Ticker, Some(p)) if is_operand(p, mention) && field(p) == "C" => match p.parent() {
            Some(q) if q.kind_name() == "unary_expression" || q.kind_name() == "range_clause" => {
                return Use::Plain;
            }
            _ => value = p,
        },
        // A file's descriptor outlives nothing but the file: code that takes it may use it after
        // the function returns.
        (Kind::File, Some(p)) if is_operand(p, mention) && matches!(field(p), "Fd" | "SyscallConn") => {
            return Use::Handover(p, format!("has its descriptor taken with `{}`", text(p, src)));
        }
        _ => {}
    }
    let Some(parent) = value.parent() else { return Use::Plain };
    // The variable assigned anew: a new value (the graph's kill), not a use of this one.
    let target = value.id() == mention.id()
        && parent.kind_name() == "expression_list"
        && parent.parent().is_some_and(|a| {
            matches!(a.kind_name(), "assignment_statement" | "short_var_declaration")
                && a.field("left").is_some_and(|l| l.id() == parent.id())
        });
    if target {
        return Use::Plain;
    }
    match parent.kind_name() {
        "selector_expression" if is_operand(parent, value) => {
            let called = parent.parent().filter(|c| {
                c.kind_name() == "call_expression"
                    && c.field("function").is_some_and(|f| f.id() == parent.id())
            });
            if field(parent) != kind.method() {
                // `*os.File`, `*sql.Rows` and `*sql.Stmt` have no exported fields: a selector
                // not called is a method value (`s.read = f.Read`), which keeps the value.
                if called.is_none() && matches!(kind, Kind::File | Kind::Rows | Kind::Stmt) {
                    return Use::Handover(
                        parent,
                        format!("has its method value `{}` taken", text(parent, src)),
                    );
                }
                return Use::Plain;
            }
            match called {
                Some(call) if call.field("arguments").is_some_and(|a| a.named_child_count() == 0) => {
                    Use::Release(call)
                }
                _ => Use::Handover(parent, format!("has its method value `{}` taken", text(parent, src))),
            }
        }
        "binary_expression"
            if parent.field("operator").is_some_and(|o| matches!(text(o, src), "==" | "!=")) =>
        {
            Use::Plain
        }
        "argument_list" => {
            let callee = parent.parent().and_then(|c| c.field("function"));
            match callee {
                Some(f) if does_not_release(f, src) => Use::Plain,
                Some(f) => {
                    let shown: String = text(f, src).split_whitespace().collect();
                    Use::Handover(parent, format!("is passed to `{shown}`, which may release it"))
                }
                None => Use::Handover(parent, "is passed to a call".to_string()),
            }
        }
        "expression_list" if parent.parent().is_some_and(|p| p.kind_name() == "return_statement") => {
            Use::Handover(parent, "is returned".to_string())
        }
        "expression_list"
            if parent.parent().is_some_and(|p| {
                matches!(p.kind_name(), "assignment_statement" | "short_var_declaration")
                    && p.field("right").is_some_and(|r| r.id() == parent.id())
            }) =>
        {
            Use::Handover(parent, "is assigned to another variable".to_string())
        }
        "send_statement" => Use::Handover(parent, "is sent on a channel".to_string()),
        _ => Use::Handover(parent, "is used where the analysis cannot follow it".to_string()),
    }
}

/// Whether a call of `function` cannot release what it is given: builtins that keep nothing,
/// reporting methods (`t.Logf`), and functions of the standard library outside `net/http`
/// (whose clients close request bodies) and `os/exec`. A function of the file or of another
/// module may release it.
fn does_not_release(function: Node, src: &[u8]) -> bool {
    let root = analysis::callees::root(function);
    match function.kind_name() {
        "identifier" => {
            let name = text(function, src);
            known::builtin_keeps_nothing(name) && analysis::callees::function(root, name, src).is_none()
        }
        "selector_expression" => {
            let (Some(operand), Some(field)) = (function.field("operand"), function.field("field")) else {
                return false;
            };
            let method = text(field, src);
            if operand.kind_name() == "identifier"
                && let Some(path) = syntax::import_path_of(root, src, text(operand, src))
                && syntax::enclosing_function(function).is_none_or(|f| {
                    !analysis::declared_names(syntax::outermost_function(function).unwrap_or(f), src)
                        .contains(text(operand, src))
                })
            {
                let standard = !path.split('/').next().unwrap_or("").contains('.');
                return known::package_function_keeps_nothing(&path, method)
                    || (standard && !path.starts_with("net/http") && path != "os/exec");
            }
            known::reporting_method(method)
        }
        _ => false,
    }
}

/// What the source proves `operand` to be: `http.DefaultClient`, or a name whose every
/// declaration (in the function, or at package level) gives it the type.
fn handle_of(operand: Node, outer: Node, packages: &Packages, src: &[u8], depth: usize) -> Option<Handle> {
    if depth > 3 {
        return None;
    }
    match operand.kind_name() {
        "selector_expression" => {
            let inner = operand.field("operand")?;
            let field = text(operand.field("field")?, src);
            (packages.is(inner, &packages.http, outer, src) && field == "DefaultClient")
                .then_some(Handle::Client)
        }
        "identifier" => {
            let name = text(operand, src);
            let mut decls: Vec<Node> = Vec::new();
            syntax::walk(outer, |n| {
                if analysis::declared_by(n, src).iter().any(|d| d == name) {
                    decls.push(n);
                }
                Descend::Yes
            });
            let root = analysis::callees::root(outer);
            let mut c = root.walk();
            for top in root.named_children(&mut c).filter(|d| d.kind_name() == "var_declaration") {
                for spec in syntax::descendants_of_kind(top, "var_spec") {
                    if analysis::declared_by(spec, src).iter().any(|d| d == name) {
                        decls.push(spec);
                    }
                }
            }
            let mut found = None;
            for d in decls {
                let h = declared_handle(d, name, outer, packages, src, depth)?;
                if found.is_some_and(|f| f != h) {
                    return None;
                }
                found = Some(h);
            }
            found
        }
        _ => None,
    }
}

/// The handle a declaration of `name` gives it.
fn declared_handle(
    decl: Node,
    name: &str,
    outer: Node,
    packages: &Packages,
    src: &[u8],
    depth: usize,
) -> Option<Handle> {
    if let Some(ty) = decl.field("type")
        && matches!(decl.kind_name(), "parameter_declaration" | "var_spec")
    {
        return type_handle(ty, packages, src);
    }
    let (targets, values) = match decl.kind_name() {
        "short_var_declaration" => (
            syntax::named_children_without_comments(decl.field("left")?),
            syntax::named_children_without_comments(decl.field("right")?),
        ),
        "var_spec" => {
            let mut c = decl.walk();
            (
                decl.fields("name", &mut c).collect(),
                syntax::named_children_without_comments(decl.field("value")?),
            )
        }
        _ => return None,
    };
    let index = targets.iter().position(|t| text(*t, src) == name)?;
    let value = if values.len() == targets.len() {
        values[index]
    } else if values.len() == 1 && index == 0 {
        values[0]
    } else {
        return None;
    };
    match value.kind_name() {
        "unary_expression" => {
            let literal = value.field("operand").filter(|o| o.kind_name() == "composite_literal")?;
            type_handle(literal.field("type")?, packages, src)
        }
        "composite_literal" => type_handle(value.field("type")?, packages, src),
        "call_expression" => {
            let function = value.field("function")?;
            if function.kind_name() == "identifier" && text(function, src) == "new" {
                let args = syntax::named_children_without_comments(value.field("arguments")?);
                return type_handle(*args.first()?, packages, src);
            }
            let inner = function.field("operand")?;
            let method = text(function.field("field")?, src);
            if packages.is(inner, &packages.sql, outer, src) {
                return matches!(method, "Open" | "OpenDB").then_some(Handle::Db);
            }
            match (handle_of(inner, outer, packages, src, depth + 1)?, method) {
                (Handle::Db | Handle::Conn, "Begin" | "BeginTx") => Some(Handle::Tx),
                (Handle::Db, "Conn") => Some(Handle::Conn),
                (Handle::Db | Handle::Tx | Handle::Conn, "Prepare" | "PrepareContext") => Some(Handle::Stmt),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `*http.Client`, `http.Client`, `*sql.DB`, `*sql.Tx`, `*sql.Conn`, `*sql.Stmt`, spelled with
/// the file's import names.
fn type_handle(ty: Node, packages: &Packages, src: &[u8]) -> Option<Handle> {
    let spelled: String = text(ty, src).split_whitespace().collect();
    let pointer = spelled.strip_prefix('*');
    let (pkg, name) = pointer.unwrap_or(&spelled).split_once('.')?;
    if packages.http.as_deref() == Some(pkg) && name == "Client" {
        return Some(Handle::Client);
    }
    if packages.sql.as_deref() != Some(pkg) || pointer.is_none() {
        return None;
    }
    match name {
        "DB" => Some(Handle::Db),
        "Tx" => Some(Handle::Tx),
        "Conn" => Some(Handle::Conn),
        "Stmt" => Some(Handle::Stmt),
        _ => None,
    }
}

/// The ranges of `scope` where an inner declaration of `name` (`:=` in an inner block, a
/// `var`, a range clause) hides the variable `site` declares: from the declaration to the end
/// of its block.
fn shadowing(scope: Node, site: Node, name: &str, src: &[u8]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let own_list = site.parent().map(|p| p.id());
    syntax::walk(scope, |n| {
        // What `n` declares first: finding its block takes descents from the root.
        if !matches!(n.kind_name(), "short_var_declaration" | "var_spec" | "range_clause")
            || !analysis::declared_by(n, src).iter().any(|d| d == name)
        {
            return syntax::Descend::Yes;
        }
        let block = match n.kind_name() {
            "short_var_declaration" if n.id() != site.id() && n.parent().map(|p| p.id()) != own_list => {
                n.parent().and_then(|l| l.parent())
            }
            "var_spec" => syntax::ancestors(n).find(|a| {
                matches!(
                    a.kind_name(),
                    "block" | "expression_case" | "default_case" | "communication_case" | "type_case"
                )
            }),
            "range_clause" => n.parent(),
            _ => None,
        };
        // A declaration whose block holds the site declares the site's own variable.
        if let Some(block) = block
            && !syntax::contains(block, site)
        {
            ranges.push((n.start_byte(), block.end_byte()));
        }
        syntax::Descend::Yes
    });
    ranges
}

/// Whether the node (a statement of the graph) assigns `name` anew, other than `site`.
fn assigns(node: Node, name: &str, site: Node, src: &[u8]) -> bool {
    let mut found = false;
    syntax::walk_same_function(node, |n| {
        if found
            || n.id() == site.id()
            || !matches!(n.kind_name(), "assignment_statement" | "short_var_declaration")
        {
            return;
        }
        // `:=` declares the same variable again only in the site's own block; in an inner one
        // it is another variable.
        let plain = match n.kind_name() {
            "short_var_declaration" => n.parent().map(|p| p.id()) == site.parent().map(|p| p.id()),
            _ => n.field("operator").is_some_and(|o| text(o, src) == "="),
        };
        found = plain
            && n.field("left").is_some_and(|l| {
                syntax::named_children_without_comments(l)
                    .iter()
                    .any(|t| t.kind_name() == "identifier" && text(*t, src) == name)
            });
    });
    found
}

/// Whether `node` spells the identifier `name`.
fn mentions(node: Node, name: &str, src: &[u8]) -> bool {
    if memchr::memmem::find(&src[node.byte_range()], name.as_bytes()).is_none() {
        return false;
    }
    let mut found = false;
    syntax::walk(node, |n| {
        found |= n.kind_name() == "identifier" && text(n, src) == name;
        if found { Descend::No } else { Descend::Yes }
    });
    found
}

/// Whether the function itself (not a function literal in it) declares `name` before `pos`.
fn declared_in_function(func: Node, name: &str, pos: usize, src: &[u8]) -> bool {
    let mut found = false;
    syntax::walk_same_function(func, |n| {
        found |= n.start_byte() <= pos && analysis::declared_by(n, src).iter().any(|d| d == name);
    });
    found
}

/// The name in the package clause.
fn package_name<'a>(file: &GoFile<'a>) -> Option<&'a str> {
    let root = file.tree.root_node();
    let mut c = root.walk();
    let clause = root.named_children(&mut c).find(|n| n.kind_name() == "package_clause")?;
    let mut c = clause.walk();
    let name = clause.named_children(&mut c).find(|n| n.kind_name() == "package_identifier")?;
    Some(text(name, file.src))
}

/// `func main()` (the package is checked by the caller).
fn is_main(func: Node, src: &[u8]) -> bool {
    func.kind_name() == "function_declaration" && func.field("name").is_some_and(|n| text(n, src) == "main")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::langver::GoVersion;

    /// Each finding's message and whether it has a fix, for `body` after the imports.
    fn findings(body: &str) -> Vec<(String, bool)> {
        let src = format!(
            "package p\n\nimport (\n\t\"database/sql\"\n\t\"net/http\"\n\t\"os\"\n\t\"time\"\n)\n\n{body}\n"
        );
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        let tree = parser.parse(&src, None).unwrap();
        let file = GoFile::new(src.as_bytes(), &tree, GoVersion::parse("1.22").unwrap());
        let mut out = Vec::new();
        ResourceNeverReleased.check(&file, &mut out);
        out.into_iter().map(|f| (f.message, f.fix.is_some())).collect()
    }

    const LEAK: &str =
        "\tif err != nil {\n\t\treturn\n\t}\n\tif bad {\n\t\treturn\n\t}\n\tprintln(x != nil)\n}";

    #[test]
    fn receivers_are_proven_from_their_declarations() {
        let with = |head: &str| findings(&format!("{head}\n{LEAK}"));
        assert_eq!(with("func f(db *sql.DB, bad bool) {\n\tx, err := db.Query(\"q\")").len(), 1);
        assert_eq!(
            with("func f(bad bool) {\n\tdb, _ := sql.Open(\"d\", \"\")\n\tx, err := db.Query(\"q\")").len(),
            1
        );
        assert_eq!(with("func f(c *http.Client, bad bool) {\n\tx, err := c.Get(\"u\")").len(), 1);
        assert_eq!(with("func f(bad bool) {\n\tx, err := http.DefaultClient.Do(nil)").len(), 1);
        // A type the source does not show, a field, an interface: not analysed.
        assert!(with("func f(db Querier, bad bool) {\n\tx, err := db.Query(\"q\")").is_empty());
        assert!(with("func (s *S) f(bad bool) {\n\tx, err := s.db.Query(\"q\")").is_empty());
        // Two declarations of the name that disagree.
        let mixed = "func f(db *sql.DB, bad bool) {\n\tif bad {\n\t\tdb := other()\n\t\t_ = db\n\t}\n\tx, err := db.Query(\"q\")";
        assert!(with(mixed).is_empty());
    }

    #[test]
    fn the_package_must_be_the_import() {
        let shadowed = "func f(os fakeOS, bad bool) {\n\tx, err := os.Open(\"n\")";
        assert!(findings(&format!("{shadowed}\n{LEAK}")).is_empty());
        // Every way of declaring the name, even one spelled next to a dot: each is walked.
        for head in [
            "func f(bad bool, os ...fakeOS) {\n\tx, err := os.Open(\"n\")",
            "func f(bad bool, os...fakeOS) {\n\tx, err := os.Open(\"n\")",
            "func f(bad bool) {\n\tos := fake()\n\tx, err := os.Open(\"n\")",
            "func f(bad bool) {\n\tvar os, y = fake()\n\tx, err := os.Open(\"n\")",
            "func f(bad bool) {\n\tfunc() {\n\t\tos := fake()\n\t\t_ = os\n\t}()\n\tx, err := os.Open(\"n\")",
        ] {
            assert!(findings(&format!("{head}\n{LEAK}")).is_empty(), "{head}");
        }
        // Spelled only as a selector's operand, with space before the dot: the import.
        let spaced = "func f(bad bool) {\n\t_ = os .Args\n\tx, err := os.Open(\"n\")";
        assert_eq!(findings(&format!("{spaced}\n{LEAK}")).len(), 1);
        let own = "func f(bad bool) {\n\tx, err := os.Open(\"n\")";
        let found = findings(&format!("{own}\n{LEAK}"));
        assert!(found.len() == 1 && found[0].1, "{found:?}");
    }

    #[test]
    fn owned_elsewhere_is_not_a_finding() {
        // A package variable, a named result; a function that never returns.
        assert!(
            findings(&format!(
                "var x *os.File\n\nfunc f(bad bool) {{\n\tvar err error\n\tx, err = os.Open(\"n\")\n{LEAK}"
            ))
            .is_empty()
        );
        assert!(
            findings(&format!(
                "func f(bad bool) (x *os.File) {{\n\tvar err error\n\tx, err = os.Open(\"n\")\n{LEAK}"
            ))
            .is_empty()
        );
        assert!(
            findings("func f() {\n\tt := time.NewTicker(time.Second)\n\tfor {\n\t\t<-t.C\n\t}\n}").is_empty()
        );
    }

    #[test]
    fn error_checks_the_rule_does_not_read() {
        let found = findings(
            "func f() {\n\tx, err := os.Open(\"n\")\n\tif err == nil {\n\t\tuse(x)\n\t\tx.Close()\n\t}\n}",
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
