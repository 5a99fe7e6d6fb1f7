//! Calls whose arguments are used for the duration of the call and not kept, and the
//! conventions a Go reviewer relies on. Everything not listed here, and not declared in the
//! file where its body can be read, is taken to keep what it is given.

/// Standard-library functions (by import path) that read, write or format their arguments and
/// return without keeping them. Constructors that wrap an argument (`bufio.NewReader`,
/// `json.NewDecoder`, `strings.NewReader`) are deliberately absent: what they return holds it.
const STDLIB_NOT_KEEPING: &[(&str, &[&str])] = &[
    ("io", &["ReadAll", "Copy", "CopyN", "CopyBuffer", "ReadFull", "ReadAtLeast", "WriteString"]),
    // io/ioutil's are io's and os's under their old names.
    ("io/ioutil", &["ReadAll", "ReadFile", "WriteFile", "ReadDir"]),
    (
        "fmt",
        &[
            "Fprint", "Fprintf", "Fprintln", "Fscan", "Fscanf", "Fscanln", "Print", "Printf", "Println",
            "Sprint", "Sprintf", "Sprintln", "Sscan", "Sscanf", "Sscanln", "Append", "Appendf", "Appendln",
        ],
    ),
    ("log", &["Print", "Printf", "Println", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"]),
    ("encoding/json", &["Marshal", "MarshalIndent", "Unmarshal", "Valid", "Compact", "Indent"]),
    ("encoding/xml", &["Marshal", "MarshalIndent", "Unmarshal"]),
    ("encoding/binary", &["Read", "Write", "Size"]),
    ("errors", &["Is", "As"]),
    ("reflect", &["DeepEqual"]),
    (
        "os",
        &[
            "Stat",
            "Lstat",
            "Remove",
            "RemoveAll",
            "ReadFile",
            "WriteFile",
            "Mkdir",
            "MkdirAll",
            "Rename",
            "Chmod",
        ],
    ),
    ("path/filepath", &["Join", "Base", "Dir", "Ext", "Clean", "Rel", "Abs", "Match", "Split"]),
    ("path", &["Join", "Base", "Dir", "Ext", "Clean", "Match", "Split"]),
    ("sort", &["Slice", "SliceStable", "Sort", "Stable", "Strings", "Ints", "Float64s", "Search"]),
    (
        "slices",
        &["Sort", "SortFunc", "SortStableFunc", "Contains", "Index", "Equal", "Reverse", "Max", "Min"],
    ),
];

/// Standard-library packages every function of which returns without keeping its arguments
/// (they compute strings, numbers and byte slices).
const STDLIB_PURE_PACKAGES: &[&str] =
    &["strings", "bytes", "strconv", "unicode", "unicode/utf8", "encoding/hex", "math", "maps"];

/// Assertion packages whose functions compare their arguments and keep none.
const ASSERTION_PACKAGES: &[&str] =
    &["github.com/stretchr/testify/assert", "github.com/stretchr/testify/require"];

/// Whether `path.function` is known to use its arguments for the duration of the call only.
pub fn package_function_keeps_nothing(path: &str, function: &str) -> bool {
    if function.starts_with("New") {
        return false;
    }
    STDLIB_PURE_PACKAGES.contains(&path)
        || ASSERTION_PACKAGES.contains(&path)
        || STDLIB_NOT_KEEPING.iter().any(|(p, fs)| *p == path && fs.contains(&function))
}

/// Standard-library functions that make an error value from their arguments and compute
/// nothing else: `errors.New`, `errors.Join`, `fmt.Errorf`.
pub fn makes_error(path: &str, function: &str) -> bool {
    matches!((path, function), ("errors", "New" | "Join") | ("fmt", "Errorf"))
}

/// Methods that by convention format their arguments into a log or test report and keep none
/// (`t.Errorf`, `log.Printf`, `logger.Info`): testing.T's and the common loggers' reporting
/// methods.
pub fn reporting_method(name: &str) -> bool {
    const EXACT: &[&str] = &[
        "Log", "Logf", "Error", "Errorf", "Fatal", "Fatalf", "Skip", "Skipf", "Print", "Printf", "Println",
        "Debug", "Debugf", "Debugw", "Info", "Infof", "Infow", "Warn", "Warnf", "Warnw", "Warning",
        "Warningf",
    ];
    EXACT.contains(&name)
}

/// The import paths of the context package: `golang.org/x/net/context` has declared its types
/// as aliases of the standard library's since Go 1.9 (and its functions call the standard
/// ones since Go 1.7), so what holds for `context` holds for it.
pub const CONTEXT_PACKAGES: &[&str] = &["context", "golang.org/x/net/context"];

/// Standard-library functions that keep a context beyond the call, so that cancelling it
/// later still acts: `context.AfterFunc` runs its function when the context is done (a
/// cancel at return runs it then), `exec.CommandContext` kills the process it starts.
pub fn keeps_context(path: &str, function: &str) -> bool {
    (CONTEXT_PACKAGES.contains(&path) && function == "AfterFunc")
        || (path == "os/exec" && function == "CommandContext")
}

/// Standard-library functions whose result holds none of their arguments in a way that needs
/// them alive: `context.AfterFunc`'s stop function, `context.Cause`'s error.
pub fn result_is_data(path: &str, function: &str) -> bool {
    CONTEXT_PACKAGES.contains(&path) && matches!(function, "AfterFunc" | "Cause")
}

/// Builtin functions that use their arguments for the call only: `copy` is not among them (its
/// destination receives the source's elements), nor `append` (its result holds them).
pub fn builtin_keeps_nothing(name: &str) -> bool {
    matches!(
        name,
        "len"
            | "cap"
            | "print"
            | "println"
            | "min"
            | "max"
            | "delete"
            | "close"
            | "clear"
            | "complex"
            | "real"
            | "imag"
    )
}

/// Methods that finish a resource and, when they return one value, report how it went with
/// exactly an `error`: `io.Closer`, `bufio.Writer.Flush` (and the compressors'), `os.File.Sync`,
/// `driver.Tx` and `sql.Tx` (`Commit`, `Rollback`), `http.Server.Shutdown`. A method of one of
/// these names returning a concrete error type would satisfy none of those interfaces, which
/// is why Go code does not declare one; a rule that needs the result type of `x.Close()`
/// assigned to an `error` takes it to be `error` when the file declares no method so named.
pub fn finishing_method_returns_error(name: &str) -> bool {
    matches!(name, "Close" | "Flush" | "Sync" | "Rollback" | "Commit" | "Shutdown")
}
