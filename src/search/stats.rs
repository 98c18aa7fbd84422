//! What an index holds: briefings, passages, languages, kinds, dates, size, versions.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use anyhow::Result;
use serde::Serialize;
use tantivy::query::AllQuery;

use super::Searcher;
use super::collect::{self, DayValues, StrValues};
use crate::analyze::ANALYZER_VERSION;
use crate::date::Date;
use crate::index::schema::SCHEMA_VERSION;
use crate::index::schema::name;

/// Serialised as `briefsearch stats --json` (`schema/stats.schema.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Stats {
    pub index: String,
    pub schema_version: u32,
    pub analyzer_version: u32,
    pub briefings: usize,
    pub passages: usize,
    pub speakers: usize,
    /// Passages per language.
    pub languages: BTreeMap<String, usize>,
    /// Briefings per language.
    pub briefings_by_language: BTreeMap<String, usize>,
    /// Passages per kind.
    pub kinds: BTreeMap<String, usize>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub size_bytes: u64,
    pub segments: usize,
    /// Which records made for queries when indexing ended describe the index as it is
    /// (without them queries give the same results, more slowly).
    pub records: Records,
}

/// The records made for queries when indexing ends, each current or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Records {
    /// Which briefings have a version in the other language (`parallel.json`).
    pub parallel: bool,
    /// The Chinese words backwards (`reversed-words.fst`).
    pub reversed_words: bool,
    /// The fingerprint bands that more than one passage holds (`shared-bands.bin`).
    pub shared_bands: bool,
}

impl Records {
    fn of(searcher: &Searcher, dir: &Path) -> Records {
        let key = searcher.state_key();
        Records {
            parallel: super::parallel::record::read(key, dir).is_some(),
            reversed_words: searcher.reversed_words().is_some(),
            shared_bands: searcher.shared_bands().is_some(),
        }
    }
}

pub(crate) fn stats(searcher: &Searcher, dir: &Path) -> Result<Stats> {
    let mut briefings: HashSet<String> = HashSet::new();
    let mut briefings_by_language: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    let mut speakers: HashSet<String> = HashSet::new();
    let mut languages: BTreeMap<String, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let (mut first, mut last): (Option<i64>, Option<i64>) = (None, None);
    let mut passages = 0;
    for segment in collect::matches(searcher.tantivy(), &AllQuery)? {
        let reader = searcher.tantivy().segment_reader(segment.segment);
        let mut ids = StrValues::open(reader, name::BRIEFING_ID)?;
        let mut langs = StrValues::open(reader, name::LANG)?;
        let mut kind_values = StrValues::open(reader, name::KIND)?;
        let mut speaker_values = StrValues::open(reader, name::SPEAKER)?;
        let days = DayValues::open(reader)?;
        passages += segment.docs.len();
        for &doc in &segment.docs {
            let lang = langs.get(doc).unwrap_or_default();
            if let Some(id) = ids.get(doc) {
                briefings_by_language
                    .entry(lang.clone())
                    .or_default()
                    .insert(id.clone());
                briefings.insert(id);
            }
            *languages.entry(lang).or_default() += 1;
            *kinds
                .entry(kind_values.get(doc).unwrap_or_default())
                .or_default() += 1;
            speakers.extend(speaker_values.get(doc));
            if let Some(day) = days.get(doc) {
                first = Some(first.map_or(day, |f| f.min(day)));
                last = Some(last.map_or(day, |l| l.max(day)));
            }
        }
    }
    let date = |d: Option<i64>| {
        d.and_then(Date::from_days_since_epoch)
            .map(|d| d.to_string())
    };
    Ok(Stats {
        index: dir.display().to_string(),
        schema_version: SCHEMA_VERSION,
        analyzer_version: ANALYZER_VERSION,
        briefings: briefings.len(),
        passages,
        speakers: speakers.len(),
        languages,
        briefings_by_language: briefings_by_language
            .into_iter()
            .map(|(k, v)| (k, v.len()))
            .collect(),
        kinds,
        first_date: date(first),
        last_date: date(last),
        size_bytes: folder_size(dir),
        segments: searcher.tantivy().segment_readers().len(),
        records: Records::of(searcher, dir),
    })
}

fn folder_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
