//! A property test of the whole engine on mutated Go sources (a stable-toolchain stand-in for
//! cargo fuzz): seeded with every fixture, `transforms/*/cases/*.go`, mutated by a small
//! hand-written mutator with a deterministic seed, and run through
//! [`defer_fix::engine::process`] with every transform. For every input:
//!
//! - the engine does not panic;
//! - if the input parses cleanly, the output parses cleanly (tree-sitter, directly) and the
//!   engine reports no internal error; an input that parses only across the grammar's gaps
//!   (`defer_fix::parse`: Go 1.26's new(expression), Go 1.27's generic methods, as in the
//!   fixtures holding them) gives an output that parses so too;
//! - a second run on the output changes nothing;
//! - if the input parses cleanly, the nodes the transforms start from, found by their tokens
//!   (`GoFile::new`, `GoFile::calls_named`), are exactly those a walk of the whole tree finds:
//!   every defer statement, go statement, function and call by one of the callee names.
//!
//! In the test suite it runs a few seconds. For a longer run:
//!
//! ```sh
//! FUZZ_ITERATIONS=2000000 FUZZ_SECONDS=1800 FUZZ_SEED=$RANDOM \
//!     cargo test --release --test fuzz -- --nocapture fuzz_the_engine
//! ```
//!
//! A failure is minimised (lines, then bytes) and both the input and its minimal form are saved
//! under `tests/data/fuzz-crashers/` (`KIND-HASH.go`, `KIND-HASH.min.go`);
//! `saved_crashers_pass` runs every file there again.

use std::collections::BTreeSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use defer_fix::engine::{self, Options};
use defer_fix::langver::GoVersion;
use defer_fix::syntax::{self, Descend, Fields, KindName};
use defer_fix::transforms::GoFile;
use tree_sitter::Node;

/// A deterministic generator (SplitMix64): the same seed gives the same run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Fragments that steer mutations towards what the transforms look at.
const TOKENS: &[&str] = &[
    "defer ",
    "go ",
    "for ",
    "for {\n",
    "for _, v := range xs {\n",
    "for i := 0; i < n; i++ {\n",
    "}\n",
    "{",
    "}",
    "(",
    ")",
    "()",
    "func() {\n",
    "}()\n",
    "return\n",
    "return err\n",
    "return nil\n",
    "continue\n",
    "break\n",
    "goto L\n",
    "L:\n",
    "recover()",
    "defer recover()\n",
    "defer f.Close()\n",
    "defer wg.Done()\n",
    "wg.Add(1)\n",
    "os.Exit(1)\n",
    "log.Fatal(err)\n",
    "time.Since(start)",
    "ctx, _ := context.WithCancel(ctx)\n",
    "ctx, cancel := context.WithTimeout(ctx, d)\n",
    "f, err := os.Create(name)\n",
    "if err != nil {\n",
    "err = f.Close()\n",
    "select {\ncase <-ch:\n}\n",
    "switch x {\ncase 1:\nfallthrough\ndefault:\n}\n",
    " := ",
    " = ",
    ", ",
    "err",
    "_",
    "v",
    "i",
    "//nolint:deferfix\n",
    "//deferfix:ignore loop-defer reason\n",
    "//go:build go1.22\n",
    // Syntax the grammar lacks (see defer_fix::grammar_gaps).
    "new(f(v))",
    "new(",
    "new([]int)",
    "func (r *R) M[T any](v T) {\n",
    "[T any]",
    "\"é\"",
    "`raw\nstring`",
    "/* c */",
    "\t",
    "\n",
    "t.Run(name, func(t *testing.T) {\nt.Parallel()\n",
    "g.Go(func() error {\n",
    // Keywords and callee names hidden in comments and literals, or glued to other tokens: the
    // transforms find their nodes by tokens, which must skip the first and not split the rest.
    "defer",
    "go",
    "func",
    "\"defer\"",
    "\"go \"",
    "\"\\\"defer\"",
    "\"\\\\\"",
    "\"//\"",
    "\"/*\"",
    "/*go*/",
    "/*defer*/",
    "/* func */",
    "/**/",
    "// go defer func\n",
    "'\\''",
    "'\"'",
    "'`'",
    "'/'",
    "`x`",
    "`defer`",
    "`\"`",
    "`//`",
    "`go\nfunc`",
    "xdefer",
    "defer_",
    "_go",
    "gox",
    "funcx",
    "0xdefer",
    "0xdefe",
    "1e9",
    "0x1p-2",
    "1_000",
    ".5",
    "édefer",
    "x.go",
    "x.Go",
    "Run",
    ".Run(",
    "recover",
    "context.WithCancel(ctx)",
    "(recover)()",
    "f[int]()",
    "\u{a0}",
    "\u{feff}",
    "\x0c",
];

/// Lines taken from the seeds, for crossover.
struct Corpus {
    entries: Vec<Vec<u8>>,
    seeds: usize,
}

fn lines(src: &[u8]) -> Vec<&[u8]> {
    src.split_inclusive(|&b| b == b'\n').collect()
}

fn mutate(rng: &mut Rng, corpus: &Corpus, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        out = mutate_once(rng, corpus, &out);
    }
    out
}

fn mutate_once(rng: &mut Rng, corpus: &Corpus, input: &[u8]) -> Vec<u8> {
    let ls = lines(input);
    let n = ls.len();
    let join = |ls: Vec<&[u8]>| ls.concat();
    match rng.below(16) {
        // Delete a line.
        0 if n > 1 => {
            let mut ls = ls;
            ls.remove(rng.below(n));
            join(ls)
        }
        // Duplicate a line.
        1 if n > 0 => {
            let mut ls = ls;
            let i = rng.below(n);
            ls.insert(i, ls[i]);
            join(ls)
        }
        // Swap two lines.
        2 if n > 1 => {
            let mut ls = ls;
            let (a, b) = (rng.below(n), rng.below(n));
            ls.swap(a, b);
            join(ls)
        }
        // Insert a run of lines from another entry.
        3 | 4 => {
            let other = rng.pick(&corpus.entries);
            let ol = lines(other);
            if ol.is_empty() {
                return input.to_vec();
            }
            let start = rng.below(ol.len());
            let len = 1 + rng.below(8.min(ol.len() - start));
            let mut ls = ls;
            let at = rng.below(n + 1);
            for (k, l) in ol[start..start + len].iter().enumerate() {
                ls.insert(at + k, l);
            }
            join(ls)
        }
        // Insert a token at a line start or after whitespace, or now and then anywhere (glued
        // to a neighbour).
        5..=7 => {
            let token = rng.pick(TOKENS).as_bytes();
            let at = if rng.chance(4) {
                rng.below(input.len() + 1)
            } else {
                let spots: Vec<usize> = std::iter::once(0)
                    .chain(
                        input.iter().enumerate().filter(|(_, b)| b" \t\n(".contains(b)).map(|(i, _)| i + 1),
                    )
                    .collect();
                *rng.pick(&spots)
            };
            [&input[..at], token, &input[at..]].concat()
        }
        // Hide a keyword or callee name in a comment or literal, or glue something to it.
        13 | 14 => hide_or_glue(rng, input),
        // Wrap a run of lines in a loop, a literal or a block.
        8 | 9 if n > 2 => {
            let start = 1 + rng.below(n - 1);
            let end = (start + 1 + rng.below(6)).min(n);
            let (open, close): (&[u8], &[u8]) = *rng.pick(&[
                (&b"for {\n"[..], &b"}\n"[..]),
                (b"for _, v := range xs {\n", b"}\n"),
                (b"for i := 0; i < 3; i++ {\n", b"}\n"),
                (b"func() {\n", b"}()\n"),
                (b"go func() {\n", b"}()\n"),
                (b"defer func() {\n", b"}()\n"),
                (b"{\n", b"}\n"),
                (b"if err != nil {\n", b"}\n"),
            ]);
            let mut ls = ls;
            ls.insert(end, close);
            ls.insert(start, open);
            join(ls)
        }
        // Delete a span of bytes.
        10 if !input.is_empty() => {
            let at = rng.below(input.len());
            let len = 1 + rng.below(16.min(input.len() - at));
            [&input[..at], &input[at + len..]].concat()
        }
        // Replace a byte.
        11 if !input.is_empty() => {
            let mut out = input.to_vec();
            let at = rng.below(out.len());
            out[at] = *rng.pick(b"{}()[];:=,.\n\t abxyz_019\"`'\\/*\r\xff");
            out
        }
        // Change the encoding: CRLF line endings, a byte-order mark.
        12 => {
            if rng.chance(2) {
                let text = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
                [&b"\xEF\xBB\xBF"[..], text].concat()
            } else {
                let mut out = Vec::with_capacity(input.len() + n);
                for &b in input {
                    if b == b'\n' {
                        out.push(b'\r');
                    }
                    out.push(b);
                }
                out
            }
        }
        // Defer or start a call of a name the file uses.
        _ => {
            let words: BTreeSet<&[u8]> = input
                .split(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.'))
                .filter(|w| !w.is_empty() && w[0].is_ascii_alphabetic())
                .collect();
            let words: Vec<&[u8]> = words.into_iter().collect();
            if words.is_empty() || n < 2 {
                return input.to_vec();
            }
            let word = rng.pick(&words);
            let keyword: &[u8] = if rng.chance(3) { b"go " } else { b"defer " };
            let line = [keyword, word, b"()\n"].concat();
            let at = 1 + rng.below(n - 1);
            let mut out: Vec<u8> = ls[..at].concat();
            out.extend_from_slice(&line);
            out.extend_from_slice(&ls[at..].concat());
            out
        }
    }
}

/// The words the transforms find nodes by; `hide_or_glue` picks among their occurrences.
const WATCHED: &[&str] = &["defer", "go", "func", "recover", "Go", "Run", "WithCancel"];

/// Puts one occurrence of a watched word out of code (in a comment, a string, a raw string or
/// a rune, or behind `//`) or glues a letter, digit or dot to it.
fn hide_or_glue(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut spots = Vec::new();
    for word in WATCHED {
        spots.extend(memchr::memmem::find_iter(input, word.as_bytes()).map(|at| (at, at + word.len())));
    }
    if spots.is_empty() {
        return input.to_vec();
    }
    let (start, end) = *rng.pick(&spots);
    let (before, after): (&[u8], &[u8]) = *rng.pick(&[
        (&b"/*"[..], &b"*/"[..]),
        (b"/* ", b" */"),
        (b"\"", b"\""),
        (b"`", b"`"),
        (b"'", b"'"),
        (b"// ", b""),
        (b"//", b"\n"),
        (b"x", b""),
        (b"_", b""),
        (b"0x", b""),
        (b"1", b""),
        (b"\xC3\xA9", b""),
        (b"\xC2\xA0", b""),
        (b"x.", b""),
        (b".", b""),
        (b"", b"x"),
        (b"", b"_"),
        (b"", b"9"),
        (b"", b"\xC3\xA9"),
        (b"", b"/**/"),
        (b"/**/", b""),
    ]);
    // Now and then the rest of the line too: `"defer f()"`, `/* go g() */`.
    let end = if rng.chance(3) {
        memchr::memchr(b'\n', &input[end..]).map_or(input.len(), |n| end + n)
    } else {
        end
    };
    [&input[..start], before, &input[start..end], after, &input[end..]].concat()
}

fn parses_cleanly(raw: &[u8]) -> bool {
    let (_, text) = defer_fix::encoding::decode(raw);
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
    parser.parse(&text, None).is_some_and(|t| !t.root_node().has_error())
}

/// Whether the input parses with the engine's parser, across the grammar's gaps.
fn parses_across_gaps(raw: &[u8]) -> bool {
    let (_, text) = defer_fix::encoding::decode(raw);
    defer_fix::parse::parse(&text).is_some_and(|p| !p.tree.root_node().has_error())
}

/// The settings a case runs with, derived from the case so that a saved crasher replays alike.
#[derive(Clone, Copy, Debug)]
struct Settings {
    unsafe_fixes: bool,
    report_unused: bool,
    module_version: Option<GoVersion>,
}

impl Settings {
    fn all() -> Vec<Settings> {
        let versions = [None, GoVersion::parse("1.21"), GoVersion::parse("1.22")];
        let mut all = Vec::new();
        for unsafe_fixes in [false, true] {
            for module_version in versions {
                all.push(Settings { unsafe_fixes, report_unused: unsafe_fixes, module_version });
            }
        }
        all
    }
}

/// How a case failed; the kind names the saved file.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Failure {
    Panic(String),
    InternalError(String),
    OutputDoesNotParse,
    SecondRunChanges,
    SecondRunPanics(String),
    /// The nodes found from tokens are not those of a walk of the tree: which list, and how.
    TokensDisagree(String),
}

impl Failure {
    fn kind(&self) -> &'static str {
        match self {
            Failure::Panic(_) => "panic",
            Failure::InternalError(_) => "internal-error",
            Failure::OutputDoesNotParse => "output-does-not-parse",
            Failure::SecondRunChanges => "not-idempotent",
            Failure::SecondRunPanics(_) => "second-run-panic",
            Failure::TokensDisagree(_) => "tokens-disagree",
        }
    }
}

fn process(raw: &[u8], s: Settings) -> Result<engine::Outcome, String> {
    let options = Options {
        transforms: defer_fix::transforms::all(),
        unsafe_fixes: s.unsafe_fixes,
        apply_fixes: true,
        report_unused_suppressions: s.report_unused,
        changed: None,
    };
    panic::catch_unwind(AssertUnwindSafe(|| engine::process(raw, s.module_version, None, &options))).map_err(
        |payload| {
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a panic without a message".into())
        },
    )
}

/// Checks the properties on one input; `None` when they hold.
fn check(raw: &[u8], s: Settings) -> Option<Failure> {
    let outcome = match process(raw, s) {
        Ok(o) => o,
        Err(message) => return Some(Failure::Panic(message)),
    };
    let clean = parses_cleanly(raw);
    if !clean && !parses_across_gaps(raw) {
        return None;
    }
    if let Some(disagreement) = tokens_disagree(raw).or_else(|| split_disagrees(raw)) {
        return Some(Failure::TokensDisagree(disagreement));
    }
    if let Some(e) = outcome.error.as_ref().filter(|e| e.message.contains("internal error")) {
        return Some(Failure::InternalError(e.message.clone()));
    }
    let fixed = outcome.fixed?;
    if !(if clean { parses_cleanly(&fixed) } else { parses_across_gaps(&fixed) }) {
        return Some(Failure::OutputDoesNotParse);
    }
    match process(&fixed, s) {
        Err(message) => Some(Failure::SecondRunPanics(message)),
        Ok(again) if again.fixed.is_some() => Some(Failure::SecondRunChanges),
        Ok(_) => None,
    }
}

/// On an input that parses cleanly, compares the top-level declarations found without parsing
/// (`top_level::declarations`, which the package model parses one by one) with the tree's:
/// where there is a split, each declaration starts where the tree's does, with its keyword,
/// and parsing it alone with the file's package clause and imports gives that declaration.
fn split_disagrees(raw: &[u8]) -> Option<String> {
    use defer_fix::top_level::{self, Keyword};
    let (_, text) = defer_fix::encoding::decode(raw);
    let tree = defer_fix::parse::parse(&text).filter(|p| p.stand_ins.is_empty())?.tree;
    if tree.root_node().has_error() {
        return None;
    }
    let root = tree.root_node();
    let mut cursor = root.walk();
    let from_tree: Vec<(usize, &str)> = root
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .map(|n| (n.start_byte(), n.kind_name()))
        .collect();
    // The grammar also takes statements at top level, and methods without names; Go does not,
    // and the split is a plan for Go files only.
    let go_file = from_tree.first().is_some_and(|d| d.1 == "package_clause")
        && from_tree.iter().filter(|d| d.1 == "package_clause").count() == 1
        && from_tree.iter().all(|(_, kind)| {
            matches!(
                *kind,
                "package_clause"
                    | "import_declaration"
                    | "function_declaration"
                    | "method_declaration"
                    | "type_declaration"
                    | "var_declaration"
                    | "const_declaration"
            )
        });
    if !go_file {
        return None;
    }
    let declarations = top_level::declarations(&text)?;
    let keyword = |k: Keyword| match k {
        Keyword::Package => "package_clause",
        Keyword::Import => "import_declaration",
        Keyword::Func => "function_declaration",
        Keyword::Type => "type_declaration",
        Keyword::Var => "var_declaration",
        Keyword::Const => "const_declaration",
    };
    let split: Vec<(usize, &str)> = declarations.iter().map(|d| (d.start, keyword(d.keyword))).collect();
    let same = split.len() == from_tree.len()
        && split.iter().zip(&from_tree).all(|(a, b)| {
            a.0 == b.0 && (a.1 == b.1 || (a.1 == "function_declaration" && b.1 == "method_declaration"))
        });
    if !same {
        return Some("top_level::declarations: the split differs from the tree's declarations".into());
    }
    let header: Vec<std::ops::Range<usize>> = declarations
        .iter()
        .filter(|d| matches!(d.keyword, Keyword::Package | Keyword::Import))
        .map(|d| d.start..d.end)
        .collect();
    for d in declarations.iter().filter(|d| !matches!(d.keyword, Keyword::Package | Keyword::Import)) {
        let mut ranges = header.clone();
        ranges.push(d.start..d.end);
        ranges.sort_by_key(|r| r.start);
        let Some(alone) = defer_fix::parse::parse_ranges(&text, &ranges) else {
            return Some("top_level: parse_ranges gave up".into());
        };
        let root = alone.root_node();
        let mut cursor = root.walk();
        let matches = root
            .named_children(&mut cursor)
            .filter(|n| n.kind_name() != "comment")
            .any(|n| n.start_byte() == d.start && n.end_byte() <= d.end);
        if root.has_error() || !matches {
            return Some("top_level: a declaration parsed alone is not that declaration".into());
        }
    }
    None
}

/// The callee names `tokens_disagree` looks up calls by: those the transforms use.
const CALLEE_NAMES: &[&str] = &["recover", "Go", "Run", "WithCancel"];

/// On an input that parses cleanly, compares the nodes found from tokens (`GoFile::new`,
/// `GoFile::calls_named`) with those a walk of the whole tree finds; `None` when they are the
/// same, in the same order. The message names only the list and how the first difference
/// differs, so that a run saves one case of a bug, not one per node kind it shows in;
/// `disagreement` says where it is.
fn tokens_disagree(raw: &[u8]) -> Option<String> {
    disagreement(raw).map(|(summary, _)| summary)
}

/// A node as compared: kind, id and byte range.
type Found = (&'static str, usize, std::ops::Range<usize>);

/// The first difference between the nodes from tokens and from the tree: a summary (list,
/// what, kinds) and the details (positions and text).
fn disagreement(raw: &[u8]) -> Option<(String, String)> {
    let (_, text) = defer_fix::encoding::decode(raw);
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
    let tree = parser.parse(&text, None)?;
    if tree.root_node().has_error() {
        return None;
    }
    let version = GoVersion::parse("1.22").unwrap();
    // A panic here is a disagreement too, not a crash of the test.
    let from_tokens = panic::catch_unwind(AssertUnwindSafe(|| {
        let file = GoFile::new(&text, &tree, version);
        let found = |nodes: &[Node]| nodes.iter().map(|n| (n.kind_name(), n.id(), n.byte_range())).collect();
        let lists: [Vec<Found>; 3] = [
            found(&file.nodes.defers),
            found(&file.nodes.go_statements),
            found(&file.calls_named(CALLEE_NAMES)),
        ];
        lists
    }));
    let from_tokens = match from_tokens {
        Ok(lists) => lists,
        Err(_) => return Some(("GoFile::new or calls_named panicked".into(), String::new())),
    };
    let mut from_tree: [Vec<Found>; 3] = Default::default();
    syntax::walk(tree.root_node(), |n| {
        let list = match n.kind_name() {
            "defer_statement" => Some(0),
            "go_statement" => Some(1),
            "call_expression" if is_named_call(n, &text) => Some(2),
            _ => None,
        };
        if let Some(list) = list {
            from_tree[list].push((n.kind_name(), n.id(), n.byte_range()));
        }
        Descend::Yes
    });
    let names = ["defers", "go_statements", "calls_named"];
    for ((name, tokens), walked) in names.iter().zip(&from_tokens).zip(&from_tree) {
        if tokens == walked {
            continue;
        }
        let at = tokens.iter().zip(walked).take_while(|(a, b)| a == b).count();
        let (what, node) = match (tokens.get(at), walked.get(at)) {
            (Some(t), Some(w)) if t.2.start == w.2.start => ("a different node", w),
            (Some(t), Some(w)) if t.2.start < w.2.start => ("one the tree lacks", t),
            (_, Some(w)) => ("the tokens miss one", w),
            (Some(t), None) => ("one the tree lacks", t),
            (None, None) => unreachable!("the lists differ"),
        };
        let leaf = tree.root_node().descendant_for_byte_range(node.2.start, node.2.start);
        let parent =
            tree.root_node().descendant_for_byte_range(node.2.start, node.2.end).and_then(|n| n.parent());
        let sorted = |list: &[Found]| {
            let mut ids: Vec<usize> = list.iter().map(|n| n.1).collect();
            ids.sort_unstable();
            ids
        };
        let what = if sorted(tokens) == sorted(walked) { "the same nodes in another order" } else { what };
        let summary = format!("{name}: {what}");
        let details = format!(
            "{summary} ({}, parent {}): {} from tokens, {} in the tree; at bytes {:?}: {:?}; first leaf {:?}\n  tokens: {tokens:?}\n  tree:   {walked:?}",
            node.0,
            parent.map_or("none", |p| p.kind_name()),
            tokens.len(),
            walked.len(),
            node.2,
            String::from_utf8_lossy(&text[node.2.clone()]),
            leaf.map(|l| l.kind_name()),
        );
        return Some((summary, details));
    }
    None
}

/// Whether a call's callee is `name` or `x.name` for one of `CALLEE_NAMES`.
fn is_named_call(call: Node, src: &[u8]) -> bool {
    let Some(callee) = call.field("function") else { return false };
    let name = match callee.kind_name() {
        "identifier" => Some(callee),
        "selector_expression" => callee.field("field"),
        _ => None,
    };
    name.is_some_and(|n| CALLEE_NAMES.contains(&syntax::text(n, src)))
}

/// Every settings combination on one input: the first failure, with the settings.
fn check_all(raw: &[u8]) -> Option<(Failure, Settings)> {
    Settings::all().into_iter().find_map(|s| check(raw, s).map(|f| (f, s)))
}

/// A smaller input failing the same way: whole runs of lines removed, then runs of bytes.
fn minimise(input: &[u8], s: Settings, failure: &Failure, budget: Duration) -> Vec<u8> {
    let started = Instant::now();
    let same = |c: &[u8]| check(c, s).is_some_and(|f| f.kind() == failure.kind());
    let mut best = input.to_vec();
    // Lines.
    let mut chunk = lines(&best).len() / 2;
    while chunk >= 1 && started.elapsed() < budget {
        let mut i = 0;
        let mut progressed = false;
        while i < lines(&best).len() && started.elapsed() < budget {
            let ls = lines(&best);
            let candidate: Vec<u8> = [&ls[..i], &ls[(i + chunk).min(ls.len())..]].concat().concat();
            if same(&candidate) {
                best = candidate;
                progressed = true;
            } else {
                i += chunk;
            }
        }
        if !progressed {
            chunk /= 2;
        }
    }
    // Bytes.
    let mut chunk = 8;
    while chunk >= 1 && started.elapsed() < budget {
        let mut i = 0;
        while i < best.len() && started.elapsed() < budget {
            let candidate = [&best[..i], &best[(i + chunk).min(best.len())..]].concat();
            if same(&candidate) { best = candidate } else { i += chunk }
        }
        chunk /= 2;
    }
    best
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn crashers_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-crashers")
}

fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("transforms");
    let mut paths = Vec::new();
    for rule in std::fs::read_dir(&root).unwrap() {
        let cases = rule.unwrap().path().join("cases");
        for case in std::fs::read_dir(&cases).into_iter().flatten() {
            let p = case.unwrap().path();
            if p.extension().is_some_and(|e| e == "go") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    assert!(paths.len() > 20, "the fixtures are the seeds: found only {}", paths.len());
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn fuzz_the_engine() {
    let iterations = env_number("FUZZ_ITERATIONS", 3000);
    let budget = Duration::from_secs(env_number("FUZZ_SECONDS", 4));
    let seed = env_number("FUZZ_SEED", 0x00de_f0f1);
    let mut rng = Rng(seed);
    let seeds = seeds();
    let mut corpus = Corpus { seeds: seeds.len(), entries: seeds };
    // Panics are caught and reported with their input; the default hook would print each one.
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    let mut failures: Vec<(String, Vec<u8>)> = Vec::new();
    let mut seen_kinds = BTreeSet::new();
    let (mut ran, mut clean, mut changed) = (0u64, 0u64, 0u64);
    // The seeds themselves first, then mutants.
    for i in 0..iterations.max(corpus.seeds as u64) {
        // Every seed runs whatever the budget; mutants until it is spent.
        if i as usize >= corpus.seeds && started.elapsed() > budget {
            break;
        }
        let input = if (i as usize) < corpus.seeds {
            corpus.entries[i as usize].clone()
        } else {
            let base = rng.pick(&corpus.entries).clone();
            mutate(&mut rng, &corpus, &base)
        };
        let s = *rng.pick(&Settings::all());
        ran += 1;
        let t = Instant::now();
        let result = check(&input, s);
        if t.elapsed() > Duration::from_secs(2) {
            eprintln!("fuzz: slow input ({:?}), kept as a crasher", t.elapsed());
            failures.push(save("slow", &input, &input));
        }
        match result {
            None => {
                if parses_cleanly(&input) || parses_across_gaps(&input) {
                    clean += 1;
                    // Keep some clean mutants as bases: deeper programs over time.
                    if corpus.entries.len() < 4000 && rng.chance(4) {
                        corpus.entries.push(input.clone());
                    }
                    if process(&input, s).is_ok_and(|o| o.fixed.is_some()) {
                        changed += 1;
                    }
                }
            }
            Some(failure) => {
                let kind = failure.kind();
                // One saved case per kind and message: the same bug found again is noise.
                let key = format!("{kind}: {failure:?}");
                if seen_kinds.insert(key.clone()) {
                    let min = minimise(&input, s, &failure, Duration::from_secs(20));
                    let (name, _) = save(kind, &input, &min);
                    let details = disagreement(&min).map(|(_, d)| format!("\n  {d}")).unwrap_or_default();
                    eprintln!(
                        "fuzz: {key} with {s:?}{details}\n  saved {name}; minimal input:\n{}",
                        String::from_utf8_lossy(&min)
                    );
                    failures.push((name, min));
                }
            }
        }
        if i > 0 && i % 20_000 == 0 {
            eprintln!(
                "fuzz: {i} cases in {:?}, {clean} parsed cleanly, {changed} fixed, {} distinct failures",
                started.elapsed(),
                failures.len()
            );
        }
    }
    panic::set_hook(hook);
    eprintln!(
        "fuzz: seed {seed:#x}: {ran} cases in {:?}, {clean} parsed cleanly, {changed} of them fixed, {} distinct failures",
        started.elapsed(),
        failures.len()
    );
    assert!(ran as usize >= corpus.seeds, "every seed ran");
    assert!(
        failures.is_empty(),
        "fuzz failures, saved under tests/data/fuzz-crashers/: {:?}",
        failures.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
}

/// Saves a failing input and its minimal form; returns the name and the minimal form.
fn save(kind: &str, input: &[u8], min: &[u8]) -> (String, Vec<u8>) {
    let dir = crashers_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let name = format!("{kind}-{:016x}", fnv(min));
    std::fs::write(dir.join(format!("{name}.go")), input).unwrap();
    std::fs::write(dir.join(format!("{name}.min.go")), min).unwrap();
    (name, min.to_vec())
}

/// Every saved crasher, run again under every setting.
#[test]
fn saved_crashers_pass() {
    let Ok(entries) = std::fs::read_dir(crashers_dir()) else {
        return;
    };
    let mut paths: Vec<PathBuf> =
        entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "go")).collect();
    paths.sort();
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let failing: Vec<String> = paths
        .iter()
        .filter_map(|p| {
            check_all(&std::fs::read(p).unwrap()).map(|(f, s)| format!("{}: {f:?} with {s:?}", p.display()))
        })
        .collect();
    panic::set_hook(hook);
    assert!(failing.is_empty(), "saved crashers still fail:\n{}", failing.join("\n"));
}
