//! Every Go fixture under `transforms/<rule>/cases/` is run through the engine with its own
//! rule (and the rules a `// rules: a, b` directive names, for what one rule makes of
//! another's output): the findings and the diff are snapshotted (snapshots/), a second run must change
//! nothing, and the Go toolchain judges the result: gofmt-clean, `go vet` clean, and for
//! programs with `// Output:` blocks, the right output before and after the fix. A case is a
//! file, or a directory of files that make one package: each file is run with the others as
//! its package (the package model reads them from the case's directory).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use defer_fix::engine::{Options, Outcome, process_lines};
use defer_fix::langver::GoVersion;
use defer_fix::package::Packages;
use defer_fix::transforms;

struct Case {
    rule: String,
    name: String,
    /// The case's files: one, or the files of its directory, by name.
    files: Vec<CaseFile>,
    /// The directory of a case of several files.
    dir: Option<PathBuf>,
    go_version: String,
    unsafe_fixes: bool,
    /// Flags for `go vet` of this case (`// vet: -lostcancel=false`): a report-only finding
    /// that vet reports too stays in the fixed program.
    vet_flags: Vec<String>,
    /// Every file's text, for the expected output blocks.
    text: String,
    /// Other rules run with the case's own (`// rules: close-error-dropped`), to check what
    /// one rule makes of another's output in the engine's fixpoint, as a run with every rule
    /// does.
    with_rules: Vec<String>,
}

struct CaseFile {
    name: String,
    source: Vec<u8>,
}

impl Case {
    fn directive(source: &str, key: &str) -> Option<String> {
        source
            .lines()
            .take_while(|l| !l.starts_with("package "))
            .find_map(|l| l.strip_prefix(&format!("// {key}:")).map(|v| v.trim().to_string()))
    }

    fn load(path: &Path) -> Case {
        let (files, dir) = if path.is_dir() {
            let mut files: Vec<CaseFile> = std::fs::read_dir(path)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "go"))
                .map(|p| CaseFile {
                    name: p.file_name().unwrap().to_string_lossy().into_owned(),
                    source: std::fs::read(&p).unwrap(),
                })
                .collect();
            files.sort_by(|a, b| a.name.cmp(&b.name));
            assert!(!files.is_empty(), "{}: a case directory without Go files", path.display());
            (files, Some(path.to_path_buf()))
        } else {
            (vec![CaseFile { name: "main.go".into(), source: std::fs::read(path).unwrap() }], None)
        };
        // Directives are read from the files in order; the first that gives one counts.
        let text: String = files
            .iter()
            .map(|f| String::from_utf8_lossy(&f.source).into_owned())
            .collect::<Vec<_>>()
            .join("\n");
        let directive =
            |key: &str| files.iter().find_map(|f| Case::directive(&String::from_utf8_lossy(&f.source), key));
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
            go_version: directive("go-version").unwrap_or_else(|| "1.21".to_string()),
            unsafe_fixes: directive("flags").is_some_and(|f| f.contains("--unsafe-fixes")),
            vet_flags: directive("vet")
                .map(|v| v.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
            with_rules: directive("rules")
                .map(|v| v.split(',').map(|r| r.trim().to_string()).collect())
                .unwrap_or_default(),
            text,
            files,
            dir,
        }
    }

    /// Case names repeat across rules; the package directory (and binary) must not.
    fn package_dir(&self) -> String {
        format!("{}__{}", self.rule, self.name)
    }

    fn run(&self, file: &CaseFile, source: &[u8]) -> Outcome {
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
        let packages = Packages::default();
        let package = self.dir.as_ref().and_then(|d| packages.of_file(&d.join(&file.name)));
        process_lines(source, Some(version), None, &options, None, package.as_ref())
    }

    fn fixed(&self, file: &CaseFile) -> Vec<u8> {
        let outcome = self.run(file, &file.source);
        assert!(outcome.error.is_none(), "{}/{}: {:?}", self.name, file.name, outcome.error);
        outcome.fixed.unwrap_or_else(|| file.source.clone())
    }

    /// The comment block after `// <title>` at the end of the file, as the program prints it.
    fn expected_output(&self, title: &str) -> Option<String> {
        let mut lines = self.text.lines().skip_while(|l| l.trim() != format!("// {title}"));
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
        .filter(|p| p.extension().is_some_and(|e| e == "go") || p.is_dir())
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

/// What a reviewer reads: each finding, then the change as a diff; for a case of several
/// files, each file's under its name.
fn describe(case: &Case, outcomes: &[Outcome]) -> String {
    if case.dir.is_none() {
        return describe_file(&format!("{}.go", case.name), &case.files[0], &outcomes[0]);
    }
    let mut out = String::new();
    for (file, outcome) in case.files.iter().zip(outcomes) {
        out.push_str(&format!("== {}\n", file.name));
        out.push_str(&describe_file(&file.name, file, outcome));
        out.push('\n');
    }
    out
}

fn describe_file(name: &str, file: &CaseFile, outcome: &Outcome) -> String {
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
    let fixed = outcome.fixed.as_deref().unwrap_or(&file.source);
    let diff = defer_fix::diff::unified(name, &file.source, fixed);
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
        let outcomes: Vec<Outcome> = case.files.iter().map(|f| case.run(f, &f.source)).collect();
        for (file, outcome) in case.files.iter().zip(&outcomes) {
            assert!(outcome.error.is_none(), "{}/{}: {:?}", case.name, file.name, outcome.error);
            if let Some(fixed) = &outcome.fixed {
                let again = case.run(file, fixed);
                assert!(
                    again.fixed.is_none(),
                    "{}/{}: a second run changed the fixed file again",
                    case.name,
                    file.name
                );
            }
        }
        insta::assert_snapshot!(format!("{}__{}", case.rule, case.name), describe(&case, &outcomes));
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
            for file in &case.files {
                for (kind, source) in [("fixed", case.fixed(file)), ("original", file.source.clone())] {
                    let dir = module(kind).join(case.package_dir());
                    std::fs::create_dir_all(&dir).unwrap();
                    std::fs::write(dir.join(&file.name), source).unwrap();
                }
            }
        }
        let unformatted = go.run_ok(&module("fixed"), "gofmt", &["-l", "."]);
        assert_eq!(unformatted, "", "fixed files that are not gofmt-clean");
        let plain: Vec<String> = group
            .iter()
            .filter(|c| c.vet_flags.is_empty())
            .map(|c| format!("./{}", c.package_dir()))
            .collect();
        // A group whose every case has vet flags has no plain packages (`go vet` alone would
        // vet the module's root, which holds none).
        if !plain.is_empty() {
            let mut vet: Vec<&str> = vec!["vet"];
            vet.extend(plain.iter().map(String::as_str));
            go.run_ok(&module("fixed"), "go", &vet);
        }
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
