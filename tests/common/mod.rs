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

/// Runs a command in `dir` with the local Go toolchain, panicking with its output when it
/// fails.
pub fn run_ok(dir: &Path, program: &str, args: &[&str]) -> String {
    Toolchain::local().run_ok(dir, program, args)
}

/// The toolchain fixtures needing a Go newer than the local one are checked with. The go
/// command fetches it through the module proxy, as it fetches any toolchain a go.mod asks for.
pub const NEWEST_TOOLCHAIN: &str = "go1.27.4";

/// A Go toolchain to check with: the local one, or one the go command fetches (`GOTOOLCHAIN`).
pub struct Toolchain {
    gotoolchain: String,
    /// Its gofmt: gofmt of an older Go cannot read a newer Go's syntax.
    gofmt: String,
}

impl Toolchain {
    pub fn local() -> Self {
        Toolchain { gotoolchain: "local".into(), gofmt: "gofmt".into() }
    }

    /// A toolchain that builds modules declaring `go VERSION` (`1.N`): the local one when it
    /// is that new, else NEWEST_TOOLCHAIN. None when that cannot be fetched (no network): the
    /// caller's checks are skipped with a notice, except on CI, where that is a failure.
    pub fn for_version(test: &str, version: &str) -> Option<Self> {
        let local = Toolchain::local();
        let minor =
            |v: &str| v.trim().trim_start_matches("go").split('.').nth(1).and_then(|m| m.parse::<u32>().ok());
        let local_version = local.run_ok(Path::new("."), "go", &["env", "GOVERSION"]);
        if minor(&local_version) >= minor(version) {
            return Some(local);
        }
        let newest = Toolchain { gotoolchain: NEWEST_TOOLCHAIN.into(), gofmt: String::new() };
        match newest.output(Path::new("."), "go", &["env", "GOROOT"]) {
            Ok(goroot) => {
                let gofmt = Path::new(goroot.trim()).join("bin").join("gofmt");
                Some(Toolchain { gofmt: gofmt.to_string_lossy().into_owned(), ..newest })
            }
            Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
                panic!(
                    "{test}: go {version} fixtures need {NEWEST_TOOLCHAIN}, which the go command could not fetch: {e}"
                )
            }
            Err(e) => {
                eprintln!(
                    "notice: {test} skipped its go {version} fixtures: {NEWEST_TOOLCHAIN} could not be fetched: {e}"
                );
                None
            }
        }
    }

    /// Runs `go`, `gofmt` or a built program in `dir`, panicking with its output when it fails.
    pub fn run_ok(&self, dir: &Path, program: &str, args: &[&str]) -> String {
        self.output(dir, program, args).unwrap_or_else(|e| panic!("{e}"))
    }

    fn output(&self, dir: &Path, program: &str, args: &[&str]) -> Result<String, String> {
        let program = if program == "gofmt" { self.gofmt.as_str() } else { program };
        let mut command = Command::new(program);
        command.args(args).current_dir(dir).env("GOFLAGS", "-mod=mod").env("GOTOOLCHAIN", &self.gotoolchain);
        // Fixtures import the standard library only: nothing may be downloaded but a toolchain.
        if self.gotoolchain == "local" {
            command.env("GOPROXY", "off");
        }
        let output = command.output().map_err(|e| format!("cannot run {program}: {e}"))?;
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        if !output.status.success() {
            return Err(format!(
                "{program} {args:?} failed in {} (GOTOOLCHAIN={}):\n{stdout}\n{}",
                dir.display(),
                self.gotoolchain,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok(stdout)
    }
}

/// Writes a go.mod for a module of Go fixtures. `golang.org/x/net` is replaced by the stand-in
/// in tests/data/xnet (its `context` package), so that fixtures may import it without the
/// module proxy.
pub fn write_go_mod(dir: &Path, version: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let xnet = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/xnet");
    let go_mod = format!(
        "module example.com/fixture\n\ngo {version}\n\nrequire golang.org/x/net v0.0.0\n\nreplace golang.org/x/net => {}\n",
        xnet.display()
    );
    std::fs::write(dir.join("go.mod"), go_mod).unwrap();
}
