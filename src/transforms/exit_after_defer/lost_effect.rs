//! What a deferred call does that the end of the process does not do for it.
//!
//! When the process exits, the kernel closes its files and sockets, releases its memory, its
//! `flock` locks and its connections, and every goroutine stops: a skipped `cancel()`,
//! `f.Close()`, `conn.Close()` or `mu.Unlock()` loses nothing. What is lost is work whose
//! effect outlives the process (a file left on disk, a lease held in etcd, a terminal left in
//! raw mode, a child process left running) or that the program relies on before it ends (data
//! still in a buffer, a stream or archive without its trailer, a profile not yet written, a
//! transaction neither committed nor rolled back, goroutines still working).

use std::collections::HashMap;

use tree_sitter::Node;

use crate::syntax::{self, Fields, KindName, text};
use crate::transforms::GoFile;

/// Imports whose functions and types this module recognises.
const PATHS: &[&str] = &[
    "os",
    "os/exec",
    "runtime/pprof",
    "runtime/trace",
    "compress/gzip",
    "compress/zlib",
    "compress/flate",
    "compress/lzw",
    "archive/zip",
    "archive/tar",
    "encoding/base64",
    "encoding/base32",
    "encoding/ascii85",
    "encoding/hex",
    "mime/multipart",
    "mime/quotedprintable",
    "golang.org/x/term",
    "golang.org/x/crypto/ssh/terminal",
    "github.com/moby/term",
    "github.com/docker/docker/pkg/term",
    "github.com/pkg/profile",
    "github.com/klauspost/compress/gzip",
    "github.com/klauspost/compress/zlib",
    "github.com/klauspost/compress/flate",
    "github.com/klauspost/compress/zstd",
    "github.com/klauspost/pgzip",
    "github.com/golang/snappy",
    "github.com/pierrec/lz4/v4",
    "github.com/ulikunitz/xz",
    "github.com/andybalholm/brotli",
    "go.etcd.io/etcd/client/v3/concurrency",
    "go.etcd.io/etcd/clientv3/concurrency",
    "github.com/coreos/etcd/clientv3/concurrency",
];

const STREAM: &str = "the compressed stream is left truncated";
const ARCHIVE: &str = "the archive is left without its trailer";
const ENCODED: &str = "the last encoded bytes are never written";
const BODY: &str = "the body is left without its closing boundary";

/// What `Close` finishes for a value made by (or of the type) `path`.`name`.
fn close_finishes(path: &str, name: &str) -> Option<&'static str> {
    let writer =
        matches!(name, "NewWriter" | "NewWriterLevel" | "NewWriterLevelDict" | "NewWriterDict" | "Writer");
    Some(match path {
        "compress/gzip"
        | "compress/zlib"
        | "compress/flate"
        | "compress/lzw"
        | "github.com/klauspost/compress/gzip"
        | "github.com/klauspost/compress/zlib"
        | "github.com/klauspost/compress/flate"
        | "github.com/klauspost/compress/zstd"
        | "github.com/klauspost/pgzip"
        | "github.com/pierrec/lz4/v4"
        | "github.com/ulikunitz/xz"
        | "github.com/andybalholm/brotli"
            if writer =>
        {
            STREAM
        }
        "github.com/golang/snappy" if matches!(name, "NewBufferedWriter" | "Writer") => STREAM,
        "archive/zip" | "archive/tar" if writer => ARCHIVE,
        "encoding/base64" | "encoding/base32" | "encoding/ascii85" if name == "NewEncoder" => ENCODED,
        "encoding/hex" if name == "Dumper" => ENCODED,
        "mime/multipart" if writer => BODY,
        "mime/quotedprintable" if writer => ENCODED,
        _ => return None,
    })
}

fn is_etcd_concurrency(path: &str) -> bool {
    path.ends_with("clientv3/concurrency") || path.ends_with("client/v3/concurrency")
}

/// What a declaration or assignment gives a variable.
enum Value<'t> {
    Expression(Node<'t>),
    Type(Node<'t>),
}

/// Where a value came from: the function that made it or the type it was declared with.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    /// The import path of the package, or "" for a name of the file's own package.
    path: String,
    name: String,
}

/// Answers, for the deferred calls an exit skips, what is lost.
pub struct Effects<'f, 't> {
    file: &'f GoFile<'t>,
    src: &'t [u8],
    /// Local import name -> path, for the paths of `PATHS` the file imports.
    packages: HashMap<String, &'static str>,
    functions: HashMap<&'t str, Node<'t>>,
    /// (receiver type, method name) -> declaration.
    methods: HashMap<(&'t str, &'t str), Node<'t>>,
}

/// How deep calls are followed into the file's own functions and literals.
const MAX_DEPTH: usize = 3;

impl<'f, 't> Effects<'f, 't> {
    pub fn new(file: &'f GoFile<'t>) -> Self {
        let src = file.src;
        let packages =
            PATHS.iter().filter_map(|&p| Some((syntax::import_name(file.tree, src, p)?, p))).collect();
        let mut functions = HashMap::new();
        let mut methods = HashMap::new();
        let root = file.tree.root_node();
        let mut cursor = root.walk();
        for decl in root.named_children(&mut cursor) {
            let Some(name) = decl.field("name") else { continue };
            match decl.kind_name() {
                "function_declaration" => {
                    functions.insert(text(name, src), decl);
                }
                "method_declaration" => {
                    if let Some(ty) = decl.field("receiver").and_then(|r| receiver_type(r, src)) {
                        methods.insert((ty, text(name, src)), decl);
                    }
                }
                _ => {}
            }
        }
        Effects { file, src, packages, functions, methods }
    }

    /// What is lost when the deferred call of `defer` never runs, as a clause ("the directory
    /// stays on disk"); None when the end of the process does the same work.
    pub fn of_defer(&self, defer: Node<'t>) -> Option<String> {
        let call = defer.named_child(0).filter(|c| c.kind_name() == "call_expression")?;
        self.of_call(call, 0)
    }

    fn of_call(&self, call: Node<'t>, depth: usize) -> Option<String> {
        let function = call.field("function")?;
        let args = call.field("arguments").map_or(0, |a| {
            let mut cursor = a.walk();
            a.named_children(&mut cursor).filter(|c| c.kind_name() != "comment").count()
        });
        match function.kind_name() {
            "func_literal" => self.of_body(function, depth),
            "identifier" => {
                let name = text(function, self.src);
                if let Some(decl) = self.functions.get(name) {
                    return self.of_body(*decl, depth);
                }
                // `closeOut := func() {...}; defer closeOut()`.
                match self.value_of(name, call)? {
                    Value::Expression(literal) if literal.kind_name() == "func_literal" => {
                        self.of_body(literal, depth)
                    }
                    _ => None,
                }
            }
            "selector_expression" => {
                let operand = function.field("operand")?;
                let method = text(function.field("field")?, self.src);
                let package = (operand.kind_name() == "identifier")
                    .then(|| self.packages.get(text(operand, self.src)).copied())
                    .flatten();
                match package {
                    Some(path) => package_function(path, method).map(str::to_string),
                    None => self.of_method(call, operand, method, args, depth),
                }
            }
            _ => None,
        }
    }

    /// A method call `x.M(...)`, or a function of a package this module does not list.
    fn of_method(
        &self,
        call: Node<'t>,
        operand: Node<'t>,
        method: &str,
        args: usize,
        depth: usize,
    ) -> Option<String> {
        let by_name = match (method, args) {
            ("Flush", 0) => Some("buffered output is never written"),
            ("Sync", 0) => Some("buffered data is never synced"),
            ("Commit", 0) => Some("the transaction is never committed"),
            ("Rollback", 0) => Some("the transaction is never rolled back"),
            // clientv3's Lease.Revoke(ctx, id): the name and the two arguments.
            ("Revoke", 2) => Some("the lease is kept until its TTL runs out"),
            // robustio.RemoveAll(dir), an afero Fs's RemoveAll(path).
            ("RemoveAll", 1) => Some("the directory stays on disk"),
            _ => None,
        };
        if let Some(lost) = by_name {
            return Some(lost.to_string());
        }
        let child_process = "the child process keeps running";
        if matches!(method, "Kill" | "Signal")
            && operand.kind_name() == "selector_expression"
            && operand.field("field").is_some_and(|f| text(f, self.src) == "Process")
        {
            return Some(child_process.to_string());
        }
        // Tracing the receiver walks the function; it can only tell something when a listed
        // package makes values with this method, or a type of the file has one (origins name
        // a listed import's path, or "" for the file's own names).
        let imported = |p: fn(&str) -> bool| self.packages.values().any(|path| p(path));
        let listed = match method {
            "Close" => !self.packages.is_empty(),
            "Unlock" | "Resign" => imported(is_etcd_concurrency),
            "Stop" => imported(|p| p == "github.com/pkg/profile"),
            "Kill" | "Signal" => imported(|p| p == "os"),
            _ => false,
        };
        if !listed && !self.methods.keys().any(|(_, m)| *m == method) {
            return None;
        }
        // `defer profile.Start().Stop()`: the value is made on the spot.
        let origin = match operand.kind_name() {
            "identifier" => self.origin(text(operand, self.src), call),
            "call_expression" => self.made_by(operand),
            _ => None,
        };
        if let Some(Origin { path, name }) = &origin {
            let (path, name) = (path.as_str(), name.as_str());
            let lost = match method {
                "Close" if is_etcd_concurrency(path) && matches!(name, "NewSession" | "Session") => Some(
                    "the session's lease, and the locks and keys attached to it, are kept until its TTL runs out",
                ),
                "Close" => close_finishes(path, name),
                "Unlock"
                    if is_etcd_concurrency(path) && matches!(name, "NewMutex" | "Mutex" | "NewLocker") =>
                {
                    Some("the lock stays held until its session's lease expires")
                }
                "Resign" if is_etcd_concurrency(path) && matches!(name, "NewElection" | "Election") => {
                    Some("the leadership stays held until its session's lease expires")
                }
                "Stop" if path == "github.com/pkg/profile" && name == "Start" => {
                    Some("the profile is never written")
                }
                "Kill" | "Signal"
                    if path == "os" && matches!(name, "StartProcess" | "FindProcess" | "Process") =>
                {
                    Some(child_process)
                }
                _ => None,
            };
            if let Some(lost) = lost {
                return Some(lost.to_string());
            }
        }
        // A value of a type of the file's own: its method is followed.
        let Origin { path, name } = origin?;
        if !path.is_empty() {
            return None;
        }
        let ty = match self.functions.get(name.as_str()) {
            Some(constructor) => {
                let results = syntax::results(*constructor, self.src);
                let first = results.first()?.ty;
                let first = if first.kind_name() == "pointer_type" { first.named_child(0)? } else { first };
                text(first, self.src).to_string()
            }
            None => name,
        };
        self.of_body(*self.methods.get(&(ty.as_str(), method))?, depth)
    }

    /// The first call in a function's body (not in literals it holds) whose effect is lost,
    /// as "it calls X, so CLAUSE".
    fn of_body(&self, func: Node<'t>, depth: usize) -> Option<String> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let body = func.field("body")?;
        let mut found = None;
        syntax::walk_same_function(body, |n| {
            if found.is_none()
                && n.kind_name() == "call_expression"
                && let Some(lost) = self.of_call(n, depth + 1)
            {
                let spelled = text(n, self.src);
                let spelled = match spelled.split_once('\n') {
                    Some((first, _)) => format!("{}...", first.trim_end()),
                    None => spelled.to_string(),
                };
                found = Some(format!("it calls {spelled}, so {lost}"));
            }
        });
        found
    }

    /// What made the variable `name` used at `at`: the last declaration or assignment of it
    /// before `at` in the outermost function around `at`, or its parameter's type.
    fn origin(&self, name: &str, at: Node<'t>) -> Option<Origin> {
        match self.value_of(name, at)? {
            Value::Expression(value) => self.made_by(value),
            Value::Type(ty) => self.type_origin(ty),
        }
    }

    /// The last value or type given to `name` before `at`, in the outermost function around
    /// `at` (scopes are not told apart: a shadowing declaration counts as the variable's).
    fn value_of(&self, name: &str, at: Node<'t>) -> Option<Value<'t>> {
        let outer = syntax::outermost_function(at)?;
        // The nodes that may give it a value, found without walking the function.
        let mut candidates: Vec<Node<'t>> = crate::analysis::holders(self.file, outer, name)
            .filter(|n| n.start_byte() < at.start_byte())
            .collect();
        // In the order of a walk of the function (an outer node before the nodes in it); the
        // last that gives the name a value is the one that holds.
        candidates.sort_by_key(|n| (n.start_byte(), std::cmp::Reverse(n.end_byte())));
        candidates.dedup_by_key(|n| n.id());
        candidates.iter().rev().find_map(|n| self.assigned(*n, name)).flatten()
    }

    /// When `n` declares or assigns `name`: what it gives it, if that is known.
    fn assigned(&self, n: Node<'t>, name: &str) -> Option<Option<Value<'t>>> {
        let src = self.src;
        match n.kind_name() {
            "short_var_declaration" | "assignment_statement" => {
                let left = names_of(n.field("left")?);
                let index = left.iter().position(|l| text(*l, src) == name)?;
                let right = names_of(n.field("right")?);
                // `x, err := f()`: the first result is the value a constructor makes.
                let value = match (right.len() == left.len(), index) {
                    (true, _) => right.get(index).copied(),
                    (false, 0) => right.first().copied(),
                    (false, _) => None,
                };
                let plain = n.kind_name() == "short_var_declaration"
                    || n.field("operator").is_none_or(|o| text(o, src) == "=");
                Some(value.filter(|_| plain).map(Value::Expression))
            }
            "var_spec" | "parameter_declaration" => {
                let mut cursor = n.walk();
                let index = n.fields("name", &mut cursor).position(|id| text(id, src) == name)?;
                if let Some(ty) = n.field("type") {
                    return Some(Some(Value::Type(ty)));
                }
                let values = n.field("value").map(names_of).unwrap_or_default();
                Some(values.get(index).copied().map(Value::Expression))
            }
            _ => None,
        }
    }

    /// `pkg.F(...)`, `&pkg.T{...}` or `pkg.T{...}`, or the same of the file's own package.
    fn made_by(&self, value: Node) -> Option<Origin> {
        match value.kind_name() {
            "call_expression" => {
                let function = value.field("function")?;
                if function.kind_name() == "identifier" {
                    return Some(Origin { path: String::new(), name: text(function, self.src).to_string() });
                }
                self.qualified(function)
            }
            "unary_expression" => self.made_by(value.field("operand")?),
            "composite_literal" => self.type_origin(value.field("type")?),
            _ => None,
        }
    }

    fn type_origin(&self, ty: Node) -> Option<Origin> {
        match ty.kind_name() {
            "pointer_type" => self.type_origin(ty.named_child(0)?),
            "type_identifier" => Some(Origin { path: String::new(), name: text(ty, self.src).to_string() }),
            "qualified_type" => {
                let package = text(ty.field("package")?, self.src);
                let name = text(ty.field("name")?, self.src);
                Some(Origin { path: (*self.packages.get(package)?).to_string(), name: name.to_string() })
            }
            _ => None,
        }
    }

    fn qualified(&self, function: Node) -> Option<Origin> {
        if function.kind_name() != "selector_expression" {
            return None;
        }
        let operand = function.field("operand").filter(|o| o.kind_name() == "identifier")?;
        let path = self.packages.get(text(operand, self.src))?;
        let name = text(function.field("field")?, self.src);
        Some(Origin { path: (*path).to_string(), name: name.to_string() })
    }
}

/// A function of a listed package: what its deferred call does that exiting does not.
fn package_function(path: &str, name: &str) -> Option<&'static str> {
    Some(match (path, name) {
        ("os", "Remove") => "the file stays on disk",
        ("os", "RemoveAll") => "the directory stays on disk",
        (
            "os",
            "Rename" | "Chmod" | "Chown" | "Lchown" | "Chtimes" | "Truncate" | "WriteFile" | "Symlink"
            | "Link" | "Mkdir" | "MkdirAll",
        ) => "the change to the file system is never made",
        ("runtime/pprof", "StopCPUProfile") => "the CPU profile is left incomplete",
        ("runtime/pprof", "WriteHeapProfile") => "the heap profile is never written",
        ("runtime/trace", "Stop") => "the execution trace is left incomplete",
        (
            "golang.org/x/term"
            | "golang.org/x/crypto/ssh/terminal"
            | "github.com/moby/term"
            | "github.com/docker/docker/pkg/term",
            "Restore" | "RestoreTerminal",
        ) => "the terminal is left in the mode the program set",
        _ => return None,
    })
}

fn names_of(list: Node) -> Vec<Node> {
    let mut cursor = list.walk();
    list.named_children(&mut cursor).filter(|c| c.kind_name() != "comment").collect()
}

/// `T` for a receiver `(w *T)` or `(w T)`.
fn receiver_type<'s>(receiver: Node, src: &'s [u8]) -> Option<&'s str> {
    let mut cursor = receiver.walk();
    let decl = receiver.named_children(&mut cursor).find(|c| c.kind_name() == "parameter_declaration")?;
    let mut ty = decl.field("type")?;
    if ty.kind_name() == "pointer_type" {
        ty = ty.named_child(0)?;
    }
    (ty.kind_name() == "type_identifier").then(|| text(ty, src))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::langver::GoVersion;

    /// What each `defer` of `body` (the body of one function) loses, in order.
    fn lost(imports: &str, body: &str) -> Vec<Option<String>> {
        let src =
            format!("package p\n\nimport (\n{imports}\n)\n\nfunc f(m *concurrency.Mutex) {{\n{body}\n}}\n");
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        let tree = parser.parse(&src, None).unwrap();
        assert!(!tree.root_node().has_error(), "{src}");
        let file = GoFile::new(src.as_bytes(), &tree, GoVersion::parse("1.22").unwrap());
        let effects = Effects::new(&file);
        file.nodes.defers.iter().map(|d| effects.of_defer(*d)).collect()
    }

    #[test]
    fn etcd_sessions_mutexes_and_leases_are_held_elsewhere() {
        let found = lost(
            "\t\"go.etcd.io/etcd/client/v3/concurrency\"",
            "\ts, _ := concurrency.NewSession(cli)\n\tdefer s.Close()\n\tmu := concurrency.NewMutex(s, \"/lock\")\n\tdefer mu.Unlock(ctx)\n\tl := concurrency.NewLocker(s, \"/l\")\n\tdefer l.Unlock()\n\tdefer m.Unlock(ctx)\n\tdefer cli.Revoke(ctx, lease.ID)\n\tdefer cli.Close()\n\tdefer cancel()",
        );
        let held = |s: &Option<String>| s.as_deref().is_some_and(|s| s.contains("lease"));
        assert!(found[..5].iter().all(held), "{found:?}");
        assert_eq!(found[5..], [None, None], "the client and a context end with the process");
    }

    #[test]
    fn a_name_alone_is_not_enough_for_close_and_unlock() {
        let found = lost(
            "\t\"os\"\n\t\"sync\"\n\t\"github.com/gofrs/flock\"",
            "\tvar mu sync.Mutex\n\tdefer mu.Unlock()\n\tfl := flock.New(\"/tmp/x.lock\")\n\tdefer fl.Unlock()\n\ts, _ := other.NewSession()\n\tdefer s.Close()\n\tf, _ := os.Create(\"x\")\n\tdefer f.Close()",
        );
        assert_eq!(found, [None, None, None, None], "a flock and a file end with the process");
    }

    /// The value a name holds at the defer is the last one given to it before, in the order
    /// of the function's text: inside a literal, by `var`, by a type, by the first of two
    /// results; never one given after the defer.
    #[test]
    fn the_last_value_before_the_defer_holds() {
        let found = lost(
            "\tz \"compress/gzip\"",
            "\tw := other()\n\tfunc() {\n\t\tw = z.NewWriter(out)\n\t}()\n\tdefer w.Close()\n\tvar v = z.NewWriter(out)\n\tdefer v.Close()\n\tvar t *z.Writer\n\tdefer t.Close()\n\tu, err := z.NewWriterLevel(out, 1)\n\tdefer u.Close()\n\tx := z.NewWriter(out)\n\tx, err = other(), nil\n\tdefer x.Close()\n\tdefer y.Close()\n\ty := z.NewWriter(out)\n\t_ = err",
        );
        let some: Vec<bool> = found.iter().map(Option::is_some).collect();
        assert_eq!(some, [true, true, true, true, false, false], "{found:?}");
    }

    #[test]
    fn terminals_profiles_and_renamed_imports() {
        let found = lost(
            "\t\"golang.org/x/term\"\n\t\"github.com/pkg/profile\"\n\tz \"compress/gzip\"\n\tstd \"os\"",
            "\tdefer term.Restore(fd, old)\n\tdefer profile.Start().Stop()\n\tp := profile.Start(profile.MemProfile)\n\tdefer p.Stop()\n\tw := z.NewWriter(out)\n\tdefer w.Close()\n\tdefer std.RemoveAll(dir)\n\tw = other()\n\tdefer w.Close()",
        );
        let some: Vec<bool> = found.iter().map(Option::is_some).collect();
        // The reassigned `w` is no longer the gzip writer.
        assert_eq!(some, [true, true, true, true, true, false], "{found:?}");
    }
}
