//! `defer-fix.toml`: a repository's defaults (rules, unsafe fixes, excluded paths, Go version),
//! found in the current directory or the nearest parent, up to the repository root. Flags on
//! the command line win over it.
//!
//! ```toml
//! select = ["loop-defer", "close-before-check"]
//! ignore = ["exit-after-defer"]
//! unsafe-fixes = false
//! exclude = ["internal/legacy/**", "*_mock.go"]
//! go-version = "1.21"
//! ```

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::langver::GoVersion;

pub const FILE_NAME: &str = "defer-fix.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub unsafe_fixes: bool,
    /// Gitignore-style patterns, relative to the configuration file's directory, that
    /// directory walks skip.
    #[serde(default)]
    pub exclude: Vec<String>,
    pub go_version: Option<String>,
    /// The directory the file was found in.
    #[serde(skip)]
    pub root: PathBuf,
}

impl Config {
    /// The configuration that applies in `start`: `defer-fix.toml` there or in the nearest
    /// parent, not looking above a directory that holds `.git`.
    pub fn discover(start: &Path) -> Result<Option<Config>> {
        // Absolute but not canonical, so that exclude patterns match the paths walks produce.
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        for dir in start.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate).map(Some);
            }
            if dir.join(".git").exists() {
                break;
            }
        }
        Ok(None)
    }

    pub fn load(path: &Path) -> Result<Config> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
        let mut config: Config = toml::from_str(&text)
            .with_context(|| format!("{}: not a valid defer-fix configuration", path.display()))?;
        config.root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        if let Some(v) = &config.go_version
            && GoVersion::parse(v).is_none()
        {
            bail!("{}: go-version '{v}' is not a Go 1.N version (for example \"1.21\")", path.display());
        }
        Ok(config)
    }

    /// The exclude patterns as a matcher rooted at the configuration's directory.
    pub fn exclusions(&self) -> Result<ignore::gitignore::Gitignore> {
        let mut builder = ignore::gitignore::GitignoreBuilder::new(&self.root);
        for pattern in &self.exclude {
            builder.add_line(None, pattern).with_context(|| {
                format!("{}: bad exclude pattern '{pattern}'", self.root.join(FILE_NAME).display())
            })?;
        }
        Ok(builder.build()?)
    }

    pub fn go_version(&self) -> Option<GoVersion> {
        self.go_version.as_deref().and_then(GoVersion::parse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_keys_and_rejects_others() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "select = [\"loop-defer\"]\nunsafe-fixes = true\nexclude = [\"gen/**\"]\ngo-version = \"1.21\"\n",
        )
        .unwrap();
        let config = Config::load(&path).unwrap();
        assert_eq!(config.select, ["loop-defer"]);
        assert!(config.unsafe_fixes);
        assert_eq!(config.go_version(), GoVersion::parse("1.21"));
        std::fs::write(&path, "unsafe_fixes = true\n").unwrap();
        let err = format!("{:#}", Config::load(&path).unwrap_err());
        assert!(err.contains("defer-fix.toml: not a valid defer-fix configuration"), "{err}");
    }

    #[test]
    fn discovery_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "unsafe-fixes = true\n").unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("sub")).unwrap();
        assert!(Config::discover(&repo.join("sub")).unwrap().is_none());
        std::fs::write(repo.join(FILE_NAME), "ignore = [\"exit-after-defer\"]\n").unwrap();
        let found = Config::discover(&repo.join("sub")).unwrap().unwrap();
        assert_eq!(found.ignore, ["exit-after-defer"]);
    }
}
