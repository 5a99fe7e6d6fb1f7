//! `--verify`: an in-place run that proves, per Go package, that what it changed still
//! compiles and passes `go vet`, and puts back the files of a package the fixes broke, the way
//! `cargo fix` backs out edits that break compilation. It needs only the user's Go toolchain.
//!
//! The run computes every fix first without writing; the packages of the files that will
//! change are checked as they are; then the files are written and those packages checked
//! again, in parallel. The check of a package is three steps:
//!
//! 1. `go build -o /dev/null .` (`NUL` on Windows): compiles the package, and discards the
//!    binary of a `package main`;
//! 2. `go vet .`: type-checks the package with its test files and runs the vet checks;
//! 3. `go test -c -vet=off -o /dev/null .`: compiles and links the test binary, the package's
//!    `_test.go` files (in-package and external) included, without running it. The issue asked
//!    for `go test -run xxx -count=1`; that runs the binary, and with it the package's `init`
//!    functions and any `TestMain`, which may touch the network, files or a database. `-c` is
//!    the same compile and link and nothing else (and a package without test files passes).
//!
//! A package where a step that passed before fails after gets its files back byte for byte,
//! its fixed findings are reported as not applied, "fix reverted: go build: ./x.go:3:2: ...",
//! and the run exits 1. A package whose failing steps all failed before the fixes too keeps
//! its fixes: they cannot be blamed (they are reported as unverified).
//!
//! A package is a directory: Go puts every non-test file of a directory in one package, and
//! the `_test.go` files of that directory in it or in its external test package, which
//! `go test` compiles together. So the packages of the changed files are their directories,
//! and each step runs in the directory (`go -C DIR`), where the go command itself resolves
//! the module, workspace and import path; `go list` would answer the same question at the
//! cost of one more process per package. A changed file the current platform's build
//! constraints leave out (`x_windows.go` on Linux) is compiled by no step: its fixes stay
//! unverified, as in any build on this platform.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Result, bail};
use rayon::prelude::*;

use crate::engine::{FileError, Options};
use crate::langver::GoVersion;
use crate::run::{self, FileReport, Mode, Progress};
use crate::walk::Target;

/// What `--verify` did besides the run itself.
#[derive(Debug, Default)]
pub struct Verified {
    /// The package directories whose files were put back, with the reason: the failing step
    /// and its first line, "go build: ./x.go:3:2: undefined: y".
    pub reverted: Vec<(PathBuf, String)>,
    /// The changed package directories that fail after the fixes only steps they failed before
    /// already: their fixes are kept, unverified. The reason is the first such step's, from
    /// before the fixes.
    pub failed_before: Vec<(PathBuf, String)>,
    /// How many files of those packages were written unverified.
    pub unverified_files: usize,
    /// With `require_verified`: the packages that could not be checked before the fixes, whose
    /// files were put back instead, with the reason.
    pub refused: Vec<(PathBuf, String)>,
    /// How many packages had files written and were checked after the fixes.
    pub packages: usize,
}

/// Fails with a clear message when the Go toolchain cannot be run.
pub fn require_go() -> Result<()> {
    match Command::new("go").arg("version").output() {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => bail!(
            "--verify needs the Go toolchain, and `go version` failed: {}",
            first_line(&String::from_utf8_lossy(&out.stderr)).unwrap_or("no message")
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("--verify needs the Go toolchain, and `go` is not on PATH")
        }
        Err(e) => bail!("--verify needs the Go toolchain, and `go` cannot be run: {e}"),
    }
}

/// An in-place run with verification: the reports read as an in-place run's.
/// With `require_verified`, the files of a package that could not be checked before the fixes
/// are put back too, so that every fix written was verified (for bots).
pub fn run(
    targets: &[Target],
    options: &Options,
    cli_version: Option<GoVersion>,
    progress: &Progress,
    require_verified: bool,
) -> Result<(Vec<FileReport>, Verified)> {
    require_go()?;
    // Every fix, computed and kept but not written.
    let mut reports = run::run_keeping(targets, Mode::Check, options, cli_version, progress, true);
    let packages = packages(&reports);
    let before = check_all(packages.keys());
    for report in &mut reports {
        write(report);
    }
    let written: BTreeMap<PathBuf, Vec<usize>> = packages
        .into_iter()
        .map(|(dir, files)| (dir, files.into_iter().filter(|&i| reports[i].changed).collect::<Vec<_>>()))
        .filter(|(_, files)| !files.is_empty())
        .collect();
    let after = check_all(written.keys());
    let mut verified = Verified { packages: written.len(), ..Verified::default() };
    for (dir, files) in &written {
        let (Some(before), Some(after)) = (before.get(dir), after.get(dir)) else {
            continue;
        };
        // The steps that fail after the fixes, each with why it failed before them, if it did.
        let failing: Vec<(Option<&str>, &str)> =
            Step::ALL.into_iter().filter_map(|s| Some((before.failure(s), after.failure(s)?))).collect();
        // The first of them that passed before: the fixes broke it.
        if let Some(&(_, reason)) = failing.iter().find(|(was, _)| was.is_none()) {
            for &i in files {
                revert(&mut reports[i], reason);
            }
            verified.reverted.push((dir.clone(), reason.to_string()));
        } else if let Some(&(Some(was), _)) = failing.first() {
            // Each failed before too: the fixes cannot be blamed, nor shown to be right.
            if require_verified {
                let reason = format!("not verified: the checks failed before the fixes too ({was})");
                for &i in files {
                    revert(&mut reports[i], &reason);
                }
                verified.refused.push((dir.clone(), was.to_string()));
            } else {
                verified.unverified_files += files.len();
                verified.failed_before.push((dir.clone(), was.to_string()));
            }
        }
    }
    Ok((reports, verified))
}

/// The package directories of the files that would change, each with its reports' indices.
fn packages(reports: &[FileReport]) -> BTreeMap<PathBuf, Vec<usize>> {
    let mut packages: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (i, report) in reports.iter().enumerate() {
        if !report.changed || report.error.is_some() || report.kept.is_none() {
            continue;
        }
        // Through a symbolic link the file written, and so its package, is the link's target.
        let path = Path::new(&report.path);
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = match real.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        packages.entry(dir).or_default().push(i);
    }
    packages
}

/// Writes one file's fixes in place, as an in-place run does.
fn write(report: &mut FileReport) {
    let Some(kept) = &report.kept else {
        return;
    };
    if !report.changed || report.error.is_some() {
        return;
    }
    if let Err(e) = crate::write::replace(Path::new(&report.path), &kept.original, &kept.fixed) {
        report.changed = false;
        report.line_changes = Default::default();
        report.error = Some(FileError::new(format!("{e:#}")));
        report.findings.iter_mut().for_each(|f| f.applied = false);
    }
}

/// Puts one written file back as it was, and reports its fixed findings as not applied.
fn revert(report: &mut FileReport, reason: &str) {
    let Some(kept) = &report.kept else {
        return;
    };
    if let Err(e) = crate::write::replace(Path::new(&report.path), &kept.fixed, &kept.original) {
        report.error = Some(FileError::new(format!(
            "the package fails after the fixes ({reason}) but the file could not be put back: {e:#}"
        )));
        return;
    }
    report.changed = false;
    report.line_changes = Default::default();
    for f in report.findings.iter_mut().filter(|f| f.applied) {
        f.applied = false;
        f.message.push_str("; fix reverted: ");
        f.message.push_str(reason);
    }
}

/// One check of a package, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Build,
    Vet,
    TestBuild,
}

/// Where the go command discards an output file (it knows this name: `-o` to it writes
/// nothing).
const DEV_NULL: &str = if cfg!(windows) { "NUL" } else { "/dev/null" };

impl Step {
    const ALL: [Step; 3] = [Step::Build, Step::Vet, Step::TestBuild];

    /// The go command's arguments after `-C DIR`.
    fn args(self) -> &'static [&'static str] {
        match self {
            Step::Build => &["build", "-o", DEV_NULL, "."],
            Step::Vet => &["vet", "."],
            // vet ran already as its own step.
            Step::TestBuild => &["test", "-c", "-vet=off", "-o", DEV_NULL, "."],
        }
    }

    /// How a reason names the step.
    fn name(self) -> &'static str {
        match self {
            Step::Build => "go build",
            Step::Vet => "go vet",
            Step::TestBuild => "go test",
        }
    }
}

/// The outcome of every step in one package: for each that failed, why, as "go build:
/// ./x.go:3:2: undefined: y".
#[derive(Clone, Debug, Default)]
struct Checked {
    failures: [Option<String>; 3],
}

impl Checked {
    fn failure(&self, step: Step) -> Option<&str> {
        self.failures[step as usize].as_deref()
    }
}

/// Checks each package directory, the packages in parallel.
fn check_all<'a>(dirs: impl Iterator<Item = &'a PathBuf>) -> BTreeMap<PathBuf, Checked> {
    let dirs: Vec<&PathBuf> = dirs.collect();
    dirs.into_par_iter().map(|dir| (dir.clone(), check(dir))).collect()
}

/// Runs every step in `dir`, one after the other. All of them, also after a failure: a
/// package that failed vet before the fixes must still tell whether its tests compiled then.
fn check(dir: &Path) -> Checked {
    let mut checked = Checked::default();
    for step in Step::ALL {
        if let Err(message) = run_step(dir, step) {
            checked.failures[step as usize] = Some(format!("{}: {message}", step.name()));
        }
    }
    checked
}

/// `go -C DIR ARGS`: Ok, or the first line of its complaint.
fn run_step(dir: &Path, step: Step) -> Result<(), String> {
    let output = Command::new("go")
        .arg("-C")
        .arg(dir)
        .args(step.args())
        .output()
        .map_err(|e| format!("cannot run go: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let text = format!("{stderr}\n{stdout}");
    Err(first_line(&text)
        // go vet repeats a type error of the package it checks as "vet: ./x.go:...".
        .map(|l| l.strip_prefix("vet: ").unwrap_or(l).to_string())
        .unwrap_or_else(|| format!("failed without a message ({})", output.status)))
}

/// The first line that says something: the go command's `# package` headers are skipped.
fn first_line(text: &str) -> Option<&str> {
    text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#'))
}
