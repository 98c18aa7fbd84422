//! The briefings that have a version in the other language, recorded when indexing ends, so
//! that a query need not look at the dates of hits that have none (most of them).
//!
//! The pairs are still found as [`super`] says, from the index as it is; the record only
//! lists the briefings that some pair holds, with the segments (and their deletions) it was
//! made from. A query uses it only when those are the index's segments now: after an
//! interrupted run, a merge, or a record from another version, it is ignored and every date
//! is looked at, as without it. Results are the same either way.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::find_pairs;
use crate::date::Date;
use crate::index::schema::name;
use crate::index::state;
use crate::search::Searcher;

/// File, inside the index folder, of the record.
pub(crate) const FILE: &str = "parallel.json";

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Record {
    /// The state of the index the record was made from (see [`state::key`]).
    segments: String,
    /// The briefings that have a version in the other language, sorted.
    briefings: Vec<String>,
}

/// Finds the pairs of every date of the index and records their briefings in `dir`, unless
/// the record there is of the index as it is.
pub(crate) fn write(searcher: &Searcher, dir: &Path) -> Result<()> {
    let key = searcher.state_key();
    if read(key, dir).is_some() {
        return Ok(());
    }
    let mut days = BTreeSet::new();
    for reader in searcher.tantivy().segment_readers() {
        let dates = reader
            .fast_fields()
            .date(name::DATE)
            .context("cannot read the date column")?;
        for doc in reader.doc_ids_alive() {
            days.extend(
                dates
                    .first(doc)
                    .map(|d| d.into_timestamp_secs().div_euclid(86_400)),
            );
        }
    }
    let mut briefings = BTreeSet::new();
    for day in days {
        let Some(date) = Date::from_days_since_epoch(day) else {
            continue;
        };
        // Not kept for later queries: the passages of every pair would be held at once.
        for pair in find_pairs(searcher, date)? {
            for side in [&pair.en, &pair.zh] {
                briefings.extend(side.first().map(|p| p.briefing_id.clone()));
            }
        }
    }
    let record = Record {
        segments: key.to_string(),
        briefings: briefings.into_iter().collect(),
    };
    let text = serde_json::to_string(&record).context("cannot encode the parallel record")?;
    state::write(dir, FILE, (text + "\n").as_bytes())
}

/// The briefings that have a version in the other language, if `dir` holds a record of the
/// index whose state is `key`.
pub(crate) fn read(key: &str, dir: &Path) -> Option<HashSet<String>> {
    let text = fs::read_to_string(dir.join(FILE)).ok()?;
    let record: Record = serde_json::from_str(&text).ok()?;
    (record.segments == key).then(|| record.briefings.into_iter().collect())
}
