//! A whole run: every target processed in parallel, results in path order, files written
//! atomically, and the exit status.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::diff::LineChanges;
use crate::engine::{self, FileError, Options, Reported};
use crate::langver::{GoVersion, ModuleVersions};
use crate::package::Packages;
use crate::walk::{self, Target};

/// What a run does with the fixes it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write fixed files in place.
    Apply,
    /// Print a unified diff; write nothing.
    DryRun,
    /// Write nothing; the exit status says whether anything would change or remains.
    Check,
    /// Print the paths of the files that would change; write nothing.
    List,
}

/// What happened to one file.
#[derive(Debug)]
pub struct FileReport {
    /// As shown to users: relative to the current directory when the user's path was.
    pub path: String,
    pub findings: Vec<Reported>,
    /// The file was (Apply) or would be (other modes) changed.
    pub changed: bool,
    /// The unified diff, in DryRun mode.
    pub diff: Vec<u8>,
    pub error: Option<FileError>,
    /// The file as read and as fixed, when the run was asked to keep them (`--verify`).
    pub kept: Option<Kept>,
    /// What the change does to lines, when the file changed.
    pub line_changes: LineChanges,
}

/// A changed file's contents before and after the fixes.
#[derive(Debug)]
pub struct Kept {
    pub original: Vec<u8>,
    pub fixed: Vec<u8>,
}

/// Processes every target; the reports are in the targets' (sorted) order whatever the
/// number of threads.
pub fn run(
    targets: &[Target],
    mode: Mode,
    options: &Options,
    cli_version: Option<GoVersion>,
    progress: &Progress,
) -> Vec<FileReport> {
    run_keeping(targets, mode, options, cli_version, progress, false)
}

/// Like [`run`]; with `keep`, the reports of changed files keep their contents before and
/// after the fixes.
pub fn run_keeping(
    targets: &[Target],
    mode: Mode,
    options: &Options,
    cli_version: Option<GoVersion>,
    progress: &Progress,
    keep: bool,
) -> Vec<FileReport> {
    let modules = ModuleVersions::default();
    let packages = Packages::for_run(targets.iter().map(|t| t.path.as_path()));
    let reports = targets
        .par_iter()
        .map(|t| {
            let report = process_target(t, mode, options, &modules, &packages, cli_version, keep);
            progress.advance();
            report
        })
        .collect::<Vec<_>>();
    progress.finish();
    reports.into_iter().flatten().collect()
}

fn process_target(
    target: &Target,
    mode: Mode,
    options: &Options,
    modules: &ModuleVersions,
    packages: &Packages,
    cli_version: Option<GoVersion>,
    keep: bool,
) -> Option<FileReport> {
    let path = target.path.to_string_lossy().into_owned();
    let mut report = FileReport {
        path,
        findings: Vec::new(),
        changed: false,
        diff: Vec::new(),
        error: None,
        kept: None,
        line_changes: LineChanges::default(),
    };
    if let Some(problem) = &target.walk_error {
        packages.reads().release(&target.path);
        report.error = Some(FileError::new(problem.clone()));
        return Some(report);
    }
    // Outside the diff of --new-from-rev/--new-from-patch there is nothing new to look at.
    let new_lines = match options.changed.map(|changed| changed.of(&target.path)) {
        Some(None) => {
            packages.reads().release(&target.path);
            return None;
        }
        lines => lines.flatten(),
    };
    let raw = match packages.reads().take(&target.path) {
        Ok(raw) => raw,
        Err(e) => {
            report.error = Some(FileError::new(format!("cannot read the file: {e}")));
            return Some(report);
        }
    };
    if !target.explicit && walk::is_generated_source(&raw) {
        return None;
    }
    let module_version = modules.for_file(&target.path);
    let package = packages.of_file(&target.path);
    let outcome =
        engine::process_lines(&raw, module_version, cli_version, options, new_lines, package.as_ref());
    report.findings = outcome.findings;
    report.error = outcome.error;
    let Some(fixed) = outcome.fixed else {
        return Some(report);
    };
    report.changed = true;
    report.line_changes = LineChanges::between(&raw, &fixed);
    if keep {
        report.kept = Some(Kept { original: raw.clone(), fixed: fixed.clone() });
    }
    match mode {
        Mode::Apply => {
            if let Err(e) = crate::write::replace(&target.path, &raw, &fixed) {
                report.changed = false;
                report.line_changes = LineChanges::default();
                report.error = Some(FileError::new(format!("{e:#}")));
                report.findings.iter_mut().for_each(|f| f.applied = false);
            }
        }
        Mode::DryRun => report.diff = crate::diff::unified(&diff_path(&target.path), &raw, &fixed),
        Mode::Check | Mode::List => {}
    }
    Some(report)
}

/// A progress bar on stderr for runs long enough to want one: drawn only on a terminal, and
/// only once the run has taken longer than a moment, so quick runs and pipes never see it.
pub struct Progress {
    bar: ProgressBar,
    enabled: bool,
    shown: AtomicBool,
    started: Instant,
}

impl Progress {
    const DELAY: Duration = Duration::from_millis(300);

    pub fn new(files: usize, enabled: bool) -> Self {
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
            bar.set_style(style);
        }
        Progress { bar, enabled, shown: AtomicBool::new(false), started: Instant::now() }
    }

    fn advance(&self) {
        self.bar.inc(1);
        if self.enabled && self.started.elapsed() > Self::DELAY && !self.shown.swap(true, Ordering::Relaxed) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Processes source that is not read from a file (an editor's buffer on stdin): the report,
/// and the fixed source when fixes changed it. Nothing is written; a diff is made in DryRun.
/// `on_disk`: `path` says where the buffer's file is (`--stdin-filename`), so the other files
/// of its directory are its package.
pub fn run_source(
    path: &std::path::Path,
    on_disk: bool,
    raw: &[u8],
    mode: Mode,
    options: &Options,
    cli_version: Option<GoVersion>,
) -> (FileReport, Option<Vec<u8>>) {
    let outcome = match options.changed.map(|c| c.of(path)) {
        Some(None) => engine::Outcome::default(),
        new_lines => engine::process_lines(
            raw,
            ModuleVersions::default().for_file(path),
            cli_version,
            options,
            new_lines.flatten(),
            on_disk.then(|| Packages::default().of_file(path)).flatten().as_ref(),
        ),
    };
    let display = path.to_string_lossy().into_owned();
    let mut report = FileReport {
        diff: match (&outcome.fixed, mode) {
            (Some(fixed), Mode::DryRun) => crate::diff::unified(&diff_path(path), raw, fixed),
            _ => Vec::new(),
        },
        path: display,
        findings: outcome.findings,
        changed: outcome.fixed.is_some(),
        error: outcome.error,
        kept: None,
        line_changes: outcome.fixed.as_deref().map(|f| LineChanges::between(raw, f)).unwrap_or_default(),
    };
    if report.error.is_some() {
        report.changed = false;
    }
    (report, outcome.fixed)
}

/// The path in diff headers: relative to the current directory even when the user named the
/// file by an absolute path under it, because `git apply` rejects absolute paths.
fn diff_path(path: &std::path::Path) -> String {
    let relative = std::env::current_dir().ok().and_then(|cwd| {
        let rel = path.strip_prefix(cwd).ok()?;
        (!rel.as_os_str().is_empty()).then(|| rel.to_path_buf())
    });
    relative.as_deref().unwrap_or(path).to_string_lossy().into_owned()
}

/// 0: nothing left to do; 1: findings or changes remain; 2: an error.
pub fn exit_code(reports: &[FileReport], mode: Mode) -> i32 {
    if reports.iter().any(|r| r.error.is_some()) {
        return 2;
    }
    let remaining = match mode {
        Mode::Apply => reports.iter().any(|r| r.findings.iter().any(|f| !f.applied)),
        _ => reports.iter().any(|r| r.changed || !r.findings.is_empty()),
    };
    i32::from(remaining)
}
