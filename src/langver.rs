//! The Go language version that applies to a file: the nearest go.mod's `go` line, changed by a
//! `//go:build` line that implies a version (as go/types does), overridden by `--go-version`.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::build_constraint;

/// A Go 1.x language version; only the minor number changes semantics we care about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoVersion {
    pub minor: u32,
}

impl GoVersion {
    /// Per-iteration loop variables arrived in Go 1.22.
    pub const PER_ITERATION_LOOP_VARS: GoVersion = GoVersion { minor: 22 };
    /// Code outside any module is assumed to have the old loop semantics: the safe assumption
    /// for the fixes that depend on it.
    pub const DEFAULT: GoVersion = GoVersion { minor: 21 };
    /// go/types never lowers a file below go1.21 through a build constraint.
    const BUILD_LINE_FLOOR: GoVersion = GoVersion { minor: 21 };

    /// Parses `1.22`, `1.22.3`, `1.22rc1`, `go1.22`.
    pub fn parse(text: &str) -> Option<GoVersion> {
        let text = text.trim();
        let text = text.strip_prefix("go").unwrap_or(text);
        let rest = text.strip_prefix("1.")?;
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let minor = digits.parse().ok()?;
        let after = &rest[digits.len()..];
        let valid_tail = after.is_empty()
            || after.starts_with('.')
            || after.starts_with("rc")
            || after.starts_with("beta");
        valid_tail.then_some(GoVersion { minor })
    }
}

impl fmt::Display for GoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "go1.{}", self.minor)
    }
}

/// The version in a go.mod file's `go` directive (not `toolchain`).
pub fn go_mod_version(go_mod: &str) -> Option<GoVersion> {
    go_mod.lines().find_map(|line| {
        let line = line.split("//").next().unwrap_or("").trim();
        let rest = line.strip_prefix("go")?;
        if !rest.starts_with([' ', '\t']) {
            return None;
        }
        GoVersion::parse(rest)
    })
}

/// The minimum Go version implied by the file's `//go:build` line, if any (go/constraint's
/// GoVersion): `go1.22 && linux` implies go1.22, `go1.21 || go1.23` implies go1.21, `!go1.22`
/// implies nothing.
pub fn build_line_version(source: &[u8]) -> Option<GoVersion> {
    build_constraint::of_file(source)?.implied(&GoVersion::parse)
}

/// Combines the module's version, the build line's and the command line's, in that order of
/// precedence from weakest to strongest.
pub fn file_version(
    module: Option<GoVersion>,
    build_line: Option<GoVersion>,
    cli: Option<GoVersion>,
) -> GoVersion {
    if let Some(v) = cli {
        return v;
    }
    match build_line {
        Some(v) => v.max(GoVersion::BUILD_LINE_FLOOR),
        None => module.unwrap_or(GoVersion::DEFAULT),
    }
}

/// Finds and caches the nearest go.mod's version for each directory.
#[derive(Default)]
pub struct ModuleVersions {
    by_dir: Mutex<HashMap<PathBuf, Option<GoVersion>>>,
}

impl ModuleVersions {
    pub fn for_file(&self, file: &Path) -> Option<GoVersion> {
        let dir = match file.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        self.for_dir(&dir)
    }

    fn for_dir(&self, dir: &Path) -> Option<GoVersion> {
        if let Some(v) = self.by_dir.lock().unwrap().get(dir) {
            return *v;
        }
        // Iterative walk up; remember the answer for every directory passed.
        let mut visited = Vec::new();
        let mut current = Some(dir);
        let mut found = None;
        while let Some(d) = current {
            if let Some(v) = self.by_dir.lock().unwrap().get(d) {
                found = *v;
                break;
            }
            visited.push(d.to_path_buf());
            let go_mod = d.join("go.mod");
            if let Ok(text) = std::fs::read_to_string(&go_mod) {
                // A go.mod without a go line means go 1.16 (the go command's rule).
                found = Some(go_mod_version(&text).unwrap_or(GoVersion { minor: 16 }));
                break;
            }
            // Docker's repositories keep their module file as vendor.mod (docker/cli, moby),
            // built with a generated go.mod; its go line is the one the code is written for.
            if let Ok(text) = std::fs::read_to_string(d.join("vendor.mod"))
                && let Some(v) = go_mod_version(&text)
            {
                found = Some(v);
                break;
            }
            current = d.parent();
        }
        let mut cache = self.by_dir.lock().unwrap();
        for d in visited {
            cache.insert(d, found);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(minor: u32) -> Option<GoVersion> {
        Some(GoVersion { minor })
    }

    #[test]
    fn parses_versions() {
        assert_eq!(GoVersion::parse("1.22"), v(22));
        assert_eq!(GoVersion::parse("1.21.3"), v(21));
        assert_eq!(GoVersion::parse("go1.23"), v(23));
        assert_eq!(GoVersion::parse("1.23rc1"), v(23));
        assert_eq!(GoVersion::parse("2.0"), None);
        assert_eq!(GoVersion::parse("1.x"), None);
    }

    #[test]
    fn reads_the_go_line_not_toolchain() {
        let m = "module x\n\ngo 1.21.0 // comment\n\ntoolchain go1.23.1\n";
        assert_eq!(go_mod_version(m), v(21));
        assert_eq!(go_mod_version("module x\n"), None);
        assert_eq!(go_mod_version("module x\ngodebug foo=1\n"), None);
    }

    #[test]
    fn build_lines_imply_minimum_versions() {
        let src = |line: &str| format!("{line}\n\npackage p\n");
        assert_eq!(build_line_version(src("//go:build go1.22").as_bytes()), v(22));
        assert_eq!(build_line_version(src("//go:build linux && go1.23").as_bytes()), v(23));
        assert_eq!(build_line_version(src("//go:build go1.21 || go1.23").as_bytes()), v(21));
        assert_eq!(build_line_version(src("//go:build go1.22 || linux").as_bytes()), None);
        assert_eq!(build_line_version(src("//go:build !go1.22").as_bytes()), None);
        assert_eq!(
            build_line_version(src("//go:build (go1.22 && linux) || (go1.24 && darwin)").as_bytes()),
            v(22)
        );
        assert_eq!(build_line_version(b"package p\n//go:build go1.22\n"), None);
    }

    #[test]
    fn precedence_and_floor() {
        assert_eq!(file_version(v(20), None, None), GoVersion { minor: 20 });
        assert_eq!(file_version(v(20), v(22), None), GoVersion { minor: 22 });
        assert_eq!(file_version(v(23), v(18), None), GoVersion { minor: 21 });
        assert_eq!(file_version(v(23), v(22), v(19)), GoVersion { minor: 19 });
        assert_eq!(file_version(None, None, None), GoVersion::DEFAULT);
    }
}
