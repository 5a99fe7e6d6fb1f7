//! lost-cancel against go vet's lostcancel, the oracle it follows: on every case of the rule
//! (fixed ones in `cases/`, report-only ones in `report-only/`, and `vet-differences/`) the
//! lines it reports must be the lines vet reports on the original file, except the statements
//! marked `// defer-fix only:` or `// vet only:`, the documented differences, where exactly the
//! one named reports. Report-only programs are kept out of `cases/` because the fixture harness
//! runs go vet on the fixed files, and vet flags every discarded cancel function; here their
//! findings are snapshotted, nothing may change, and the program must print its `// Output:`
//! block.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use defer_fix::engine::{Options, Outcome, process};
use defer_fix::langver::GoVersion;
use defer_fix::transforms;

fn rule_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("transforms/lost-cancel")
}

fn go_files(dir: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(rule_dir().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    paths.sort();
    paths
}

fn run(source: &[u8]) -> Outcome {
    let rule = transforms::by_name("lost-cancel").unwrap();
    let options = Options {
        transforms: vec![rule],
        unsafe_fixes: false,
        apply_fixes: true,
        report_unused_suppressions: false,
        changed: None,
    };
    process(source, Some(GoVersion::parse("1.21").unwrap()), None, &options)
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn expected_output(source: &str) -> String {
    source
        .lines()
        .skip_while(|l| l.trim() != "// Output:")
        .skip(1)
        .map_while(|l| l.strip_prefix("//"))
        .map(|l| format!("{}\n", l.strip_prefix(' ').unwrap_or(l)))
        .collect()
}

#[test]
fn report_only_cases_are_reported_and_left_unchanged() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let _guard = settings.bind_to_scope();
    for path in go_files("report-only") {
        let source = std::fs::read(&path).unwrap();
        let outcome = run(&source);
        assert!(outcome.error.is_none() && outcome.fixed.is_none(), "{}: changed", path.display());
        let described: String = outcome
            .findings
            .iter()
            .map(|f| {
                format!(
                    "{}:{}-{}:{} [fix: {}] {}\n",
                    f.line, f.column, f.end_line, f.end_column, f.fix, f.message
                )
            })
            .collect();
        assert!(!described.is_empty(), "{}: no findings", path.display());
        insta::assert_snapshot!(format!("lost-cancel-report-only__{}", stem(&path)), described);
    }
}

#[test]
fn findings_agree_with_go_vet_lostcancel() {
    if !common::go_available("findings_agree_with_go_vet_lostcancel") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    common::write_go_mod(tmp.path(), "1.21");
    let paths: Vec<PathBuf> =
        ["cases", "report-only", "vet-differences"].into_iter().flat_map(go_files).collect();
    for path in &paths {
        let dir = tmp.path().join(stem(path));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(path, dir.join("main.go")).unwrap();
    }
    let output = Command::new("go")
        .args(["vet", "-lostcancel", "./..."])
        .current_dir(tmp.path())
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .output()
        .expect("cannot run go vet");
    let printed = String::from_utf8_lossy(&output.stderr);
    // `pkg/main.go:LINE:COL: the cancel function returned by context.X should be called, not
    // discarded, ...` and `pkg/main.go:LINE:COL: the NAME function is not used on all paths ...`
    // (the "this return statement" notes point at returns, not at assignments, and are left
    // out).
    let mut vet: BTreeSet<(String, usize)> = BTreeSet::new();
    let assignment = |l: &&str| {
        l.contains("should be called, not discarded") || l.contains("function is not used on all paths")
    };
    for line in printed.lines().filter(assignment) {
        let mut parts = line.splitn(4, ':');
        let file = parts.next().unwrap();
        let line_no: usize = parts.next().unwrap().parse().unwrap();
        let case = Path::new(file).parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
        vet.insert((case, line_no));
    }
    // What vet should print: ours, less the lines only defer-fix reports, plus those only vet
    // reports. Each marked line must be a real difference: reported by exactly the one named.
    let mut expected: BTreeSet<(String, usize)> = BTreeSet::new();
    for path in &paths {
        let source = std::fs::read(path).unwrap();
        let ours: BTreeSet<usize> = run(&source).findings.iter().map(|f| f.line).collect();
        let text = String::from_utf8_lossy(&source);
        let marked = |mark: &str| -> BTreeSet<usize> {
            let code_mark = format!("// {mark}");
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim_start().starts_with("//") && l.contains(&code_mark))
                .map(|(i, _)| i + 1)
                .collect()
        };
        let ours_only = marked("defer-fix only:");
        let vet_only = marked("vet only:");
        for line in &ours_only {
            assert!(
                ours.contains(line),
                "{}:{line}: marked defer-fix only, not reported by it",
                path.display()
            );
        }
        for line in &vet_only {
            assert!(
                !ours.contains(line),
                "{}:{line}: marked vet only, reported by defer-fix",
                path.display()
            );
        }
        expected.extend(ours.difference(&ours_only).chain(&vet_only).map(|l| (stem(path), *l)));
    }
    assert_eq!(expected, vet, "lost-cancel and go vet disagree; vet printed:\n{printed}");
}

#[test]
fn report_only_programs_print_their_output() {
    if !common::go_available("report_only_programs_print_their_output") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    for path in go_files("report-only") {
        let dir = tmp.path().join(stem(&path));
        common::write_go_mod(&dir, "1.21");
        std::fs::copy(&path, dir.join("main.go")).unwrap();
        let printed = common::run_ok(&dir, "go", &["run", "."]);
        let source = std::fs::read_to_string(&path).unwrap();
        assert_eq!(printed, expected_output(&source), "{}", path.display());
    }
}
