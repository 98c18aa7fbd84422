//! The index folder as Tantivy sees it.
//!
//! Searching: an mmap directory that tolerates a read-only file system. Tantivy's readers take
//! a lock file while they open segments, so that a writer in another process cannot delete
//! files under them. On a read-only folder the lock file cannot be created, and no writer can
//! exist either, so there the lock is skipped.
//!
//! Writing: the same folder, but segments are read with `pread` instead of being mapped. A
//! merge reads every byte of the segments it merges; mapped, those pages count in the
//! process's resident memory until the merge ends (740 MB of a 1 GB archive's index, measured),
//! read, they pass through the page cache and a buffer at a time.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::HasLen;
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};

/// How the index folder is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    /// Mapped files; no lock where the folder is read-only.
    Search,
    /// Files read, not mapped.
    Write,
}

/// The index folder: Tantivy's [`MmapDirectory`], adapted for searching or writing.
#[derive(Debug, Clone)]
pub(crate) struct IndexDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    usage: Use,
}

impl IndexDirectory {
    /// For searching: a read-only folder will do.
    pub(crate) fn for_search(dir: &Path) -> Result<IndexDirectory, OpenDirectoryError> {
        IndexDirectory::open(dir, Use::Search)
    }

    /// For the writer: segments are read, not mapped.
    pub(crate) fn for_writing(dir: &Path) -> Result<IndexDirectory, OpenDirectoryError> {
        IndexDirectory::open(dir, Use::Write)
    }

    fn open(dir: &Path, usage: Use) -> Result<IndexDirectory, OpenDirectoryError> {
        Ok(IndexDirectory {
            inner: MmapDirectory::open(dir)?,
            root: dir.to_path_buf(),
            usage,
        })
    }

    /// A file to read with positioned reads.
    fn read_file(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let file = File::open(self.root.join(path)).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                OpenReadError::FileDoesNotExist(path.to_path_buf())
            } else {
                OpenReadError::wrap_io_error(e, path.to_path_buf())
            }
        })?;
        let len = file
            .metadata()
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?
            .len() as usize;
        Ok(Arc::new(ReadFile {
            file,
            path: self.root.join(path),
            len,
            block: std::sync::Mutex::new(None),
        }))
    }
}

fn cannot_write(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    )
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        match self.usage {
            Use::Search => self.inner.get_file_handle(path),
            Use::Write => self.read_file(path),
        }
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e)) if self.usage == Use::Search && cannot_write(&e) => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// A file read with positioned reads.
///
/// A merge reads each term's postings and positions separately: millions of small reads. Those
/// are served from the last block read (shared, not copied), so that one system call serves
/// many of them.
#[derive(Debug)]
struct ReadFile {
    file: File,
    /// For messages.
    path: PathBuf,
    len: usize,
    /// The last block read: its offset and bytes.
    block: std::sync::Mutex<Option<(usize, OwnedBytes)>>,
}

/// Size of the blocks small reads are served from.
const BLOCK_BYTES: usize = 256 * 1024;
/// Reads at most this long go through a block; longer ones are read on their own.
const SMALL_READ_BYTES: usize = 16 * 1024;

impl HasLen for ReadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.start > range.end || range.end > self.len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{}: read of {range:?} past the end ({})",
                    self.path.display(),
                    self.len
                ),
            ));
        }
        if range.len() <= SMALL_READ_BYTES {
            let start = range.start - range.start % BLOCK_BYTES;
            if range.end <= start + BLOCK_BYTES {
                let mut cached = self.block.lock().unwrap_or_else(|e| e.into_inner());
                if let Some((at, block)) = cached.as_ref()
                    && *at == start
                {
                    return Ok(block.slice(range.start - at..range.end - at));
                }
                let block = self.read(start..(start + BLOCK_BYTES).min(self.len))?;
                let bytes = block.slice(range.start - start..range.end - start);
                *cached = Some((start, block));
                return Ok(bytes);
            }
        }
        self.read(range)
    }
}

impl ReadFile {
    fn read(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        let mut buffer = vec![0; range.len()];
        read_exact_at(&self.file, &mut buffer, range.start as u64)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", self.path.display())))?;
        Ok(OwnedBytes::new(buffer))
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buffer, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buffer: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buffer.is_empty() {
        match file.seek_read(buffer, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buffer = &mut buffer[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_read_file_reads_ranges_and_refuses_past_the_end() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("f"), b"0123456789").expect("write");
        let d = IndexDirectory::for_writing(dir.path()).expect("directory");
        let f = d.get_file_handle(Path::new("f")).expect("handle");
        assert_eq!(f.len(), 10);
        assert_eq!(f.read_bytes(2..5).expect("read").as_slice(), b"234");
        assert_eq!(f.read_bytes(0..10).expect("read").as_slice(), b"0123456789");
        assert_eq!(f.read_bytes(9..10).expect("read").as_slice(), b"9");
        assert_eq!(f.read_bytes(10..10).expect("empty read").len(), 0);
        assert!(f.read_bytes(8..11).is_err());
        assert!(matches!(
            d.get_file_handle(Path::new("missing")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
    }
}
