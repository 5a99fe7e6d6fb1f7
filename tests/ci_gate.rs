//! What a CI gate and a bot rely on: findings only in new code (`--new-from-rev`,
//! `--new-from-patch`), file lists from `git diff --name-only`, `--exit-zero`, and the
//! README's bot recipe run as written.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_defer-fix");

/// A loop whose defer has a safe fix; `NAME` is replaced to make several.
const LOOP: &str = "
func NAME(names []string) {
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close()
		println(f.Name())
	}
}
";

fn source(funcs: &[&str]) -> String {
    let mut text = String::from("package p\n\nimport \"os\"\n");
    for name in funcs {
        text.push_str(&LOOP.replace("NAME", name));
    }
    text
}

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

fn defer_fix(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let output = child.wait_with_output().unwrap();
    Output {
        code: output.status.code().expect("defer-fix was killed by a signal"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// Runs git in `dir` with a fixed identity, panicking with its output when it fails.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git is on PATH");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A repository whose one commit holds `old.go` (one finding) and `both.go` (one finding);
/// the working tree then adds a finding to `both.go` and an untracked `new.go`.
fn repo_with_changes() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, &["init", "-q", "-b", "main"]);
    std::fs::write(dir.join("old.go"), source(&["old"])).unwrap();
    std::fs::write(dir.join("both.go"), source(&["kept"])).unwrap();
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "start"]);
    std::fs::write(dir.join("both.go"), source(&["kept", "added"])).unwrap();
    std::fs::write(dir.join("new.go"), source(&["untracked"])).unwrap();
    tmp
}

/// `path:line rule applied` of each finding in a JSON report.
fn findings(json: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(json).expect("JSON on stdout");
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{} {} {}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["rule"].as_str().unwrap(),
                f["applied"]
            )
        })
        .collect()
}

#[test]
fn new_from_rev_reports_and_fixes_only_new_lines() {
    let tmp = repo_with_changes();
    let dir = tmp.path();
    let all = defer_fix(dir, &["--check", "--format", "json"], b"");
    assert_eq!(findings(&all.stdout).len(), 4, "{}", all.stdout);

    let out = defer_fix(dir, &["--check", "--format", "json", "--new-from-rev", "HEAD"], b"");
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        findings(&out.stdout),
        ["both.go:16 loop-defer true", "new.go:8 loop-defer true"],
        "the committed loops are old code; the added one and the untracked file are new"
    );

    // From a subdirectory, and with the file named: the same files, by the same lines.
    std::fs::create_dir(dir.join("sub")).unwrap();
    let out = defer_fix(
        &dir.join("sub"),
        &["--check", "--format", "json", "--new-from-rev", "HEAD", "../both.go"],
        b"",
    );
    assert_eq!(findings(&out.stdout), ["../both.go:16 loop-defer true"], "{}", out.stderr);

    // In place: the new loop is fixed, the old one in the same file is not touched.
    let before = std::fs::read_to_string(dir.join("both.go")).unwrap();
    let out = defer_fix(dir, &["--new-from-rev", "HEAD"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let after = std::fs::read_to_string(dir.join("both.go")).unwrap();
    let old_loop = &before[..before.find("func added").unwrap()];
    assert!(after.starts_with(old_loop), "the old loop changed:\n{after}");
    assert!(after[old_loop.len()..].contains("\t\tfunc() {\n"), "the new loop is not fixed:\n{after}");
    assert_eq!(std::fs::read_to_string(dir.join("old.go")).unwrap(), source(&["old"]));

    let bad = defer_fix(dir, &["--check", "--new-from-rev", "no-such-branch"], b"");
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.starts_with("defer-fix: error: --new-from-rev no-such-branch: name a commit, branch or tag of this repository: git diff: fatal: "),
        "{}",
        bad.stderr
    );
    let outside = tempfile::tempdir().unwrap();
    let out = defer_fix(outside.path(), &["--check", "--new-from-rev", "HEAD"], b"");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("needs a git repository; run it inside one, or use --new-from-patch"),
        "{}",
        out.stderr
    );
}

#[test]
fn new_from_patch_reads_a_unified_diff_with_context() {
    let tmp = repo_with_changes();
    let dir = tmp.path();
    // Three lines of context, as `git diff` writes by default, and a patch outside the tree.
    let patch = git(dir, &["diff"]);
    let patch_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(patch_file.path(), &patch).unwrap();
    let out = defer_fix(
        dir,
        &["--check", "--format", "json", "--new-from-patch", patch_file.path().to_str().unwrap()],
        b"",
    );
    assert_eq!(
        findings(&out.stdout),
        ["both.go:16 loop-defer true"],
        "an untracked file is not in the patch"
    );

    let missing = defer_fix(dir, &["--check", "--new-from-patch", "nope.diff"], b"");
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.starts_with("defer-fix: error: --new-from-patch nope.diff: cannot read this patch"),
        "{}",
        missing.stderr
    );
}

#[test]
fn files_from_git_diff_name_only_skips_deleted_and_other_files() {
    let tmp = repo_with_changes();
    let dir = tmp.path();
    std::fs::write(dir.join("README.md"), "x").unwrap();
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "more"]);
    git(dir, &["rm", "-q", "old.go"]);
    std::fs::write(dir.join("README.md"), "y").unwrap();
    // Without rename detection, which would pair old.go with the similar new.go.
    let list = git(dir, &["diff", "--name-only", "--no-renames", "HEAD~1"]);
    assert_eq!(list, "README.md\nboth.go\nnew.go\nold.go\n");
    let out = defer_fix(dir, &["--check", "--format", "json", "--files-from", "-"], list.as_bytes());
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "defer-fix: the file list on standard input: skipped 1 path that no longer exists and 1 file not ending in .go\n"
    );
    assert_eq!(findings(&out.stdout).len(), 3);

    // A change without Go files leaves nothing to do: not an error.
    let out = defer_fix(dir, &["--check", "--files-from", "-"], b"README.md\n");
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
    assert!(
        out.stderr.ends_with("defer-fix: the file list names no Go files; nothing to do\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn exit_zero_for_findings_but_not_for_errors() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.go"), source(&["a"])).unwrap();
    let check = defer_fix(tmp.path(), &["--check"], b"");
    let zero = defer_fix(tmp.path(), &["--check", "--exit-zero"], b"");
    assert_eq!((check.code, zero.code), (1, 0));
    assert_eq!(zero.stderr, check.stderr, "the report is the same");
    std::fs::write(tmp.path().join("bad.go"), "package p\nfunc f() { defer }\n").unwrap();
    assert_eq!(defer_fix(tmp.path(), &["--check", "--exit-zero"], b"").code, 2, "an error is still an error");
}

/// The README's bot recipe, read from README.md and run with `sh` in a repository, with a `gh`
/// that records what it was given.
#[test]
fn readme_bot_recipe_runs_as_written() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let after =
        readme.split("A bot that opens pull requests:").nth(1).expect("the recipe's heading in README.md");
    let recipe = after.split("```sh\n").nth(1).and_then(|s| s.split("```").next()).expect("a sh block");
    assert!(recipe.contains("defer-fix ") && recipe.contains("gh pr create"), "{recipe}");

    let tmp = repo_with_changes();
    let dir = tmp.path();
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "all"]);
    let bin = tempfile::tempdir().unwrap();
    let gh = bin.path().join("gh");
    std::fs::write(&gh, "#!/bin/sh\necho \"$@\" > gh-args\ncp \"$4\" gh-body\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}:{}",
        bin.path().display(),
        Path::new(BIN).parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .args(["-e", "-c", recipe])
        .current_dir(dir)
        .env("PATH", path)
        .env("GIT_AUTHOR_NAME", "bot")
        .env("GIT_AUTHOR_EMAIL", "bot@example.com")
        .env("GIT_COMMITTER_NAME", "bot")
        .env("GIT_COMMITTER_EMAIL", "bot@example.com")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(out.status.success(), "the recipe failed:\n{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(dir.join("gh-args")).unwrap(), "pr create --body-file body.md\n");
    let body = std::fs::read_to_string(dir.join("gh-body")).unwrap();
    assert!(body.starts_with("## defer-fix\n"), "{body}");
    assert!(body.contains("**4 fixed** by this change"), "{body}");
    assert_eq!(git(dir, &["branch", "--show-current"]), "defer-fix\n");
    assert_eq!(git(dir, &["log", "-1", "--format=%s"]), "Fix unsafe uses of defer\n");
    assert_eq!(git(dir, &["status", "--porcelain", "--untracked-files=no"]), "", "every fix is committed");
}

/// A finding whose fix is unsafe: `s` is an element of a collection that outlives the loop.
const UNSAFE: &str = "package p\n\ntype server struct{ n int }\n\nfunc (s *server) Stop() {}\n\nfunc update(items []*server) int {\n\tsum := 0\n\tfor _, s := range items {\n\t\tdefer s.Stop()\n\t\tsum += s.n\n\t}\n\treturn sum\n}\n";

#[test]
fn counts_say_what_they_count_and_given_flags_are_not_suggested() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.go"), source(&["a", "b"])).unwrap();
    std::fs::write(tmp.path().join("u.go"), UNSAFE).unwrap();
    let out = defer_fix(tmp.path(), &["--check"], b"");
    assert_eq!(
        out.stderr.lines().last().unwrap(),
        "defer-fix: 3 findings, 2 fixable (1 with an unsafe fix: rerun with --unsafe-fixes after review); 1 file would change",
        "the unsafe count follows the findings it counts"
    );
    assert!(out.stderr.contains("(unsafe fix available with --unsafe-fixes)"), "{}", out.stderr);
    // Asked for already (here by the configuration): not suggested again.
    std::fs::write(tmp.path().join("defer-fix.toml"), "unsafe-fixes = true\n").unwrap();
    let out = defer_fix(tmp.path(), &["--check"], b"");
    assert!(!out.stderr.contains("--unsafe-fixes"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().last().unwrap(), "defer-fix: 3 findings, 3 fixable; 2 files would change");
}

#[test]
fn a_select_and_ignore_that_leave_no_rule_are_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.go"), source(&["a"])).unwrap();
    let out = defer_fix(
        tmp.path(),
        &["--check", "--select", "loop-defer", "--ignore", "loop-defer,lost-cancel"],
        b"",
    );
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "defer-fix: error: no rule left to run: --ignore loop-defer,lost-cancel ignores every rule of --select loop-defer; select another rule or ignore fewer (on the command line or in defer-fix.toml)\n"
        )
    );
    let all: Vec<&str> = defer_fix::transforms::all().iter().map(|t| t.name()).collect();
    let out = defer_fix(tmp.path(), &["--check", "--ignore", &all.join(",")], b"");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("ignores every rule;"), "{}", out.stderr);
    let out = defer_fix(tmp.path(), &["--check", "--select", "loop-defer", "--ignore", "lost-cancel"], b"");
    assert_eq!(out.code, 1, "a rule is left: {}", out.stderr);
}
