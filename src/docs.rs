//! Each rule's documentation, built into the binary from `transforms/<rule>/README.md`, the
//! pages the README's rule table links to: `defer-fix rule NAME` prints it, SARIF carries it
//! as each rule's `help`, and Markdown reports quote what it detects and why.

use crate::suppress;

/// Every rule's page, by rule name: the transforms' and the suppression checks'.
const PAGES: &[(&str, &str)] = &[
    ("loop-defer", include_str!("../transforms/loop-defer/README.md")),
    ("loop-capture", include_str!("../transforms/loop-capture/README.md")),
    ("defer-recover", include_str!("../transforms/defer-recover/README.md")),
    ("eager-defer-args", include_str!("../transforms/eager-defer-args/README.md")),
    ("defer-func-result", include_str!("../transforms/defer-func-result/README.md")),
    ("close-before-check", include_str!("../transforms/close-before-check/README.md")),
    ("deferred-result-lost", include_str!("../transforms/deferred-result-lost/README.md")),
    ("close-error-dropped", include_str!("../transforms/close-error-dropped/README.md")),
    ("deferred-error-overwrite", include_str!("../transforms/deferred-error-overwrite/README.md")),
    ("exit-after-defer", include_str!("../transforms/exit-after-defer/README.md")),
    ("wg-done-outside-goroutine", include_str!("../transforms/wg-done-outside-goroutine/README.md")),
    ("lost-cancel", include_str!("../transforms/lost-cancel/README.md")),
    ("deferred-lock", include_str!("../transforms/deferred-lock/README.md")),
    ("waitgroup-add-in-goroutine", include_str!("../transforms/waitgroup-add-in-goroutine/README.md")),
    ("resource-never-released", include_str!("../transforms/resource-never-released/README.md")),
    (suppress::UNUSED, UNUSED_SUPPRESSION),
    (suppress::NO_REASON, SUPPRESSION_WITHOUT_REASON),
];

const UNUSED_SUPPRESSION: &str = "# unused-suppression

**What it detects.** With `--check`: a `//nolint:deferfix` or `//deferfix:ignore RULE` comment
that suppresses no finding.

**Why it matters.** A suppression left behind after the code was fixed hides the next finding
on that line, the one nobody has triaged.

## Fix safety

**No fix.** Remove the comment, or name the rule it was meant for. Not reported when
`--select` or `--ignore` narrows the rules, since the comment may be for a rule not run.
";

const SUPPRESSION_WITHOUT_REASON: &str = "# suppression-without-reason

**What it detects.** A `//deferfix:ignore RULE` comment without a reason after the rule names.

**Why it matters.** A suppression is a decision someone made about the code; without the reason
the next reader cannot tell whether it still holds.

## Fix safety

**No fix.** Write the reason after the rule names: `//deferfix:ignore loop-defer one file per
run, closed at exit`.
";

/// The names of every documented rule, in the order `defer-fix rule --all` prints them.
pub fn names() -> impl Iterator<Item = &'static str> {
    PAGES.iter().map(|(name, _)| *name)
}

/// The rule's page, in Markdown.
pub fn page(rule: &str) -> Option<&'static str> {
    PAGES.iter().find(|(name, _)| *name == rule).map(|(_, page)| *page)
}

/// The paragraph that starts with `**HEADING.**`, with the heading and line breaks removed:
/// "What it detects", "Why it matters".
pub fn paragraph(rule: &str, heading: &str) -> Option<String> {
    let page = page(rule)?;
    let start = page.find(&format!("**{heading}.** "))? + heading.len() + 6;
    let text = &page[start..];
    let end = text.find("\n\n").unwrap_or(text.len());
    Some(text[..end].split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The page's path in defer-fix's source tree. There is no public repository to link to, so
/// reports point at the path (and `defer-fix rule NAME`), which exist wherever the source is.
pub fn path(rule: &str) -> String {
    if crate::transforms::by_name(rule).is_some() {
        format!("transforms/{rule}/README.md")
    } else {
        "README.md#suppressions".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_page_with_what_why_and_fix_safety() {
        let mut rules: Vec<&str> = crate::transforms::all().iter().map(|t| t.name()).collect();
        rules.extend([suppress::UNUSED, suppress::NO_REASON]);
        assert_eq!(names().collect::<Vec<_>>(), rules);
        for rule in rules {
            let page = page(rule).unwrap();
            assert!(page.starts_with(&format!("# {rule}\n")), "{rule}'s page starts with its name");
            assert!(paragraph(rule, "What it detects").is_some_and(|p| p.len() > 20), "{rule}");
            assert!(paragraph(rule, "Why it matters").is_some_and(|p| p.len() > 20), "{rule}");
            assert!(page.contains("\n## Fix safety\n"), "{rule}");
        }
    }

    #[test]
    fn paragraphs_are_one_line() {
        let why = paragraph("loop-defer", "Why it matters").unwrap();
        assert!(
            why.starts_with("Deferred calls run when the function returns, not at the end of the iteration,")
        );
        assert!(!why.contains('\n'));
    }
}
