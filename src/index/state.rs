//! What the index is now, as a key: records derived from it when indexing ends (the parallel
//! versions, the reversed vocabulary) are written with this key and used only while the index
//! still has it, so a record can never describe another state of the index.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

/// Bumped when a derived record's rules or layout change: one made by other rules is ignored.
const RULES: u32 = 1;

/// A key of the searcher's segments and their deletions, the lists of the index folder that
/// words are translated by, and the version: another commit, a merge, a deletion or another
/// list changes it.
pub(crate) fn key(searcher: &tantivy::Searcher, dir: &Path) -> String {
    let lists: Vec<String> = [crate::translate::lexicon::FILE, super::aliases::FILE]
        .iter()
        .map(|file| {
            let bytes = fs::read(dir.join(file)).unwrap_or_default();
            format!("{file}:{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes))
        })
        .collect();
    let mut segments: Vec<String> = searcher
        .segment_readers()
        .iter()
        .map(|r| format!("{}:{}", r.segment_id().uuid_string(), r.num_deleted_docs()))
        .collect();
    segments.sort();
    format!(
        "rules {RULES} {}; {}; {}",
        env!("CARGO_PKG_VERSION"),
        lists.join(","),
        segments.join(",")
    )
}

/// Writes `bytes` to `dir/file` whole or not at all (through a temporary file and a rename).
pub(crate) fn write(dir: &Path, file: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(file);
    let partial = dir.join(format!("{file}.partial"));
    fs::write(&partial, bytes)
        .and_then(|()| fs::rename(&partial, &path))
        .with_context(|| format!("cannot write {}", path.display()))
}
