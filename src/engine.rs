//! One file's run: decode, prefilter, parse, run the transforms, apply fixes until nothing
//! changes, and say what happened. Nothing here touches the disk but the read.

use std::collections::HashMap;

use crate::changed::{ChangedLines, Lines};
use crate::encoding::{self, Encoding};
use crate::fix::{Applicability, Edit, Finding, FixKind, PositionMap, apply_edits};
use crate::langver::{self, GoVersion};
use crate::package::Package;
use crate::parse::{self, Parsed, StandIn};
use crate::prefilter::{self, WordPlaces};
use crate::suppress::Suppressions;
use crate::transforms::{GoFile, Transform};

/// The most passes of fix-and-reparse per file.
pub const MAX_PASSES: usize = 10;

/// What the engine is asked to do, shared by every file of a run.
pub struct Options<'a> {
    pub transforms: Vec<&'a dyn Transform>,
    pub unsafe_fixes: bool,
    /// Whether fixes are applied at all (false only when reporting is all that is wanted).
    pub apply_fixes: bool,
    /// Report suppression comments that suppress nothing (`--check`).
    pub report_unused_suppressions: bool,
    /// `--new-from-rev`/`--new-from-patch`: only files the diff touches are processed, and
    /// only findings on their new lines are reported or fixed.
    pub changed: Option<&'a ChangedLines>,
}

/// A finding as reported: positions are 1-based lines and byte columns in the file as it was
/// read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reported {
    pub rule: &'static str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
    pub fix: FixKind,
    pub applied: bool,
    /// Start and end columns counted in Unicode code points (SARIF's `columnKind`).
    pub char_columns: (usize, usize),
    /// The fix's edits in the file as read; empty when the fix was computed on text changed
    /// by an earlier pass, or there is no fix.
    pub edits: Vec<ReportedEdit>,
    /// Identifies the finding across runs while lines move: its rule, the text of its first
    /// line with whitespace removed, and how many findings of the file share both before it.
    pub fingerprint: u64,
}

/// One edit of a fix, positioned in the file as read: 1-based lines, and columns in code
/// points (SARIF) and in bytes (JSON, as findings are). The text has the file's line endings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportedEdit {
    pub start: (usize, usize),
    pub end: (usize, usize),
    pub byte_start: (usize, usize),
    pub byte_end: (usize, usize),
    pub text: String,
}

/// The result of processing one file's contents.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Reported>,
    /// The new file contents, when fixes changed them.
    pub fixed: Option<Vec<u8>>,
    /// A problem that kept the file from being processed or written.
    pub error: Option<FileError>,
}

/// Why a file was left untouched, with the position it concerns when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl FileError {
    pub fn new(message: impl Into<String>) -> Self {
        FileError { position: None, message: message.into() }
    }
}

/// Processes the raw bytes of one file. `module_version` is the nearest go.mod's version and
/// `cli_version` the `--go-version` override.
pub fn process(
    raw: &[u8],
    module_version: Option<GoVersion>,
    cli_version: Option<GoVersion>,
    options: &Options,
) -> Outcome {
    process_lines(raw, module_version, cli_version, options, None, None)
}

/// Like [`process`]; with `new_lines`, findings that start on other lines of the file as read
/// are dropped before any fix is chosen, so their fixes are never applied. `package` is the
/// file's package on disk, when the file has a place there: rules may ask it about names the
/// file uses but does not declare.
pub fn process_lines(
    raw: &[u8],
    module_version: Option<GoVersion>,
    cli_version: Option<GoVersion>,
    options: &Options,
    new_lines: Option<&Lines>,
    package: Option<&Package>,
) -> Outcome {
    let (enc, original) = encoding::decode(raw);
    let (active, words) = prefilter::admitted_with_words(&options.transforms, &original);
    if active.is_empty() {
        return Outcome::default();
    }
    let build_line = langver::build_line_version(&original);
    let version = langver::file_version(module_version, build_line, cli_version);
    let version_assumed = module_version.is_none() && build_line.is_none() && cli_version.is_none();
    let Some(parsed) = parse::parse(&original) else {
        return Outcome {
            error: Some(FileError::new("the parser gave up on this file")),
            ..Outcome::default()
        };
    };
    if let Some((line, col)) = parse::first_error(&parsed.tree) {
        return Outcome {
            error: Some(FileError {
                position: Some((line, col)),
                message: "cannot parse the file here: a syntax error, or Go syntax newer than defer-fix's \
                          grammar knows (if `gofmt -e` accepts the file, please report it); the file was \
                          left unchanged"
                    .into(),
            }),
            ..Outcome::default()
        };
    }
    FixLoop { enc, active, version, version_assumed, options, new_lines, package }
        .run(original, parsed, words)
}

struct FixLoop<'a> {
    enc: Encoding,
    active: Vec<&'a dyn Transform>,
    version: GoVersion,
    version_assumed: bool,
    options: &'a Options<'a>,
    new_lines: Option<&'a Lines>,
    package: Option<&'a Package>,
}

/// A finding and the edits that map its position back to the original text.
struct Located {
    finding: Finding,
    /// Index into the pass maps: positions are in the text after that many passes.
    pass: usize,
    applied: bool,
}

impl FixLoop<'_> {
    /// The findings no suppression comment covers, and the suppressions (to learn which were used).
    /// `words` are the code words of `text` when they are known (see `prefilter`).
    fn findings(
        &self,
        text: &[u8],
        parsed: &Parsed,
        words: Option<WordPlaces>,
    ) -> (Vec<Finding>, Suppressions) {
        let tree = &parsed.tree;
        crate::analysis::callees::reset();
        crate::syntax::reset_imports();
        let mut file = match words {
            Some(words) => GoFile::with_words(text, tree, self.version, words),
            None => GoFile::new(text, tree, self.version),
        };
        file.version_assumed = self.version_assumed;
        file.package = self.package;
        let mut findings = Vec::new();
        for t in &self.active {
            t.check(&file, &mut findings);
        }
        withhold_fixes_touching(&mut findings, &parsed.stand_ins);
        let mut suppressions = Suppressions::parse(text, tree);
        suppressions.filter(&mut findings);
        findings.sort_by_key(|f| (f.start, f.end));
        (findings, suppressions)
    }

    fn wanted(&self, f: &Finding) -> bool {
        self.options.apply_fixes
            && f.fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == Applicability::Safe || self.options.unsafe_fixes)
    }

    /// `words` are the original's code words, from the prefilter's scan: the first pass looks
    /// at the original, later passes at text the fixes changed, which is scanned anew.
    fn run(&self, original: Vec<u8>, parsed: Parsed, words: Option<WordPlaces>) -> Outcome {
        let mut words = words;
        let mut text = original.clone();
        let mut parsed = parsed;
        let mut maps: Vec<PositionMap> = Vec::new();
        let mut located: Vec<Located> = Vec::new();
        let mut error = None;
        // A finding first fixed in a later pass (its fix overlapped another) was already seen
        // in the original; its message there speaks of the code the user wrote.
        let mut first_messages: HashMap<(&str, usize), String> = HashMap::new();
        let mut first_verdicts: HashMap<(&str, usize), Option<Applicability>> = HashMap::new();
        let mut directive_problems = Vec::new();
        let index = LineIndex::new(&original);
        loop {
            let (mut findings, suppressions) = self.findings(&text, &parsed, words.take());
            let pass = maps.len();
            if let Some(lines) = self.new_lines {
                let is_new = |f: &Finding| {
                    let start = maps.iter().rev().fold(f.start, |pos, map| map.to_old(pos));
                    lines.contains(index.position(start).0)
                };
                findings.retain(is_new);
            }
            if pass == 0 {
                first_messages = findings.iter().map(|f| ((f.rule, f.start), f.message.clone())).collect();
                first_verdicts = findings
                    .iter()
                    .map(|f| ((f.rule, f.start), f.fix.as_ref().map(|x| x.applicability)))
                    .collect();
                directive_problems = suppressions.problems(self.options.report_unused_suppressions);
                if let Some(lines) = self.new_lines {
                    directive_problems.retain(|f| lines.contains(index.position(f.start).0));
                }
            } else {
                findings = judged_as_written(findings, &maps, &first_verdicts);
            }
            // Choose fixes: sorted by position, skipping any that touches one already chosen;
            // identical fixes (one loop's several defers) are applied once.
            let mut chosen: Vec<usize> = Vec::new();
            let mut applied = vec![false; findings.len()];
            if pass < MAX_PASSES {
                for (i, f) in findings.iter().enumerate() {
                    if !self.wanted(f) {
                        continue;
                    }
                    let fix = f.fix.as_ref().expect("wanted findings have fixes");
                    let fix_of = |j: usize| findings[j].fix.as_ref().expect("chosen findings have fixes");
                    if chosen.iter().any(|&c| fix_of(c) == fix) {
                        applied[i] = true;
                        continue;
                    }
                    let (s, e) = fix.span();
                    if chosen.iter().all(|&c| {
                        let (cs, ce) = fix_of(c).span();
                        e < cs || ce < s
                    }) {
                        chosen.push(i);
                        applied[i] = true;
                    }
                }
            }
            if chosen.is_empty() {
                located.extend(findings.into_iter().map(|finding| Located { finding, pass, applied: false }));
                break;
            }
            let mut edits: Vec<Edit> = chosen
                .iter()
                .flat_map(|&c| findings[c].fix.as_ref().expect("chosen findings have fixes").edits().to_vec())
                .collect();
            edits.sort_by_key(|e| (e.start, e.end));
            let edits: Vec<&Edit> = edits.iter().collect();
            let next = apply_edits(&text, &edits);
            let Some(next_parsed) = parse::parse(&next).filter(|p| !p.tree.root_node().has_error()) else {
                let rules: Vec<&str> =
                    findings.iter().zip(&applied).filter(|(_, a)| **a).map(|(f, _)| f.rule).collect();
                error = Some(FileError::new(format!(
                    "internal error: the fixes of {} produced code that does not parse; the file was left unchanged (please report this)",
                    rules.join(", ")
                )));
                text = original.clone();
                located.clear();
                break;
            };
            for (finding, was_applied) in findings.into_iter().zip(applied) {
                if was_applied {
                    located.push(Located { finding, pass, applied: true });
                }
            }
            maps.push(PositionMap::new(&edits));
            text = next;
            parsed = next_parsed;
        }
        located.extend(directive_problems.into_iter().map(|finding| Located {
            finding,
            pass: 0,
            applied: false,
        }));
        let mut findings: Vec<Reported> = located
            .into_iter()
            .map(|l| {
                let back = |pos: usize| original_position(&maps[..l.pass], pos);
                let start = back(l.finding.start);
                let message = first_messages.remove(&(l.finding.rule, start)).unwrap_or(l.finding.message);
                let (line, column) = index.position(start);
                let (end_line, end_column) = index.position(back(l.finding.end));
                let edits = match (&l.finding.fix, l.pass) {
                    (Some(fix), 0) => fix
                        .edits()
                        .iter()
                        .map(|e| {
                            let text = String::from_utf8_lossy(&e.text);
                            ReportedEdit {
                                start: index.char_position(&original, e.start),
                                end: index.char_position(&original, e.end),
                                byte_start: index.position(e.start),
                                byte_end: index.position(e.end),
                                text: if self.enc.crlf {
                                    text.replace('\n', "\r\n")
                                } else {
                                    text.into_owned()
                                },
                            }
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                Reported {
                    rule: l.finding.rule,
                    line,
                    column,
                    end_line,
                    end_column,
                    message,
                    fix: FixKind::of(l.finding.fix.as_ref()),
                    applied: l.applied,
                    char_columns: (
                        index.char_position(&original, start).1,
                        index.char_position(&original, back(l.finding.end)).1,
                    ),
                    edits,
                    fingerprint: 0,
                }
            })
            .collect();
        findings.sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
        findings.dedup();
        let mut seen: HashMap<u64, u64> = HashMap::new();
        for f in &mut findings {
            let line = index.line_text(&original, f.line);
            let mut key = Fnv::default();
            key.write(f.rule.as_bytes());
            key.write(&[0]);
            key.write(&line.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect::<Vec<_>>());
            let occurrence = seen.entry(key.0).or_default();
            key.write(&occurrence.to_le_bytes());
            *occurrence += 1;
            f.fingerprint = key.0;
        }
        let fixed = (error.is_none() && text != original).then(|| {
            encoding::encode(self.enc, &crate::align::realign_changed(&original, &text, &parsed.tree))
        });
        Outcome { findings, fixed, error }
    }
}

/// A position in the text after `maps`' passes, in the text as read.
fn original_position(maps: &[PositionMap], mut pos: usize) -> usize {
    for map in maps.iter().rev() {
        pos = map.to_old(pos);
    }
    pos
}

/// The findings of a later pass, held to what their rules said of the code as the user wrote
/// it: a finding the first pass did not make is about code a fix wrote, and is dropped; a fix
/// is never more applicable than the first pass's fix for the same finding, and a fix that
/// edits code an earlier fix wrote (beyond re-indenting it) is withdrawn, since no rule is
/// written to understand another rule's output.
fn judged_as_written(
    findings: Vec<Finding>,
    maps: &[PositionMap],
    first: &HashMap<(&str, usize), Option<Applicability>>,
) -> Vec<Finding> {
    let back = |pos: usize| original_position(maps, pos);
    let touches_written = |start: usize, end: usize| {
        let (mut s, mut e) = (start, end);
        maps.iter().rev().any(|map| {
            let touched = map.touches_written(s, e);
            (s, e) = (map.to_old(s), map.to_old(e));
            touched
        })
    };
    findings
        .into_iter()
        .filter_map(|mut f| {
            let verdict = *first.get(&(f.rule, back(f.start)))?;
            let capped = match (verdict, f.fix.as_ref().map(|x| x.applicability)) {
                (None, _) | (_, None) => None,
                (Some(a), Some(b)) => Some(a.max(b)),
            };
            let written =
                f.fix.as_ref().is_some_and(|x| x.edits().iter().any(|e| touches_written(e.start, e.end)));
            match (capped, written) {
                (Some(a), false) => {
                    if let Some(fix) = f.fix.as_mut() {
                        fix.applicability = a;
                    }
                }
                _ => f.fix = None,
            }
            Some(f)
        })
        .collect()
}

/// FNV-1a, 64 bits: a hash that is the same on every platform and Rust version, for
/// fingerprints that must not change between runs.
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A fix whose edits would change what the grammar read from a stand-in (see `parse`) is not
/// offered: the transform never saw those bytes as they are.
fn withhold_fixes_touching(findings: &mut [Finding], stand_ins: &[StandIn]) {
    if stand_ins.is_empty() {
        return;
    }
    for f in findings {
        let touched = f
            .fix
            .as_ref()
            .and_then(|fix| fix.edits().iter().find_map(|e| stand_ins.iter().find(|s| s.blocks(e))));
        if let Some(stand_in) = touched {
            f.fix = None;
            f.message = format!(
                "{}; not fixed: the fix would change {}, which defer-fix's grammar cannot read",
                f.message,
                stand_in.describe()
            );
        }
    }
}

/// Byte offsets to 1-based lines and columns.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &[u8]) -> Self {
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', text).map(|i| i + 1)).collect();
        LineIndex { starts }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        (line + 1, offset - self.starts[line] + 1)
    }

    /// The text of a 1-based line, without its line break.
    fn line_text<'t>(&self, text: &'t [u8], line: usize) -> &'t [u8] {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        &text[start..end.max(start)]
    }

    /// Like `position`, with the column counted in code points.
    fn char_position(&self, text: &[u8], offset: usize) -> (usize, usize) {
        let (line, _) = self.position(offset);
        let before = &text[self.starts[line - 1]..offset];
        (line, String::from_utf8_lossy(before).chars().count() + 1)
    }
}
