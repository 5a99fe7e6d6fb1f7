//! `--verify`: an in-place run that proves, per Go package, that what it changed still passes
//! `go vet` (which type-checks the package and its test files), and puts back the files of a
//! package that passed before the fixes and fails after them, the way `cargo fix` backs out
//! edits that break compilation.
//!
//! The run computes every fix first without writing; the packages (directories) of the files
//! that will change are vetted as they are; then the files are written and those packages vetted
//! again. A package that passed before and fails after gets its files back byte for byte, and
//! its fixed findings are reported as not applied, "fix reverted: REASON". A package that
//! failed before keeps its fixes: the fixes cannot be blamed.

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
    /// The package directories whose files were put back, with the reason.
    pub reverted: Vec<(PathBuf, String)>,
    /// The changed package directories where go vet failed before the fixes already: their
    /// fixes are kept, unverified.
    pub failed_before: Vec<(PathBuf, String)>,
}

/// Fails with a clear message when the Go toolchain cannot be run.
pub fn require_go() -> Result<()> {
    match Command::new("go").arg("version").output() {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => bail!(
            "--verify needs the Go toolchain, and `go version` failed: {}",
            first_line(&String::from_utf8_lossy(&out.stderr))
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("--verify needs the Go toolchain, and `go` is not on PATH")
        }
        Err(e) => bail!("--verify needs the Go toolchain, and `go` cannot be run: {e}"),
    }
}

/// An in-place run with verification: the reports read as an in-place run's.
pub fn run(
    targets: &[Target],
    options: &Options,
    cli_version: Option<GoVersion>,
    progress: &Progress,
) -> Result<(Vec<FileReport>, Verified)> {
    require_go()?;
    // Every fix, computed and kept but not written.
    let mut reports = run::run_keeping(targets, Mode::Check, options, cli_version, progress, true);
    let packages = packages(&reports);
    let before = vet_all(packages.keys());
    for report in &mut reports {
        write(report);
    }
    let written: BTreeMap<PathBuf, Vec<usize>> = packages
        .into_iter()
        .map(|(dir, files)| (dir, files.into_iter().filter(|&i| reports[i].changed).collect::<Vec<_>>()))
        .filter(|(_, files)| !files.is_empty())
        .collect();
    let after = vet_all(written.keys());
    let mut verified = Verified::default();
    for (dir, files) in &written {
        let reason = match (before.get(dir), after.get(dir)) {
            (Some(Ok(())), Some(Err(reason))) => reason,
            (Some(Err(reason)), _) => {
                verified.failed_before.push((dir.clone(), reason.clone()));
                continue;
            }
            _ => continue,
        };
        for &i in files {
            revert(&mut reports[i], reason);
        }
        verified.reverted.push((dir.clone(), reason.clone()));
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
            "go vet fails after the fixes ({reason}) but the file could not be put back: {e:#}"
        )));
        return;
    }
    report.changed = false;
    for f in report.findings.iter_mut().filter(|f| f.applied) {
        f.applied = false;
        f.message.push_str("; fix reverted: ");
        f.message.push_str(reason);
    }
}

/// `go vet` on each package directory, in parallel: Ok, or the first line of its complaint.
fn vet_all<'a>(dirs: impl Iterator<Item = &'a PathBuf>) -> BTreeMap<PathBuf, Result<(), String>> {
    let dirs: Vec<&PathBuf> = dirs.collect();
    dirs.into_par_iter().map(|dir| (dir.clone(), vet(dir))).collect()
}

/// `go -C DIR vet .`: type-checks the package with its test files and runs the vet checks.
pub fn vet(dir: &Path) -> Result<(), String> {
    let output = Command::new("go")
        .arg("-C")
        .arg(dir)
        .args(["vet", "."])
        .output()
        .map_err(|e| format!("cannot run go vet: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    Err(first_line(&format!("{stderr}\n{stdout}")))
}

/// The first line that says something: go vet's `# package` headers are skipped.
fn first_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("go vet failed without a message")
        .to_string()
}
