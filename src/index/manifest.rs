//! The record of which files the index holds, read from the index itself.
//!
//! Every passage stores its file's canonical path and content hash as fast fields, so the
//! record is committed atomically with the passages and can never claim a file the index does
//! not hold. Reading it touches only the first passage of each briefing.

use std::collections::HashMap;

use anyhow::{Context, Result};
use tantivy::Searcher;

/// What the index knows about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub briefing_id: String,
    pub content_hash: u64,
}

#[derive(Debug, Default)]
pub struct Manifest {
    by_key: HashMap<String, Entry>,
    key_of_id: HashMap<String, String>,
}

impl Manifest {
    /// Reads the record from the committed index.
    pub fn load(searcher: &Searcher) -> Result<Manifest> {
        let mut manifest = Manifest::default();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let ordinal = fast
                .u64("ordinal")
                .context("index lacks the ordinal column")?;
            let hash = fast
                .u64("content_hash")
                .context("index lacks the content_hash column")?;
            let (Some(keys), Some(ids)) = (fast.str("source_key")?, fast.str("briefing_id")?)
            else {
                continue;
            };
            let (mut key, mut id) = (String::new(), String::new());
            for doc in segment.doc_ids_alive() {
                if ordinal.first(doc) != Some(1) {
                    continue;
                }
                let (Some(key_ord), Some(id_ord)) = (keys.ords().first(doc), ids.ords().first(doc))
                else {
                    continue;
                };
                key.clear();
                id.clear();
                keys.ord_to_str(key_ord, &mut key)?;
                ids.ord_to_str(id_ord, &mut id)?;
                manifest.insert(
                    key.clone(),
                    Entry {
                        briefing_id: id.clone(),
                        content_hash: hash.first(doc).unwrap_or(0),
                    },
                );
            }
        }
        Ok(manifest)
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.by_key.get(key)
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// Every file key, sorted.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.by_key.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    /// The id for the file `key`: the one it already has, else `wanted`, made unique with a
    /// `~2`, `~3`… suffix if another file holds it.
    pub fn id_for(&self, key: &str, wanted: &str) -> String {
        if let Some(entry) = self.by_key.get(key) {
            return entry.briefing_id.clone();
        }
        let mut candidate = wanted.to_string();
        let mut n = 1;
        while self.key_of_id.get(&candidate).is_some_and(|k| k != key) {
            n += 1;
            candidate = format!("{wanted}~{n}");
        }
        candidate
    }

    pub fn insert(&mut self, key: String, entry: Entry) {
        if let Some(old) = self.by_key.get(&key) {
            self.key_of_id.remove(&old.briefing_id);
        }
        self.key_of_id
            .insert(entry.briefing_id.clone(), key.clone());
        self.by_key.insert(key, entry);
    }

    pub fn remove(&mut self, key: &str) -> Option<Entry> {
        let entry = self.by_key.remove(key)?;
        self.key_of_id.remove(&entry.briefing_id);
        Some(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_ids_are_kept_and_made_unique() {
        let mut m = Manifest::default();
        m.insert(
            "/a/x.txt".into(),
            Entry {
                briefing_id: "x.txt".into(),
                content_hash: 1,
            },
        );
        assert_eq!(m.id_for("/a/x.txt", "other"), "x.txt");
        assert_eq!(m.id_for("/b/x.txt", "x.txt"), "x.txt~2");
        m.insert(
            "/b/x.txt".into(),
            Entry {
                briefing_id: "x.txt~2".into(),
                content_hash: 2,
            },
        );
        assert_eq!(m.id_for("/c/x.txt", "x.txt"), "x.txt~3");
        m.remove("/a/x.txt");
        assert_eq!(m.id_for("/c/x.txt", "x.txt"), "x.txt");
    }
}
