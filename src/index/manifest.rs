//! The record of which files the index holds, read from the index itself.
//!
//! Every passage stores its file's key (canonical path) and content hash as fast fields, so
//! the record is committed atomically with the passages and can never claim a file the index
//! does not hold. Reading it touches only the first passage of each briefing. A file holds one
//! briefing, or several (JSON Lines).

use std::collections::HashMap;

use anyhow::{Context, Result};
use tantivy::Searcher;

/// What the index knows about one file (or one record read from stdin).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub content_hash: u64,
    pub briefing_ids: Vec<String>,
}

#[derive(Debug, Default)]
pub(crate) struct Manifest {
    by_key: HashMap<String, Entry>,
    key_of_id: HashMap<String, String>,
}

impl Manifest {
    /// Reads the record from the committed index.
    pub(crate) fn load(searcher: &Searcher) -> Result<Manifest> {
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
                let entry = manifest.by_key.entry(key.clone()).or_insert_with(|| Entry {
                    content_hash: hash.first(doc).unwrap_or(0),
                    briefing_ids: Vec::new(),
                });
                entry.briefing_ids.push(id.clone());
                manifest.key_of_id.insert(id.clone(), key.clone());
            }
        }
        for entry in manifest.by_key.values_mut() {
            entry.briefing_ids.sort_unstable();
        }
        Ok(manifest)
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Entry> {
        self.by_key.get(key)
    }

    /// Number of briefings held.
    pub(crate) fn briefings(&self) -> usize {
        self.key_of_id.len()
    }

    /// Every file key, sorted.
    pub(crate) fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.by_key.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    /// The id for a briefing of the file `key`: `wanted`, unless another file holds it, in
    /// which case a `~2`, `~3`… suffix makes it unique. `taken` holds ids already given to
    /// other briefings of the same file in this run.
    pub(crate) fn id_for(&self, key: &str, wanted: &str, taken: &[String]) -> String {
        let mut candidate = wanted.to_string();
        let mut n = 1;
        while taken.contains(&candidate) || self.key_of_id.get(&candidate).is_some_and(|k| k != key)
        {
            n += 1;
            candidate = format!("{wanted}~{n}");
        }
        candidate
    }

    /// The id a single-briefing file already has, if the index holds it.
    pub(crate) fn existing_id(&self, key: &str) -> Option<&str> {
        match self.by_key.get(key) {
            Some(entry) if entry.briefing_ids.len() == 1 => Some(&entry.briefing_ids[0]),
            _ => None,
        }
    }

    pub(crate) fn insert(&mut self, key: String, entry: Entry) {
        self.remove(&key);
        for id in &entry.briefing_ids {
            self.key_of_id.insert(id.clone(), key.clone());
        }
        self.by_key.insert(key, entry);
    }

    pub(crate) fn remove(&mut self, key: &str) -> Option<Entry> {
        let entry = self.by_key.remove(key)?;
        for id in &entry.briefing_ids {
            self.key_of_id.remove(id);
        }
        Some(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(ids: &[&str]) -> Entry {
        Entry {
            content_hash: 1,
            briefing_ids: ids.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn test_ids_are_made_unique_across_files_and_within_one() {
        let mut m = Manifest::default();
        m.insert("/a/x.txt".into(), entry(&["x.txt"]));
        assert_eq!(m.existing_id("/a/x.txt"), Some("x.txt"));
        assert_eq!(m.id_for("/a/x.txt", "x.txt", &[]), "x.txt");
        assert_eq!(m.id_for("/b/x.txt", "x.txt", &[]), "x.txt~2");
        m.insert("/b/x.txt".into(), entry(&["x.txt~2"]));
        assert_eq!(m.id_for("/c/x.txt", "x.txt", &[]), "x.txt~3");
        assert_eq!(m.id_for("/d.jsonl", "r1", &["r1".to_string()]), "r1~2");
        m.remove("/a/x.txt");
        assert_eq!(m.id_for("/c/x.txt", "x.txt", &[]), "x.txt");
        assert_eq!(m.briefings(), 1);
    }
}
