//! The index's Chinese words written backwards, recorded when indexing ends, for the words
//! that differ from a typed one in its first character.
//!
//! Those words share the typed word's end, not its start: in the term dictionary, which is
//! sorted from the start, finding them walked through every Chinese word of the index (about
//! 17 M instructions per rare word, more than the rest of a query). Backwards, they share a
//! start and are a short walk. The record holds each word whose first character is Chinese,
//! with the passages that hold it (summed over segments), and the state of the index it was
//! made from (`index::state`): a record of another state is not used, and the words are then
//! found by the walk, with the same result.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use tantivy_fst::{IntoStreamer, Map, MapBuilder, Streamer};

use super::han::{Allowed, HanPattern};
use crate::index::state;
use crate::script::is_han;
use crate::search::Searcher;

/// File, inside the index folder, of the record.
pub(crate) const FILE: &str = "reversed-words.fst";
/// What the file starts with, before the length of the state key.
const MAGIC: &[u8; 8] = b"BSREV001";

/// The Chinese words of an index, backwards, with their passages.
pub(crate) struct Reversed(Map<Vec<u8>>);

fn backwards(word: &str) -> String {
    word.chars().rev().collect()
}

/// Records the Chinese words of the text field of `searcher`'s index in `dir`, unless the
/// record there is of the index as it is.
pub(crate) fn write(searcher: &Searcher, dir: &Path) -> Result<()> {
    let key = searcher.state_key();
    if read(key, dir).is_some() {
        return Ok(());
    }
    let mut words: BTreeMap<String, u64> = BTreeMap::new();
    for reader in searcher.tantivy().segment_readers() {
        let inverted = reader
            .inverted_index(searcher.fields().text)
            .context("cannot read the index")?;
        let mut terms = inverted.terms().stream().context("cannot read the index")?;
        while terms.advance() {
            let Ok(term) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            if term.chars().next().is_some_and(is_han) {
                *words.entry(backwards(term)).or_default() += u64::from(terms.value().doc_freq);
            }
        }
    }
    let mut builder = MapBuilder::memory();
    for (word, passages) in &words {
        builder
            .insert(word, *passages)
            .context("cannot record the reversed words")?;
    }
    let map = builder
        .into_inner()
        .context("cannot record the reversed words")?;
    let mut bytes = Vec::with_capacity(MAGIC.len() + 4 + key.len() + map.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&u32::try_from(key.len()).unwrap_or(u32::MAX).to_le_bytes());
    bytes.extend_from_slice(key.as_bytes());
    bytes.extend_from_slice(&map);
    state::write(dir, FILE, &bytes)
}

/// The record in `dir`, if there is one of the index whose state is `key`.
pub(crate) fn read(key: &str, dir: &Path) -> Option<Reversed> {
    let mut bytes = std::fs::read(dir.join(FILE)).ok()?;
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (length, rest) = rest.split_first_chunk::<4>()?;
    let length = usize::try_from(u32::from_le_bytes(*length)).ok()?;
    if rest.get(..length)? != key.as_bytes() {
        return None;
    }
    // The map is what follows the header, kept in the buffer read.
    bytes.drain(..MAGIC.len() + 4 + length);
    Map::from_bytes(bytes).ok().map(Reversed)
}

impl Reversed {
    /// The words of as many characters as `word` that differ from it in the first character
    /// at most, with their passages.
    pub(super) fn first_character_changed(&self, word: &[char]) -> Vec<(String, u64)> {
        let Some((_, rest)) = word.split_first() else {
            return Vec::new();
        };
        let pattern: Vec<Allowed> = rest
            .iter()
            .rev()
            .map(|&c| Allowed::of(vec![c]))
            .chain(std::iter::once(Allowed::AnyHan))
            .collect();
        let mut found = Vec::new();
        let mut stream = self.0.search(HanPattern(&pattern)).into_stream();
        while let Some((key, passages)) = stream.next() {
            if let Ok(key) = std::str::from_utf8(key) {
                found.push((backwards(key), passages));
            }
        }
        found
    }
}
