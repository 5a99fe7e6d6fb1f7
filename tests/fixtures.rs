//! Every Go fixture under `transforms/<rule>/cases/` is run through the engine with its own
//! rule (and the rules a `// rules: a, b` directive names, for what one rule makes of
//! another's output): the findings and the diff are snapshotted (snapshots/), a second run must change
//! nothing, and the Go toolchain judges the result: gofmt-clean, `go vet` clean, and for
//! programs with `// Output:` blocks, the right output before and after the fix.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use defer_fix::engine::{Options, Outcome, process};
use defer_fix::langver::GoVersion;
use defer_fix::transforms;

struct Case {
    rule: String,
    name: String,
    source: Vec<u8>,
    go_version: String,
    unsafe_fixes: bool,
    /// Flags for `go vet` of this case (`// vet: -lostcancel=false`): a report-only finding
    /// that vet reports too stays in the fixed program.
    vet_flags: Vec<String>,
    /// Other rules run with the case's own (`// rules: close-error-dropped`), to check what
    /// one rule makes of another's output in the engine's fixpoint, as a run with every rule
    /// does.
    with_rules: Vec<String>,
}

impl Case {
    fn directive(source: &str, key: &str) -> Option<String> {
        source
            .lines()
            .take_while(|l| !l.starts_with("package "))
            .find_map(|l| l.strip_prefix(&format!("// {key}:")).map(|v| v.trim().to_string()))
    }

    fn load(path: &Path) -> Case {
        let source = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&source).into_owned();
        Case {
            rule: path
                .parent()
                .unwrap()
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned(),
            name: path.file_stem().unwrap().to_string_lossy().into_owned(),
            go_version: Case::directive(&text, "go-version").unwrap_or_else(|| "1.21".to_string()),
            unsafe_fixes: Case::directive(&text, "flags").is_some_and(|f| f.contains("--unsafe-fixes")),
            vet_flags: Case::directive(&text, "vet")
                .map(|v| v.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
            with_rules: Case::directive(&text, "rules")
                .map(|v| v.split(',').map(|r| r.trim().to_string()).collect())
                .unwrap_or_default(),
            source,
        }
    }

    /// Case names repeat across rules; the package directory (and binary) must not.
    fn package_dir(&self) -> String {
        format!("{}__{}", self.rule, self.name)
    }

    fn run(&self, source: &[u8]) -> Outcome {
        for name in std::iter::once(&self.rule).chain(&self.with_rules) {
            assert!(transforms::by_name(name).is_some(), "{}: no rule named {name}", self.name);
        }
        let wanted = |name: &str| name == self.rule || self.with_rules.iter().any(|r| r == name);
        let options = Options {
            // In the order every run uses.
            transforms: transforms::all().into_iter().filter(|t| wanted(t.name())).collect(),
            unsafe_fixes: self.unsafe_fixes,
            apply_fixes: true,
            report_unused_suppressions: false,
            changed: None,
        };
        let version = GoVersion::parse(&self.go_version).expect("go-version directive");
        process(source, Some(version), None, &options)
    }

    fn fixed(&self) -> Vec<u8> {
        let outcome = self.run(&self.source);
        assert!(outcome.error.is_none(), "{}: {:?}", self.name, outcome.error);
        outcome.fixed.unwrap_or_else(|| self.source.clone())
    }

    /// The comment block after `// <title>` at the end of the file, as the program prints it.
    fn expected_output(&self, title: &str) -> Option<String> {
        let text = String::from_utf8_lossy(&self.source);
        let mut lines = text.lines().skip_while(|l| l.trim() != format!("// {title}"));
        lines.next()?;
        let block: Vec<&str> = lines
            .map_while(|l| l.strip_prefix("//"))
            .map_while(|l| (!l.starts_with(" Output")).then(|| l.strip_prefix(' ').unwrap_or(l)))
            .collect();
        Some(block.iter().map(|l| format!("{l}\n")).collect())
    }
}

fn cases() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("transforms");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flat_map(|rule| std::fs::read_dir(rule.unwrap().path().join("cases")).into_iter().flatten())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures found under {}", root.display());
    // FIXTURE_RULES=rule-a,rule-b narrows a run while a rule is being developed.
    let only: Option<Vec<String>> =
        std::env::var("FIXTURE_RULES").ok().map(|v| v.split(',').map(str::to_string).collect());
    paths
        .iter()
        .map(|p| Case::load(p))
        .filter(|c| only.as_ref().is_none_or(|rules| rules.contains(&c.rule)))
        .collect()
}

/// What a reviewer reads: each finding, then the change as a diff.
fn describe(case: &Case, outcome: &Outcome) -> String {
    let mut out = String::new();
    for f in &outcome.findings {
        out.push_str(&format!(
            "{}:{}-{}:{} {} [fix: {}{}] {}\n",
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            f.rule,
            f.fix,
            if f.applied { ", applied" } else { "" },
            f.message
        ));
    }
    if outcome.findings.is_empty() {
        out.push_str("no findings\n");
    }
    let fixed = outcome.fixed.as_deref().unwrap_or(&case.source);
    let diff = defer_fix::diff::unified(&format!("{}.go", case.name), &case.source, fixed);
    out.push_str(&format!(
        "\n{}",
        if diff.is_empty() { "no change\n".into() } else { String::from_utf8_lossy(&diff) }
    ));
    out
}

#[test]
fn fixtures_match_snapshots_and_are_idempotent() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let _guard = settings.bind_to_scope();
    for case in cases() {
        let outcome = case.run(&case.source);
        assert!(outcome.error.is_none(), "{}: {:?}", case.name, outcome.error);
        insta::assert_snapshot!(format!("{}__{}", case.rule, case.name), describe(&case, &outcome));
        if let Some(fixed) = &outcome.fixed {
            let again = case.run(fixed);
            assert!(again.fixed.is_none(), "{}: a second run changed the fixed file again", case.name);
        }
    }
}

#[test]
fn fixed_fixtures_pass_gofmt_vet_and_print_their_output() {
    if !common::go_available("fixed_fixtures_pass_gofmt_vet_and_print_their_output") {
        return;
    }
    let cases = cases();
    let tmp = tempfile::tempdir().unwrap();
    let mut versions: BTreeMap<&str, Vec<&Case>> = BTreeMap::new();
    for case in &cases {
        versions.entry(&case.go_version).or_default().push(case);
    }
    for (version, group) in versions {
        let Some(go) =
            common::Toolchain::for_version("fixed_fixtures_pass_gofmt_vet_and_print_their_output", version)
        else {
            continue;
        };
        let module = |kind: &str| tmp.path().join(format!("{kind}-{version}"));
        for kind in ["fixed", "original"] {
            common::write_go_mod(&module(kind), version);
        }
        for case in &group {
            for (kind, source) in [("fixed", case.fixed()), ("original", case.source.clone())] {
                let dir = module(kind).join(case.package_dir());
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(dir.join("main.go"), source).unwrap();
            }
        }
        let unformatted = go.run_ok(&module("fixed"), "gofmt", &["-l", "."]);
        assert_eq!(unformatted, "", "fixed files that are not gofmt-clean");
        let plain: Vec<String> = group
            .iter()
            .filter(|c| c.vet_flags.is_empty())
            .map(|c| format!("./{}", c.package_dir()))
            .collect();
        let mut vet: Vec<&str> = vec!["vet"];
        vet.extend(plain.iter().map(String::as_str));
        go.run_ok(&module("fixed"), "go", &vet);
        for case in group.iter().filter(|c| !c.vet_flags.is_empty()) {
            let dir = format!("./{}", case.package_dir());
            let mut vet: Vec<&str> = vec!["vet"];
            vet.extend(case.vet_flags.iter().map(String::as_str));
            vet.push(&dir);
            go.run_ok(&module("fixed"), "go", &vet);
        }
        for kind in ["fixed", "original"] {
            go.run_ok(&module(kind), "go", &["build", "-o", "bin/", "./..."]);
        }
        for case in &group {
            for (kind, title) in [("original", "Output before fix:"), ("fixed", "Output:")] {
                let Some(expected) = case.expected_output(title) else {
                    continue;
                };
                let binary = module(kind).join("bin").join(case.package_dir());
                let printed = go.run_ok(&module(kind), binary.to_str().unwrap(), &[]);
                assert_eq!(printed, expected, "{}: the {kind} program printed the wrong output", case.name);
            }
        }
    }
}
