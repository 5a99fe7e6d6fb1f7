//! loop-capture across modules: each file uses its own module's Go version.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_defer-fix");

const SOURCE: &str = "package main

import \"fmt\"

func main() {
\tfor i := 0; i < 3; i++ {
\t\tdefer func() { fmt.Println(i) }()
\t}
}
";

const FIXED: &str = "package main

import \"fmt\"

func main() {
\tfor i := 0; i < 3; i++ {
\t\tdefer func(i int) { fmt.Println(i) }(i)
\t}
}
";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_go121_module_is_fixed_and_a_nested_go122_module_is_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(&root.join("go.mod"), "module example.com/old\n\ngo 1.21\n");
    write(&root.join("old/main.go"), SOURCE);
    write(&root.join("new/go.mod"), "module example.com/new\n\ngo 1.22\n\ntoolchain go1.23.0\n");
    write(&root.join("new/main.go"), SOURCE);

    let output = Command::new(BIN)
        .args(["--select", "loop-capture", "--format", "json", "./..."])
        .current_dir(root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));

    assert_eq!(
        std::fs::read_to_string(root.join("old/main.go")).unwrap(),
        FIXED,
        "the go1.21 module's file is fixed"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("new/main.go")).unwrap(),
        SOURCE,
        "the go1.22 module's file is untouched"
    );

    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{report}");
    assert_eq!(findings[0]["path"], "old/main.go");
    assert_eq!(findings[0]["applied"], true);
    assert!(findings[0]["message"].as_str().unwrap().contains("(this file is go1.21)"), "{report}");
}

#[test]
fn a_go_work_workspace_of_sibling_modules_and_a_build_line() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(&root.join("go.work"), "go 1.23\n\nuse (\n\t./legacy\n\t./modern\n)\n");
    write(&root.join("legacy/go.mod"), "module example.com/legacy\n\ngo 1.21\n");
    write(&root.join("legacy/main.go"), SOURCE);
    // A build line naming go1.22 lifts one file of the old module to the new semantics.
    write(&root.join("legacy/lifted/main.go"), &format!("//go:build go1.22\n\n{SOURCE}"));
    write(&root.join("modern/go.mod"), "module example.com/modern\n\ngo 1.23\n");
    write(&root.join("modern/main.go"), SOURCE);

    let output = Command::new(BIN)
        .args(["--select", "loop-capture", "-l", "./..."])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "legacy/main.go\n",
        "only the go1.21 file without a build line"
    );

    // --go-version overrides every module.
    let output = Command::new(BIN)
        .args(["--select", "loop-capture", "-l", "--go-version", "1.21", "./..."])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "legacy/lifted/main.go\nlegacy/main.go\nmodern/main.go\n"
    );
}
