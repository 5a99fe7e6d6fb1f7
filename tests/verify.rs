//! `--verify`: go vet on every changed package before and after the fixes; a package the fixes
//! broke gets its files back byte for byte. Needs the Go toolchain (skipped with a notice
//! without it, except on CI).

mod common;

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_defer-fix");

fn defer_fix(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("NO_COLOR", "1")
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
    assert!(err.contains("locks: go vet fails after the fixes ("), "{err}");
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
    assert!(err.contains("go vet failed before the fixes too"), "{err}");
    assert!(std::fs::read_to_string(tmp.path().join("ok/ok.go")).unwrap().contains("func() {"));
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
