//! Printing a run's results: one printer per output format, all reading the same reports.
//! Findings as text, and the summary, go to stderr; machine formats to stdout.

use std::collections::BTreeMap;
use std::io::Write;

mod github;
mod json;
mod markdown;
mod repo_paths;
mod sarif;

pub use github::write_github;
pub use json::{write_json, write_json_stdin};
pub use markdown::write_markdown;
pub use sarif::write_sarif;

use crate::fix::FixKind;
use crate::run::{FileReport, Mode};

/// The text form editors and golangci-lint users parse: `path:line:col: rule: message`.
/// `unsafe_fixes` says the run was already asked to apply unsafe fixes, so none is suggested.
pub fn write_text(
    out: &mut dyn Write,
    reports: &[FileReport],
    mode: Mode,
    paint: Paint,
    unsafe_fixes: bool,
) -> std::io::Result<()> {
    for r in reports {
        for f in &r.findings {
            if mode == Mode::Apply && f.applied {
                continue;
            }
            let note = match (f.fix, f.applied) {
                (_, true) => " (fixable)",
                (FixKind::Unsafe, false) if !unsafe_fixes => " (unsafe fix available with --unsafe-fixes)",
                _ => "",
            };
            let location = paint.bold(&format!("{}:{}:{}:", r.path, f.line, f.column));
            writeln!(out, "{location} {}: {}{}", paint.rule(f.rule), f.message, note)?;
        }
    }
    Ok(())
}

/// ANSI styles for a terminal, or plain text. Decided per stream: `--color auto` colours only
/// a terminal, and never when `NO_COLOR` is set.
#[derive(Clone, Copy, Debug, Default)]
pub struct Paint {
    enabled: bool,
}

impl Paint {
    pub fn new(enabled: bool) -> Self {
        Paint { enabled }
    }

    fn styled(&self, style: anstyle::Style, text: &str) -> String {
        if self.enabled {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    fn bold(&self, text: &str) -> String {
        self.styled(anstyle::Style::new().bold(), text)
    }

    fn rule(&self, text: &str) -> String {
        self.styled(anstyle::AnsiColor::Red.on_default().bold(), text)
    }

    /// A unified diff, coloured line by line. Uncoloured, the bytes are written as they are,
    /// so that `git apply` gets exactly what it needs.
    pub fn write_diff(&self, out: &mut dyn Write, diff: &[u8]) -> std::io::Result<()> {
        if !self.enabled {
            return out.write_all(diff);
        }
        for line in diff.split_inclusive(|&b| b == b'\n') {
            let style = if line.starts_with(b"---") || line.starts_with(b"+++") {
                anstyle::Style::new().bold()
            } else if line.starts_with(b"@@") {
                anstyle::AnsiColor::Cyan.on_default()
            } else if line.starts_with(b"-") {
                anstyle::AnsiColor::Red.on_default()
            } else if line.starts_with(b"+") {
                anstyle::AnsiColor::Green.on_default()
            } else {
                anstyle::Style::new()
            };
            let body = line.strip_suffix(b"\n").unwrap_or(line);
            write!(out, "{}", style.render())?;
            out.write_all(body)?;
            write!(out, "{}", style.render_reset())?;
            if body.len() < line.len() {
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    }
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

/// One line of totals for people; each count names what it counts.
pub fn write_summary(
    out: &mut dyn Write,
    reports: &[FileReport],
    mode: Mode,
    unsafe_fixes: bool,
) -> std::io::Result<()> {
    let findings: Vec<_> = reports.iter().flat_map(|r| &r.findings).collect();
    let fixed = findings.iter().filter(|f| f.applied).count();
    let left = findings.len() - fixed;
    let unsafe_left = findings.iter().filter(|f| !f.applied && f.fix == FixKind::Unsafe).count();
    let changed = reports.iter().filter(|r| r.changed).count();
    let errors = reports.iter().filter(|r| r.error.is_some()).count();
    if findings.is_empty() && errors == 0 {
        return writeln!(out, "defer-fix: no findings in {}", count(reports.len(), "file"));
    }
    // "(3 with an unsafe fix ...)" follows the findings it counts, never the files.
    let unsafe_note = match unsafe_left {
        0 => String::new(),
        n if unsafe_fixes => format!(" ({n} with an unsafe fix not applied)"),
        n => format!(" ({n} with an unsafe fix: rerun with --unsafe-fixes after review)"),
    };
    let mut line = match mode {
        Mode::Apply => format!(
            "defer-fix: fixed {} in {}; {left} left{unsafe_note}",
            count(fixed, "finding"),
            count(changed, "file")
        ),
        _ => format!(
            "defer-fix: {}, {fixed} fixable{unsafe_note}; {} would change",
            count(findings.len(), "finding"),
            count(changed, "file")
        ),
    };
    if errors > 0 {
        line.push_str(&format!("; {} with errors", count(errors, "file")));
    }
    writeln!(out, "{line}")
}

/// `1 file`, `2 files`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// Found, fixed and left, per rule, in rule-name order.
pub(crate) fn per_rule(reports: &[FileReport]) -> BTreeMap<&'static str, (usize, usize, usize)> {
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for f in reports.iter().flat_map(|r| &r.findings) {
        let entry = counts.entry(f.rule).or_default();
        entry.0 += 1;
        if f.applied {
            entry.1 += 1;
        } else {
            entry.2 += 1;
        }
    }
    counts
}

/// `--statistics`: found, fixed and left per rule.
pub fn write_statistics(out: &mut dyn Write, reports: &[FileReport]) -> std::io::Result<()> {
    let counts = per_rule(reports);
    let width = counts.keys().map(|r| r.len()).max().unwrap_or(4).max(4);
    writeln!(out, "{:width$}  {:>5}  {:>5}  {:>5}", "rule", "found", "fixed", "left")?;
    for (rule, (found, fixed, left)) in &counts {
        writeln!(out, "{rule:width$}  {found:>5}  {fixed:>5}  {left:>5}")?;
    }
    Ok(())
}
