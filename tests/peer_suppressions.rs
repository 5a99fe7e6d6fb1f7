//! A `//nolint:` naming the peer linter whose check a rule mirrors suppresses that rule, end
//! to end: every rule with a peer fires once in SOURCE, each finding carries its peer's
//! directive, and `--check` reports none of them, nor the peer directives as unused.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_defer-fix");

/// One finding per rule with a peer, each marked `PEER_<rule>` where its directive goes.
const SOURCE: &str = r#"package main

import (
	"bufio"
	"context"
	"log"
	"net/http"
	"os"
	"sync"
	"time"
)

func setup() func() { return func() {} }

func rules(ctx context.Context, names []string, start time.Time) {
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close() PEER_loop-defer
		println(f.Name())
	}
	for _, name := range names {
		go func() { println(name) }() PEER_loop-capture
	}
	ctx, _ = context.WithCancel(ctx) PEER_lost-cancel
	defer log.Printf("took %v", time.Since(start)) PEER_eager-defer-args
	resp, err := http.Get("http://localhost") PEER_close-before-check
	defer resp.Body.Close() PEER_close-before-check
	if err != nil {
		return
	}
	defer setup() PEER_defer-func-result
	defer recover() PEER_defer-recover
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	tick := time.NewTicker(time.Second) PEER_resource-never-released
	<-tick.C
	if ctx.Err() != nil {
		os.Exit(1) PEER_exit-after-defer
	}
	println("no finding here") //nolint:gocritic // hugeParam: the peer's own business
	println("nor here") //nolint:govet,revive
}

func locks() {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Lock() PEER_deferred-lock
	var wg sync.WaitGroup
	go func() {
		wg.Add(1) PEER_waitgroup-add-in-goroutine
		defer wg.Done()
	}()
	wg.Wait()
}

func main() { rules(context.Background(), nil, time.Now()); locks() }
"#;

const PEERS: &[(&str, &str)] = &[
    ("loop-defer", "gocritic"),
    ("exit-after-defer", "gocritic"),
    ("loop-capture", "govet"),
    ("lost-cancel", "govet"),
    ("eager-defer-args", "govet"),
    ("close-before-check", "staticcheck"),
    ("defer-func-result", "staticcheck"),
    ("defer-recover", "revive"),
    ("deferred-lock", "staticcheck"),
    ("waitgroup-add-in-goroutine", "govet"),
    ("resource-never-released", "bodyclose"),
];

/// SOURCE with each rule's marker replaced by `directive(peer)`.
fn source(directive: impl Fn(&str) -> String) -> String {
    PEERS
        .iter()
        .fold(SOURCE.to_string(), |s, (rule, peer)| s.replace(&format!("PEER_{rule}"), &directive(peer)))
}

/// The rules `--check --format json` reports on `text`, sorted.
fn reported(text: &str) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(root.join("go.mod"), "module example.com/p\n\ngo 1.21\n").unwrap();
    std::fs::write(root.join("main.go"), text).unwrap();
    let out = Command::new(BIN)
        .args(["--check", "--format", "json", "main.go"])
        .current_dir(root)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(doc["errors"].as_array().map(Vec::len), Some(0), "{doc}");
    let mut rules: Vec<String> =
        doc["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect();
    rules.sort();
    rules
}

#[test]
fn each_rule_fires_without_its_peer_directive() {
    let mut all: Vec<String> = PEERS.iter().map(|(rule, _)| rule.to_string()).collect();
    all.sort();
    assert_eq!(reported(&source(|_| String::new())), all);
    // Another linter's name suppresses nothing of ours.
    assert_eq!(reported(&source(|_| "//nolint:errcheck // not ours".to_string())), all);
}

#[test]
fn each_peer_directive_suppresses_its_rules_and_is_never_unused() {
    let found = reported(&source(|peer| format!("//nolint:{peer} // triaged for {peer}")));
    assert_eq!(found, Vec::<String>::new(), "the peers' directives suppress every finding");
    // golangci-lint's list syntax: spaces after commas, any case, other linters alongside.
    let found = reported(&source(|peer| format!("//nolint:errcheck, {} // reason", peer.to_uppercase())));
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn an_unused_directive_naming_defer_fix_is_still_reported() {
    let text = source(|peer| format!("//nolint:{peer}")).replace(
        r#"println("nor here") //nolint:govet,revive"#,
        r#"println("nor here") //nolint:govet,deferfix // ours, and unused"#,
    );
    assert_eq!(reported(&text), ["unused-suppression"]);
}
