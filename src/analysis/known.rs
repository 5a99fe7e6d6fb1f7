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

/// Standard-library functions whose result holds none of their arguments in a way that needs
/// them alive: `context.AfterFunc`'s stop function, `context.Cause`'s error.
pub fn result_is_data(path: &str, function: &str) -> bool {
    path == "context" && matches!(function, "AfterFunc" | "Cause")
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
