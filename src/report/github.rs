//! `--format github`: GitHub Actions workflow commands, one annotation per finding, shown on
//! the pull request's diff.

use std::io::Write;

use super::repo_paths::RepoRoot;
use crate::run::{FileReport, Mode};

/// Escapes the message part of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (file, title): also `:` and `,`, which separate properties.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// In-place runs annotate what they left; checks annotate every finding.
/// Files are named relative to the repository root, where the runner resolves them, and
/// absolute when outside it.
pub fn write_github(out: &mut dyn Write, reports: &[FileReport], mode: Mode) -> std::io::Result<()> {
    let root = RepoRoot::discover();
    for r in reports {
        let file = root.relative(&r.path).unwrap_or_else(|| r.path.clone());
        for f in r.findings.iter().filter(|f| mode != Mode::Apply || !f.applied) {
            writeln!(
                out,
                "::warning file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&file),
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                escape_property(&format!("defer-fix {}", f.rule)),
                escape_data(&f.message)
            )?;
        }
        if let Some(e) = &r.error {
            let (line, col) = e.position.unwrap_or((1, 1));
            writeln!(
                out,
                "::error file={},line={line},col={col},title=defer-fix::{}",
                escape_property(&file),
                escape_data(&e.message)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_requires() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
