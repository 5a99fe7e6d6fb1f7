//! `--verify`: go build, go vet and a compile of the tests on every changed package before and
//! after the fixes; a package the fixes broke gets its files back byte for byte. Needs the Go
//! toolchain (skipped with a notice without it, except on CI); nothing is downloaded.

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const BIN: &str = env!("CARGO_BIN_EXE_defer-fix");

fn defer_fix(dir: &Path, args: &[&str]) -> Output {
    defer_fix_env(dir, args, &[])
}

fn defer_fix_env(dir: &Path, args: &[&str], env: &[(&str, OsString)]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("NO_COLOR", "1")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// loop-defer with a safe fix, which go vet accepts before and after.
const FIXABLE: &str = "package ok\n\nimport \"os\"\n\nfunc Read(names []string) {\n\tfor _, n := range names {\n\t\tfh, _ := os.Open(n)\n\t\tdefer fh.Close()\n\t\tprintln(fh)\n\t}\n}\n";

/// A fix that go vet rejects though the code before it passed: loop-capture's safe fix copies
/// the captured loop variable (`c := c`, Go 1.22's per-iteration variable), and here its type
/// holds a sync.Mutex, so the fixed code copies a lock (vet's copylocks). The rule cannot see
/// that from the syntax; --verify is what catches it.
/// The original locks the loop's one shared variable; vet has nothing to say about it (its
/// loopclosure check looks only at a `go` statement that ends the loop body).
const BREAKS_VET: &str = "package locks

import \"sync\"

type counter struct {
	mu sync.Mutex
	n  int
}

func Spawn() {
	for c := (counter{}); c.n < 3; c.n++ {
		go func() {
			c.mu.Lock()
			c.mu.Unlock()
		}()
		println(c.n)
	}
}
";

/// A temporary go1.21 module holding `files`.
fn module(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("go.mod"), "module example.com/verify\n\ngo 1.21\n").unwrap();
    for (path, text) in files {
        let path = tmp.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    tmp
}

#[test]
fn a_fix_that_vet_accepts_is_kept() {
    if !common::go_available("a_fix_that_vet_accepts_is_kept") {
        return;
    }
    let tmp = module(&[
        ("ok/ok.go", FIXABLE),
        ("ok/ok_test.go", "package ok\n\nimport \"testing\"\n\nfunc TestRead(t *testing.T) { Read(nil) }\n"),
    ]);
    let out = defer_fix(tmp.path(), &["--verify", "./..."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fixed = std::fs::read_to_string(tmp.path().join("ok/ok.go")).unwrap();
    assert!(fixed.contains("func() {"), "the fix is written:\n{fixed}");
    assert!(stderr(&out).contains("fixed 1 finding in 1 file; 0 left"), "{}", stderr(&out));
    common::run_ok(tmp.path(), "go", &["vet", "./..."]);
}

#[test]
fn a_package_the_fixes_break_is_put_back_and_others_are_kept() {
    if !common::go_available("a_package_the_fixes_break_is_put_back_and_others_are_kept") {
        return;
    }
    let tmp = module(&[("locks/locks.go", BREAKS_VET), ("ok/ok.go", FIXABLE)]);
    common::run_ok(tmp.path(), "go", &["vet", "./..."]);
    // Without --verify the fix is written, and vet fails: what --verify guards against.
    let plain = module(&[("locks/locks.go", BREAKS_VET)]);
    let out = defer_fix(plain.path(), &["./..."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let vet = Command::new("go").args(["vet", "./..."]).current_dir(plain.path()).output().unwrap();
    assert!(!vet.status.success(), "the fix breaks vet without --verify");
    assert!(
        String::from_utf8_lossy(&vet.stderr).contains("lock"),
        "{}",
        String::from_utf8_lossy(&vet.stderr)
    );

    let out = defer_fix(tmp.path(), &["--verify", "--format", "json", "./..."]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        std::fs::read(tmp.path().join("locks/locks.go")).unwrap(),
        BREAKS_VET.as_bytes(),
        "the broken package is put back byte for byte"
    );
    assert!(
        std::fs::read_to_string(tmp.path().join("ok/ok.go")).unwrap().contains("func() {"),
        "the other package keeps its fix"
    );
    assert!(err.contains("locks: the checks fail after the fixes ("), "{err}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let reverted: Vec<&serde_json::Value> =
        findings.iter().filter(|f| f["path"].as_str().unwrap().contains("locks")).collect();
    assert_eq!(reverted.len(), 1, "{json}");
    assert_eq!(reverted[0]["rule"], "loop-capture");
    assert_eq!(reverted[0]["applied"], false);
    let message = reverted[0]["message"].as_str().unwrap();
    assert!(message.contains("; fix reverted: ") && message.contains("locks.go:"), "{message}");
    let kept = findings.iter().find(|f| f["path"].as_str().unwrap().contains("ok")).unwrap();
    assert_eq!(kept["applied"], true, "{json}");
    common::run_ok(tmp.path(), "go", &["vet", "./..."]);
}

#[test]
fn a_package_that_failed_vet_before_keeps_its_fixes() {
    if !common::go_available("a_package_that_failed_vet_before_keeps_its_fixes") {
        return;
    }
    let broken = FIXABLE
        .replace("println(fh)", "println(fh)\n\t\tfmt.Printf(\"%d\\n\", n)")
        .replace("import \"os\"", "import (\n\t\"fmt\"\n\t\"os\"\n)");
    let tmp = module(&[("ok/ok.go", &broken)]);
    let out = defer_fix(tmp.path(), &["--verify", "./..."]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("the checks failed before the fixes too"), "{err}");
    assert!(std::fs::read_to_string(tmp.path().join("ok/ok.go")).unwrap().contains("func() {"));
}

/// docker/cli's case: no go.mod, so every check fails before the fixes as after. The last
/// line says so and what became of the files; --require-verified refuses such fixes.
#[test]
fn packages_that_cannot_be_checked_are_counted_and_can_be_refused() {
    if !common::go_available("packages_that_cannot_be_checked_are_counted_and_can_be_refused") {
        return;
    }
    let tmp = module(&[
        ("ok/ok.go", FIXABLE),
        ("nomod/a.go", FIXABLE),
        ("nomod/b.go", &FIXABLE.replace("Read", "Other")),
    ]);
    // Outside the module: a tree of its own without go.mod.
    let outside = tempfile::tempdir().unwrap();
    std::fs::rename(tmp.path().join("nomod"), outside.path().join("nomod")).unwrap();
    std::fs::rename(tmp.path().join("ok"), outside.path().join("ok")).unwrap();
    std::fs::rename(tmp.path().join("go.mod"), outside.path().join("ok/go.mod")).unwrap();
    let dir = outside.path();
    let out = defer_fix(dir, &["--verify", "./..."]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("defer-fix: verify: 2 packages changed: 1 verified (go build, go vet and the test compile pass after the fixes), 1 could not be checked before the fixes (go build: go: go.mod file not found"),
        "{err}"
    );
    assert!(last.ends_with("): 2 files written unverified (--require-verified refuses such fixes)"), "{err}");

    std::fs::write(dir.join("nomod/a.go"), FIXABLE).unwrap();
    std::fs::write(dir.join("nomod/b.go"), FIXABLE.replace("Read", "Other")).unwrap();
    std::fs::write(dir.join("ok/ok.go"), FIXABLE).unwrap();
    let out = defer_fix(dir, &["--verify", "--require-verified", "./..."]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "findings are left unfixed: {err}");
    assert_eq!(std::fs::read_to_string(dir.join("nomod/a.go")).unwrap(), FIXABLE, "put back");
    assert!(std::fs::read_to_string(dir.join("ok/ok.go")).unwrap().contains("func() {"), "verified, kept");
    assert!(
        err.contains("nomod/a.go:8:3: loop-defer: ")
            && err
                .contains("; fix reverted: not verified: the checks failed before the fixes too (go build: "),
        "{err}"
    );
    assert!(
        err.lines().last().unwrap().ends_with("): their files were put back (--require-verified)"),
        "{err}"
    );

    let misuse = defer_fix(dir, &["--require-verified", "./..."]);
    assert_eq!(misuse.status.code(), Some(2), "--require-verified goes with --verify");
}

#[test]
fn verify_needs_an_in_place_run_and_the_go_toolchain() {
    let tmp = module(&[("ok/ok.go", FIXABLE)]);
    for mode in ["--check", "--dry-run", "--list"] {
        let out = defer_fix(tmp.path(), &["--verify", mode, "./..."]);
        assert_eq!(out.status.code(), Some(2), "{mode}: {}", stderr(&out));
        assert!(stderr(&out).contains("--verify checks an in-place run"), "{}", stderr(&out));
    }
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["--verify", "./..."])
        .current_dir(tmp.path())
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("`go` is not on PATH"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(tmp.path().join("ok/ok.go")).unwrap(), FIXABLE, "nothing written");
}

/// A stand-in for the go command, for breakages that the correct fixes of defer-fix never
/// cause but `--verify` must still catch: compile errors that go vet's type check does not
/// see (a backend or linker error). It runs the real go command (FAKEGO_REAL) for everything,
/// except that the step named FAKEGO_FAIL ("build" or "test") of `go -C DIR STEP ...` fails,
/// with a compiler's message, when DIR is named FAKEGO_PACKAGE and a file that step compiles
/// holds FAKEGO_MARKER: a non-test file for build, a `_test.go` file for test (build has
/// compiled the others already).
const FAKE_GO: &str = r##"package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	args := os.Args[1:]
	if len(args) >= 3 && args[0] == "-C" && args[2] == os.Getenv("FAKEGO_FAIL") &&
		filepath.Base(args[1]) == os.Getenv("FAKEGO_PACKAGE") {
		if file, line := marked(args[1], args[2] == "test"); file != "" {
			fmt.Fprintf(os.Stderr, "# example.com/verify\n./%s:%d:1: fake %s failure\n", file, line, args[2])
			os.Exit(1)
		}
	}
	cmd := exec.Command(os.Getenv("FAKEGO_REAL"), args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			os.Exit(exit.ExitCode())
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// marked: the first file of dir (test files or the others) holding the marker, and its line.
func marked(dir string, tests bool) (string, int) {
	names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") != tests {
			continue
		}
		text, _ := os.ReadFile(name)
		if i := strings.Index(string(text), os.Getenv("FAKEGO_MARKER")); i >= 0 {
			return filepath.Base(name), strings.Count(string(text[:i]), "\n") + 1
		}
	}
	return "", 0
}
"##;

/// The environment that puts the fake go command first on PATH, failing `step` ("build" or
/// "test") in the package directory named `package` once the fix's `func() {` appears there.
/// Built once per test run.
fn fake_go(step: &str, package: &str) -> Vec<(&'static str, OsString)> {
    static BIN_DIR: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    let (bin_dir, real) = BIN_DIR.get_or_init(|| {
        let goroot = common::run_ok(Path::new("."), "go", &["env", "GOROOT"]);
        let real = Path::new(goroot.trim()).join("bin").join(format!("go{}", std::env::consts::EXE_SUFFIX));
        let src = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fake-go");
        let bin_dir = src.join("bin");
        std::fs::create_dir_all(&bin_dir).unwrap();
        std::fs::write(src.join("go.mod"), "module example.com/fakego\n\ngo 1.21\n").unwrap();
        std::fs::write(src.join("main.go"), FAKE_GO).unwrap();
        let out = format!("bin/go{}", std::env::consts::EXE_SUFFIX);
        common::run_ok(&src, "go", &["build", "-o", &out, "."]);
        (bin_dir, real)
    });
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path =
        std::env::join_paths(std::iter::once(bin_dir.clone()).chain(std::env::split_paths(&path))).unwrap();
    vec![
        ("PATH", path),
        ("FAKEGO_REAL", real.clone().into_os_string()),
        ("FAKEGO_FAIL", step.into()),
        ("FAKEGO_PACKAGE", package.into()),
        ("FAKEGO_MARKER", "func() {".into()),
    ]
}

/// The JSON findings of a run.
fn findings(out: &Output) -> Vec<serde_json::Value> {
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["findings"].as_array().unwrap().clone()
}

#[test]
fn a_fix_that_breaks_only_go_build_is_put_back() {
    if !common::go_available("a_fix_that_breaks_only_go_build_is_put_back") {
        return;
    }
    let other = FIXABLE.replace("package ok", "package other");
    let tmp = module(&[
        ("broken/broken.go", &FIXABLE.replace("package ok", "package broken")),
        ("other/other.go", &other),
    ]);
    let out =
        defer_fix_env(tmp.path(), &["--verify", "--format", "json", "./..."], &fake_go("build", "broken"));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit 1 when a package was put back: {err}");
    assert!(err.contains("broken: ") && err.contains("(go build: ./broken.go:7:"), "{err}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("broken/broken.go")).unwrap(),
        FIXABLE.replace("package ok", "package broken"),
        "put back byte for byte"
    );
    assert!(std::fs::read_to_string(tmp.path().join("other/other.go")).unwrap().contains("func() {"));
    let findings = findings(&out);
    let reverted = findings.iter().find(|f| f["path"].as_str().unwrap().contains("broken")).unwrap();
    assert_eq!(reverted["applied"], false);
    let message = reverted["message"].as_str().unwrap();
    assert!(message.ends_with("; fix reverted: go build: ./broken.go:7:1: fake build failure"), "{message}");
    let kept = findings.iter().find(|f| f["path"].as_str().unwrap().contains("other")).unwrap();
    assert_eq!(kept["applied"], true);
}

#[test]
fn a_breakage_seen_only_when_compiling_the_tests_is_put_back() {
    if !common::go_available("a_breakage_seen_only_when_compiling_the_tests_is_put_back") {
        return;
    }
    let test_file = FIXABLE.replace("package ok", "package pkg");
    let tmp = module(&[("pkg/pkg.go", "package pkg\n"), ("pkg/read_test.go", &test_file)]);
    let out = defer_fix_env(tmp.path(), &["--verify", "--format", "json", "./..."], &fake_go("test", "pkg"));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(std::fs::read_to_string(tmp.path().join("pkg/read_test.go")).unwrap(), test_file);
    let findings = findings(&out);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["applied"], false);
    let message = findings[0]["message"].as_str().unwrap();
    assert!(message.ends_with("; fix reverted: go test: ./read_test.go:7:1: fake test failure"), "{message}");
}

#[test]
fn a_test_file_the_fixes_break_is_put_back() {
    if !common::go_available("a_test_file_the_fixes_break_is_put_back") {
        return;
    }
    // The copylocks breakage of BREAKS_VET, in a test file: go build never compiles it, go vet
    // sees it.
    let tmp = module(&[("locks/locks.go", "package locks\n"), ("locks/spawn_test.go", BREAKS_VET)]);
    common::run_ok(tmp.path(), "go", &["vet", "./..."]);
    let out = defer_fix(tmp.path(), &["--verify", "--format", "json", "./..."]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(std::fs::read_to_string(tmp.path().join("locks/spawn_test.go")).unwrap(), BREAKS_VET);
    let findings = findings(&out);
    let message = findings[0]["message"].as_str().unwrap();
    assert!(
        message.contains("; fix reverted: go vet: spawn_test.go:12:8: assignment copies lock value"),
        "{message}"
    );
    assert!(message.contains("lock"), "{message}");
    common::run_ok(tmp.path(), "go", &["vet", "./..."]);
}

#[test]
fn a_package_that_did_not_build_before_keeps_its_fixes() {
    if !common::go_available("a_package_that_did_not_build_before_keeps_its_fixes") {
        return;
    }
    let tmp = module(&[("ok/ok.go", FIXABLE), ("ok/bad.go", "package ok\n\nfunc bad() { missing() }\n")]);
    let out = defer_fix(tmp.path(), &["--verify", "--format", "json", "./..."]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("failed before the fixes too (go build: ./bad.go:3:14: undefined: missing)"),
        "{err}"
    );
    assert!(std::fs::read_to_string(tmp.path().join("ok/ok.go")).unwrap().contains("func() {"));
    assert_eq!(findings(&out)[0]["applied"], true);
}

#[test]
fn a_step_that_passed_before_is_blamed_though_another_failed_before() {
    if !common::go_available("a_step_that_passed_before_is_blamed_though_another_failed_before") {
        return;
    }
    // go vet fails before and after (a Printf verb); the fix breaks go build, which passed.
    let source = FIXABLE
        .replace("println(fh)", "println(fh)\n\t\tfmt.Printf(\"%d\\n\", n)")
        .replace("import \"os\"", "import (\n\t\"fmt\"\n\t\"os\"\n)");
    let tmp = module(&[("ok/ok.go", &source)]);
    let out = defer_fix_env(tmp.path(), &["--verify", "--format", "json", "./..."], &fake_go("build", "ok"));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("failed before the fixes too"), "{err}");
    assert_eq!(std::fs::read_to_string(tmp.path().join("ok/ok.go")).unwrap(), source);
    let message = findings(&out)[0]["message"].as_str().unwrap().to_string();
    assert!(message.contains("; fix reverted: go build: ./ok.go:"), "{message}");
}

#[test]
fn verify_writes_no_binary_and_runs_no_test() {
    if !common::go_available("verify_writes_no_binary_and_runs_no_test") {
        return;
    }
    let main = FIXABLE.replace("package ok", "package main") + "\nfunc main() { Read(nil) }\n";
    let test = "package main

import (
	\"os\"
	\"testing\"
)

func TestMain(m *testing.M) {
	os.WriteFile(\"testmain-ran\", nil, 0o644)
	os.Exit(m.Run())
}

func TestRead(t *testing.T) { Read(nil) }
";
    let tmp = module(&[("cmd/tool/main.go", &main), ("cmd/tool/main_test.go", test)]);
    let out = defer_fix(tmp.path(), &["--verify", "./..."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(tmp.path().join("cmd/tool/main.go")).unwrap().contains("func() {"));
    let mut names: Vec<String> = std::fs::read_dir(tmp.path().join("cmd/tool"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["main.go", "main_test.go"], "no binary, no test run");
}
