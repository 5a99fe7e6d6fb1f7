//! The floor: `floor [--triggers w1,w2,... | --defer-fix-prefilter] DIR...` reads every `.go`
//! file under the directories (skipping `testdata`, `vendor` and names starting with `.` or
//! `_`, as defer-fix's walk does), skips generated files (a `// Code generated ... DO NOT
//! EDIT.` line before the package clause, which defer-fix leaves alone too), and parses with
//! tree-sitter-go, in parallel (rayon, one parser per thread), those holding a trigger word
//! (by default the issue's `defer`, `go `, `context`, `recover` anywhere in the text), or with
//! `--defer-fix-prefilter` exactly the files defer-fix's own prefilter admits (its library's
//! `prefilter::admitted`: every rule's trigger tokens and the imports it needs). Prints the
//! counts.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use defer_fix::prefilter;
use defer_fix::transforms;
use memchr::memmem::Finder;
use rayon::prelude::*;
use tree_sitter::Parser;

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&tree_sitter_go::LANGUAGE.into()).expect("grammar");
        p
    });
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            if name != "testdata" && name != "vendor" {
                collect(&e.path(), out);
            }
        } else if ft.is_file() && name.ends_with(".go") {
            out.push(e.path());
        }
    }
}

/// As defer-fix's `walk::is_generated_source`.
fn is_generated(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.starts_with(b"package ") {
            return false;
        }
        if line.starts_with(b"// Code generated ") && line.ends_with(b" DO NOT EDIT.") {
            return true;
        }
    }
    false
}

/// Which files are parsed.
enum Filter {
    /// Those holding one of the words anywhere.
    Words(Vec<Finder<'static>>),
    /// Those defer-fix parses.
    DeferFix(Vec<&'static dyn transforms::Transform>),
}

impl Filter {
    fn admits(&self, src: &[u8]) -> bool {
        match self {
            Filter::Words(finders) => finders.iter().any(|f| f.find(src).is_some()),
            Filter::DeferFix(transforms) => !prefilter::admitted(transforms, src).is_empty(),
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut words = vec!["defer".to_string(), "go ".into(), "context".into(), "recover".into()];
    let mut defer_fix = false;
    match args.peek().map(String::as_str) {
        Some("--triggers") => {
            args.next();
            words = args.next().expect("--triggers WORDS").split(',').map(String::from).collect();
        }
        Some("--defer-fix-prefilter") => {
            args.next();
            defer_fix = true;
        }
        _ => {}
    }
    let mut files = Vec::new();
    for dir in args {
        collect(Path::new(&dir), &mut files);
    }
    files.sort();
    let filter = if defer_fix {
        Filter::DeferFix(transforms::all())
    } else {
        Filter::Words(words.iter().map(|w| Finder::new(w.as_bytes()).into_owned()).collect())
    };
    let (parsed, errors, bytes) = (AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0));
    files.par_iter().for_each(|path| {
        let Ok(src) = std::fs::read(path) else { return };
        bytes.fetch_add(src.len(), Ordering::Relaxed);
        if is_generated(&src) || !filter.admits(&src) {
            return;
        }
        let tree = PARSER.with(|p| p.borrow_mut().parse(&src, None)).expect("parse");
        parsed.fetch_add(1, Ordering::Relaxed);
        if tree.root_node().has_error() {
            errors.fetch_add(1, Ordering::Relaxed);
        }
    });
    println!(
        "files {} bytes {} parsed {} with-syntax-errors {}",
        files.len(),
        bytes.into_inner(),
        parsed.into_inner(),
        errors.into_inner()
    );
}
