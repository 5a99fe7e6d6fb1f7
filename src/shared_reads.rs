//! Files that both the run and the package model read, read from disk once.
//!
//! The first file of a directory to ask the package model a question has the model read
//! every other file of that directory; the run then reads each of them again to process it.
//! When a file the model reads is one the run has yet to process, its bytes are kept here
//! until the run takes them. Only the run's own files are kept, and each only until the run
//! reaches it: the model's questions are about the asking file's own directory (or the
//! standard library's, which is not the run's), so what is kept is the directories being
//! processed, not the tree.
//!
//! Reading a file early changes nothing the run sees: a file is rewritten only by its own
//! processing, which takes its bytes first, and the write checks the file still holds what
//! was read (see [`crate::write`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Default)]
pub struct SharedReads {
    slots: Mutex<HashMap<PathBuf, Slot>>,
}

enum Slot {
    /// The run will read the file, and nothing has read it yet.
    Unread,
    /// The model read it first; the run takes these bytes.
    Kept(Vec<u8>),
    /// The run has read it (or will not): later reads go to disk.
    Taken,
}

impl SharedReads {
    /// For a run over `files`.
    pub fn for_run<'a>(files: impl IntoIterator<Item = &'a Path>) -> Self {
        let slots = files.into_iter().map(|f| (key(f), Slot::Unread)).collect();
        SharedReads { slots: Mutex::new(slots) }
    }

    /// The run's read of one of its files: the model's bytes when it read the file first.
    pub fn take(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        let kept = self.lock().get_mut(&key(path)).map(|slot| std::mem::replace(slot, Slot::Taken));
        match kept {
            Some(Slot::Kept(bytes)) => Ok(bytes),
            _ => std::fs::read(path),
        }
    }

    /// The run will not read `path` (it is outside the lines asked about, or no file): what
    /// was kept for it goes.
    pub fn release(&self, path: &Path) {
        if let Some(slot) = self.lock().get_mut(&key(path)) {
            *slot = Slot::Taken;
        }
    }

    /// The model's read of a file: from the bytes kept for the run when there are some, and
    /// kept for the run when it is one of the run's files that nothing has read yet.
    pub fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        let key = key(path);
        if let Some(Slot::Kept(bytes)) = self.lock().get(&key) {
            return Ok(bytes.clone());
        }
        let bytes = std::fs::read(path)?;
        if let Some(slot @ Slot::Unread) = self.lock().get_mut(&key) {
            *slot = Slot::Kept(bytes.clone());
        }
        Ok(bytes)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Slot>> {
        self.slots.lock().expect("no thread panics holding the lock")
    }
}

/// One spelling for a file, whether the run names it (`a.go`, `dir/a.go`) or the model
/// lists it in its directory (`./a.go`, `dir/a.go`).
fn key(path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) if dir.as_os_str().is_empty() => Path::new(".").join(name),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_run_takes_what_the_model_read_first_and_nothing_else_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, other) = (dir.path().join("a.go"), dir.path().join("b.go"), dir.path().join("c.go"));
        for (path, text) in [(&a, "a"), (&b, "b"), (&other, "c")] {
            std::fs::write(path, text).unwrap();
        }
        let reads = SharedReads::for_run([a.as_path(), b.as_path()]);
        assert_eq!(reads.read(&a).unwrap(), b"a");
        assert_eq!(reads.read(&other).unwrap(), b"c");
        // What the model read is what the run gets, whatever the disk says now.
        std::fs::write(&a, "a2").unwrap();
        std::fs::write(&other, "c2").unwrap();
        assert_eq!(reads.read(&a).unwrap(), b"a", "read once");
        assert_eq!(reads.read(&other).unwrap(), b"c2", "not the run's: never kept");
        assert_eq!(reads.take(&a).unwrap(), b"a");
        // Once the run has taken a file, every read goes to disk (the run may have fixed it).
        assert_eq!(reads.read(&a).unwrap(), b"a2");
        assert!(matches!(reads.lock().get(&key(&a)), Some(Slot::Taken)), "nothing kept");
        // The run reads a file the model has not read from disk, and the model then does.
        std::fs::write(&b, "b2").unwrap();
        assert_eq!(reads.take(&b).unwrap(), b"b2");
        assert_eq!(reads.read(&b).unwrap(), b"b2");
        assert!(matches!(reads.lock().get(&key(&b)), Some(Slot::Taken)));
    }

    #[test]
    fn a_released_file_keeps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.go");
        std::fs::write(&a, "a").unwrap();
        let reads = SharedReads::for_run([a.as_path()]);
        reads.release(&a);
        assert_eq!(reads.read(&a).unwrap(), b"a");
        assert!(matches!(reads.lock().get(&key(&a)), Some(Slot::Taken)));
    }

    #[test]
    fn a_file_has_one_spelling_in_the_current_directory() {
        assert_eq!(key(Path::new("a.go")), key(Path::new("./a.go")));
        assert_eq!(key(Path::new("d/a.go")), Path::new("d/a.go"));
    }
}
