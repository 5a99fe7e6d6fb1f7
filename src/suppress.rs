//! Suppression comments, in the two forms Go users know:
//! - `//nolint:deferfix` (golangci-lint style; alone, in a list such as
//!   `//nolint:errcheck,deferfix`, as `//nolint:all`, or a bare `//nolint`);
//! - `//deferfix:ignore RULE[,RULE...] reason` (a Go directive: no space after `//`).
//!
//! A directive on the same line as a finding, or alone on the line above it, suppresses it;
//! a `//nolint` alone on its line covers all of the statement or declaration below it that
//! starts in its column, as golangci-lint's does.
//! A `//deferfix:ignore` without a reason is reported, and so is a directive that names
//! defer-fix but suppresses nothing (with `--check`), as ruff does with unused `noqa`.
//!
//! A `//nolint:` naming the peer linter whose check a rule mirrors suppresses that rule too
//! (`PEERS`): maintainers who triaged a finding for the linter they run should not triage it
//! again. Such a directive belongs to the peer, so it is never reported as unused. The list
//! is read as golangci-lint reads it: names separated by commas, with spaces around them or
//! not, in any case, up to a trailing `// reason`.

use crate::syntax::KindName;
use tree_sitter::{Node, Tree};

use crate::fix::Finding;
use crate::syntax;

/// The peer linters, by golangci-lint's names, and the rules of ours whose checks they have
/// too: go-critic (exitAfterDefer, deferInLoop), go vet (lostcancel, loopclosure, defers,
/// waitgroup), staticcheck (SA5001, SA9010, SA2003, and SA5003, SA9001: defers in endless and
/// channel loops), revive (defer), bodyclose and sqlclosecheck (a response body, rows or a
/// statement never closed; rowserrcheck, which the issue names too, checks `rows.Err()`,
/// another finding).
pub const PEERS: &[(&str, &[&str])] = &[
    ("gocritic", &["exit-after-defer", "loop-defer"]),
    ("govet", &["lost-cancel", "loop-capture", "eager-defer-args", "waitgroup-add-in-goroutine"]),
    ("staticcheck", &["close-before-check", "defer-func-result", "loop-defer", "deferred-lock"]),
    ("revive", &["defer-recover"]),
    ("bodyclose", &["resource-never-released"]),
    ("sqlclosecheck", &["resource-never-released"]),
];

/// Rule names of the findings about suppressions themselves.
pub const UNUSED: &str = "unused-suppression";
pub const NO_REASON: &str = "suppression-without-reason";

#[derive(Debug)]
struct Directive {
    /// The comment's byte range.
    start: usize,
    end: usize,
    /// Bytes of the line(s) whose findings it suppresses.
    covers: (usize, usize),
    /// None: every rule.
    rules: Option<Vec<String>>,
    /// Names defer-fix explicitly, so an unused one is worth reporting.
    explicit: bool,
    missing_reason: bool,
    used: bool,
    spelled: String,
}

/// The directives of one version of a file.
#[derive(Debug, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
}

impl Suppressions {
    pub fn parse(src: &[u8], tree: &Tree) -> Self {
        let mut directives = Vec::new();
        for marker in [&b"//nolint"[..], b"//deferfix:ignore"] {
            for at in memchr::memmem::find_iter(src, marker) {
                let root = tree.root_node();
                let Some(comment) = root.descendant_for_byte_range(at, at + marker.len()) else { continue };
                if comment.kind_name() != "comment" || comment.start_byte() != at {
                    continue;
                }
                if let Some(d) = directive(comment, src) {
                    directives.push(d);
                }
            }
        }
        directives.sort_by_key(|d| d.start);
        Suppressions { directives }
    }

    /// Drops the findings a directive covers, remembering which directives were used.
    pub fn filter(&mut self, findings: &mut Vec<Finding>) {
        if self.directives.is_empty() {
            return;
        }
        findings.retain(|f| {
            let by = self.directives.iter_mut().find(|d| {
                d.covers.0 <= f.start
                    && f.start < d.covers.1
                    && d.rules.as_ref().is_none_or(|rules| rules.iter().any(|r| r == f.rule || r == "all"))
            });
            match by {
                Some(d) => {
                    d.used = true;
                    false
                }
                None => true,
            }
        });
    }

    /// Findings about the directives: a missing reason, and (when asked) directives that
    /// name defer-fix but suppressed nothing.
    pub fn problems(&self, report_unused: bool) -> Vec<Finding> {
        let mut out = Vec::new();
        for d in &self.directives {
            if d.missing_reason {
                out.push(Finding {
                    rule: NO_REASON,
                    start: d.start,
                    end: d.end,
                    message: format!("`{}` gives no reason; say why the finding is not a bug", d.spelled),
                    fix: None,
                });
            }
            if report_unused && d.explicit && !d.used {
                out.push(Finding {
                    rule: UNUSED,
                    start: d.start,
                    end: d.end,
                    message: format!("`{}` suppresses nothing here; remove it", d.spelled),
                    fix: None,
                });
            }
        }
        out
    }
}

/// Reads one comment as a directive, if it is one.
fn directive(comment: Node, src: &[u8]) -> Option<Directive> {
    let text = syntax::text(comment, src).trim_end();
    let (rules, explicit, missing_reason) = if let Some(rest) = text.strip_prefix("//nolint") {
        match rest.strip_prefix(':') {
            Some(list) => {
                let list = list.split("//").next().unwrap_or("");
                let names: Vec<String> = list.split(',').map(|n| n.trim().to_ascii_lowercase()).collect();
                if names.iter().any(|n| n == "deferfix") {
                    (None, true, false)
                } else if names.iter().any(|n| n == "all") {
                    (None, false, false)
                } else {
                    let peers: Vec<String> = PEERS
                        .iter()
                        .filter(|(peer, _)| names.iter().any(|n| n == peer))
                        .flat_map(|(_, rules)| rules.iter().map(|r| r.to_string()))
                        .collect();
                    if peers.is_empty() {
                        return None;
                    }
                    (Some(peers), false, false)
                }
            }
            None if rest.is_empty() || rest.starts_with([' ', '\t']) => (None, false, false),
            None => return None,
        }
    } else {
        let rest = text.strip_prefix("//deferfix:ignore")?;
        if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            return None;
        }
        let mut words = rest.split_whitespace();
        let rules: Vec<String> =
            words.next().map(|r| r.split(',').map(str::to_string).collect()).unwrap_or_default();
        let has_reason = words.next().is_some();
        let rules = if rules.is_empty() { None } else { Some(rules) };
        (rules, true, !has_reason)
    };
    let line = syntax::line_start(src, comment.start_byte());
    let alone = src[line..comment.start_byte()].iter().all(|b| matches!(b, b' ' | b'\t'));
    let line_end = |from: usize| memchr::memchr(b'\n', &src[from..]).map_or(src.len(), |i| from + i + 1);
    let own_line_end = line_end(comment.start_byte());
    // Alone on its line it speaks of the next line; after code, of its own.
    let mut covers =
        if alone { (own_line_end, line_end(own_line_end.min(src.len()))) } else { (line, own_line_end) };
    // golangci-lint: a //nolint alone on its line above a statement or declaration that starts
    // in its column covers all of it (above a func, the whole function).
    if alone && text.starts_with("//nolint") {
        let column = comment.start_byte() - line;
        let start = own_line_end + column;
        let starts_there =
            src.get(own_line_end..start).is_some_and(|indent| indent == &src[line..comment.start_byte()]);
        if starts_there
            && let Some(mut node) = comment.parent().and_then(|p| p.descendant_for_byte_range(start, start))
        {
            // A statement list may start with the statement; it is not one.
            while let Some(parent) = node.parent().filter(|p| {
                p.start_byte() == start
                    && !matches!(p.kind_name(), "statement_list" | "block" | "source_file")
            }) {
                node = parent;
            }
            if node.start_byte() == start {
                covers.1 = covers.1.max(node.end_byte());
            }
        }
    }
    Some(Directive {
        start: comment.start_byte(),
        end: comment.end_byte(),
        covers,
        rules,
        explicit,
        missing_reason,
        used: false,
        spelled: text.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(src: &str, needle: &str, rule: &'static str) -> Finding {
        let start = src.find(needle).unwrap();
        Finding { rule, start, end: start + needle.len(), message: String::new(), fix: None }
    }

    fn parse(src: &str) -> (Tree, Suppressions) {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        let tree = parser.parse(src, None).unwrap();
        let s = Suppressions::parse(src.as_bytes(), &tree);
        (tree, s)
    }

    #[test]
    fn each_form_suppresses_its_line_or_the_next() {
        let src = "package p\n\nfunc f() {\n\tdefer a() //nolint:errcheck,deferfix // closes later\n\t//deferfix:ignore loop-defer we stack on purpose\n\tdefer b()\n\tdefer c() //nolint\n\tdefer d() //nolint:errcheck\n\ts := \"//nolint:deferfix\"\n\tdefer e() // s\n}\n";
        let (_t, mut s) = parse(src);
        let mut findings: Vec<Finding> = ["defer a()", "defer b()", "defer c()", "defer d()", "defer e()"]
            .iter()
            .map(|n| finding(src, n, "loop-defer"))
            .collect();
        s.filter(&mut findings);
        let left: Vec<usize> = findings.iter().map(|f| f.start).collect();
        assert_eq!(left, [src.find("defer d()").unwrap(), src.find("defer e()").unwrap()]);
        assert!(s.problems(true).is_empty(), "{:?}", s.problems(true));
    }

    #[test]
    fn peer_linters_suppress_the_rules_they_mirror() {
        let src = "package p\n\nfunc f() {\n\tos.Exit(1) //nolint:gocritic // exitAfterDefer: srv.Close() already called above\n\t//nolint:errcheck, GoVet\n\tdefer cancel()\n\tdefer g() //nolint:staticcheck\n\tdefer h() //nolint:revive,\n\tdefer k() //nolint:errcheck // deferfix is only in the reason\n}\n";
        let (_t, mut s) = parse(src);
        let mut findings = vec![
            finding(src, "os.Exit(1)", "exit-after-defer"),
            finding(src, "os.Exit(1)", "close-before-check"),
            finding(src, "defer cancel()", "lost-cancel"),
            finding(src, "defer cancel()", "loop-defer"),
            finding(src, "defer g()", "defer-func-result"),
            finding(src, "defer h()", "defer-recover"),
            finding(src, "defer k()", "loop-defer"),
        ];
        s.filter(&mut findings);
        let left: Vec<&str> = findings.iter().map(|f| f.rule).collect();
        assert_eq!(left, ["close-before-check", "loop-defer", "loop-defer"], "only the peers' rules go");
        assert!(s.problems(true).is_empty(), "peer directives are never unused: {:?}", s.problems(true));
    }

    #[test]
    fn a_peer_directive_that_suppresses_nothing_is_not_reported() {
        let src = "package p\n\nfunc f() {\n\tdefer a() //nolint:gocritic // hugeParam, not ours\n\tdefer b() //nolint:gocritic,deferfix // one of ours\n}\n";
        let (_t, mut s) = parse(src);
        s.filter(&mut Vec::new());
        let unused: Vec<&str> = s.problems(true).iter().map(|p| &src[p.start..p.end]).collect();
        assert_eq!(unused, ["//nolint:gocritic,deferfix // one of ours"]);
    }

    #[test]
    fn a_nolint_above_a_statement_or_declaration_covers_all_of_it() {
        let src = "package p\n\n//nolint:gocritic // a one-shot tool\nfunc main() {\n\tdefer a()\n\tos.Exit(1)\n}\n\nfunc g() {\n\t//nolint:deferfix\n\tfor {\n\t\tdefer b()\n\t}\n\t//deferfix:ignore loop-defer only the next line\n\tfor {\n\t\tdefer c()\n\t}\n\t\t//nolint:deferfix\n\tfor {\n\t\tdefer d()\n\t}\n}\n";
        let (_t, mut s) = parse(src);
        let mut findings = vec![
            finding(src, "os.Exit(1)", "exit-after-defer"),
            finding(src, "defer b()", "loop-defer"),
            finding(src, "defer c()", "loop-defer"),
            finding(src, "defer d()", "loop-defer"),
        ];
        s.filter(&mut findings);
        let left: Vec<&str> = findings.iter().map(|f| &src[f.start..f.end]).collect();
        // The last directive is not in the loop's column: golangci-lint does not expand it.
        assert_eq!(left, ["defer c()", "defer d()"]);
    }

    #[test]
    fn other_rules_pass_and_problems_are_reported() {
        let src = "package p\n\nfunc f() {\n\t//deferfix:ignore close-before-check\n\tdefer b()\n\tdefer c() //nolint:deferfix\n}\n";
        let (_t, mut s) = parse(src);
        let mut findings = vec![finding(src, "defer b()", "loop-defer")];
        s.filter(&mut findings);
        assert_eq!(findings.len(), 1, "a directive for another rule does not suppress");
        let problems: Vec<&str> = s.problems(true).iter().map(|p| p.rule).collect();
        assert_eq!(problems, [NO_REASON, UNUSED, UNUSED]);
        assert_eq!(s.problems(false).len(), 1, "unused directives only with --check");
    }
}
