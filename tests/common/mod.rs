//! Shared by the integration tests: the Go toolchain as the oracle.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// Whether `go` can be run. On CI (`CI=true`) its absence is a failure; elsewhere the tests
/// that need it print a notice and skip.
pub fn go_available(test: &str) -> bool {
    let found = Command::new("go").arg("version").output().is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{test}: the Go toolchain is required on CI but `go` is not on PATH");
        }
        eprintln!("notice: {test} skipped its Go checks: `go` is not on PATH");
    }
    found
}

/// Runs a command in `dir`, panicking with its output when it fails.
pub fn run_ok(dir: &Path, program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{program} {args:?} failed in {}:\n{stdout}\n{}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Writes a go.mod for a module of Go fixtures.
pub fn write_go_mod(dir: &Path, version: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("go.mod"), format!("module example.com/fixture\n\ngo {version}\n")).unwrap();
}
