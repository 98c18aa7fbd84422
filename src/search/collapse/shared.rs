//! The fingerprint bands that more than one passage holds, recorded when indexing ends.
//!
//! A hit's near-duplicates below the ranked prefix are found through the postings of its
//! fingerprint's bands (`super::Searcher::fold_beyond`). A band that no other passage holds
//! brings no candidate, and most bands are held by one passage (on the real archives, 30,545
//! of 768,834), but finding that out meant looking the band up in the term dictionary: a walk
//! through pages of it that a cold query has not read, about 100 page faults per query. The
//! record lists the shared bands, sorted, and a hit's bands are looked up only when shared.
//!
//! The record is made with the state of the index (`index::state`): one of another state is
//! not used, and every band is then looked up, with the same result. Bands of deleted passages
//! may be listed: a band listed needlessly costs a lookup, never a duplicate.

use std::path::Path;

use anyhow::{Context, Result};
use tantivy::directory::{Directory, OwnedBytes};

use crate::index::directory::IndexDirectory;
use crate::index::state;
use crate::search::Searcher;

/// File, inside the index folder, of the record.
pub(crate) const FILE: &str = "shared-bands.bin";
/// What the file starts with, before the length of the state key.
const MAGIC: &[u8; 8] = b"BSBND001";

/// The bands held by more than one passage: sorted band keys, 8 bytes each, little-endian.
pub(crate) struct SharedBands {
    bytes: OwnedBytes,
}

/// Records the shared bands of `searcher`'s index in `dir`, unless the record there is of the
/// index as it is.
pub(crate) fn write(searcher: &Searcher, dir: &Path) -> Result<()> {
    let key = searcher.state_key();
    if read(dir, key).is_some() {
        return Ok(());
    }
    let bands = shared_bands(searcher)?;
    let mut bytes = header(key);
    bytes.reserve(bands.len() * 8);
    for band in bands {
        bytes.extend_from_slice(&band.to_le_bytes());
    }
    state::write(dir, FILE, &bytes)
}

/// The record's header: the magic, the length of the state key, the key, padded with zeros
/// to a multiple of 8 bytes.
fn header(key: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(MAGIC.len() + 4 + key.len() + 8);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&u32::try_from(key.len()).unwrap_or(u32::MAX).to_le_bytes());
    bytes.extend_from_slice(key.as_bytes());
    bytes.resize(bytes.len().next_multiple_of(8), 0);
    bytes
}

/// The band keys of the index held by more than one passage (in one segment or across
/// segments), sorted.
fn shared_bands(searcher: &Searcher) -> Result<Vec<u64>> {
    let field = searcher.fields().fingerprint_bands;
    let mut held: Vec<(u64, u32)> = Vec::new();
    for reader in searcher.tantivy().segment_readers() {
        let inverted = reader
            .inverted_index(field)
            .context("cannot read the index")?;
        let mut terms = inverted.terms().stream().context("cannot read the index")?;
        while terms.advance() {
            // A u64 term is its value, big-endian.
            if let Ok(value) = <[u8; 8]>::try_from(terms.key()) {
                held.push((u64::from_be_bytes(value), terms.value().doc_freq));
            }
        }
    }
    held.sort_unstable();
    let mut shared: Vec<u64> = Vec::new();
    for run in held.chunk_by(|a, b| a.0 == b.0) {
        if run.iter().map(|&(_, n)| u64::from(n)).sum::<u64>() > 1 {
            shared.push(run[0].0);
        }
    }
    Ok(shared)
}

/// The record in `dir`, if there is one of the index whose state is `key` (mapped, not read:
/// a query touches a few of its pages).
pub(crate) fn read(dir: &Path, key: &str) -> Option<SharedBands> {
    // The folder as mapped for searching: Tantivy's own view of it would look for a footer
    // of its files at the end.
    let file = IndexDirectory::for_search(dir)
        .ok()?
        .open_read(Path::new(FILE))
        .ok()?;
    let bytes = file.read_bytes().ok()?;
    let expected = header(key);
    if bytes.len() < expected.len() || bytes.as_slice()[..expected.len()] != expected[..] {
        return None;
    }
    let bands = bytes.slice(expected.len()..bytes.len());
    (bands.len() % 8 == 0).then_some(SharedBands { bytes: bands })
}

impl SharedBands {
    /// Whether more than one passage holds the band `key`.
    pub(crate) fn contains(&self, key: u64) -> bool {
        let count = self.bytes.len() / 8;
        let at = |i: usize| {
            let mut value = [0u8; 8];
            value.copy_from_slice(&self.bytes.as_slice()[i * 8..i * 8 + 8]);
            u64::from_le_bytes(value)
        };
        // Binary search over the mapped keys.
        let (mut low, mut high) = (0, count);
        while low < high {
            let middle = low + (high - low) / 2;
            match at(middle).cmp(&key) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(keys: &[u64]) -> SharedBands {
        let mut bytes = Vec::new();
        for k in keys {
            bytes.extend_from_slice(&k.to_le_bytes());
        }
        SharedBands {
            bytes: OwnedBytes::new(bytes),
        }
    }

    #[test]
    fn test_contains_finds_exactly_the_recorded_keys() {
        let keys: Vec<u64> = (0..1000u64).map(|i| i * 7 + (i << 32)).collect();
        let shared = record(&keys);
        for (i, &k) in keys.iter().enumerate() {
            assert!(shared.contains(k), "{i}");
            assert!(!shared.contains(k + 1), "{i}");
        }
        assert!(!shared.contains(u64::MAX));
        assert!(!record(&[]).contains(0));
    }

    #[test]
    fn test_header_is_padded_to_whole_keys() {
        for key in ["", "a", "rules 1 0.1.0; x", "键"] {
            let h = header(key);
            assert_eq!(h.len() % 8, 0, "{key}");
            assert!(h.starts_with(MAGIC));
            assert_eq!(&h[12..12 + key.len()], key.as_bytes());
        }
    }
}
