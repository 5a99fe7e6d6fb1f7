//! `--format markdown`: a pull-request body for a bot that runs defer-fix and opens a PR with
//! the changes: what was fixed, what needs a human, counts per rule, what each rule is about.
//!
//! GitHub refuses a body over 65,536 characters, so long lists are cut to fit, each saying
//! exactly how many entries it left out; headings and the table always count everything.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

use super::{count, per_rule};
use crate::diff::LineChanges;
use crate::docs;
use crate::run::{FileReport, Mode};

/// The most characters GitHub accepts in a pull-request body.
pub const LIMIT: usize = 65_536;

/// Lists longer than this are folded into `<details>`.
const FOLD: usize = 10;

/// In-place runs describe the change they made; checks describe the change they would make.
pub fn write_markdown(out: &mut dyn Write, reports: &[FileReport], mode: Mode) -> std::io::Result<()> {
    out.write_all(body(reports, mode, LIMIT).as_bytes())
}

/// A list under a heading; its entries are what may be cut.
struct List {
    /// Written before the entries: a heading, or the message shared by a group of errors.
    head: String,
    /// What an entry is, to count them: "finding", "file".
    noun: &'static str,
    entries: Vec<String>,
    /// How many entries fit; set when the body is laid out.
    shown: usize,
}

impl List {
    fn render(&self, out: &mut String) {
        out.push_str(&self.head);
        let total = self.entries.len();
        let folded = total > FOLD;
        if folded {
            let _ = write!(out, "<details><summary>{}</summary>\n\n", count(total, self.noun));
        }
        for entry in &self.entries[..self.shown] {
            out.push_str(entry);
        }
        if self.shown < total {
            let _ = writeln!(
                out,
                "- … and {} more, not listed: a pull-request body holds at most {LIMIT} characters; `defer-fix --check` lists them all",
                total - self.shown
            );
        }
        if folded {
            out.push_str("\n</details>\n");
        }
    }

    fn entries_len(&self) -> usize {
        self.entries.iter().map(|e| e.chars().count()).sum()
    }
}

/// The body, at most `limit` characters.
fn body(reports: &[FileReport], mode: Mode, limit: usize) -> String {
    let (fixed_words, changed_words, fixed_title) = match mode {
        Mode::Apply => ("fixed** by this change", "changed", "Fixed"),
        _ => ("fixable** by running defer-fix", "would change", "Fixable"),
    };
    let findings: Vec<_> = reports.iter().flat_map(|r| r.findings.iter().map(move |f| (r, f))).collect();
    let fixed = findings.iter().filter(|(_, f)| f.applied).count();
    let left = findings.len() - fixed;
    let changed = reports.iter().filter(|r| r.changed).count();
    let errors: Vec<_> = reports.iter().filter_map(|r| r.error.as_ref().map(|e| (r, e))).collect();

    let mut head = String::from("## defer-fix\n\n");
    if findings.is_empty() && errors.is_empty() {
        let _ = writeln!(head, "No unsafe uses of `defer` found in {}.", count(reports.len(), "file"));
        return head;
    }
    let _ = writeln!(
        head,
        "defer-fix found {} in {}: **{fixed} {fixed_words}, **{left} left** for a human.",
        count(findings.len(), "finding"),
        count(reports.iter().filter(|r| !r.findings.is_empty()).count(), "file"),
    );
    let _ = writeln!(head, "{} {changed_words}.", count(changed, "file"));
    let mut lines = LineChanges::default();
    reports.iter().filter(|r| r.changed).for_each(|r| lines.add(r.line_changes));
    if lines.mostly_reindented() {
        let _ = write!(
            head,
            "\n> Most of this diff is re-indentation (code moved into function literals): with whitespace hidden (*Hide whitespace* in the diff settings, or `?w=1` in its address) {} of its {} changed lines remain.\n",
            lines.changed_ignoring_whitespace, lines.changed
        );
    }
    let rules = per_rule(reports);
    if !rules.is_empty() {
        head.push_str("\n| rule | found | fixed | left |\n|---|---:|---:|---:|\n");
        for (rule, (found, fixed, left)) in &rules {
            let _ = writeln!(head, "| [`{rule}`](#{rule}) | {found} | {fixed} | {left} |");
        }
    }

    let mut lists = Vec::new();
    for (title, applied) in [(fixed_title, true), ("Needs a human", false)] {
        let entries: Vec<String> = findings
            .iter()
            .filter(|(_, f)| f.applied == applied)
            .map(|(r, f)| {
                let message = f.message.replace('\n', " ");
                format!("- `{}:{}` **{}**: {}\n", r.path, f.line, f.rule, message)
            })
            .collect();
        if !entries.is_empty() {
            let head = format!("\n### {title} ({})\n\n", entries.len());
            lists.push(List { head, noun: "finding", entries, shown: 0 });
        }
    }
    // Errors grouped by message: the same parse failure in many files is one entry to read.
    let mut by_message: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (r, e) in &errors {
        let position = match e.position {
            Some((line, col)) => format!("- `{}:{line}:{col}`\n", r.path),
            None => format!("- `{}`\n", r.path),
        };
        by_message.entry(e.message.as_str()).or_default().push(position);
    }
    for (i, (message, entries)) in by_message.into_iter().enumerate() {
        let mut head = String::new();
        if i == 0 {
            let _ = write!(head, "\n### Not processed ({})\n", count(errors.len(), "file"));
        }
        let _ = write!(head, "\n{} ({}):\n\n", message.replace('\n', " "), count(entries.len(), "file"));
        lists.push(List { head, noun: "file", entries, shown: 0 });
    }

    let mut tail = String::new();
    if !rules.is_empty() {
        tail.push_str("\n### Rules\n");
        for rule in rules.keys() {
            let _ = write!(tail, "\n#### {rule}\n\n");
            for heading in ["What it detects", "Why it matters"] {
                if let Some(text) = docs::paragraph(rule, heading) {
                    let _ = write!(tail, "**{heading}.** {text}\n\n");
                }
            }
            let _ = writeln!(
                tail,
                "The fix and its safety: `defer-fix rule {rule}` ({} in defer-fix's source).",
                docs::path(rule)
            );
        }
    }
    tail.push_str(
        "\nEach fix keeps the program's behaviour apart from the bug; unsafe fixes (not applied by default) and findings without a fix are listed under *Needs a human*.\n",
    );

    lay_out(&mut lists, head.chars().count() + tail.chars().count(), limit);
    let mut out = head;
    for list in &lists {
        list.render(&mut out);
    }
    out.push_str(&tail);
    out
}

/// Decides how many entries of each list are shown so that the body fits in `limit`: every
/// list gets an equal share of the room, and what a short list leaves goes to the others.
fn lay_out(lists: &mut [List], fixed: usize, limit: usize) {
    for list in lists.iter_mut() {
        list.shown = list.entries.len();
    }
    // Each list's heading, with room for its fold and its "… and N more" line.
    let frame: usize = lists.iter().map(|l| l.head.chars().count() + 300).sum();
    let room = limit.saturating_sub(fixed + frame);
    if lists.iter().map(List::entries_len).sum::<usize>() <= room {
        return;
    }
    let mut order: Vec<usize> = (0..lists.len()).collect();
    order.sort_by_key(|&i| lists[i].entries_len());
    let mut left = room;
    for (k, &i) in order.iter().enumerate() {
        let share = left / (order.len() - k);
        let mut used = 0;
        let mut shown = 0;
        for entry in &lists[i].entries {
            let len = entry.chars().count();
            if used + len > share {
                break;
            }
            used += len;
            shown += 1;
        }
        lists[i].shown = shown;
        left -= used;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{FileError, Reported};
    use crate::fix::FixKind;

    fn finding(line: usize, applied: bool) -> Reported {
        Reported {
            rule: "loop-defer",
            line,
            column: 3,
            end_line: line,
            end_column: 18,
            message:
                "defer in loop runs only when f returns; each iteration's resources stay open until then"
                    .into(),
            fix: FixKind::Safe,
            applied,
            char_columns: (3, 18),
            edits: Vec::new(),
            fingerprint: 0,
        }
    }

    fn report(path: String, findings: Vec<Reported>, error: Option<FileError>) -> FileReport {
        FileReport {
            path,
            changed: findings.iter().any(|f| f.applied),
            findings,
            diff: Vec::new(),
            error,
            kept: None,
            line_changes: LineChanges { changed: 10, changed_ignoring_whitespace: 3 },
        }
    }

    /// Go's src at the size that made a 96,588-character body: thousands of findings.
    fn many() -> Vec<FileReport> {
        let mut reports: Vec<FileReport> = (0..800)
            .map(|i| {
                report(
                    format!("src/pkg{i:03}/file.go"),
                    (1..=4).map(|l| finding(l * 10, l % 2 == 0)).collect(),
                    None,
                )
            })
            .collect();
        for i in 0..300 {
            let error =
                FileError { position: Some((i + 1, 5)), message: "cannot parse the file here".into() };
            reports.push(report(format!("src/bad{i:03}.go"), Vec::new(), Some(error)));
        }
        reports
    }

    #[test]
    fn a_long_body_is_cut_to_the_limit_with_exact_counts() {
        let reports = many();
        let full = body(&reports, Mode::Apply, usize::MAX);
        assert!(full.chars().count() > LIMIT, "the sample must overflow: {}", full.chars().count());
        let cut = body(&reports, Mode::Apply, LIMIT);
        assert!(cut.chars().count() <= LIMIT, "{}", cut.chars().count());
        assert!(cut.chars().count() > LIMIT - 2_000, "the room is used: {}", cut.chars().count());
        for (heading, total) in [("### Fixed (1600)", 1600), ("### Needs a human (1600)", 1600)] {
            let section = &cut[cut.find(heading).expect(heading)..];
            let section = &section[..section[4..].find("\n### ").map_or(section.len(), |e| e + 4)];
            let listed = section.lines().filter(|l| l.starts_with("- `")).count();
            let more: usize = section
                .lines()
                .find_map(|l| l.strip_prefix("- … and ")?.split(' ').next()?.parse().ok())
                .expect("a count of what was left out");
            assert_eq!(listed + more, total, "{heading}");
            assert!(listed > 50, "{heading}: {listed} listed");
        }
        assert!(cut.contains(
            "\ncannot parse the file here (300 files):\n\n<details><summary>300 files</summary>\n"
        ));
        assert!(cut.contains("| [`loop-defer`](#loop-defer) | 3200 | 1600 | 1600 |"));
        assert!(cut.contains("\n#### loop-defer\n"), "the rules section is kept");
    }

    #[test]
    fn short_lists_are_not_folded_and_nothing_is_cut() {
        let reports = vec![report("a.go".into(), vec![finding(3, true), finding(9, false)], None)];
        let text = body(&reports, Mode::Apply, LIMIT);
        assert!(!text.contains("<details>") && !text.contains("… and"), "{text}");
        assert!(text.contains("`?w=1` in its address) 3 of its 10 changed lines remain.\n"), "{text}");
    }
}
