//! The speakers of an archive: who speaks, in which roles and for which outlets, how much,
//! and over which dates.

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use serde::Serialize;

use super::collect::{self, DayValues, StrValues};
use super::{Filters, Searcher};
use crate::date::Date;
use crate::index::schema::name;

/// One speaker. Serialised as a line of `briefsearch speakers --json`
/// (`schema/speaker.schema.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct SpeakerSummary {
    pub speaker: String,
    pub roles: Vec<String>,
    pub outlets: Vec<String>,
    pub passages: usize,
    pub briefings: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

#[derive(Default)]
struct Tally {
    roles: BTreeSet<String>,
    outlets: BTreeSet<String>,
    passages: usize,
    briefings: BTreeSet<String>,
    first: Option<i64>,
    last: Option<i64>,
}

/// Every named speaker of the passages matching `query` and `filters`, most passages first.
pub(crate) fn speakers(
    searcher: &Searcher,
    query: &str,
    filters: &Filters,
) -> Result<Vec<SpeakerSummary>> {
    let prepared = searcher.prepare(query, filters)?;
    let mut tallies: HashMap<String, Tally> = HashMap::new();
    for segment in collect::matches(searcher.tantivy(), &prepared.query)? {
        let reader = searcher.tantivy().segment_reader(segment.segment);
        let mut speakers = StrValues::open(reader, name::SPEAKER)?;
        let mut roles = StrValues::open(reader, name::ROLE)?;
        let mut outlets = StrValues::open(reader, name::OUTLET)?;
        let mut ids = StrValues::open(reader, name::BRIEFING_ID)?;
        let days = DayValues::open(reader)?;
        for &doc in &segment.docs {
            let Some(name) = speakers.get(doc) else {
                continue;
            };
            let t = tallies.entry(name).or_default();
            t.passages += 1;
            t.roles.extend(roles.get(doc));
            t.outlets.extend(outlets.get(doc));
            t.briefings.extend(ids.get(doc));
            if let Some(day) = days.get(doc) {
                t.first = Some(t.first.map_or(day, |f| f.min(day)));
                t.last = Some(t.last.map_or(day, |l| l.max(day)));
            }
        }
    }
    let date = |d: Option<i64>| {
        d.and_then(Date::from_days_since_epoch)
            .map(|d| d.to_string())
    };
    let mut out: Vec<SpeakerSummary> = tallies
        .into_iter()
        .map(|(speaker, t)| SpeakerSummary {
            speaker,
            roles: t.roles.into_iter().collect(),
            outlets: t.outlets.into_iter().collect(),
            passages: t.passages,
            briefings: t.briefings.len(),
            first_date: date(t.first),
            last_date: date(t.last),
        })
        .collect();
    out.sort_by(|a, b| {
        b.passages
            .cmp(&a.passages)
            .then_with(|| a.speaker.cmp(&b.speaker))
    });
    Ok(out)
}
