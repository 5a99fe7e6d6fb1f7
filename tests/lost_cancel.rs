//! lost-cancel against go vet's lostcancel, the oracle it follows: on every case of the rule
//! (fixed ones in `cases/`, report-only ones in `report-only/`) the lines it reports must be
//! the lines vet reports on the original file. Report-only programs are kept out of `cases/`
//! because the fixture harness runs go vet on the fixed files, and vet flags every discarded
//! cancel function; here their findings are snapshotted, nothing may change, and the program
//! must print its `// Output:` block.

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
    let paths: Vec<PathBuf> = go_files("cases").into_iter().chain(go_files("report-only")).collect();
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
    // `pkg/main.go:LINE:COL: the cancel function ...` (the "this return statement" notes
    // point at returns, not at assignments, and are left out).
    let mut vet: BTreeSet<(String, usize)> = BTreeSet::new();
    for line in printed.lines().filter(|l| l.contains(": the cancel function")) {
        let mut parts = line.splitn(4, ':');
        let file = parts.next().unwrap();
        let line_no: usize = parts.next().unwrap().parse().unwrap();
        let case = Path::new(file).parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
        vet.insert((case, line_no));
    }
    let mut ours: BTreeSet<(String, usize)> = BTreeSet::new();
    for path in &paths {
        let source = std::fs::read(path).unwrap();
        ours.extend(run(&source).findings.iter().map(|f| (stem(path), f.line)));
    }
    assert_eq!(ours, vet, "lost-cancel and go vet disagree; vet printed:\n{printed}");
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
