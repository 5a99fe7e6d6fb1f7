//! Whole-file atomic replacement.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// Replaces `path` with `contents` through a temporary file in the same directory and a rename,
/// keeping the file's permissions. Refuses when the file no longer holds `expected` (it
/// changed on disk since it was read).
pub fn replace(path: &Path, expected: &[u8], contents: &[u8]) -> Result<()> {
    // Write through a symbolic link, as gofmt -w does: renaming over the link itself would turn
    // it into a regular file and leave the file it points to unfixed.
    let path = &std::fs::canonicalize(path).context("cannot resolve the file's path")?;
    let current = std::fs::read(path).context("cannot read the file again before writing it")?;
    if current != expected {
        bail!("the file changed on disk while defer-fix ran; it was not overwritten (run defer-fix again)");
    }
    let permissions = std::fs::metadata(path).context("cannot read the file's permissions")?.permissions();
    // A rename would replace a read-only file regardless; refuse, as gofmt -w does.
    if permissions.readonly() {
        bail!("the file is read-only; it was not changed (make it writable to let defer-fix fix it)");
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".defer-fix-")
        .tempfile_in(dir)
        .context("cannot create a temporary file beside it (is the directory writable?)")?;
    temp.write_all(contents).context("cannot write the temporary file")?;
    temp.as_file().sync_all().context("cannot flush the temporary file")?;
    std::fs::set_permissions(temp.path(), permissions).context("cannot copy the file's permissions")?;
    temp.persist(path).map_err(|e| e.error).context("cannot rename the temporary file over it")?;
    Ok(())
}
