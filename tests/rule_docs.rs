//! `defer-fix rule NAME`, `defer-fix rule --all` and `defer-fix completions SHELL`: the rule
//! pages are the files the README's rule table links to, byte for byte.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_defer-fix");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn repo_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The rules of the README's table, in its order, each with the page its name links to.
fn readme_table() -> Vec<(String, String)> {
    let readme = repo_file("README.md");
    let table = readme.split("## Rules\n").nth(1).unwrap();
    table
        .lines()
        .skip_while(|l| !l.starts_with("| rule |"))
        .skip(2)
        .take_while(|l| l.starts_with("| ["))
        .map(|l| {
            let name = l[3..l.find(']').unwrap()].to_string();
            let link = l[l.find("](").unwrap() + 2..l.find(") |").unwrap()].to_string();
            (name, link)
        })
        .collect()
}

#[test]
fn a_rule_page_is_its_readme_and_the_table_links_to_it() {
    let table = readme_table();
    let names: Vec<&str> = table.iter().map(|(n, _)| n.as_str()).collect();
    let rules: Vec<&str> = defer_fix::transforms::all().iter().map(|t| t.name()).collect();
    assert_eq!(names, rules, "the README's table lists every rule, in the order of the rule list");
    for (name, link) in &table {
        assert_eq!(link, &format!("transforms/{name}/README.md"));
        let (code, stdout, stderr) = run(&["rule", name]);
        assert_eq!((code, stderr.as_str()), (0, ""));
        assert_eq!(stdout, repo_file(link), "`defer-fix rule {name}` prints {link}");
    }
}

#[test]
fn every_rule_at_once_and_unknown_names() {
    let (code, all, _) = run(&["rule", "--all"]);
    assert_eq!(code, 0);
    let mut expected = String::new();
    for name in defer_fix::docs::names() {
        if !expected.is_empty() {
            expected.push('\n');
        }
        expected.push_str(defer_fix::docs::page(name).unwrap());
    }
    assert_eq!(all, expected);
    assert!(all.contains("# unused-suppression\n") && all.contains("# suppression-without-reason\n"));

    let (code, stdout, stderr) = run(&["rule", "loop-defers"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.starts_with(
            "defer-fix: error: unknown rule 'loop-defers'; the rules are: loop-defer, loop-capture,"
        ),
        "{stderr}"
    );
    assert_eq!(run(&["rule"]).0, 2, "a name or --all is required");
}

#[test]
fn completion_scripts_know_the_flags_and_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, script, stderr) = run(&["completions", shell]);
        assert_eq!((code, stderr.as_str()), (0, ""), "{shell}");
        assert!(script.contains("new-from-rev") && script.contains("rule"), "{shell}: {script}");
    }
    let (_, bash, _) = run(&["completions", "bash"]);
    if let Ok(out) = Command::new("bash").args(["-n", "-c", &bash]).output() {
        assert!(out.status.success(), "bash rejects the script: {}", String::from_utf8_lossy(&out.stderr));
    }
}
