//! Turns command-line paths into the sorted list of Go files to process.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};
use ignore::gitignore::Gitignore;

/// One file to process, and whether the user named it (named files skip every filter).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Target {
    pub path: PathBuf,
    pub explicit: bool,
    /// Why the walk could not read this path (an unreadable directory): reported as this
    /// path's error after every other file, instead of ending the run.
    pub walk_error: Option<String>,
}

/// Expands `paths` (files, directories, `dir/...`) into sorted, de-duplicated targets.
/// Directory walks skip `vendor/`, `testdata/`, directories starting with `.` or `_`, and
/// .gitignored paths; generated files are skipped when read.
/// `excluded` (a configuration's exclude patterns) applies to directory walks only.
pub fn collect(paths: &[String], excluded: Option<&Gitignore>) -> Result<Vec<Target>> {
    let mut targets = Vec::new();
    for arg in paths {
        let dir_arg = arg.strip_suffix("/...").or(if arg == "..." { Some(".") } else { None });
        let path = PathBuf::from(match dir_arg {
            Some("") => "/",
            Some(d) => d,
            None => arg.as_str(),
        });
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            // A named file that cannot be read is an error of that file, reported by path after
            // every other file has been processed (the contract), not the end of the run.
            Err(_) if dir_arg.is_none() => {
                targets.push(Target { path: clean(&path), explicit: true, walk_error: None });
                continue;
            }
            Err(e) => return Err(e).with_context(|| format!("{arg}: cannot read this path")),
        };
        if meta.is_dir() {
            walk_dir(&path, excluded, &mut targets);
        } else if dir_arg.is_some() {
            bail!("{arg}: not a directory");
        } else {
            targets.push(Target { path: clean(&path), explicit: true, walk_error: None });
        }
    }
    targets.sort();
    // A file both named and found by a walk is kept once, as named.
    targets.dedup_by(|later, earlier| {
        if later.path == earlier.path {
            earlier.explicit |= later.explicit;
            true
        } else {
            false
        }
    });
    Ok(targets)
}

fn walk_dir(root: &Path, excluded: Option<&Gitignore>, targets: &mut Vec<Target>) {
    let excluded = excluded.cloned();
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(true)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if let Some(excluded) = &excluded
                && let Ok(absolute) = std::path::absolute(entry.path())
                && absolute.starts_with(excluded.path())
                && excluded.matched_path_or_any_parents(&absolute, is_dir).is_ignore()
            {
                return false;
            }
            if entry.depth() == 0 || !is_dir {
                return true;
            }
            let name = entry.file_name().to_string_lossy();
            !(name == "vendor" || name == "testdata" || name.starts_with('.') || name.starts_with('_'))
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = error_path(&e).unwrap_or(root);
                let message = format!("cannot walk this path: {e}");
                targets.push(Target { path: clean(path), explicit: true, walk_error: Some(message) });
                continue;
            }
        };
        let is_file = entry.file_type().is_some_and(|t| t.is_file());
        let path = entry.path();
        // The go command ignores files whose names start with `.` or `_`.
        let name = entry.file_name().to_string_lossy();
        let ignored_by_go = name.starts_with('.') || name.starts_with('_');
        if is_file && !ignored_by_go && path.extension().is_some_and(|e| e == "go") {
            targets.push(Target { path: clean(path), explicit: false, walk_error: None });
        }
    }
}

/// The path an `ignore` error is about, if it says.
fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        _ => None,
    }
}

/// `./a/b.go` reads as `a/b.go` in every report and diff header.
fn clean(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path.components().filter(|c| !matches!(c, Component::CurDir)).collect();
    if cleaned.as_os_str().is_empty() { PathBuf::from(".") } else { cleaned }
}

/// A file with `// Code generated ... DO NOT EDIT.` before its package clause. Checked when
/// the file is read for processing, so that it is read once.
pub fn is_generated_source(bytes: &[u8]) -> bool {
    // A byte-order mark is not part of the first line's text (go/scanner skips it), so it must
    // not hide a generated-code marker on that line.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_marker_must_precede_package() {
        assert!(is_generated_source(b"// Code generated by x. DO NOT EDIT.\n\npackage p\n"));
        assert!(is_generated_source(
            b"// Copyright\r\n// Code generated by x. DO NOT EDIT.\r\npackage p\r\n"
        ));
        assert!(!is_generated_source(b"package p\n// Code generated by x. DO NOT EDIT.\n"));
        assert!(!is_generated_source(b"// Code generated by x. DO NOT EDIT\npackage p\n"));
        assert!(is_generated_source(b"\xEF\xBB\xBF// Code generated by x. DO NOT EDIT.\npackage p\n"));
    }

    #[test]
    fn cleans_current_dir_components() {
        assert_eq!(clean(Path::new("./a/./b.go")), PathBuf::from("a/b.go"));
        assert_eq!(clean(Path::new(".")), PathBuf::from("."));
    }
}
