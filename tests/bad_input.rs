//! Input a codemod meets in real trees and must survive: odd bytes, odd files, deep nesting,
//! big files, links. Each is run through the binary on a temporary tree.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_defer-fix");

/// A loop-defer finding with a safe fix, whose body holds `extra` (a statement).
fn fixable(extra: &str) -> String {
    format!(
        "package p\n\nimport \"os\"\n\nfunc f(names []string) {{\n\tfor _, n := range names {{\n\t\tfh, _ := os.Open(n)\n\t\tdefer fh.Close()\n\t\t{extra}\n\t}}\n}}\n"
    )
}

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(BIN).args(args).current_dir(dir).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn invalid_utf8_in_comments_and_strings_is_kept_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    // Latin-1 bytes in a string and a comment: invalid UTF-8 that Go accepts in both.
    let mut src = fixable("_ = \"caf@\"").into_bytes();
    let at = src.iter().position(|&b| b == b'@').unwrap();
    src[at] = 0xE9;
    src.extend_from_slice(b"// r\xE9sum\xE9 \xFF\xFE\n");
    std::fs::write(tmp.path().join("latin1.go"), &src).unwrap();
    let (code, stderr) = run(tmp.path(), &["."]);
    assert_eq!(code, 0, "{stderr}");
    let fixed = std::fs::read(tmp.path().join("latin1.go")).unwrap();
    assert!(fixed.windows(6).any(|w| w == b"\"caf\xE9\""), "the string's byte is kept");
    assert!(fixed.ends_with(b"// r\xE9sum\xE9 \xFF\xFE\n"), "the comment's bytes are kept");
    assert!(fixed.windows(9).any(|w| w == b"func() {\n"), "and the fix applied");
}

#[test]
fn junk_empty_and_package_only_files() {
    let tmp = tempfile::tempdir().unwrap();
    let junk: Vec<u8> =
        (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).chain(*b"defer go").collect();
    std::fs::write(tmp.path().join("junk.go"), &junk).unwrap();
    std::fs::write(tmp.path().join("empty.go"), b"").unwrap();
    std::fs::write(tmp.path().join("pkg.go"), b"package p\n").unwrap();
    std::fs::write(tmp.path().join("good.go"), fixable("println(fh)")).unwrap();
    let (code, stderr) = run(tmp.path(), &["."]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("junk.go:") && stderr.contains("error: cannot parse"), "{stderr}");
    assert!(!stderr.contains("empty.go") && !stderr.contains("pkg.go"), "{stderr}");
    assert_eq!(std::fs::read(tmp.path().join("junk.go")).unwrap(), junk, "junk is left untouched");
    assert!(
        std::fs::read_to_string(tmp.path().join("good.go")).unwrap().contains("func() {"),
        "good file fixed"
    );
}

#[test]
fn deeply_nested_blocks_do_not_overflow_the_stack() {
    let tmp = tempfile::tempdir().unwrap();
    let depth = 3000;
    let mut src = String::from("package p\n\nimport \"os\"\n\nfunc f(names []string) {\n");
    src.push_str(&"{\n".repeat(depth));
    src.push_str("for _, n := range names {\nfh, _ := os.Open(n)\ndefer fh.Close()\nprintln(fh)\n}\n");
    src.push_str(&"}\n".repeat(depth));
    src.push_str("}\n");
    std::fs::write(tmp.path().join("deep.go"), &src).unwrap();
    let (code, stderr) = run(tmp.path(), &["--check", "."]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(&format!("deep.go:{}:1: loop-defer:", depth + 8)), "{stderr}");
}

#[test]
fn a_large_file_with_hundreds_of_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let mut src = String::from("package p\n\nimport \"os\"\n");
    for i in 0..400 {
        src.push_str(&format!(
            "\nfunc f{i}(names []string) {{\n\tfor _, n := range names {{\n\t\tfh, _ := os.Open(n)\n\t\tdefer fh.Close()\n\t\tprintln(fh)\n\t}}\n}}\n"
        ));
        src.push_str(&"// padding\n".repeat(40));
    }
    assert!(src.lines().count() > 19_000);
    std::fs::write(tmp.path().join("big.go"), &src).unwrap();
    let started = std::time::Instant::now();
    let (code, stderr) = run(tmp.path(), &["."]);
    // Generous for an unoptimised build on a slow machine; quadratic behaviour takes minutes.
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "took {:?}", started.elapsed());
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("fixed 400 findings in 1 file; 0 left"), "{stderr}");
    let (code, stderr) = run(tmp.path(), &["--check", "."]);
    assert_eq!(code, 0, "a second run finds nothing: {stderr}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_out_of_the_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("far.go"), fixable("println(fh)")).unwrap();
    let tree = tmp.path().join("tree");
    std::fs::create_dir_all(tree.join("a")).unwrap();
    std::fs::write(tree.join("a/near.go"), fixable("println(fh)")).unwrap();
    std::os::unix::fs::symlink(&tree, tree.join("a/loop")).unwrap();
    std::os::unix::fs::symlink(outside.path(), tree.join("out")).unwrap();
    let (code, stderr) = run(&tree, &["-l", "./..."]);
    assert_eq!(code, 1, "{stderr}");
    let out = Command::new(BIN).args(["-l", "./..."]).current_dir(&tree).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "a/near.go\n", "links are not followed in walks");
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_written_is_a_named_error() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("locked");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("f.go"), fixable("println(fh)")).unwrap();
    std::fs::write(tmp.path().join("ok.go"), fixable("println(fh)")).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.join(".probe");
    let writable_anyway = std::fs::write(&probe, b"").is_ok(); // root ignores permissions
    let _ = std::fs::remove_file(&probe);
    let (code, stderr) = run(tmp.path(), &["."]);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    if writable_anyway {
        eprintln!("notice: running as root, a read-only directory is writable; checked the fix only");
        assert_eq!(code, 0, "{stderr}");
        return;
    }
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("locked/f.go: error: cannot create a temporary file"), "{stderr}");
    assert!(std::fs::read_to_string(tmp.path().join("ok.go")).unwrap().contains("func() {"));
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_are_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let crlf = fixable("println(fh)").replace('\n', "\r\n");
    let bom = format!("\u{feff}{}", fixable("println(fh)"));
    let both = format!("\u{feff}{crlf}");
    for (name, src) in [("crlf.go", &crlf), ("bom.go", &bom), ("both.go", &both)] {
        std::fs::write(tmp.path().join(name), src).unwrap();
    }
    let (code, stderr) = run(tmp.path(), &["."]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("fixed 3 findings in 3 files"), "{stderr}");
    for (name, bom, crlf) in [("crlf.go", false, true), ("bom.go", true, false), ("both.go", true, true)] {
        let fixed = std::fs::read(tmp.path().join(name)).unwrap();
        assert!(fixed.windows(6).any(|w| w == b"func()"), "{name}: fixed");
        assert_eq!(
            fixed.starts_with(b"\xEF\xBB\xBFpackage p"),
            bom,
            "{name}: the BOM is kept, and only there"
        );
        assert_eq!(
            fixed.iter().filter(|&&b| b == b'\xEF').count(),
            usize::from(bom),
            "{name}: one BOM at most"
        );
        let newlines = fixed.iter().filter(|&&b| b == b'\n').count();
        let crlfs = fixed.windows(2).filter(|w| w == b"\r\n").count();
        assert_eq!(crlfs, if crlf { newlines } else { 0 }, "{name}: every line ends as before");
    }
    let (code, stderr) = run(tmp.path(), &["--check", "."]);
    assert_eq!(code, 0, "a second run finds nothing: {stderr}");
}

#[cfg(unix)]
#[test]
fn file_permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    for (name, mode) in [("private.go", 0o600), ("group.go", 0o640), ("exec.go", 0o755)] {
        let path = tmp.path().join(name);
        std::fs::write(&path, fixable("println(fh)")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let (code, stderr) = run(tmp.path(), &["."]);
    assert_eq!(code, 0, "{stderr}");
    for (name, mode) in [("private.go", 0o600), ("group.go", 0o640), ("exec.go", 0o755)] {
        let path = tmp.path().join(name);
        assert!(std::fs::read_to_string(&path).unwrap().contains("func() {"), "{name}: fixed");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o7777, mode, "{name}");
    }
}

/// A read-only file is a named error, as with `gofmt -w`: the atomic rename would otherwise
/// replace it whatever its own mode, since its directory is writable.
#[cfg(unix)]
#[test]
fn a_read_only_file_is_a_named_error() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let src = fixable("println(fh)");
    std::fs::write(tmp.path().join("ro.go"), &src).unwrap();
    std::fs::set_permissions(tmp.path().join("ro.go"), std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::write(tmp.path().join("ok.go"), &src).unwrap();
    let (code, stderr) = run(tmp.path(), &["."]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("ro.go: error:"), "{stderr}");
    assert_eq!(std::fs::read_to_string(tmp.path().join("ro.go")).unwrap(), src, "left as it was");
    assert!(std::fs::read_to_string(tmp.path().join("ok.go")).unwrap().contains("func() {"), "others fixed");
}

#[test]
fn a_file_changed_on_disk_during_the_run_is_not_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("f.go");
    let read = fixable("println(fh)");
    // What defer-fix read, then someone else's edit, then the write with the stale contents.
    std::fs::write(&path, &read).unwrap();
    let edited = read.replace("println(fh)", "println(fh, n)");
    std::fs::write(&path, &edited).unwrap();
    let err = defer_fix::write::replace(&path, read.as_bytes(), b"package p\n").unwrap_err();
    assert!(format!("{err:#}").contains("changed on disk"), "{err:#}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited, "the other edit survives");
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["f.go"], "no temporary file is left behind");
    // With the contents as they are, the write goes through.
    defer_fix::write::replace(&path, edited.as_bytes(), b"package p\n").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"package p\n");
}
