//! Standard-input mode with `--format`: an editor gets one JSON document with the findings,
//! their edits and the fixed buffer; the edits applied to the buffer give the fixed text.

use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_defer-fix");

/// Two loops with safe fixes, a finding without one, CRLF line endings and non-ASCII text
/// before a fix on the same line's neighbours.
const SOURCE: &str = "package p\n\nimport \"os\"\n\n// héllo\nfunc a(names []string) {\n\tfor _, name := range names {\n\t\tf, _ := os.Open(name) // é\n\t\tdefer f.Close()\n\t\tprintln(f.Name())\n\t}\n}\n\nfunc b(names []string) {\n\tfor _, name := range names {\n\t\tf, _ := os.Open(name)\n\t\tdefer f.Close()\n\t\tif name == \"x\" {\n\t\t\tgoto out\n\t\t}\n\t}\nout:\n}\n";

fn run(dir: &Path, args: &[&str], input: &[u8]) -> (i32, Vec<u8>, String) {
    use std::io::Write as _;
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap(), out.stdout, String::from_utf8(out.stderr).unwrap())
}

/// Applies JSON edits (1-based lines, byte columns, exclusive ends) to `text`, last first.
fn apply(text: &[u8], edits: &[&serde_json::Value]) -> Vec<u8> {
    let mut starts = vec![0];
    starts.extend(text.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1));
    let offset = |line: &serde_json::Value, column: &serde_json::Value| {
        starts[line.as_u64().unwrap() as usize - 1] + column.as_u64().unwrap() as usize - 1
    };
    let mut ranges: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["line"], &e["column"]),
                offset(&e["end_line"], &e["end_column"]),
                e["text"].as_str().unwrap(),
            )
        })
        .collect();
    ranges.sort();
    let mut out = text.to_vec();
    for (start, end, new) in ranges.into_iter().rev() {
        out.splice(start..end, new.bytes());
    }
    out
}

#[test]
fn json_on_stdin_gives_findings_edits_and_the_fixed_buffer() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, source) in [("lf.go", SOURCE.to_string()), ("crlf.go", SOURCE.replace('\n', "\r\n"))] {
        let (code, stdout, stderr) =
            run(tmp.path(), &["--format", "json", "--stdin-filename", name, "-"], source.as_bytes());
        assert_eq!((code, stderr.as_str()), (1, ""), "{name}: the goto finding remains");
        let doc: serde_json::Value = serde_json::from_slice(&stdout).expect("one JSON document");
        let findings = doc["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 2, "{name}");
        assert!(findings.iter().all(|f| f["path"] == name));
        let applied: Vec<&serde_json::Value> = findings
            .iter()
            .filter(|f| f["applied"] == true)
            .flat_map(|f| f["edits"].as_array().unwrap())
            .collect();
        assert!(!applied.is_empty());
        assert!(findings.iter().any(|f| f["fix"] == "none" && f["edits"].as_array().unwrap().is_empty()));

        // The fixed buffer is what an in-place run writes to a file with this text.
        let fixed = doc["fixed"].as_str().expect("the fixed buffer");
        std::fs::write(tmp.path().join(name), &source).unwrap();
        let (code, _, _) = run(tmp.path(), &[name], b"");
        assert_eq!(code, 1);
        assert_eq!(fixed, std::fs::read_to_string(tmp.path().join(name)).unwrap(), "{name}");
        // And the edits, applied to the buffer as read, make exactly that text.
        assert_eq!(String::from_utf8(apply(source.as_bytes(), &applied)).unwrap(), fixed, "{name}");
    }
}

#[test]
fn other_formats_and_errors_on_stdin() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = "package p\n\nfunc f() {\n\tdefer (\n}\n";
    let (code, stdout, stderr) =
        run(tmp.path(), &["--format", "json", "--stdin-filename", "bad.go", "-"], bad.as_bytes());
    assert_eq!(code, 2);
    let doc: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(doc["fixed"], serde_json::Value::Null, "nothing to replace the buffer with");
    assert_eq!(doc["errors"][0]["path"], "bad.go");
    assert!(stderr.starts_with("bad.go:"), "{stderr}");

    let clean = "package p\n\nfunc f() {\n\tdefer println()\n}\n";
    let (code, stdout, _) = run(tmp.path(), &["--format", "json", "-"], clean.as_bytes());
    let doc: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(
        (code, &doc["fixed"], doc["findings"].as_array().unwrap().len()),
        (0, &serde_json::Value::Null, 0)
    );

    let (code, stdout, stderr) = run(
        tmp.path(),
        &["--check", "--format", "sarif", "--stdin-filename", "x.go", "-"],
        SOURCE.as_bytes(),
    );
    assert_eq!((code, stderr.as_str()), (1, ""));
    let sarif: serde_json::Value = serde_json::from_slice(&stdout).expect("SARIF on stdout, not the buffer");
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);
    let (_, stdout, _) =
        run(tmp.path(), &["--format", "github", "--stdin-filename", "x.go", "-"], SOURCE.as_bytes());
    let annotations = String::from_utf8(stdout).unwrap();
    assert!(annotations.starts_with("::warning file=x.go,line=17,"), "{annotations}");
    assert_eq!(annotations.lines().count(), 1, "the fixed finding is not annotated");
}

/// An editor's buffer named by `--stdin-filename` belongs to the package of its directory: a
/// function another file declares is read from disk. Without a name, the current directory is
/// no package of the buffer's.
#[test]
fn a_named_buffer_sees_the_other_files_of_its_package() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("exit.go"),
        "package main\n\nimport \"os\"\n\nfunc fail() { os.Exit(1) }\n",
    )
    .unwrap();
    let buffer =
        "package main\n\nimport \"os\"\n\nfunc main() {\n\tdefer os.RemoveAll(\"scratch\")\n\tfail()\n}\n";
    let args = ["--check", "--select", "exit-after-defer", "--format", "json"];
    let findings = |extra: &[&str]| {
        let all: Vec<&str> = args.iter().chain(extra).copied().collect();
        let (_, stdout, stderr) = run(tmp.path(), &all, buffer.as_bytes());
        let doc: serde_json::Value =
            serde_json::from_slice(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let named = findings(&["--stdin-filename", "main.go", "-"]);
    assert_eq!(named.len(), 1, "{named:?}");
    assert!(named[0].starts_with("fail (it calls os.Exit in exit.go on line 5)"), "{named:?}");
    assert_eq!(findings(&["-"]), Vec::<String>::new());
}
