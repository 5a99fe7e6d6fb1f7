//! Paths as code scanning and GitHub annotations want them: relative to the repository root
//! (the checkout), whatever directory defer-fix ran in and however the user named the file.

use std::path::{Path, PathBuf};

/// The repository root: the nearest directory from the current one up holding `.git` (a
/// directory, or a file in a worktree or submodule); the current directory outside any
/// repository.
pub struct RepoRoot {
    root: PathBuf,
}

impl RepoRoot {
    pub fn discover() -> Self {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
        let root = cwd.ancestors().find(|d| d.join(".git").exists()).unwrap_or(&cwd).to_path_buf();
        RepoRoot { root }
    }

    /// `path` (as reported, relative to the current directory or absolute) relative to the
    /// root, with `/` separators; None for a file outside the repository.
    pub fn relative(&self, path: &str) -> Option<String> {
        let absolute = std::path::absolute(path).ok()?;
        // Through the real directory, so that a symbolic link in the current directory's
        // path does not hide that the file is inside the root; the file name itself is kept.
        let real = match (absolute.parent().and_then(|d| std::fs::canonicalize(d).ok()), absolute.file_name())
        {
            (Some(dir), Some(name)) => dir.join(name),
            _ => absolute,
        };
        let relative = real.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> =
            relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        Some(parts.join("/"))
    }

    /// The root as a `file://` URI ending in `/`, for SARIF's `originalUriBaseIds`.
    pub fn uri(&self) -> String {
        file_uri(&self.root, true)
    }
}

/// A `file://` URI of an absolute path, percent-encoding what a URI cannot hold.
pub fn file_uri(path: &Path, directory: bool) -> String {
    let mut text = path.to_string_lossy().replace('\\', "/");
    if !text.starts_with('/') {
        // A Windows drive path: file:///C:/...
        text.insert(0, '/');
    }
    if directory && !text.ends_with('/') {
        text.push('/');
    }
    format!("file://{}", encode_path(&text))
}

/// Percent-encodes a URI path's bytes outside the unreserved set and `/`.
pub fn encode_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_encode_spaces_and_non_ascii() {
        assert_eq!(file_uri(Path::new("/tmp/a b/é"), true), "file:///tmp/a%20b/%C3%A9/");
        assert_eq!(encode_path("pkg/x#1.go"), "pkg/x%231.go");
    }
}
