//! Printing a run's results: findings as text (stderr) or JSON (stdout), and the summary.

use std::io::Write;

use serde::Serialize;

use crate::fix::FixKind;
use crate::run::{FileReport, Mode};

/// The text form editors and golangci-lint users parse: `path:line:col: rule: message`.
pub fn write_text(out: &mut dyn Write, reports: &[FileReport], mode: Mode) -> std::io::Result<()> {
    for r in reports {
        for f in &r.findings {
            if mode == Mode::Apply && f.applied {
                continue;
            }
            let note = match (f.fix, f.applied) {
                (_, true) => " (fixable)",
                (FixKind::Unsafe, false) => " (unsafe fix available with --unsafe-fixes)",
                _ => "",
            };
            writeln!(out, "{}:{}:{}: {}: {}{}", r.path, f.line, f.column, f.rule, f.message, note)?;
        }
    }
    Ok(())
}

/// Errors come last, by path, after every file has been processed.
pub fn write_errors(out: &mut dyn Write, reports: &[FileReport]) -> std::io::Result<()> {
    for r in reports {
        if let Some(e) = &r.error {
            match e.position {
                Some((line, col)) => writeln!(out, "{}:{line}:{col}: error: {}", r.path, e.message)?,
                None => writeln!(out, "{}: error: {}", r.path, e.message)?,
            }
        }
    }
    Ok(())
}

/// One line of totals for people.
pub fn write_summary(out: &mut dyn Write, reports: &[FileReport], mode: Mode) -> std::io::Result<()> {
    let findings: Vec<_> = reports.iter().flat_map(|r| &r.findings).collect();
    let fixed = findings.iter().filter(|f| f.applied).count();
    let left = findings.len() - fixed;
    let unsafe_left = findings.iter().filter(|f| !f.applied && f.fix == FixKind::Unsafe).count();
    let changed = reports.iter().filter(|r| r.changed).count();
    let errors = reports.iter().filter(|r| r.error.is_some()).count();
    if findings.is_empty() && errors == 0 {
        return writeln!(out, "defer-fix: no findings in {}", count(reports.len(), "file"));
    }
    let mut line = match mode {
        Mode::Apply => {
            format!("defer-fix: fixed {} in {}; {left} left", count(fixed, "finding"), count(changed, "file"))
        }
        _ => format!(
            "defer-fix: {}, {fixed} fixable; {} would change",
            count(findings.len(), "finding"),
            count(changed, "file")
        ),
    };
    if unsafe_left > 0 {
        line.push_str(&format!(
            " ({unsafe_left} with an unsafe fix: rerun with --unsafe-fixes after review)"
        ));
    }
    if errors > 0 {
        line.push_str(&format!("; {} with errors", count(errors, "file")));
    }
    writeln!(out, "{line}")
}

/// `1 file`, `2 files`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<JsonError<'a>>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    rule: &'a str,
    message: &'a str,
    fix: &'static str,
    applied: bool,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: String,
}

/// `{"version": 1, "findings": [...], "errors": [...]}` on one document.
pub fn write_json(out: &mut dyn Write, reports: &[FileReport]) -> std::io::Result<()> {
    let doc = JsonDocument {
        version: 1,
        findings: reports
            .iter()
            .flat_map(|r| {
                r.findings.iter().map(|f| JsonFinding {
                    path: &r.path,
                    line: f.line,
                    column: f.column,
                    end_line: f.end_line,
                    end_column: f.end_column,
                    rule: f.rule,
                    message: &f.message,
                    fix: f.fix.as_str(),
                    applied: f.applied,
                })
            })
            .collect(),
        errors: reports
            .iter()
            .filter_map(|r| {
                let e = r.error.as_ref()?;
                let message = match e.position {
                    Some((line, col)) => format!("{line}:{col}: {}", e.message),
                    None => e.message.clone(),
                };
                Some(JsonError { path: &r.path, message })
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
