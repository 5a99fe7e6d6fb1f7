//! The package model: what the other files of a file's package declare, for the names a file
//! uses but does not declare.
//!
//! A package is the `.go` files of one directory with the same package clause; a file of
//! `package p` sees the other files of `p`, and a test file (`_test.go`) sees the test files
//! too, while the external test package `p_test` sees only its own files. Files whose build
//! line can hold only with the `ignore` tag (the `go run` programs that sit in a package's
//! directory) are not part of it. Every other build line is taken to hold for some build: a
//! name declared in `exit_unix.go` and `exit_windows.go` has two declarations, and callers
//! judge every one of them.
//!
//! Nothing is read until a rule asks about a name: then the directory is listed, and only the
//! files whose text holds the name are read. Of those, only the top-level declarations that
//! may declare the name are parsed, each with the file's package clause and imports (see
//! [`top_level`]); a file that cannot be split so, or a declaration that does not parse on its
//! own, is parsed whole. Texts and summaries are kept for the run and shared by its threads. What a summary holds — declarations, signatures and the calls each
//! function makes — is what defer-fix's own fixes never change, so a sibling rewritten by
//! another thread during the run gives the same answers before and after.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use tree_sitter::Node;

use crate::build_constraint;
use crate::encoding;
use crate::parse;
use crate::shared_reads::SharedReads;
use crate::syntax::{self, Fields, KindName, text};
use crate::tokens;
use crate::top_level::{self, Declaration, Keyword};

/// The directories of a run, each read at most once.
#[derive(Default, Clone)]
pub struct Packages {
    registry: Arc<Registry>,
}

#[derive(Default)]
struct Registry {
    dirs: Mutex<HashMap<PathBuf, Arc<Directory>>>,
    /// The installed toolchain's GOROOT, asked of `go env` once, when a question first needs
    /// the standard library's source.
    goroot: OnceLock<Option<PathBuf>>,
    /// The run's files, which a sibling read first hands to the run.
    reads: Arc<SharedReads>,
}

impl Registry {
    fn directory(&self, dir: PathBuf) -> Arc<Directory> {
        self.dirs
            .lock()
            .expect("no thread panics holding the lock")
            .entry(dir.clone())
            .or_insert_with(|| {
                Arc::new(Directory { path: dir, files: OnceLock::new(), reads: self.reads.clone() })
            })
            .clone()
    }

    fn goroot(&self) -> Option<&Path> {
        self.goroot
            .get_or_init(|| {
                let from_env = std::env::var_os("GOROOT").map(PathBuf::from);
                from_env.or_else(|| {
                    let out = std::process::Command::new("go").args(["env", "GOROOT"]).output().ok()?;
                    let root = String::from_utf8(out.stdout).ok()?.trim().to_string();
                    (out.status.success() && !root.is_empty()).then(|| PathBuf::from(root))
                })
            })
            .as_deref()
    }
}

impl Packages {
    /// The model of a run over `files`, which reads each of them once with the run (see
    /// [`SharedReads`]): the run reads them with [`Packages::reads`].
    pub fn for_run<'a>(files: impl IntoIterator<Item = &'a Path>) -> Self {
        let registry = Registry { reads: Arc::new(SharedReads::for_run(files)), ..Registry::default() };
        Packages { registry: Arc::new(registry) }
    }

    /// Where the run reads its files.
    pub fn reads(&self) -> &SharedReads {
        &self.registry.reads
    }

    /// The package of the file at `path`, as its directory holds it.
    pub fn of_file(&self, path: &Path) -> Option<Package> {
        let file_name = path.file_name()?.to_str()?.to_string();
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let directory = self.registry.directory(dir);
        Some(Package { registry: self.registry.clone(), directory, file_name: Some(file_name) })
    }
}

struct Directory {
    path: PathBuf,
    files: OnceLock<Vec<Sibling>>,
    reads: Arc<SharedReads>,
}

impl Directory {
    /// The directory's Go files, sorted by name; a directory that cannot be read has none.
    fn files(&self) -> &[Sibling] {
        self.files.get_or_init(|| {
            let Ok(entries) = std::fs::read_dir(&self.path) else { return Vec::new() };
            let mut files: Vec<Sibling> = entries
                .filter_map(|e| {
                    let e = e.ok()?;
                    let name = e.file_name().to_str()?.to_string();
                    // The go command ignores files whose names start with `_` or `.`.
                    let go = name.ends_with(".go") && !name.starts_with(['_', '.']);
                    (go && e.file_type().ok()?.is_file()).then(|| Sibling {
                        path: e.path(),
                        name,
                        reads: self.reads.clone(),
                        text: OnceLock::new(),
                        scan: OnceLock::new(),
                        parts: OnceLock::new(),
                        summary: OnceLock::new(),
                    })
                })
                .collect();
            files.sort_by(|a, b| a.name.cmp(&b.name));
            files
        })
    }
}

struct Sibling {
    name: String,
    path: PathBuf,
    reads: Arc<SharedReads>,
    text: OnceLock<Option<Vec<u8>>>,
    /// What the questions asked of every file of a directory need from the text, found in one
    /// read of it.
    scan: OnceLock<Scan>,
    /// The top-level declarations, each summarised on its own when a question needs it; None
    /// when the text cannot be split (see [`top_level`]).
    parts: OnceLock<Option<Vec<Part>>>,
    /// The whole file's summary, for a file without parts or a part that does not parse.
    summary: OnceLock<Option<Summary>>,
}

/// What one read of a sibling's text tells the questions that every file of a directory is
/// asked; a file unread counts as declaring and calling nothing.
#[derive(Default)]
struct Scan {
    /// The names after every `func` keyword (functions and methods): a superset of what the
    /// file declares, so that a question about a function parses only the files that may
    /// declare it, not every file that merely calls it.
    func_names: FuncNames,
    /// Some line could declare a name `error` (see [`Package::declares_error`]).
    could_declare_error: bool,
    /// The text may call an imported `Exit` or `Fatal*` (see [`could_exit`]).
    could_exit: bool,
}

impl Scan {
    fn of(text: &[u8]) -> Scan {
        Scan {
            func_names: func_names(text),
            could_declare_error: could_declare_error(text),
            could_exit: could_exit(text),
        }
    }
}

/// One top-level declaration of a sibling and, once asked for, its summary: the file's package
/// clause, imports and this declaration, parsed together.
struct Part {
    declaration: Declaration,
    summary: OnceLock<Option<Summary>>,
}

impl Sibling {
    fn text(&self) -> Option<&[u8]> {
        self.text
            .get_or_init(|| self.reads.read(&self.path).ok().map(|raw| encoding::decode(&raw).1))
            .as_deref()
    }

    /// The file's [`Scan`], from one read that does not keep the text when it is not kept
    /// already: the questions every file of a directory is asked (its function names, whether
    /// it may exit or declare `error`) would otherwise hold the whole tree's text for the run,
    /// and asked one by one they would read each file once for each. A file is kept only
    /// when a question needs its text again (a declaration to parse, a name to find).
    fn scan(&self) -> &Scan {
        self.scan.get_or_init(|| match self.text.get() {
            Some(text) => text.as_deref().map(Scan::of).unwrap_or_default(),
            None => {
                self.reads.read(&self.path).map(|raw| Scan::of(&encoding::decode(&raw).1)).unwrap_or_default()
            }
        })
    }

    fn summary(&self) -> Option<&Summary> {
        self.summary.get_or_init(|| Summary::of(self.text()?)).as_ref()
    }

    fn is_test(&self) -> bool {
        self.name.ends_with("_test.go")
    }

    fn may_declare(&self, func: Func, name: &str) -> bool {
        let names = &self.scan().func_names;
        match func {
            Func::Function => names.functions.contains(name),
            Func::Method => names.methods.contains(name),
        }
    }

    fn parts(&self) -> Option<&[Part]> {
        self.parts
            .get_or_init(|| {
                let declarations = top_level::declarations(self.text()?)?;
                Some(
                    declarations
                        .into_iter()
                        .map(|declaration| Part { declaration, summary: OnceLock::new() })
                        .collect(),
                )
            })
            .as_deref()
    }

    /// The summaries of the declarations `wanted` picks (each with the file's package clause
    /// and imports), or the whole file's when one of them does not parse on its own or the
    /// file cannot be split. A declaration is summarised at most once a run.
    fn summaries(&self, wanted: &dyn Fn(&Declaration, &[u8]) -> bool) -> Vec<&Summary> {
        let (Some(text), Some(parts)) = (self.text(), self.parts()) else {
            return self.summary().into_iter().collect();
        };
        let header: Vec<&Declaration> = parts
            .iter()
            .map(|p| &p.declaration)
            .filter(|d| matches!(d.keyword, Keyword::Package | Keyword::Import))
            .collect();
        let mut found = Vec::new();
        for part in parts.iter().filter(|p| wanted(&p.declaration, text)) {
            match part.summary.get_or_init(|| Summary::of_part(text, &header, &part.declaration)) {
                Some(summary) => found.push(summary),
                None => return self.summary().into_iter().collect(),
            }
        }
        found
    }
}

/// Whether a line of a Go text could declare a name `error`: `type error`, `var error`,
/// `func error(`, or `error` opening a line of a grouped declaration.
fn could_declare_error(text: &[u8]) -> bool {
    // Found from each `error` back to its line's start, not line by line: nearly every file
    // holds the word, and few lines.
    memchr::memmem::find_iter(text, b"error").any(|at| {
        let line_start = memchr::memrchr(b'\n', &text[..at]).map_or(0, |n| n + 1);
        let before = text[line_start..at].trim_ascii_start();
        let keyword = [&b"type"[..], b"var", b"const", b"func"].iter().any(|k| {
            before.strip_prefix(*k).is_some_and(|r| !r.is_empty() && r.iter().all(u8::is_ascii_whitespace))
        });
        let next = text.get(at + 5).copied();
        let ends_word =
            next.is_some_and(|b| b != b'\n' && (b.is_ascii_whitespace() || b == b'=' || b == b','));
        (before.is_empty() && ends_word) || (keyword && (ends_word || next == Some(b'(')))
    })
}

/// Whether a Go text may call `X.Exit` or `X.Fatal*` where `X` names one of its imports: a
/// superset, from the text alone, of the calls [`Summary`] records as `Callee::Imported` with
/// those names. `X` counts as an import when it is a word of the file's import declarations
/// (an alias, or any element of a path), so `t.Fatal` in a test, the commonest `Fatal` by
/// far, parses nothing. Whatever the scan cannot read plainly (imports that cannot be split,
/// a comment between `X` and `.`) counts as a call.
fn could_exit(text: &[u8]) -> bool {
    let mut candidates =
        memchr::memmem::find_iter(text, b"Exit").chain(memchr::memmem::find_iter(text, b"Fatal")).peekable();
    if candidates.peek().is_none() {
        return false;
    }
    // Go requires every import before the first other declaration, so the header has them
    // all unless the word comes again after it; only then is the whole text split.
    let Some(mut declarations) = top_level::header(text) else { return true };
    let header_end = declarations.last().map_or(0, |d| d.end);
    let rest = &text[header_end..];
    let word_at = |at: usize| {
        (at == 0 || !tokens::is_word_byte(rest[at - 1]))
            && rest.get(at + 6).is_none_or(|&b| !tokens::is_word_byte(b))
    };
    if memchr::memmem::find_iter(rest, b"import").any(word_at) {
        let Some(all) = top_level::declarations(text) else { return true };
        declarations = all;
    }
    let import_words: HashSet<&[u8]> = declarations
        .iter()
        .filter(|d| d.keyword == Keyword::Import)
        .flat_map(|d| text[d.start..d.end].split(|&b| !tokens::is_word_byte(b)))
        .filter(|w| !w.is_empty())
        .collect();
    let skip_space_back = |mut at: usize| {
        while at > 0 && text[at - 1].is_ascii_whitespace() {
            at -= 1;
        }
        at
    };
    candidates.any(|at| {
        if at > 0 && tokens::is_word_byte(text[at - 1]) {
            return false;
        }
        let before = skip_space_back(at);
        if before == 0 || text[before - 1] != b'.' {
            // Not a selector's field, unless a comment hides the dot.
            return before > 0 && text[before - 1] == b'/';
        }
        let end = skip_space_back(before - 1);
        let mut start = end;
        while start > 0 && tokens::is_word_byte(text[start - 1]) {
            start -= 1;
        }
        if start == end {
            // `).Exit`, `*/.Exit`: a comment may hide the operand; anything else is no import.
            return end > 0 && text[end - 1] == b'/';
        }
        import_words.contains(&text[start..end])
    })
}

/// A package-level function (`func Name(`) or a method (`func (r *T) Name(`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Func {
    Function,
    Method,
}

/// The identifiers after the `func` keywords of a Go text: supersets of the functions and of
/// the methods it declares. A method's name is what follows its receiver's parentheses (so a
/// literal's result type, `func() bool {`, counts as one); a function's name follows `func`
/// directly, so a question about a function parses no file for its methods of that name
/// (`Close`), nor a method's for a function's.
#[derive(Default)]
struct FuncNames {
    functions: HashSet<String>,
    methods: HashSet<String>,
}

/// The names after every `func` keyword of a Go text (see [`FuncNames`]). Comments and
/// strings are not skipped: what they hold only adds names.
fn func_names(text: &[u8]) -> FuncNames {
    let finder = memchr::memmem::Finder::new(b"func");
    let mut names = FuncNames::default();
    for at in finder.find_iter(text).filter(|&at| at == 0 || !tokens::is_word_byte(text[at - 1])) {
        if let Some((name, func)) = name_after_func(text, at) {
            let name = String::from_utf8_lossy(name).into_owned();
            match func {
                Func::Function => names.functions.insert(name),
                Func::Method => names.methods.insert(name),
            };
        }
    }
    names
}

/// The name a `func` keyword at `at` declares, past a receiver in parentheses, and whether a
/// receiver came before it; None for a literal or a type (`func(`), or a longer word
/// (`funcs`).
fn name_after_func(text: &[u8], at: usize) -> Option<(&[u8], Func)> {
    let mut i = at + 4;
    if i < text.len() && tokens::is_word_byte(text[i]) {
        return None;
    }
    let skip_space = |mut i: usize| {
        while i < text.len() && text[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    i = skip_space(i);
    let mut func = Func::Function;
    if i < text.len() && text[i] == b'(' {
        func = Func::Method;
        let mut depth = 0usize;
        while i < text.len() {
            match text[i] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        i = skip_space(i);
    }
    let start = i;
    while i < text.len() && tokens::is_word_byte(text[i]) {
        i += 1;
    }
    (i > start).then(|| (&text[start..i], func))
}

/// Whether `declaration` is a `func` declaring a function or a method `name`.
fn declares_func(declaration: &Declaration, text: &[u8], func: Func, name: &str) -> bool {
    declaration.keyword == Keyword::Func
        && name_after_func(text, declaration.start) == Some((name.as_bytes(), func))
}

/// One file's package, seen from that file; or an imported package, seen from outside.
pub struct Package {
    registry: Arc<Registry>,
    directory: Arc<Directory>,
    /// The asking file; None for an imported package, whose test files are apart.
    file_name: Option<String>,
}

/// A declaration found in another file of the package.
pub struct Declared<'p, T> {
    /// The file's name in the package's directory.
    pub file: &'p str,
    pub item: &'p T,
}

impl Package {
    /// The summaries of the other files of the package `package` (the asking file's package
    /// clause) whose text holds `name`, of their declarations `wanted` picks.
    fn files_naming<'p>(
        &'p self,
        package: &str,
        name: &str,
        wanted: impl Fn(&Declaration, &[u8]) -> bool + 'p,
    ) -> impl Iterator<Item = (&'p str, &'p Summary)> {
        let finder = memchr::memmem::Finder::new(name.as_bytes()).into_owned();
        self.files_where_sibling(package, move |f| f.text().is_some_and(|t| finder.find(t).is_some()), wanted)
    }

    /// The summaries of the declarations of a function or of methods `name` in the other
    /// files of the package.
    fn files_declaring_func<'p>(
        &'p self,
        package: &str,
        func: Func,
        name: &str,
    ) -> impl Iterator<Item = (&'p str, &'p Summary)> {
        let (file_name, decl_name) = (name.to_string(), name.to_string());
        self.files_where_sibling(
            package,
            move |f| f.may_declare(func, &file_name),
            move |d, text| declares_func(d, text, func, &decl_name),
        )
    }

    /// The other files of the package (test files only for a test file) that pass
    /// `wanted_file`, of the asker's package clause and built: the summaries of their
    /// declarations that pass `wanted`, one by one.
    fn files_where_sibling<'p>(
        &'p self,
        package: &str,
        wanted_file: impl Fn(&Sibling) -> bool + 'p,
        wanted: impl Fn(&Declaration, &[u8]) -> bool + 'p,
    ) -> impl Iterator<Item = (&'p str, &'p Summary)> {
        let asker_is_test = self.file_name.as_deref().is_some_and(|f| f.ends_with("_test.go"));
        let package = package.to_string();
        let imported = self.file_name.is_none();
        self.directory
            .files()
            .iter()
            .filter(move |f| {
                Some(&f.name) != self.file_name.as_ref() && (!f.is_test() || asker_is_test) && wanted_file(f)
            })
            .flat_map(move |f| f.summaries(&wanted).into_iter().map(move |s| (f.name.as_str(), s)))
            // An imported package is whatever its non-test files declare (`main` aside).
            .filter(move |(_, s)| {
                s.built && if imported { s.package != "main" } else { s.package == package }
            })
    }

    /// Whether another file of the package declares a type, variable, constant or function
    /// named `error` (shadowing the predeclared interface). Nearly every file holds the word,
    /// so only files with a line that could declare it (`type error`, or `error` opening a
    /// line of a grouped declaration) are parsed.
    pub fn declares_error(&self, package: &str) -> bool {
        self.files_where_sibling(
            package,
            |f| f.scan().could_declare_error,
            |d, text| match d.keyword {
                Keyword::Func => declares_func(d, text, Func::Function, "error"),
                Keyword::Type | Keyword::Var | Keyword::Const => could_declare_error(&text[d.start..d.end]),
                Keyword::Package | Keyword::Import => false,
            },
        )
        .any(|(_, s)| {
            s.functions.contains_key("error")
                || s.types.contains_key("error")
                || s.values.contains_key("error")
        })
    }

    /// Whether any other file of the package the asker sees may call an imported `Exit` or
    /// `Fatal*` (see [`could_exit`]): a cheap no for exit-after-defer, whose every exit
    /// through the package is such a call in some file, before any file is parsed.
    pub fn any_file_may_exit(&self) -> bool {
        let asker_is_test = self.file_name.as_deref().is_some_and(|f| f.ends_with("_test.go"));
        self.directory.files().iter().any(|f| {
            Some(&f.name) != self.file_name.as_ref() && (!f.is_test() || asker_is_test) && f.scan().could_exit
        })
    }

    /// The package an import path names, when its source is on this machine: the standard
    /// library's (and the copies of golang.org/x packages it vendors, for the standard
    /// library's own files) under the installed toolchain's GOROOT. Dependencies in the module
    /// cache are not looked up: that would need the module's requirements.
    pub fn imported(&self, path: &str) -> Option<Package> {
        let goroot = self.registry.goroot()?;
        let first = path.split('/').next()?;
        let dir = if !first.contains('.') {
            goroot.join("src").join(path)
        } else if self.directory.path.starts_with(goroot.join("src")) {
            goroot.join("src").join("vendor").join(path)
        } else {
            return None;
        };
        dir.is_dir().then(|| Package {
            registry: self.registry.clone(),
            directory: self.registry.directory(dir),
            file_name: None,
        })
    }

    /// The package-level functions named `name` that other files of the package declare.
    pub fn functions<'p>(&'p self, package: &str, name: &str) -> Vec<Declared<'p, Function>> {
        self.files_declaring_func(package, Func::Function, name)
            .filter_map(|(file, s)| Some(Declared { file, item: s.functions.get(name)? }))
            .collect()
    }

    /// The methods `name` of the type `ty` that other files of the package declare (for an
    /// imported package, every file of it).
    pub fn methods<'p>(&'p self, package: &str, ty: &str, name: &str) -> Vec<Declared<'p, Function>> {
        let key = format!("{ty}.{name}");
        self.files_declaring_func(package, Func::Method, name)
            .filter_map(|(file, s)| Some(Declared { file, item: s.methods.get(&key)? }))
            .collect()
    }

    /// Every method `name`, of any type, that other files of the package declare.
    pub fn methods_named<'p>(&'p self, package: &str, name: &str) -> Vec<Declared<'p, Function>> {
        let suffix = format!(".{name}");
        // In file and type order, so that a rule naming one of several reads the same each run.
        let mut found: Vec<(&str, &String, &Function)> = self
            .files_declaring_func(package, Func::Method, name)
            .flat_map(|(file, s)| {
                s.methods.iter().filter(|(k, _)| k.ends_with(&suffix)).map(move |(k, item)| (file, k, item))
            })
            .collect();
        found.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        found.into_iter().map(|(file, _, item)| Declared { file, item }).collect()
    }

    /// The types named `name` that other files of the package declare.
    pub fn types<'p>(&'p self, package: &str, name: &str) -> Vec<Declared<'p, TypeDecl>> {
        let type_name = name.to_string();
        self.files_naming(package, name, move |d, text| {
            d.keyword == Keyword::Type && names(d, text, &type_name)
        })
        .filter_map(|(file, s)| Some(Declared { file, item: s.types.get(name)? }))
        .collect()
    }

    /// Whether another file of the package declares `name` at package level (a function, type,
    /// variable or constant), so that a use of it in this file is no local matter.
    pub fn declares(&self, package: &str, name: &str) -> bool {
        let declared = name.to_string();
        let wanted = move |d: &Declaration, text: &[u8]| match d.keyword {
            Keyword::Func => declares_func(d, text, Func::Function, &declared),
            Keyword::Type | Keyword::Var | Keyword::Const => names(d, text, &declared),
            Keyword::Package | Keyword::Import => false,
        };
        self.files_naming(package, name, wanted).any(|(_, s)| {
            s.functions.contains_key(name) || s.types.contains_key(name) || s.values.contains_key(name)
        })
    }
}

/// Whether the text of `declaration` holds `name` (a superset of what it declares).
fn names(declaration: &Declaration, text: &[u8], name: &str) -> bool {
    memchr::memmem::find(&text[declaration.start..declaration.end], name.as_bytes()).is_some()
}

/// What one file declares (or one of its declarations: see [`Summary::of_part`]).
#[derive(Debug, Default)]
pub struct Summary {
    pub package: String,
    /// False when the build line can hold only with the `ignore` tag.
    pub built: bool,
    pub functions: HashMap<String, Function>,
    /// Methods by `Type.Method` (the receiver's type name, without `*` or type arguments).
    pub methods: HashMap<String, Function>,
    pub types: HashMap<String, TypeDecl>,
    /// Package-level variables and constants, with their declared type when spelled.
    pub values: HashMap<String, Value>,
}

/// A package-level function.
#[derive(Debug)]
pub struct Function {
    /// 1-based line of the declaration.
    pub line: usize,
    /// It has type parameters.
    pub generic: bool,
    pub params: Vec<Field>,
    pub results: Vec<Field>,
    /// Every call in the body, function literals in it included.
    pub calls: Vec<Call>,
    /// The values of each `return` of the body (its literals' aside), as spelled; an empty
    /// list for a bare return or `return f()`, whose values the syntax does not show.
    pub returns: Vec<Vec<String>>,
    /// The body defers a call (its literals' aside): with named results, that call may set
    /// them after every `return` has.
    pub defers: bool,
}

/// A parameter or result: its name, when given, and its type as spelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: Option<String>,
    pub type_text: String,
    pub kind: Kind,
}

/// A call a function makes, by what its callee names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub line: usize,
    pub callee: Callee,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callee {
    /// `pkg.Name(...)`, with the import path `pkg` names.
    Imported { path: String, name: String },
    /// `Name(...)`: a function of the package, a local variable, or a builtin.
    Plain(String),
}

/// A package-level type.
#[derive(Debug)]
pub struct TypeDecl {
    pub line: usize,
    pub kind: Kind,
    /// The type as written after the name (`func() error`, `struct{...}`).
    pub spelled: String,
    /// It has type parameters.
    pub generic: bool,
    /// An alias (`type A = B`) rather than a defined type.
    pub alias: bool,
    /// A struct's fields; empty for other kinds.
    pub fields: Vec<Field>,
}

/// A package-level variable or constant.
#[derive(Debug)]
pub struct Value {
    pub line: usize,
    pub type_text: Option<String>,
}

/// The kind of a type as spelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Struct,
    Interface,
    Pointer,
    Func,
    Map,
    Slice,
    Array,
    Chan,
    /// A predeclared basic type: `int`, `string`, `bool`, `float64`, ...
    Basic(String),
    /// A named type whose kind its declaration tells (`Conn`, `net.Conn`, `List[T]`), or a
    /// type parameter.
    Named(String),
}

impl Kind {
    /// The kind of a type node of the grammar.
    pub fn of(ty: Node, src: &[u8]) -> Kind {
        match ty.kind_name() {
            "struct_type" => Kind::Struct,
            "interface_type" => Kind::Interface,
            "pointer_type" => Kind::Pointer,
            "function_type" => Kind::Func,
            "map_type" => Kind::Map,
            "slice_type" => Kind::Slice,
            "array_type" | "implicit_length_array_type" => Kind::Array,
            "channel_type" => Kind::Chan,
            "parenthesized_type" => {
                ty.named_child(0).map_or(Kind::Named(String::new()), |t| Kind::of(t, src))
            }
            "type_identifier" if syntax::is_basic_type(text(ty, src)) => {
                Kind::Basic(text(ty, src).to_string())
            }
            // `error` and `any` are interfaces; `comparable` is only a constraint.
            "type_identifier" if matches!(text(ty, src), "error" | "any") => Kind::Interface,
            "generic_type" => {
                Kind::Named(ty.field("type").map_or_else(String::new, |t| text(t, src).to_string()))
            }
            _ => Kind::Named(text(ty, src).to_string()),
        }
    }
}

impl Summary {
    /// The summary of a file's text; None when it does not parse.
    pub fn of(src: &[u8]) -> Option<Summary> {
        let parsed = parse::parse(src)?;
        let root = parsed.tree.root_node();
        if root.has_error() {
            return None;
        }
        Some(Summary::of_tree(root, src))
    }

    /// The summary of one top-level declaration of a file's text, parsed with the file's
    /// `header` (its package clause and imports) and nothing else; None when that does not
    /// parse cleanly, or reads as other than one declaration.
    fn of_part(src: &[u8], header: &[&Declaration], part: &Declaration) -> Option<Summary> {
        let mut ranges: Vec<std::ops::Range<usize>> = header.iter().map(|d| d.start..d.end).collect();
        if !matches!(part.keyword, Keyword::Package | Keyword::Import) {
            ranges.push(part.start..part.end);
        }
        ranges.sort_by_key(|r| r.start);
        let tree = parse::parse_ranges(src, &ranges)?;
        let root = tree.root_node();
        let mut cursor = root.walk();
        let declarations = root.named_children(&mut cursor).filter(|n| n.kind_name() != "comment").count();
        (!root.has_error() && declarations == ranges.len()).then(|| Summary::of_tree(root, src))
    }

    /// The summary of a parsed file, from its root.
    pub fn of_tree(root: Node, src: &[u8]) -> Summary {
        let built = build_constraint::of_file(src).is_none_or(|e| e.satisfiable()) && !old_ignore_line(src);
        let mut summary = Summary { built, ..Summary::default() };
        let mut imports: HashMap<String, Option<String>> = HashMap::new();
        let mut cursor = root.walk();
        for decl in root.named_children(&mut cursor) {
            let line = decl.start_position().row + 1;
            match decl.kind_name() {
                "package_clause" => {
                    if let Some(name) = decl.named_child(0) {
                        summary.package = text(name, src).to_string();
                    }
                }
                "function_declaration" | "method_declaration" => {
                    let Some(name) = decl.field("name") else { continue };
                    let key = match decl.field("receiver") {
                        Some(receiver) => match syntax::receiver_type_name(receiver, src) {
                            Some(ty) => format!("{ty}.{}", text(name, src)),
                            None => continue,
                        },
                        None => text(name, src).to_string(),
                    };
                    let function = Function {
                        line,
                        generic: decl.field("type_parameters").is_some(),
                        returns: returned_values(decl, src),
                        defers: decl.field("body").is_some_and(|b| {
                            let mut found = false;
                            syntax::walk_same_function(b, |n| found |= n.kind_name() == "defer_statement");
                            found
                        }),
                        params: decl.field("parameters").map(|p| fields(p, src)).unwrap_or_default(),
                        results: decl.field("result").map(|r| result_fields(r, src)).unwrap_or_default(),
                        calls: decl
                            .field("body")
                            .map(|b| calls(b, root, src, &mut imports))
                            .unwrap_or_default(),
                    };
                    let table = if decl.kind_name() == "method_declaration" {
                        &mut summary.methods
                    } else {
                        &mut summary.functions
                    };
                    table.entry(key).or_insert(function);
                }
                "type_declaration" => add_types(decl, src, &mut summary.types),
                "var_declaration" | "const_declaration" => {
                    for spec in syntax::descendants_of_kind(decl, "var_spec")
                        .into_iter()
                        .chain(syntax::descendants_of_kind(decl, "const_spec"))
                    {
                        let type_text = spec.field("type").map(|t| text(t, src).to_string());
                        let mut c = spec.walk();
                        for name in spec.fields("name", &mut c) {
                            summary.values.entry(text(name, src).to_string()).or_insert(Value {
                                line: spec.start_position().row + 1,
                                type_text: type_text.clone(),
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        summary
    }
}

/// The types a file declares at top level, by name: what a zero value or a field's kind needs
/// of the file itself, without the rest of its summary.
pub fn declared_types(root: Node, src: &[u8]) -> HashMap<String, TypeDecl> {
    let mut types = HashMap::new();
    let mut cursor = root.walk();
    for decl in root.named_children(&mut cursor).filter(|d| d.kind_name() == "type_declaration") {
        add_types(decl, src, &mut types);
    }
    types
}

fn add_types(decl: Node, src: &[u8], types: &mut HashMap<String, TypeDecl>) {
    let mut c = decl.walk();
    for spec in decl.named_children(&mut c) {
        let (Some(name), Some(ty)) = (spec.field("name"), spec.field("type")) else {
            continue;
        };
        let fields = if ty.kind_name() == "struct_type" { struct_fields(ty, src) } else { Vec::new() };
        types.entry(text(name, src).to_string()).or_insert(TypeDecl {
            line: spec.start_position().row + 1,
            kind: Kind::of(ty, src),
            spelled: text(ty, src).to_string(),
            generic: spec.field("type_parameters").is_some(),
            alias: spec.kind_name() == "type_alias",
            fields,
        });
    }
}

/// A pre-Go 1.17 `// +build ignore` line before the package clause (gofmt adds the
/// `//go:build` form only when it rewrites the file).
fn old_ignore_line(src: &[u8]) -> bool {
    src.split(|&b| b == b'\n')
        .map(|l| std::str::from_utf8(l).unwrap_or("").trim())
        .take_while(|l| !l.starts_with("package "))
        .any(|l| l.strip_prefix("// +build").is_some_and(|words| words.split_whitespace().eq(["ignore"])))
}

/// The parameters of a `parameter_list`, one field per name (`a, b int` is two).
pub fn fields(list: Node, src: &[u8]) -> Vec<Field> {
    let mut cursor = list.walk();
    let params: Vec<Node> = list.named_children(&mut cursor).collect();
    params.into_iter().flat_map(|p| declared_fields(p, src, None)).collect()
}

/// A function's results: a parameter list, or a single unnamed type.
fn result_fields(result: Node, src: &[u8]) -> Vec<Field> {
    if result.kind_name() == "parameter_list" {
        fields(result, src)
    } else {
        vec![Field { name: None, type_text: text(result, src).to_string(), kind: Kind::of(result, src) }]
    }
}

fn struct_fields(ty: Node, src: &[u8]) -> Vec<Field> {
    syntax::descendants_of_kind(ty, "field_declaration")
        .into_iter()
        .flat_map(|decl| {
            // An embedded field is named by its type's name; the grammar keeps the `*` of an
            // embedded pointer outside the type.
            let embedded = |type_text: &str| {
                let name = type_text.rsplit('.').next().map(str::to_string);
                if text(decl, src).starts_with('*') {
                    Field { name, type_text: format!("*{type_text}"), kind: Kind::Pointer }
                } else {
                    Field {
                        name,
                        type_text: type_text.to_string(),
                        kind: Kind::of(decl.field("type").expect("checked"), src),
                    }
                }
            };
            declared_fields(decl, src, Some(&embedded))
        })
        .collect()
}

/// One field per name of a parameter or field declaration; without names, one unnamed field,
/// or what `unnamed` makes of the type's text (an embedded field).
fn declared_fields(decl: Node, src: &[u8], unnamed: Option<&dyn Fn(&str) -> Field>) -> Vec<Field> {
    let Some(ty) = decl.field("type") else { return Vec::new() };
    let type_text = text(ty, src).to_string();
    let kind = Kind::of(ty, src);
    let mut c = decl.walk();
    let names: Vec<String> = decl.fields("name", &mut c).map(|n| text(n, src).to_string()).collect();
    if names.is_empty() {
        return vec![match unnamed {
            Some(make) => make(&type_text),
            None => Field { name: None, type_text, kind },
        }];
    }
    names
        .into_iter()
        .map(|n| Field { name: Some(n), type_text: type_text.clone(), kind: kind.clone() })
        .collect()
}

/// The values each `return` of a function gives, as spelled (see [`Function::returns`]).
pub fn returned_values(func: Node, src: &[u8]) -> Vec<Vec<String>> {
    let results = func.field("result").map_or(0, |r| result_fields(r, src).len());
    let mut out = Vec::new();
    let Some(body) = func.field("body") else { return out };
    syntax::walk_same_function(body, |n| {
        if n.kind_name() != "return_statement" {
            return;
        }
        let values: Vec<String> = syntax::return_values(n)
            .map(|list| {
                if list.kind_name() != "expression_list" {
                    return vec![text(list, src).to_string()];
                }
                let mut c = list.walk();
                list.named_children(&mut c)
                    .filter(|v| v.kind_name() != "comment")
                    .map(|v| text(v, src).to_string())
                    .collect()
            })
            .unwrap_or_default();
        out.push(if values.len() == results { values } else { Vec::new() });
    });
    out
}

/// The calls in `body`, by callee.
fn calls(body: Node, root: Node, src: &[u8], imports: &mut HashMap<String, Option<String>>) -> Vec<Call> {
    let mut out = Vec::new();
    for call in syntax::descendants_of_kind(body, "call_expression") {
        let Some(function) = call.field("function") else { continue };
        let line = call.start_position().row + 1;
        let callee = match function.kind_name() {
            "identifier" => Callee::Plain(text(function, src).to_string()),
            "selector_expression" => {
                let (Some(operand), Some(field)) = (function.field("operand"), function.field("field"))
                else {
                    continue;
                };
                if operand.kind_name() != "identifier" {
                    continue;
                }
                let pkg = text(operand, src);
                let path = imports
                    .entry(pkg.to_string())
                    .or_insert_with(|| syntax::import_path_of(root, src, pkg))
                    .clone();
                let Some(path) = path else { continue };
                Callee::Imported { path, name: text(field, src).to_string() }
            }
            _ => continue,
        };
        out.push(Call { line, callee });
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn func_names_are_every_name_after_func_past_a_receiver() {
        let text = b"package p\n\nfunc Open(p string) {}\nfunc (r *T[K]) Close() error { return nil }\nfunc\tspaced() {}\nvar f = func() {}\ntype F func(int)\n// functional\nfunc (s S) String() string { return \"\" }\nfunc Map[K comparable](m map[K]int) {}\nvar g = func(x int) bool { return x > 0 }\n";
        let names = func_names(text);
        let sorted = |set: &HashSet<String>| {
            let mut v: Vec<String> = set.iter().cloned().collect();
            v.sort();
            v
        };
        assert_eq!(sorted(&names.functions), ["Map", "Open", "spaced"]);
        // A literal's result type reads as a method's name: a superset is all a filter needs.
        assert_eq!(sorted(&names.methods), ["Close", "String", "bool"]);
    }

    /// A question about a function `Close` parses no file for its methods `Close`, and one
    /// about methods none for a function; both are still found.
    #[test]
    fn functions_and_methods_are_asked_apart() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.go"), "package p\n\nfunc f() {}\n").unwrap();
        std::fs::write(
            dir.path().join("m.go"),
            "package p\n\ntype T struct{}\n\nfunc (T) Close() error { return nil }\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("f.go"), "package p\n\nfunc Close(fd int) error { return nil }\n")
            .unwrap();
        let parsed = |package: &Package, name: &str| {
            let file = package.directory.files().iter().find(|f| f.name == name).unwrap();
            file.summary.get().is_some() || file.parts().unwrap().iter().any(|p| p.summary.get().is_some())
        };
        let (for_functions, for_methods) = (Packages::default(), Packages::default());
        let package = for_functions.of_file(&dir.path().join("a.go")).unwrap();
        let functions = package.functions("p", "Close");
        assert_eq!(functions.iter().map(|d| d.file).collect::<Vec<_>>(), ["f.go"]);
        // m.go was scanned for its names, and its text not kept (asked before `parsed`, which
        // reads it).
        let kept = |package: &Package, name: &str| {
            package.directory.files().iter().find(|f| f.name == name).unwrap().text.get().is_some()
        };
        assert!(kept(&package, "f.go") && !kept(&package, "m.go"));
        assert!(parsed(&package, "f.go") && !parsed(&package, "m.go"));
        let package = for_methods.of_file(&dir.path().join("a.go")).unwrap();
        let methods = package.methods("p", "T", "Close");
        assert_eq!(methods.iter().map(|d| d.file).collect::<Vec<_>>(), ["m.go"]);
        assert!(parsed(&package, "m.go") && !parsed(&package, "f.go"));
    }
    use super::*;

    #[test]
    fn lines_that_could_declare_error() {
        for text in [
            "type error interface{}\n",
            "var error = 1\n",
            "var\terror, x int\n",
            "func error() {}\n",
            "const (\n\terror = 1\n)\n",
            "var (\n  error, ok = 1, 2\n)\n",
            "\r\nerror\r\n",
        ] {
            assert!(could_declare_error(text.as_bytes()), "{text:?}");
        }
        for text in [
            "func f() error { return nil }\n",
            "var err error\n",
            "type errorKind int\n",
            "\terrors.New(\"x\")\n",
            "error\n",
            "var x = error(nil)\n",
            "typeerror = 1\n",
        ] {
            assert!(!could_declare_error(text.as_bytes()), "{text:?}");
        }
    }

    #[test]
    fn exits_are_imported_selectors_only() {
        let with =
            |imports: &str, body: &str| format!("package p\n\nimport {imports}\n\nfunc f() {{ {body} }}\n");
        for (imports, body) in [
            ("\"os\"", "os.Exit(1)"),
            ("xos \"os\"", "xos.Exit(1)"),
            ("\"log\"", "log.Fatalf(\"%v\", 1)"),
            ("\"k8s.io/klog/v2\"", "klog.Fatal(1)"),
            ("(\n\t\"os\"\n)", "os.\n\tExit(1)"),
            ("\"log\"", "log /* why */ .Fatal(1)"),
            ("\"log\"", "log./* why */Fatal(1)"),
        ] {
            assert!(could_exit(with(imports, body).as_bytes()), "{imports} {body}");
        }
        for (imports, body) in [
            ("\"testing\"", "var t *testing.T; t.Fatal(1)"),
            ("\"os\"", "os.Getenv(\"Exit\")"),
            ("\"os\"", "s.Fatal(); os.Args = nil"),
            ("\"os\"", "c.Exit(); osExit(1)"),
        ] {
            assert!(!could_exit(with(imports, body).as_bytes()), "{imports} {body}");
        }
        // An import after another declaration (Go rejects it, tree-sitter reads it) counts,
        // and so does text the split cannot read once an import may hide in it.
        assert!(could_exit(b"package p\n\nfunc f() {}\n\nimport \"os\"\n\nfunc g() { os.Exit(1) }\n"));
        assert!(could_exit(b"package p\n\nfunc f() { t.Fatal(\nimport \"os\"\n"));
        assert!(could_exit(b"package p\n\nimport (\n\nfunc f() { os.Exit(1) }\n"));
        // Past the imports, the text is not read: a body left open has no import to hide.
        assert!(!could_exit(b"package p\n\nimport \"testing\"\n\nfunc f() { t.Fatal(\n"));
    }

    fn package_in(files: &[(&str, &str)]) -> (tempfile::TempDir, Packages) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        (dir, Packages::default())
    }

    #[test]
    fn siblings_of_the_same_package_are_read_and_others_are_not() {
        let (dir, packages) = package_in(&[
            ("a.go", "package p\n\nfunc main() { Main() }\n"),
            ("main.go", "package p\n\nimport \"os\"\n\nfunc Main() { os.Exit(run()) }\n"),
            ("gen.go", "//go:build ignore\n\npackage main\n\nfunc Main() {}\n"),
            ("other_test.go", "package p\n\nfunc Main() {}\n"),
            ("x_test.go", "package p_test\n\nfunc Main() {}\n"),
        ]);
        let package = packages.of_file(&dir.path().join("a.go")).unwrap();
        let found = package.functions("p", "Main");
        assert_eq!(found.iter().map(|d| d.file).collect::<Vec<_>>(), ["main.go"]);
        assert_eq!(
            found[0].item.calls,
            [
                Call { line: 5, callee: Callee::Imported { path: "os".into(), name: "Exit".into() } },
                Call { line: 5, callee: Callee::Plain("run".into()) },
            ]
        );
        // A test file of the package sees the package's test files too.
        let test = packages.of_file(&dir.path().join("a_test.go")).unwrap();
        assert_eq!(
            test.functions("p", "Main").iter().map(|d| d.file).collect::<Vec<_>>(),
            ["main.go", "other_test.go"]
        );
        let external = packages.of_file(&dir.path().join("y_test.go")).unwrap();
        assert_eq!(
            external.functions("p_test", "Main").iter().map(|d| d.file).collect::<Vec<_>>(),
            ["x_test.go"]
        );
    }

    /// A sibling the model reads for a question is one read: the run takes the same bytes
    /// when it comes to that file, and a file outside the run is never kept.
    #[test]
    fn a_sibling_read_for_a_question_is_the_run_s_read_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (dir.path().join("a.go"), dir.path().join("b.go"), dir.path().join("c.go"));
        std::fs::write(&a, "package p\n\nfunc main() { F() }\n").unwrap();
        std::fs::write(&b, "package p\n\nfunc F() {}\n").unwrap();
        std::fs::write(&c, "package p\n\nfunc G() {}\n").unwrap();
        let packages = Packages::for_run([a.as_path(), b.as_path()]);
        let package = packages.of_file(&a).unwrap();
        assert_eq!(package.functions("p", "F").iter().map(|d| d.file).collect::<Vec<_>>(), ["b.go"]);
        std::fs::write(&b, "package p\n\nfunc F() { changed() }\n").unwrap();
        assert_eq!(packages.reads().take(&b).unwrap(), b"package p\n\nfunc F() {}\n");
        assert_eq!(packages.reads().take(&c).unwrap(), b"package p\n\nfunc G() {}\n", "from disk");
    }

    #[test]
    fn kinds_of_declared_types_and_signatures() {
        let (dir, packages) = package_in(&[(
            "types.go",
            "package p\n\ntype (\n\tConn interface{ Close() error }\n\tParser struct {\n\t\tbuf []byte\n\t\t*Header\n\t}\n\tID = int\n\tList[T any] []T\n)\n\nfunc open(name string, n int) (c Conn, err error) { return nil, nil }\n",
        )]);
        let package = packages.of_file(&dir.path().join("a.go")).unwrap();
        assert_eq!(package.types("p", "Conn")[0].item.kind, Kind::Interface);
        let parser = &package.types("p", "Parser")[0].item;
        assert_eq!(parser.kind, Kind::Struct);
        assert_eq!(
            parser.fields.iter().map(|f| (f.name.clone().unwrap(), f.kind.clone())).collect::<Vec<_>>(),
            [("buf".to_string(), Kind::Slice), ("Header".to_string(), Kind::Pointer)]
        );
        let id = &package.types("p", "ID")[0].item;
        assert!(id.alias && id.kind == Kind::Basic("int".into()));
        assert_eq!(package.types("p", "List")[0].item.kind, Kind::Slice);
        let open = &package.functions("p", "open")[0].item;
        assert_eq!(
            open.params.iter().map(|f| f.kind.clone()).collect::<Vec<_>>(),
            [Kind::Basic("string".into()), Kind::Basic("int".into())]
        );
        assert_eq!(
            open.results.iter().map(|f| f.kind.clone()).collect::<Vec<_>>(),
            [Kind::Named("Conn".into()), Kind::Interface]
        );
        assert!(package.declares("p", "open") && !package.declares("p", "close"));
    }

    #[test]
    fn only_the_declaration_asked_about_is_parsed() {
        let (dir, packages) = package_in(&[(
            "b.go",
            "// Package p.\npackage p\n\nimport (\n\t\"os\"\n)\n\ntype T struct{ f int }\n\nfunc A() { os.Exit(1) }\n\n// B exits.\nfunc B() {\n\tos.Exit(2)\n}\n",
        )]);
        let package = packages.of_file(&dir.path().join("a.go")).unwrap();
        let found = package.functions("p", "B");
        let [b] = found.as_slice() else { panic!("one B") };
        assert_eq!((b.item.line, b.file), (13, "b.go"));
        assert_eq!(
            b.item.calls,
            [Call { line: 14, callee: Callee::Imported { path: "os".into(), name: "Exit".into() } }]
        );
        let sibling = &package.directory.files()[0];
        let parsed: Vec<Keyword> = sibling
            .parts()
            .unwrap()
            .iter()
            .filter(|p| p.summary.get().is_some())
            .map(|p| p.declaration.keyword)
            .collect();
        assert_eq!(parsed, [Keyword::Func], "B alone, with the package clause and imports");
        assert!(sibling.summary.get().is_none(), "the whole file is not parsed");
        assert!(package.types("p", "T")[0].item.kind == Kind::Struct);
    }

    #[test]
    fn a_declaration_the_grammar_reads_only_with_stand_ins_is_read_with_its_file() {
        // Go 1.26's new(expression) parses only through parse::parse's stand-ins.
        let (dir, packages) = package_in(&[(
            "b.go",
            "package p\n\nfunc B() *int {\n\treturn new(len(\"x\"))\n}\n\nfunc C() {}\n",
        )]);
        let package = packages.of_file(&dir.path().join("a.go")).unwrap();
        assert_eq!(package.functions("p", "B").len(), 1);
        assert!(package.directory.files()[0].summary.get().is_some(), "read with its file");
        assert_eq!(package.functions("p", "C").len(), 1);
    }

    #[test]
    fn files_without_the_name_are_not_parsed() {
        let (dir, packages) = package_in(&[("a.go", "package p\n"), ("b.go", "package p\n\nfunc B() {}\n")]);
        let package = packages.of_file(&dir.path().join("a.go")).unwrap();
        assert!(package.functions("p", "Missing").is_empty());
        let files = package.directory.files();
        assert!(files.iter().all(|f| f.summary.get().is_none()), "no file holds the name: none is parsed");
        assert_eq!(package.functions("p", "B").len(), 1);
    }
}
