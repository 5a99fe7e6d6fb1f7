//! The command line: a contract scripts and CI depend on (see README.md).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, ValueEnum};

use crate::changed::ChangedLines;
use crate::config::Config;
use crate::engine::Options;
use crate::langver::GoVersion;
use crate::report::{self, Paint};
use crate::run::{self, Mode};
use crate::transforms::{self, Transform};

#[derive(Parser, Debug)]
#[command(
    name = "defer-fix",
    version,
    about = "Find unsafe uses of defer in Go code and rewrite them.",
    after_help = "Exit status: 0 nothing left to do; 1 findings or changes remain; 2 an error.",
    // `defer-fix rule loop-defer` explains a rule; a directory named like a subcommand is
    // written `./rule`.
    args_conflicts_with_subcommands = true
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or directories; "./..." and "dir/..." mean the tree, as in go tooling.
    #[arg(default_value = ".")]
    pub paths: Vec<String>,

    /// Print the unified diff of what would change on stdout; write nothing.
    #[arg(long, group = "mode")]
    pub dry_run: bool,

    /// Write nothing; exit 1 if any file would change or any finding remains.
    #[arg(long, group = "mode")]
    pub check: bool,

    /// Print the paths of the files that would change; write nothing.
    #[arg(short = 'l', long = "list", group = "mode")]
    pub list: bool,

    /// Also apply fixes marked unsafe.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Only these rules (comma-separated), e.g. loop-defer.
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub select: Vec<String>,

    /// Not these rules (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub ignore: Vec<String>,

    /// Output format of the findings: text on stderr; the others on stdout.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// When to colour the text report and the diff.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print counts per rule (found, fixed, left) on stderr.
    #[arg(long)]
    pub statistics: bool,

    /// Read the paths to process from FILE, one per line ("-": standard input), as if named
    /// on the command line.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,

    /// With the path "-": read the source from standard input as if it were this file (for its
    /// go.mod and in reports) and print the fixed source (with --dry-run, the diff) on stdout.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// The configuration file to use instead of the discovered defer-fix.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Ignore any defer-fix.toml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,

    /// Language version to assume (e.g. 1.21), overriding go.mod and build lines.
    #[arg(long, value_name = "1.N", value_parser = parse_go_version)]
    pub go_version: Option<GoVersion>,

    /// Only findings on lines changed since REV (`git diff REV`, untracked files included);
    /// fixes elsewhere are not applied.
    #[arg(long, value_name = "REV", conflicts_with = "new_from_patch")]
    pub new_from_rev: Option<String>,

    /// Only findings on lines this unified diff adds or changes; fixes elsewhere are not
    /// applied.
    #[arg(long, value_name = "FILE")]
    pub new_from_patch: Option<PathBuf>,

    /// Exit 0 even when findings or changes remain (errors still exit 2), for jobs that only
    /// report.
    #[arg(long)]
    pub exit_zero: bool,

    /// With an in-place run: go build, go vet and compile the tests of each changed package
    /// before and after the fixes, put back the files of a package the fixes broke, and exit 1
    /// if any (needs `go` on PATH).
    #[arg(long)]
    pub verify: bool,

    /// With --verify: also put back the files of packages whose checks failed before the fixes
    /// (so they cannot be verified): only verified fixes are written.
    #[arg(long, requires = "verify")]
    pub require_verified: bool,
}

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Print a rule's documentation: what it detects, why, the fix and its safety.
    Rule {
        /// The rule, e.g. loop-defer.
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        name: Option<String>,
        /// Every rule's documentation, one after the other.
        #[arg(long)]
        all: bool,
    },
    /// Print a completion script for a shell, e.g. `defer-fix completions bash > /etc/bash_completion.d/defer-fix`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// A pull-request body.
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Only on a terminal, and not when NO_COLOR is set.
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    fn paint(self, stream: &impl std::io::IsTerminal) -> Paint {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Paint::new(match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stream.is_terminal() && !no_color,
        })
    }
}

fn parse_go_version(s: &str) -> Result<GoVersion, String> {
    GoVersion::parse(s).ok_or_else(|| format!("'{s}' is not a Go 1.N version (for example 1.21)"))
}

impl Args {
    fn mode(&self) -> Mode {
        if self.dry_run {
            Mode::DryRun
        } else if self.check {
            Mode::Check
        } else if self.list {
            Mode::List
        } else {
            Mode::Apply
        }
    }

    /// The configuration file in force, if any.
    fn config(&self) -> Result<Option<Config>> {
        match (&self.config, self.no_config) {
            (_, true) => Ok(None),
            (Some(path), _) => Config::load(path).map(Some),
            (None, false) => Config::discover(Path::new(".")),
        }
    }
}

/// The rules to run: the command line's --select/--ignore, else the configuration's.
fn transforms(select: &[String], ignore: &[String]) -> Result<Vec<&'static dyn Transform>> {
    for name in select.iter().chain(ignore) {
        if transforms::by_name(name).is_none() {
            let known: Vec<&str> = transforms::all().iter().map(|t| t.name()).collect();
            bail!("unknown rule '{name}'; the rules are: {}", known.join(", "));
        }
    }
    let chosen: Vec<&'static dyn Transform> = transforms::all()
        .into_iter()
        .filter(|t| select.is_empty() || select.iter().any(|s| s == t.name()))
        .filter(|t| !ignore.iter().any(|s| s == t.name()))
        .collect();
    if chosen.is_empty() {
        // A run that checks nothing would pass every gate; the user meant something else.
        let what = if select.is_empty() {
            format!("--ignore {} ignores every rule", ignore.join(","))
        } else {
            format!("--ignore {} ignores every rule of --select {}", ignore.join(","), select.join(","))
        };
        bail!(
            "no rule left to run: {what}; select another rule or ignore fewer (on the command line or in defer-fix.toml)"
        );
    }
    Ok(chosen)
}

/// Runs the command line and returns the exit status.
pub fn main(args: Args) -> i32 {
    match execute(&args) {
        Ok(1) if args.exit_zero => 0,
        Ok(code) => code,
        // A reader that stops early (`| head`) is not an error of ours.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            0
        }
        Err(e) => {
            eprintln!("defer-fix: error: {e:#}");
            2
        }
    }
}

fn execute(args: &Args) -> Result<i32> {
    match &args.command {
        Some(Command::Rule { name, all }) => return print_rule(name.as_deref(), *all),
        Some(Command::Completions { shell }) => {
            let mut command = <Args as clap::CommandFactory>::command();
            // Into a buffer first: clap_complete panics on a write error (`| head`).
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command, "defer-fix", &mut script);
            std::io::stdout().write_all(&script)?;
            return Ok(0);
        }
        None => {}
    }
    let mode = args.mode();
    if args.format != Format::Text && matches!(mode, Mode::DryRun | Mode::List) {
        bail!(
            "--format {} prints on stdout, which --dry-run and --list use; use --check --format {0}",
            args.format.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
        );
    }
    let config = args.config()?.unwrap_or_default();
    let pick =
        |cli: &Vec<String>, file: &Vec<String>| if cli.is_empty() { file.clone() } else { cli.clone() };
    let (select, ignore) = (pick(&args.select, &config.select), pick(&args.ignore, &config.ignore));
    let go_version = args.go_version.or(config.go_version());
    let changed = match (&args.new_from_rev, &args.new_from_patch) {
        (Some(rev), _) => Some(ChangedLines::from_rev(rev)?),
        (None, Some(patch)) => Some(ChangedLines::from_patch_file(patch)?),
        (None, None) => None,
    };
    let options = Options {
        transforms: transforms(&select, &ignore)?,
        unsafe_fixes: args.unsafe_fixes || config.unsafe_fixes,
        apply_fixes: true,
        // With a narrowed rule set, a directive for another rule is not "unused".
        report_unused_suppressions: mode == Mode::Check && select.is_empty() && ignore.is_empty(),
        changed: changed.as_ref(),
    };
    let reading_stdin = args.paths.iter().any(|p| p == "-");
    if args.verify && (mode != Mode::Apply || reading_stdin) {
        bail!(
            "--verify checks an in-place run: it cannot be combined with --dry-run, --check, --list or \"-\""
        );
    }
    if reading_stdin {
        return run_stdin(args, mode, &options, go_version);
    }
    if args.stdin_filename.is_some() {
        bail!("--stdin-filename goes with the path \"-\" (read the source from standard input)");
    }
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        paths = read_file_list(list)?;
        if paths.is_empty() {
            // `git diff --name-only | defer-fix --files-from -` on a change without Go files.
            eprintln!("defer-fix: the file list names no Go files; nothing to do");
            return Ok(0);
        }
    }
    let excluded = if config.exclude.is_empty() { None } else { Some(config.exclusions()?) };
    let targets = crate::walk::collect(&paths, excluded.as_ref())?;
    let progress = run::Progress::new(targets.len(), std::io::IsTerminal::is_terminal(&std::io::stderr()));
    if args.verify {
        let (reports, verified) =
            crate::verify::run(&targets, &options, go_version, &progress, args.require_verified)?;
        for (dir, reason) in &verified.failed_before {
            eprintln!(
                "defer-fix: verify: {}: the checks failed before the fixes too ({reason}); fixes kept, unverified",
                dir.display()
            );
        }
        for (dir, reason) in &verified.refused {
            eprintln!(
                "defer-fix: verify: {}: the checks failed before the fixes too ({reason}); its files were put back (--require-verified)",
                dir.display()
            );
        }
        for (dir, reason) in &verified.reverted {
            eprintln!(
                "defer-fix: verify: {}: the checks fail after the fixes ({reason}); its files were put back",
                dir.display()
            );
        }
        let code = report_all(args, mode, &reports, options.unsafe_fixes)?;
        eprintln!("{}", verify_summary(&verified));
        return Ok(if verified.reverted.is_empty() { code } else { code.max(1) });
    }
    let reports = run::run(&targets, mode, &options, go_version, &progress);
    report_all(args, mode, &reports, options.unsafe_fixes)
}

/// `defer-fix rule NAME` / `--all`: the rule pages the README's table links to.
fn print_rule(name: Option<&str>, all: bool) -> Result<i32> {
    let mut out = std::io::stdout().lock();
    if all {
        for (i, rule) in crate::docs::names().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            out.write_all(crate::docs::page(rule).unwrap_or_default().as_bytes())?;
        }
    } else if let Some(name) = name {
        let Some(page) = crate::docs::page(name) else {
            bail!(
                "unknown rule '{name}'; the rules are: {}",
                crate::docs::names().collect::<Vec<_>>().join(", ")
            );
        };
        out.write_all(page.as_bytes())?;
    }
    out.flush()?;
    Ok(0)
}

/// The last line of a `--verify` run: what was verified, what could not be, why, and what
/// became of those files.
fn verify_summary(v: &crate::verify::Verified) -> String {
    if v.packages == 0 {
        return "defer-fix: verify: no package changed, nothing to verify".into();
    }
    let unchecked = v.failed_before.len() + v.refused.len();
    let verified = v.packages - v.reverted.len() - unchecked;
    let mut line = format!(
        "defer-fix: verify: {} changed: {verified} verified (go build, go vet and the test compile pass after the fixes)",
        report::count(v.packages, "package")
    );
    if !v.reverted.is_empty() {
        line.push_str(&format!(
            ", {} put back (the fixes broke {})",
            v.reverted.len(),
            if v.reverted.len() == 1 { "it" } else { "them" }
        ));
    }
    if unchecked > 0 {
        let reasons = v.failed_before.iter().chain(&v.refused).map(|(_, r)| r.as_str());
        let mut distinct: Vec<&str> = Vec::new();
        for r in reasons {
            if !distinct.contains(&r) {
                distinct.push(r);
            }
        }
        let why = match distinct.len() {
            1 => distinct[0].to_string(),
            n => format!("{}, and {} other reasons", distinct[0], n - 1),
        };
        line.push_str(&format!(", {unchecked} could not be checked before the fixes ({why})"));
        if v.refused.is_empty() {
            line.push_str(&format!(
                ": {} written unverified (--require-verified refuses such fixes)",
                report::count(v.unverified_files, "file")
            ));
        } else {
            line.push_str(": their files were put back (--require-verified)");
        }
    }
    line
}

/// `--files-from FILE`: one path a line; blank lines and surrounding spaces are ignored.
/// Paths that do not exist (a file list from `git diff --name-only` names deleted files) and
/// files that are not `.go` files are skipped, and the skips counted on stderr, so that such a
/// list can be piped in as it is.
fn read_file_list(list: &std::path::Path) -> Result<Vec<String>> {
    let text = if list.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the file list from standard input")?;
        text
    } else {
        std::fs::read_to_string(list)
            .with_context(|| format!("{}: cannot read this file list", list.display()))?
    };
    let (mut missing, mut not_go) = (0, 0);
    let mut paths = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let dir = line.strip_suffix("/...").or((line == "...").then_some("."));
        match std::fs::metadata(dir.unwrap_or(line)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => missing += 1,
            Ok(meta) if meta.is_file() && !line.ends_with(".go") => not_go += 1,
            // A directory is walked; any other error is the file's own, reported with it.
            _ => paths.push(line.to_string()),
        }
    }
    if missing + not_go > 0 {
        let mut skipped = Vec::new();
        if missing > 0 {
            skipped.push(format!(
                "{} that no longer exist{}",
                report::count(missing, "path"),
                if missing == 1 { "s" } else { "" }
            ));
        }
        if not_go > 0 {
            skipped.push(format!("{} not ending in .go", report::count(not_go, "file")));
        }
        eprintln!("defer-fix: {}: skipped {}", list_name(list), skipped.join(" and "));
    }
    Ok(paths)
}

/// How messages name a file list: "standard input" for "-".
fn list_name(list: &std::path::Path) -> String {
    if list.as_os_str() == "-" {
        "the file list on standard input".into()
    } else {
        list.display().to_string()
    }
}

/// Editor mode: the source comes on stdin and the result goes to stdout.
fn run_stdin(args: &Args, mode: Mode, options: &Options, go_version: Option<GoVersion>) -> Result<i32> {
    if args.paths.len() != 1 {
        bail!("\"-\" (standard input) cannot be combined with other paths");
    }
    let path = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("<stdin>.go"));
    let mut raw = Vec::new();
    std::io::stdin().read_to_end(&mut raw).context("cannot read the source from standard input")?;
    let (report, fixed) =
        run::run_source(&path, args.stdin_filename.is_some(), &raw, mode, options, go_version);
    let fixed = fixed.filter(|_| report.error.is_none());
    let reports = [report];
    let mut out = std::io::stdout().lock();
    match (args.format, mode) {
        // The whole buffer, fixed or as it was, so an editor can replace its contents.
        (Format::Text, Mode::Apply) => out.write_all(fixed.as_deref().unwrap_or(&raw))?,
        (Format::Text, Mode::DryRun) => {
            args.color.paint(&std::io::stdout()).write_diff(&mut out, &reports[0].diff)?
        }
        (Format::Text, Mode::Check | Mode::List) => {}
        // One document with the findings, their edits and the fixed buffer.
        (Format::Json, _) => report::write_json_stdin(&mut out, &reports[0], fixed.as_deref())?,
        (Format::Sarif, _) => report::write_sarif(&mut out, &reports)?,
        (Format::Github, _) => report::write_github(&mut out, &reports, mode)?,
        (Format::Markdown, _) => report::write_markdown(&mut out, &reports, mode)?,
    }
    out.flush()?;
    let mut err = std::io::stderr().lock();
    if args.format == Format::Text {
        report::write_text(
            &mut err,
            &reports,
            mode,
            args.color.paint(&std::io::stderr()),
            options.unsafe_fixes,
        )?;
    }
    report::write_errors(&mut err, &reports)?;
    Ok(run::exit_code(&reports, mode))
}

/// Prints every report in the chosen format, and returns the exit status.
fn report_all(args: &Args, mode: Mode, reports: &[run::FileReport], unsafe_fixes: bool) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    match args.format {
        Format::Text => {
            report::write_text(&mut err, reports, mode, args.color.paint(&std::io::stderr()), unsafe_fixes)?
        }
        Format::Json => report::write_json(&mut out, reports)?,
        Format::Sarif => report::write_sarif(&mut out, reports)?,
        Format::Github => report::write_github(&mut out, reports, mode)?,
        Format::Markdown => report::write_markdown(&mut out, reports, mode)?,
    }
    match mode {
        Mode::DryRun => {
            let paint = args.color.paint(&std::io::stdout());
            for r in reports {
                paint.write_diff(&mut out, &r.diff)?;
            }
        }
        Mode::List => {
            for r in reports.iter().filter(|r| r.changed) {
                writeln!(out, "{}", r.path)?;
            }
        }
        Mode::Apply | Mode::Check => {}
    }
    out.flush()?;
    report::write_errors(&mut err, reports)?;
    if args.statistics {
        report::write_statistics(&mut err, reports)?;
    }
    if args.format == Format::Text {
        report::write_summary(&mut err, reports, mode, unsafe_fixes)?;
    }
    Ok(run::exit_code(reports, mode))
}
