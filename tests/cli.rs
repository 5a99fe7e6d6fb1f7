//! The command-line contract, tested by running the built binary in temporary directories:
//! modes and exit statuses, the text and JSON reports, diffs that `git apply` reproduces byte
//! for byte, which files a walk visits, errors reported after every other file, permissions,
//! determinism across thread counts and idempotence.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_defer-fix");

/// The sample of the issue, exactly: the transform must fix it safely.
const ISSUE_SAMPLE: &str = r#"package p

import "os"

func readAll(names []string) error {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		_ = f.Name()
	}
	return nil
}
"#;

/// A safe fix (the body is wrapped in a func literal returning error): the issue's sample with
/// the file used by a call, so that these tests of the command line do not hang on how
/// the transform judges `_ = f.Name()` (see `the_issue_sample_is_fixed_safely`).
const SAFE: &str = r#"package p

import "os"

func readAll(names []string) error {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		println(f.Name())
	}
	return nil
}
"#;

/// The deferred call uses a range variable, an element of a collection that outlives the loop:
/// the fix is unsafe, applied only with --unsafe-fixes.
const UNSAFE: &str = r#"package p

type server struct{ n int }

func (s *server) Stop() {}

func update(items []*server) int {
	sum := 0
	for _, s := range items {
		defer s.Stop()
		sum += s.n
	}
	return sum
}
"#;

/// A goto out of the loop after the defer: reported, never fixed.
const NO_FIX: &str = r#"package p

import "os"

func find(names []string) int {
	for i, name := range names {
		f, _ := os.Open(name)
		defer f.Close()
		if name == "x" {
			goto found
		}
		_ = i
	}
	return -1
found:
	return 1
}
"#;

/// Holds a defer (so it is parsed) but no finding.
const CLEAN: &str = r#"package p

import "os"

func one(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return nil
}
"#;

/// A syntax error (line 7 lacks its closing parenthesis) in a file that mentions defer.
const BAD: &str = r#"package p

import "os"

func broken(names []string) {
	for _, name := range names {
		f, _ := os.Open(name
		defer f.Close()
	}
}
"#;

struct Output {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Output {
    fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }
}

fn defer_fix(dir: &Path, args: &[&str]) -> Output {
    defer_fix_env(dir, args, &[])
}

fn defer_fix_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let output = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .envs(env.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    Output {
        code: output.status.code().expect("defer-fix was killed by a signal"),
        stdout: output.stdout,
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

fn write_tree(root: &Path, files: &[(&str, &[u8])]) {
    for (path, contents) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
}

/// Every file under `root`, by relative path, with its bytes.
fn read_tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn visit(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                visit(root, &path, out);
            } else {
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    visit(root, root, &mut out);
    out
}

fn copy_tree(from: &Path, to: &Path) {
    for (path, contents) in read_tree(from) {
        write_tree(to, &[(path.to_str().unwrap(), &contents)]);
    }
}

fn read(path: impl AsRef<Path>) -> String {
    String::from_utf8(std::fs::read(path).unwrap()).unwrap()
}

/// Snapshots under the top-level snapshots/ directory, configured as tests/fixtures.rs does.
fn snapshot(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(format!("cli__{name}"), value));
}

/// Carriage returns and byte-order marks made visible, for snapshots a reviewer reads.
fn visible(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap().replace('\r', "\\r").replace('\u{feff}', "<BOM>")
}

fn crlf(text: &str) -> Vec<u8> {
    text.replace('\n', "\r\n").into_bytes()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn check_reports_every_finding_as_text_and_writes_nothing() {
    let tmp = tempdir();
    write_tree(
        tmp.path(),
        &[
            ("safe.go", SAFE.as_bytes()),
            ("unsafe.go", UNSAFE.as_bytes()),
            ("nofix.go", NO_FIX.as_bytes()),
            ("clean.go", CLEAN.as_bytes()),
        ],
    );
    let before = read_tree(tmp.path());
    let out = defer_fix(tmp.path(), &["--check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stdout(), "", "--check prints its text report on stderr only");
    assert_eq!(read_tree(tmp.path()), before, "--check wrote to a file");
    snapshot("check_text_report", &out.stderr);

    let clean = tempdir();
    write_tree(clean.path(), &[("clean.go", CLEAN.as_bytes())]);
    let out = defer_fix(clean.path(), &["--check"]);
    assert_eq!(
        (out.code, out.stdout(), out.stderr.as_str()),
        (0, String::new(), "defer-fix: no findings in 1 file\n")
    );

    // A finding without a fix still fails --check: findings remain.
    let nofix = tempdir();
    write_tree(nofix.path(), &[("nofix.go", NO_FIX.as_bytes())]);
    assert_eq!(defer_fix(nofix.path(), &["--check"]).code, 1);
}

#[test]
fn apply_fixes_safe_findings_in_place_and_reports_the_rest() {
    let tmp = tempdir();
    write_tree(
        tmp.path(),
        &[
            ("safe.go", SAFE.as_bytes()),
            ("unsafe.go", UNSAFE.as_bytes()),
            ("nofix.go", NO_FIX.as_bytes()),
            ("clean.go", CLEAN.as_bytes()),
        ],
    );
    let out = defer_fix(tmp.path(), &[]);
    assert_eq!(out.code, 1, "findings without a safe fix remain: {}", out.stderr);
    assert_eq!(out.stdout(), "");
    assert_eq!(
        read(tmp.path().join("unsafe.go")),
        UNSAFE,
        "an unsafe fix was applied without --unsafe-fixes"
    );
    assert_eq!(read(tmp.path().join("nofix.go")), NO_FIX);
    assert_eq!(read(tmp.path().join("clean.go")), CLEAN);
    let fixed = read(tmp.path().join("safe.go"));
    snapshot(
        "apply_report_and_fixed_file",
        &format!("{}\n--- safe.go after the run ---\n{fixed}", out.stderr),
    );

    // --unsafe-fixes applies the remaining fix; only the finding without a fix is left.
    let out = defer_fix(tmp.path(), &["--unsafe-fixes"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_ne!(read(tmp.path().join("unsafe.go")), UNSAFE, "--unsafe-fixes did not apply the unsafe fix");
    assert_eq!(read(tmp.path().join("safe.go")), fixed);
    assert_eq!(read(tmp.path().join("nofix.go")), NO_FIX);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "the goto finding and the summary: {}", out.stderr);
    assert!(lines[0].starts_with("nofix.go:8:3: loop-defer: "), "{}", out.stderr);
    assert_eq!(lines[1], "defer-fix: fixed 1 finding in 1 file; 1 left");

    // With every finding fixed, an apply run exits 0.
    let all = tempdir();
    write_tree(all.path(), &[("safe.go", SAFE.as_bytes()), ("unsafe.go", UNSAFE.as_bytes())]);
    let out = defer_fix(all.path(), &["--unsafe-fixes"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "defer-fix: fixed 2 findings in 2 files; 0 left\n");
}

#[test]
fn dry_run_diff_through_git_apply_reproduces_the_in_place_result() {
    let tmp = tempdir();
    let original = tmp.path().join("original");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    // The body starts on line 4, so the BOM's line is context in the hunk.
    bom.extend_from_slice(
        b"package p\nfunc each(names []string) {\n\tfor _, name := range names {\n\t\tf := open(name)\n\t\tdefer f.Close()\n\t\tprintln()\n\t}\n}\n",
    );
    let no_final_newline = SAFE.replace("readAll", "noNewline");
    write_tree(
        &original,
        &[
            ("safe.go", SAFE.as_bytes()),
            ("crlf.go", &crlf(&SAFE.replace("readAll", "readCRLF"))),
            ("bom.go", &bom),
            ("no_newline.go", no_final_newline.trim_end().as_bytes()),
            ("sub/deep/unsafe.go", UNSAFE.as_bytes()),
            ("with space/safe.go", SAFE.as_bytes()),
            ("nofix.go", NO_FIX.as_bytes()),
            ("clean.go", CLEAN.as_bytes()),
            ("bad.go", BAD.as_bytes()),
            ("vendor/v/safe.go", SAFE.as_bytes()),
        ],
    );
    let pristine = read_tree(&original);
    for (variant, flags) in [("safe", &[][..]), ("unsafe", &["--unsafe-fixes"][..])] {
        let dry = tmp.path().join(format!("dry-{variant}"));
        let in_place = tmp.path().join(format!("in-place-{variant}"));
        copy_tree(&original, &dry);
        copy_tree(&original, &in_place);

        let dry_args = [&["--dry-run"], flags, &["./..."]].concat();
        let out = defer_fix(&dry, &dry_args);
        assert_eq!(out.code, 2, "bad.go is an error: {}", out.stderr);
        assert_eq!(read_tree(&dry), pristine, "--dry-run wrote to a file");
        if variant == "safe" {
            snapshot("dry_run_diff", &visible(&out.stdout));
        }
        let patch = tmp.path().join(format!("{variant}.diff"));
        std::fs::write(&patch, &out.stdout).unwrap();
        let git = Command::new("git")
            .args(["apply", "--verbose"])
            .arg(&patch)
            .current_dir(&dry)
            // Never let git find a repository above the temporary directory.
            .env("GIT_CEILING_DIRECTORIES", tmp.path())
            .output()
            .expect("git is installed");
        assert!(git.status.success(), "git apply failed: {}", String::from_utf8_lossy(&git.stderr));

        let in_place_args = [flags, &["./..."]].concat();
        let out = defer_fix(&in_place, &in_place_args);
        assert_eq!(out.code, 2, "{}", out.stderr);

        let applied = read_tree(&dry);
        let written = read_tree(&in_place);
        assert_eq!(
            applied.keys().collect::<Vec<_>>(),
            written.keys().collect::<Vec<_>>(),
            "{variant}: the trees hold different files (a temporary file left behind?)"
        );
        for (path, bytes) in &written {
            assert!(
                applied[path] == *bytes,
                "{variant}: {} differs between git apply and in place",
                path.display()
            );
        }
        let changed: Vec<_> =
            written.iter().filter(|(p, b)| pristine[*p] != **b).map(|(p, _)| p.to_str().unwrap()).collect();
        let mut expected = vec!["bom.go", "crlf.go", "no_newline.go", "safe.go", "with space/safe.go"];
        if variant == "unsafe" {
            expected.push("sub/deep/unsafe.go");
            expected.sort();
        }
        assert_eq!(changed, expected, "{variant}: the files that changed");
        let crlf_fixed = &written[Path::new("crlf.go")];
        assert_eq!(
            crlf_fixed.windows(2).filter(|w| w == b"\r\n").count(),
            crlf_fixed.iter().filter(|&&b| b == b'\n').count(),
            "every line of the CRLF file still ends in CRLF"
        );
        assert!(written[Path::new("bom.go")].starts_with(b"\xEF\xBB\xBFpackage p\n"), "the BOM is kept");
        assert!(!written[Path::new("no_newline.go")].ends_with(b"\n"), "no final newline was added");
    }
}

#[test]
fn dry_run_headers_are_relative_to_the_current_directory() {
    let tmp = tempdir();
    write_tree(tmp.path(), &[("pkg/safe.go", SAFE.as_bytes())]);
    let headers = |out: &Output| -> Vec<String> {
        out.stdout()
            .lines()
            .filter(|l| l.starts_with("--- ") || l.starts_with("+++ "))
            .map(String::from)
            .collect()
    };
    let expected = ["--- a/pkg/safe.go", "+++ b/pkg/safe.go"];
    for arg in ["pkg/safe.go", "./pkg/safe.go", "pkg", "./pkg/...", "./..."] {
        let out = defer_fix(tmp.path(), &["--dry-run", arg]);
        assert_eq!(out.code, 1, "{arg}: {}", out.stderr);
        assert_eq!(headers(&out), expected, "{arg}");
    }
    // A file named by an absolute path under the current directory: git apply rejects
    // absolute paths, so the header is still relative.
    let absolute = tmp.path().canonicalize().unwrap().join("pkg/safe.go");
    let out = defer_fix(tmp.path(), &["--dry-run", absolute.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(headers(&out), expected, "absolute path");
    // From a subdirectory the path is relative to it.
    let out = defer_fix(&tmp.path().join("pkg"), &["--dry-run", "safe.go"]);
    assert_eq!(headers(&out), ["--- a/safe.go", "+++ b/safe.go"]);
    // Nothing to change: no diff and exit 0; findings without a fix: no diff but exit 1.
    write_tree(tmp.path(), &[("clean/clean.go", CLEAN.as_bytes()), ("nofix/nofix.go", NO_FIX.as_bytes())]);
    let out = defer_fix(tmp.path(), &["--dry-run", "clean/..."]);
    assert_eq!((out.code, out.stdout()), (0, String::new()), "{}", out.stderr);
    let out = defer_fix(tmp.path(), &["--dry-run", "nofix/..."]);
    assert_eq!((out.code, out.stdout()), (1, String::new()), "{}", out.stderr);
}

#[test]
fn json_report_is_one_sorted_document_on_stdout() {
    let tmp = tempdir();
    write_tree(
        tmp.path(),
        &[
            ("b/nofix.go", NO_FIX.as_bytes()),
            ("b/unsafe.go", UNSAFE.as_bytes()),
            ("a.go", [SAFE, "\n", &NO_FIX["package p\n\nimport \"os\"\n".len()..]].concat().as_bytes()),
            ("bad.go", BAD.as_bytes()),
            ("clean.go", CLEAN.as_bytes()),
        ],
    );
    let before = read_tree(tmp.path());
    let out = defer_fix(tmp.path(), &["--check", "--format", "json", "./..."]);
    assert_eq!(out.code, 2, "bad.go is an error: {}", out.stderr);
    assert_eq!(read_tree(tmp.path()), before);
    // Errors still go to stderr for people; findings do not.
    assert!(!out.stderr.contains("loop-defer"), "findings on stderr in JSON mode: {}", out.stderr);
    assert!(out.stderr.contains("bad.go:"), "{}", out.stderr);
    snapshot("check_json", &out.stdout());

    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    assert_eq!(doc["version"], 1);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 4, "{doc:#}");
    let keys =
        ["applied", "column", "edits", "end_column", "end_line", "fix", "line", "message", "path", "rule"];
    for f in findings {
        let mut have: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        have.sort();
        assert_eq!(have, keys);
        assert!(["safe", "unsafe", "none"].contains(&f["fix"].as_str().unwrap()));
        assert_eq!(f["applied"], f["fix"] == "safe", "in --check, applied means the fix would be applied");
    }
    let order: Vec<(&str, u64, u64)> = findings
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "findings sorted by path then position");
    assert_eq!(
        findings.iter().map(|f| f["fix"].as_str().unwrap()).collect::<Vec<_>>(),
        ["safe", "none", "none", "unsafe"]
    );
    let errors = doc["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["path"], "bad.go");
    assert!(errors[0]["message"].as_str().unwrap().contains("syntax error"));

    // In an apply run, `applied` says what was written.
    let out = defer_fix(tmp.path(), &["--format", "json", "a.go", "b/unsafe.go"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stderr, "", "nothing for people on stderr without errors in JSON mode");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let status: Vec<(&str, &str, bool)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["fix"].as_str().unwrap(), f["applied"].as_bool().unwrap()))
        .collect();
    assert_eq!(status, [("a.go", "safe", true), ("a.go", "none", false), ("b/unsafe.go", "unsafe", false)]);
    assert_eq!(doc["errors"], serde_json::json!([]));
    assert_ne!(std::fs::read(tmp.path().join("a.go")).unwrap(), before[Path::new("a.go")]);
    assert_eq!(std::fs::read(tmp.path().join("b/unsafe.go")).unwrap(), before[Path::new("b/unsafe.go")]);
}

#[test]
fn walks_skip_what_go_tooling_skips_but_named_files_are_processed() {
    let tmp = tempdir();
    let generated = format!("// Code generated by stringer. DO NOT EDIT.\n\n{SAFE}");
    let generated_bom = format!("\u{feff}{generated}");
    let marker_after_package =
        SAFE.replace("package p\n", "package p\n\n// Code generated by x. DO NOT EDIT.\n");
    write_tree(
        tmp.path(),
        &[
            ("top.go", SAFE.as_bytes()),
            ("sub/a.go", SAFE.as_bytes()),
            ("sub/deeper/b.go", SAFE.as_bytes()),
            ("sub/deeper/vendor/w.go", SAFE.as_bytes()),
            ("vendor/v/v.go", SAFE.as_bytes()),
            ("testdata/t.go", SAFE.as_bytes()),
            (".hidden/h.go", SAFE.as_bytes()),
            ("_under/u.go", SAFE.as_bytes()),
            ("ignored/i.go", SAFE.as_bytes()),
            ("sub/x_skip.go", SAFE.as_bytes()),
            ("sub/_scratch.go", SAFE.as_bytes()),
            ("sub/.draft.go", SAFE.as_bytes()),
            (".gitignore", b"ignored/\n*_skip.go\n"),
            ("gen/gen.go", generated.as_bytes()),
            ("gen/gen_bom.go", generated_bom.as_bytes()),
            ("gen/notgen.go", marker_after_package.as_bytes()),
            ("notes.txt", SAFE.as_bytes()),
        ],
    );
    assert!(!tmp.path().join(".git").exists(), ".gitignore must work outside a git repository");
    let list = |args: &[&str]| -> Vec<String> {
        let out = defer_fix(tmp.path(), &[&["-l"], args].concat());
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        out.stdout().lines().map(String::from).collect()
    };
    let before = read_tree(tmp.path());
    assert_eq!(list(&["./..."]), ["gen/notgen.go", "sub/a.go", "sub/deeper/b.go", "top.go"]);
    assert_eq!(list(&["..."]), list(&["./..."]));
    // A plain directory is walked too, as gofmt does (README.md).
    assert_eq!(list(&[]), list(&["./..."]));
    assert_eq!(list(&["sub"]), ["sub/a.go", "sub/deeper/b.go"]);
    assert_eq!(list(&["sub/..."]), ["sub/a.go", "sub/deeper/b.go"]);
    // A skipped directory named as the root of a walk is walked.
    assert_eq!(list(&["testdata/..."]), ["testdata/t.go"]);
    // Named files are always processed.
    let named = [
        ".hidden/h.go",
        "_under/u.go",
        "gen/gen.go",
        "gen/gen_bom.go",
        "ignored/i.go",
        "sub/.draft.go",
        "sub/_scratch.go",
        "sub/deeper/vendor/w.go",
        "sub/x_skip.go",
        "testdata/t.go",
        "vendor/v/v.go",
    ];
    assert_eq!(list(&named), named);
    // A file named and walked is processed once.
    assert_eq!(list(&["./top.go", "top.go", "sub", "./sub/a.go"]), ["sub/a.go", "sub/deeper/b.go", "top.go"]);
    assert_eq!(read_tree(tmp.path()), before, "-l wrote to a file");

    // In place, the skipped files are left alone.
    let out = defer_fix(tmp.path(), &["./..."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let after = read_tree(tmp.path());
    let changed: Vec<_> =
        after.iter().filter(|(p, b)| before[*p] != **b).map(|(p, _)| p.to_str().unwrap()).collect();
    assert_eq!(changed, ["gen/notgen.go", "sub/a.go", "sub/deeper/b.go", "top.go"]);
}

#[test]
fn a_syntax_error_is_reported_last_and_leaves_that_file_untouched() {
    let tmp = tempdir();
    write_tree(
        tmp.path(),
        &[("a_bad.go", BAD.as_bytes()), ("b_good.go", SAFE.as_bytes()), ("c_nofix.go", NO_FIX.as_bytes())],
    );
    let out = defer_fix(tmp.path(), &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        std::fs::read(tmp.path().join("a_bad.go")).unwrap(),
        BAD.as_bytes(),
        "the bad file was changed"
    );
    assert_ne!(read(tmp.path().join("b_good.go")), SAFE, "the good file next to it was not fixed");
    let lines: Vec<&str> = out.stderr.lines().collect();
    let error = lines.iter().position(|l| l.starts_with("a_bad.go:")).expect("the bad file is named");
    let (line, col) = {
        let mut parts = lines[error].split(':').skip(1);
        (parts.next().unwrap(), parts.next().unwrap())
    };
    assert!(line.parse::<u32>().is_ok() && col.parse::<u32>().is_ok(), "no line:col in {:?}", lines[error]);
    assert!(lines[error].contains(": error: "), "{}", lines[error]);
    let finding =
        lines.iter().position(|l| l.starts_with("c_nofix.go:")).expect("the later finding is reported");
    assert!(finding < error, "the error came before a later file's finding:\n{}", out.stderr);
    snapshot("syntax_error_stderr", &out.stderr);

    // The same with --check and --dry-run: exit 2, and the good file's diff is still printed.
    assert_eq!(defer_fix(tmp.path(), &["--check"]).code, 2);
    std::fs::write(tmp.path().join("b_good.go"), SAFE).unwrap();
    let out = defer_fix(tmp.path(), &["--dry-run"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout().starts_with("--- a/b_good.go\n"), "{}", out.stdout());
}

/// Go 1.27's generic method and Go 1.26's new(expression), which tree-sitter-go 0.25 cannot
/// parse, around a defer in a loop.
const NEWER_SYNTAX: &str = r#"package p

import (
	"os"
	"strings"
)

type List struct{ names []string }

func (l *List) Each[T any](use func(*string) T) []T {
	var out []T
	for _, name := range l.names {
		f, _ := os.Open(name)
		defer f.Close()
		out = append(out, use(new(strings.ToUpper(name))))
	}
	return out
}
"#;

#[test]
fn go_1_26_and_1_27_syntax_is_fixed_and_a_real_error_after_it_still_exits_2() {
    let tmp = tempdir();
    let broken = format!("{NEWER_SYNTAX}\nfunc broken() *int {{\n\treturn new(1 +)\n}}\n");
    write_tree(tmp.path(), &[("good.go", NEWER_SYNTAX.as_bytes()), ("bad.go", broken.as_bytes())]);
    let out = defer_fix(tmp.path(), &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    // Where gofmt -e puts it too, not at the syntax the grammar lacks.
    assert!(out.stderr.starts_with("bad.go:21:16: error: cannot parse the file here"), "{}", out.stderr);
    assert_eq!(read(tmp.path().join("bad.go")), broken, "the file with the error was changed");
    let fixed = read(tmp.path().join("good.go"));
    assert!(
        fixed.contains("\tfor _, name := range l.names {\n\t\tfunc() {\n\t\t\tf, _ := os.Open(name)\n"),
        "{fixed}"
    );
    assert!(
        fixed.contains("\n\t\t\tout = append(out, use(new(strings.ToUpper(name))))\n\t\t}()\n"),
        "{fixed}"
    );
    assert!(fixed.contains("\nfunc (l *List) Each[T any](use func(*string) T) []T {\n"), "{fixed}");

    std::fs::remove_file(tmp.path().join("bad.go")).unwrap();
    let again = defer_fix(tmp.path(), &["--check"]);
    assert_eq!(
        (again.code, again.stderr.as_str()),
        (0, "defer-fix: no findings in 1 file\n"),
        "a second run finds nothing to do"
    );
}

#[test]
fn a_missing_named_file_is_an_error_after_the_other_files() {
    let tmp = tempdir();
    write_tree(tmp.path(), &[("good.go", SAFE.as_bytes())]);
    let out = defer_fix(tmp.path(), &["missing.go", "good.go"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_ne!(read(tmp.path().join("good.go")), SAFE, "the readable file was not fixed");
    assert!(out.stderr.starts_with("missing.go: error: cannot read the file"), "{}", out.stderr);

    let out = defer_fix(tmp.path(), &["--check", "nowhere/..."]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("nowhere/..."), "{}", out.stderr);
    let out = defer_fix(tmp.path(), &["--check", "good.go/..."]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("not a directory"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn in_place_writes_keep_permissions_and_follow_symlinks() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    let tmp = tempdir();
    write_tree(tmp.path(), &[("p/safe.go", SAFE.as_bytes()), ("p/real.go", SAFE.as_bytes())]);
    let file = tmp.path().join("p/safe.go");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("real.go", tmp.path().join("p/link.go")).unwrap();

    let out = defer_fix(tmp.path(), &["p/safe.go", "p/link.go"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let fixed = read(&file);
    assert_ne!(fixed, SAFE);
    assert_eq!(std::fs::metadata(&file).unwrap().mode() & 0o7777, 0o640);
    let link = std::fs::symlink_metadata(tmp.path().join("p/link.go")).unwrap();
    assert!(link.file_type().is_symlink(), "the symlink was replaced by a file");
    assert_eq!(read(tmp.path().join("p/real.go")), fixed, "the symlink's target was not fixed");
    let mut names: Vec<String> = std::fs::read_dir(tmp.path().join("p"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["link.go", "real.go", "safe.go"], "a temporary file was left behind");
}

#[test]
fn bad_arguments_exit_2_and_write_nothing() {
    let tmp = tempdir();
    write_tree(tmp.path(), &[("safe.go", SAFE.as_bytes())]);
    let cases: &[(&[&str], &str)] = &[
        (&["--select", "loop-defer,nope"], "unknown rule 'nope'; the rules are: loop-defer"),
        (&["--ignore", "nope"], "unknown rule 'nope'; the rules are: loop-defer"),
        (
            &["--dry-run", "--format", "json"],
            "--format json prints on stdout, which --dry-run and --list use",
        ),
        (&["--list", "--format", "json"], "--format json prints on stdout, which --dry-run and --list use"),
        (&["--dry-run", "--check"], "cannot be used with"),
        (&["--format", "xml"], "xml"),
        (&["--go-version", "1.x"], "'1.x' is not a Go 1.N version"),
        (&["--go-version", "2.0"], "'2.0' is not a Go 1.N version"),
        (&["--go-version", "121"], "'121' is not a Go 1.N version"),
        (&["--go-version", ""], "is not a Go 1.N version"),
        (&["--no-such-flag"], "--no-such-flag"),
    ];
    for (args, message) in cases {
        let out = defer_fix(tmp.path(), args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(message), "{args:?}: stderr lacks {message:?}:\n{}", out.stderr);
        assert_eq!(out.stdout(), "", "{args:?}");
        assert_eq!(read(tmp.path().join("safe.go")), SAFE, "{args:?} wrote to a file");
    }
}

#[test]
fn go_version_is_accepted_and_overrides_go_mod() {
    let tmp = tempdir();
    write_tree(tmp.path(), &[("go.mod", b"module example.com/m\n\ngo 1.23\n"), ("safe.go", SAFE.as_bytes())]);
    let plain = defer_fix(tmp.path(), &["--dry-run"]);
    assert_eq!(plain.code, 1, "{}", plain.stderr);
    assert!(!plain.stdout.is_empty());
    for version in ["1.21", "1.22.3", "go1.23"] {
        let out = defer_fix(tmp.path(), &["--dry-run", "--go-version", version]);
        assert_eq!(
            (out.code, &out.stdout, &out.stderr),
            (1, &plain.stdout, &plain.stderr),
            "--go-version {version}"
        );
    }
    let out = defer_fix(tmp.path(), &["--go-version", "1.21"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_ne!(read(tmp.path().join("safe.go")), SAFE);
}

#[test]
fn select_and_ignore_choose_rules() {
    let tmp = tempdir();
    write_tree(tmp.path(), &[("safe.go", SAFE.as_bytes())]);
    let out = defer_fix(tmp.path(), &["--check", "--ignore", "loop-defer"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, "defer-fix: no findings in 1 file\n"));
    let out = defer_fix(tmp.path(), &["--check", "--select", "loop-defer"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("safe.go:11:3: loop-defer: "), "{}", out.stderr);
    let out = defer_fix(tmp.path(), &["--ignore", "loop-defer"]);
    assert_eq!(out.code, 0);
    assert_eq!(read(tmp.path().join("safe.go")), SAFE, "an ignored rule's fix was applied");
}

#[test]
fn list_prints_the_files_that_would_change() {
    let tmp = tempdir();
    write_tree(
        tmp.path(),
        &[
            ("safe.go", SAFE.as_bytes()),
            ("unsafe.go", UNSAFE.as_bytes()),
            ("nofix.go", NO_FIX.as_bytes()),
            ("clean.go", CLEAN.as_bytes()),
        ],
    );
    let before = read_tree(tmp.path());
    let out = defer_fix(tmp.path(), &["-l"]);
    assert_eq!((out.code, out.stdout()), (1, "safe.go\n".to_string()), "{}", out.stderr);
    let out = defer_fix(tmp.path(), &["--list", "--unsafe-fixes"]);
    assert_eq!((out.code, out.stdout()), (1, "safe.go\nunsafe.go\n".to_string()), "{}", out.stderr);
    assert_eq!(read_tree(tmp.path()), before, "--list wrote to a file");
    let out = defer_fix(tmp.path(), &["-l", "clean.go"]);
    assert_eq!((out.code, out.stdout()), (0, String::new()));
}

/// About twenty files of every kind in a few directories.
fn varied_tree(root: &Path) {
    let kinds = [SAFE, UNSAFE, NO_FIX, CLEAN, SAFE, BAD];
    let dirs = ["", "a/", "a/b/", "c/", "c/d/e/"];
    for i in 0..20 {
        let source = kinds[i % kinds.len()].replace("package p", &format!("package p\n\n// File {i}."));
        let path = format!("{}f{i:02}.go", dirs[i % dirs.len()]);
        let source = if i % 4 == 3 { crlf(&source) } else { source.into_bytes() };
        write_tree(root, &[(&path, &source)]);
    }
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let tmp = tempdir();
    varied_tree(tmp.path());
    let before = read_tree(tmp.path());
    let runs: &[&[&str]] = &[
        &["--check", "./..."],
        &["--check", "--format", "json", "./..."],
        &["--dry-run", "--unsafe-fixes", "./..."],
        &["-l", "./..."],
    ];
    for args in runs {
        let one = defer_fix_env(tmp.path(), args, &[("RAYON_NUM_THREADS", "1")]);
        let two = defer_fix_env(tmp.path(), args, &[("RAYON_NUM_THREADS", "2")]);
        assert_eq!(one.code, 2, "{args:?}: the tree holds syntax errors: {}", one.stderr);
        assert!(!one.stdout.is_empty() || args[0] == "--check", "{args:?} printed nothing");
        assert!(one.stdout == two.stdout, "{args:?}: stdout differs between 1 and 2 threads");
        assert_eq!(one.stderr, two.stderr, "{args:?}: stderr differs between 1 and 2 threads");
        assert_eq!(one.code, two.code);
    }
    assert_eq!(read_tree(tmp.path()), before);

    // In place, too: the same files written, the same report.
    let other = tempdir();
    copy_tree(tmp.path(), other.path());
    let one = defer_fix_env(tmp.path(), &["./..."], &[("RAYON_NUM_THREADS", "1")]);
    let two = defer_fix_env(other.path(), &["./..."], &[("RAYON_NUM_THREADS", "2")]);
    assert_eq!((one.code, &one.stderr), (two.code, &two.stderr));
    assert!(
        read_tree(tmp.path()) == read_tree(other.path()),
        "in-place results differ between 1 and 2 threads"
    );
    assert!(read_tree(tmp.path()) != before);
}

#[cfg(unix)]
#[test]
fn a_second_in_place_run_changes_nothing() {
    use std::os::unix::fs::MetadataExt;

    let tmp = tempdir();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(SAFE.as_bytes());
    write_tree(
        tmp.path(),
        &[
            ("safe.go", SAFE.as_bytes()),
            ("crlf.go", &crlf(SAFE)),
            ("bom.go", &bom),
            ("x/unsafe.go", UNSAFE.as_bytes()),
            ("x/clean.go", CLEAN.as_bytes()),
        ],
    );
    let first = defer_fix(tmp.path(), &["--unsafe-fixes", "./..."]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(first.stderr, "defer-fix: fixed 4 findings in 4 files; 0 left\n");
    let fixed = read_tree(tmp.path());
    let inodes: Vec<u64> =
        fixed.keys().map(|p| std::fs::metadata(tmp.path().join(p)).unwrap().ino()).collect();

    for args in [&["--unsafe-fixes", "./..."][..], &["./..."], &["--check", "--unsafe-fixes", "./..."]] {
        let again = defer_fix(tmp.path(), args);
        assert_eq!(again.code, 0, "{args:?}: {}", again.stderr);
        assert_eq!(again.stderr, "defer-fix: no findings in 5 files\n", "{args:?}");
        assert!(read_tree(tmp.path()) == fixed, "{args:?}: the second run changed a file");
    }
    let inodes_after: Vec<u64> =
        fixed.keys().map(|p| std::fs::metadata(tmp.path().join(p)).unwrap().ino()).collect();
    assert_eq!(inodes, inodes_after, "a file was rewritten although nothing changed");
}

#[test]
fn the_issue_sample_is_fixed_safely() {
    let tmp = tempdir();
    write_tree(tmp.path(), &[("sample.go", ISSUE_SAMPLE.as_bytes())]);
    let out = defer_fix(tmp.path(), &[]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (0, "defer-fix: fixed 1 finding in 1 file; 0 left\n"),
        "the issue's sample must get a safe fix (`_ = f.Name()` keeps nothing beyond the iteration)"
    );
    let expected = r#"package p

import "os"

func readAll(names []string) error {
	for _, name := range names {
		if err := func() error {
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			defer f.Close()
			_ = f.Name()
			return nil
		}(); err != nil {
			return err
		}
	}
	return nil
}
"#;
    assert_eq!(read(tmp.path().join("sample.go")), expected);
}

const SUPPRESSED: &str = r#"package p

import "os"

func kept(names []string) {
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close() //nolint:errcheck,deferfix // closed when kept returns, on purpose
		println(f.Name())
	}
}

func ignored(names []string) {
	for _, name := range names {
		f, _ := os.Open(name)
		//deferfix:ignore loop-defer the caller holds every file until the batch is done
		defer f.Close()
		println(f.Name())
	}
}

func noReason(names []string) {
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close() //deferfix:ignore loop-defer
		println(f.Name())
	}
}

func otherRule(names []string) {
	for _, name := range names {
		f, _ := os.Open(name)
		//deferfix:ignore close-before-check not the rule that fires here
		defer f.Close()
		println(f.Name())
	}
}

func unused() {
	println("nothing deferred") //nolint:deferfix
}
"#;

#[test]
fn suppression_comments() {
    let tmp = tempdir();
    write_tree(tmp.path(), &[("s.go", SUPPRESSED.as_bytes())]);
    let out = defer_fix(tmp.path(), &["--check"]);
    assert_eq!(out.code, 1);
    snapshot("suppression_check", &out.stderr);
    // Without --check, unused directives are not reported; the rest is fixed or kept.
    let out = defer_fix(tmp.path(), &["--select", "loop-defer"]);
    let rules: Vec<&str> =
        out.stderr.lines().filter(|l| l.starts_with("s.go:")).filter_map(|l| l.split(": ").nth(1)).collect();
    assert_eq!(rules, ["suppression-without-reason"], "{}", out.stderr);
    let fixed = read(tmp.path().join("s.go"));
    assert_eq!(fixed.matches("func() {").count(), 1, "only otherRule's loop is wrapped:\n{fixed}");
    assert!(fixed.contains("//nolint:errcheck,deferfix // closed when kept returns, on purpose"));
}

fn format_tree() -> tempfile::TempDir {
    let tmp = tempdir();
    write_tree(
        tmp.path(),
        &[
            ("safe.go", SAFE.as_bytes()),
            ("b/nofix.go", NO_FIX.as_bytes()),
            ("b/unsafe.go", UNSAFE.as_bytes()),
            ("bad.go", BAD.as_bytes()),
        ],
    );
    tmp
}

#[test]
fn sarif_is_a_code_scanning_document() {
    let tmp = format_tree();
    let out = defer_fix(tmp.path(), &["--check", "--format", "sarif"]);
    assert_eq!(out.code, 2, "the syntax error makes it exit 2: {}", out.stderr);
    assert_eq!(
        out.stderr,
        "bad.go:8:3: error: cannot parse the file here: a syntax error, or Go syntax newer than defer-fix's grammar knows (if `gofmt -e` accepts the file, please report it); the file was left unchanged\n"
    );
    let doc: serde_json::Value = serde_json::from_str(&out.stdout()).expect("SARIF is JSON");
    // What SARIF 2.1.0 requires and GitHub code scanning reads.
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "defer-fix");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"loop-defer") && rules.contains(&"unused-suppression"), "{rules:?}");
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        assert!(!rule["shortDescription"]["text"].as_str().unwrap().is_empty());
        assert_eq!(
            rule["help"]["markdown"].as_str(),
            defer_fix::docs::page(id),
            "{id}: help is the rule's page"
        );
        let text = rule["help"]["text"].as_str().unwrap();
        assert!(
            text.starts_with("What it detects. ") && text.contains("\n\nWhy it matters. "),
            "{id}: {text}"
        );
    }
    // Paths relative to the repository root (here the directory, no repository above it).
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], format!("file://{}/", root.display()));
    let location = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(
        (location["uri"].as_str(), location["uriBaseId"].as_str()),
        (Some("b/nofix.go"), Some("%SRCROOT%"))
    );
    // From a subdirectory of a repository: still relative to its root.
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let from_sub = defer_fix(&tmp.path().join("b"), &["--check", "--format", "sarif", "."]);
    let sub: serde_json::Value = serde_json::from_str(&from_sub.stdout()).unwrap();
    assert_eq!(
        sub["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "b/nofix.go"
    );
    // A parse error is a notification at its position.
    let notification = &run["invocations"][0]["toolExecutionNotifications"][0];
    let error_location = &notification["locations"][0]["physicalLocation"];
    assert_eq!(error_location["artifactLocation"]["uri"], "bad.go");
    assert_eq!(
        (error_location["region"]["startLine"].as_u64(), error_location["region"]["startColumn"].as_u64()),
        (Some(8), Some(3))
    );
    for result in run["results"].as_array().unwrap() {
        assert!(rules.contains(&result["ruleId"].as_str().unwrap()));
        let region = &result["locations"][0]["physicalLocation"]["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().unwrap() >= 1, "{result}");
        }
    }
    // Valid against the SARIF 2.1.0 JSON schema (OASIS), vendored from the serde-sarif 0.8.0
    // crate as test data.
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(&doc).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema violations:\n{}", errors.join("\n"));
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert!(!validator.is_valid(&broken), "the schema check is live: line 0 is rejected");
    let fixable: Vec<&serde_json::Value> =
        run["results"].as_array().unwrap().iter().filter(|r| r.get("fixes").is_some()).collect();
    assert_eq!(fixable.len(), 2, "the safe and the unsafe fix carry their replacements");
    // Fingerprints do not move with the lines: the same findings after two lines are added
    // above them, in the files and in a copy of one under another name.
    let fingerprints = |doc: &serde_json::Value| -> Vec<String> {
        doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["deferFixFinding/v1"].as_str().unwrap().to_string())
            .collect()
    };
    let before = fingerprints(&doc);
    assert_eq!(before.len(), 3);
    assert!(before.iter().all(|f| f.len() == 16));
    for name in ["safe.go", "b/nofix.go", "b/unsafe.go"] {
        let text = read(tmp.path().join(name)).replacen("package p\n", "package p\n\n// moved\n", 1);
        std::fs::write(tmp.path().join(name), text).unwrap();
    }
    std::fs::write(tmp.path().join("copy.go"), SAFE).unwrap();
    let moved: serde_json::Value =
        serde_json::from_str(&defer_fix(tmp.path(), &["--check", "--format", "sarif"]).stdout()).unwrap();
    assert_eq!(moved["runs"][0]["results"][3]["locations"][0]["physicalLocation"]["region"]["startLine"], 13);
    let after = fingerprints(&moved);
    assert_eq!(after.len(), 4);
    assert_eq!(after.iter().filter(|f| before.contains(f)).count(), 3, "{before:?} {after:?}");
    // For a reviewer: the document without the rules' help pages (each is its rule's README)
    // and the temporary directory's name.
    let mut shown = doc.clone();
    for rule in shown["runs"][0]["tool"]["driver"]["rules"].as_array_mut().unwrap() {
        rule["help"] = "(the rule's page)".into();
    }
    let shown = serde_json::to_string_pretty(&shown).unwrap().replace(&root.display().to_string(), "<ROOT>");
    snapshot("format_sarif", &shown);
}

#[test]
fn github_annotations_and_markdown_body() {
    let tmp = format_tree();
    let out = defer_fix(tmp.path(), &["--check", "--format", "github"]);
    assert_eq!(out.code, 2);
    snapshot("format_github_check", &out.stdout());
    // Named by an absolute path, from a subdirectory of the repository: still the path from
    // the repository root, which is where the runner looks for it.
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let absolute = std::fs::canonicalize(tmp.path().join("b/nofix.go")).unwrap();
    let out =
        defer_fix(&tmp.path().join("b"), &["--check", "--format", "github", absolute.to_str().unwrap()]);
    assert!(out.stdout().starts_with("::warning file=b/nofix.go,line=8,col=3,"), "{}", out.stdout());
    std::fs::remove_dir(tmp.path().join(".git")).unwrap();

    let out = defer_fix(tmp.path(), &["--format", "markdown", "--statistics"]);
    assert_eq!(out.code, 2);
    snapshot("format_markdown_apply", &format!("{}\n--- stderr ---\n{}", out.stdout(), out.stderr));
}

/// Runs the binary with `input` on standard input.
fn defer_fix_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let output = child.wait_with_output().unwrap();
    Output {
        code: output.status.code().expect("defer-fix was killed by a signal"),
        stdout: output.stdout,
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

#[test]
fn stdin_mode_for_editors() {
    let tmp = tempdir();
    write_tree(tmp.path(), &[("pkg/safe.go", SAFE.as_bytes())]);
    let on_disk = read(tmp.path().join("pkg/safe.go"));

    let fixed = defer_fix_stdin(tmp.path(), &["--stdin-filename", "pkg/safe.go", "-"], SAFE.as_bytes());
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert!(fixed.stdout().contains("\t\tif err := func() error {"), "{}", fixed.stdout());
    assert_eq!(read(tmp.path().join("pkg/safe.go")), on_disk, "stdin mode never writes the named file");

    let diff =
        defer_fix_stdin(tmp.path(), &["--dry-run", "--stdin-filename", "pkg/safe.go", "-"], SAFE.as_bytes());
    assert_eq!(diff.code, 1);
    assert!(diff.stdout().starts_with("--- a/pkg/safe.go\n+++ b/pkg/safe.go\n"), "{}", diff.stdout());

    // Nothing to fix: the buffer comes back unchanged.
    let clean = defer_fix_stdin(tmp.path(), &["-"], CLEAN.as_bytes());
    assert_eq!((clean.code, clean.stdout()), (0, CLEAN.to_string()));

    // A buffer that does not parse comes back unchanged, with the error, exit 2.
    let bad = defer_fix_stdin(tmp.path(), &["--stdin-filename", "bad.go", "-"], BAD.as_bytes());
    assert_eq!((bad.code, bad.stdout()), (2, BAD.to_string()));
    assert!(bad.stderr.starts_with("bad.go:8:3: error: "), "{}", bad.stderr);

    let misuse = defer_fix(tmp.path(), &["--stdin-filename", "x.go", "pkg"]);
    assert_eq!(misuse.code, 2, "{}", misuse.stderr);
}

#[test]
fn files_from_a_list() {
    let tmp = format_tree();
    std::fs::write(tmp.path().join("list.txt"), "safe.go\n\n  b/unsafe.go  \n").unwrap();
    let out = defer_fix(tmp.path(), &["-l", "--unsafe-fixes", "--files-from", "list.txt"]);
    assert_eq!((out.code, out.stdout()), (1, "b/unsafe.go\nsafe.go\n".to_string()), "{}", out.stderr);

    let piped = defer_fix_stdin(tmp.path(), &["-l", "--files-from", "-"], b"safe.go\nb/nofix.go\n");
    assert_eq!((piped.code, piped.stdout()), (1, "safe.go\n".to_string()), "{}", piped.stderr);

    std::fs::write(tmp.path().join("empty.txt"), "\n").unwrap();
    let empty = defer_fix(tmp.path(), &["--check", "--files-from", "empty.txt"]);
    assert_eq!(empty.code, 0, "an empty list leaves nothing to do: {}", empty.stderr);
}

#[test]
fn configuration_file_and_flags_that_win_over_it() {
    let tmp = format_tree();
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    std::fs::write(tmp.path().join("b/legacy.go"), SAFE).unwrap();
    std::fs::write(
        tmp.path().join("defer-fix.toml"),
        "unsafe-fixes = true\nexclude = [\"b/legacy.go\", \"bad.go\"]\ngo-version = \"1.21\"\n",
    )
    .unwrap();
    // From a subdirectory too: the file is found in the nearest parent.
    let out = defer_fix(&tmp.path().join("b"), &["-l", "..."]);
    assert_eq!((out.code, out.stdout()), (1, "unsafe.go\n".to_string()), "{}", out.stderr);
    let out = defer_fix(tmp.path(), &["-l", "./..."]);
    assert_eq!((out.code, out.stdout()), (1, "b/unsafe.go\nsafe.go\n".to_string()), "{}", out.stderr);
    // Named files are processed even when excluded; flags win over the file.
    let out = defer_fix(tmp.path(), &["-l", "--select", "exit-after-defer", "b/legacy.go"]);
    assert_eq!((out.code, out.stdout()), (0, String::new()), "{}", out.stderr);
    let out = defer_fix(tmp.path(), &["-l", "--no-config", "./..."]);
    assert_eq!(out.code, 2, "without the file, bad.go is walked and fails to parse: {}", out.stderr);
    assert_eq!(out.stdout(), "b/legacy.go\nsafe.go\n");

    std::fs::write(tmp.path().join("defer-fix.toml"), "unsafe_fixes = true\n").unwrap();
    let out = defer_fix(tmp.path(), &["--check"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("defer-fix.toml: not a valid defer-fix configuration"), "{}", out.stderr);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let tmp = tempdir();
    write_tree(tmp.path(), &[("safe.go", SAFE.as_bytes())]);
    let piped = defer_fix(tmp.path(), &["--dry-run"]);
    assert!(!piped.stderr.contains('\x1b') && !piped.stdout().contains('\x1b'), "piped output is plain");
    let always = defer_fix(tmp.path(), &["--dry-run", "--color", "always"]);
    assert!(always.stderr.contains("\x1b[1msafe.go:11:3:\x1b[0m"), "{:?}", always.stderr);
    assert!(
        always.stdout().contains("\x1b[32m+\t\tif err := func() error {\x1b[0m\n"),
        "{:?}",
        always.stdout()
    );
    let never = defer_fix_env(tmp.path(), &["--dry-run", "--color", "auto"], &[("NO_COLOR", "1")]);
    assert_eq!(never.stdout(), piped.stdout());
}
