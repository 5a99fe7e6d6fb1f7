//! `--format markdown`: a pull-request body for a bot that runs defer-fix and opens a PR with
//! the changes: what was fixed, what needs a human, counts per rule.

use std::io::Write;

use super::{count, per_rule};
use crate::run::{FileReport, Mode};

/// In-place runs describe the change they made; checks describe the change they would make.
pub fn write_markdown(out: &mut dyn Write, reports: &[FileReport], mode: Mode) -> std::io::Result<()> {
    let (fixed_words, changed_words, fixed_title) = match mode {
        Mode::Apply => ("fixed** by this change", "changed", "Fixed"),
        _ => ("fixable** by running defer-fix", "would change", "Fixable"),
    };
    let findings: Vec<_> = reports.iter().flat_map(|r| r.findings.iter().map(move |f| (r, f))).collect();
    let fixed = findings.iter().filter(|(_, f)| f.applied).count();
    let left = findings.len() - fixed;
    let changed = reports.iter().filter(|r| r.changed).count();
    writeln!(out, "## defer-fix")?;
    writeln!(out)?;
    if findings.is_empty() {
        writeln!(out, "No unsafe uses of `defer` found in {}.", count(reports.len(), "file"))?;
        return Ok(());
    }
    writeln!(
        out,
        "defer-fix found {} in {}: **{fixed} {fixed_words}, **{left} left** for a human.",
        count(findings.len(), "finding"),
        count(reports.iter().filter(|r| !r.findings.is_empty()).count(), "file"),
    )?;
    writeln!(out, "{} {changed_words}.", count(changed, "file"))?;
    writeln!(out)?;
    writeln!(out, "| rule | found | fixed | left |")?;
    writeln!(out, "|---|---:|---:|---:|")?;
    for (rule, (found, fixed, left)) in per_rule(reports) {
        writeln!(out, "| `{rule}` | {found} | {fixed} | {left} |")?;
    }
    for (title, applied) in [(fixed_title, true), ("Needs a human", false)] {
        let rows: Vec<_> = findings.iter().filter(|(_, f)| f.applied == applied).collect();
        if rows.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "### {title}")?;
        writeln!(out)?;
        for (r, f) in rows {
            let message = f.message.replace('|', "\\|").replace('\n', " ");
            writeln!(out, "- `{}:{}` **{}**: {}", r.path, f.line, f.rule, message)?;
        }
    }
    let errors: Vec<_> = reports.iter().filter_map(|r| r.error.as_ref().map(|e| (r, e))).collect();
    if !errors.is_empty() {
        writeln!(out)?;
        writeln!(out, "### Not processed")?;
        writeln!(out)?;
        for (r, e) in errors {
            writeln!(out, "- `{}`: {}", r.path, e.message)?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Each fix keeps the program's behaviour apart from the bug; unsafe fixes (not applied by default) and findings without a fix are listed under *Needs a human*."
    )?;
    Ok(())
}
