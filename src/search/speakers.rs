//! The speakers of an archive: who speaks, in which roles and for which outlets, how much,
//! and over which dates.

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use serde::Serialize;

use super::collect::{self, DayValues, StrValues};
use super::{Filters, Searcher};
use crate::date::Date;
use crate::index::aliases::Aliases;
use crate::index::schema::name;
use crate::names;
use crate::script::is_han;

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
    /// Other names of the speaker (from the alias list) whose passages are counted here.
    pub aliases: Vec<String>,
    /// A far more frequent speaker of these passages whose name this one is a slip away from
    /// (`Jean-Piere` for `Jean-Pierre`): most likely a typo of the transcripts.
    pub similar_to: Option<String>,
    /// The name in the other script, where known: the Latin-script form of a Chinese name
    /// (the briefing lexicon's, else pinyin) and the speakers of the index written so; for a
    /// Latin-script name, the Chinese speakers (or the lexicon's names) it is a form of.
    pub other_script: Vec<String>,
}

#[derive(Default)]
struct Tally {
    names: BTreeSet<String>,
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
    let aliases = searcher.aliases()?;
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
            let t = tallies.entry(searcher.speaker(&name)).or_default();
            t.names.insert(name);
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
            aliases: t.names.into_iter().filter(|n| *n != speaker).collect(),
            similar_to: None,
            other_script: other_script(aliases, &speaker),
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
    mark_slips(&mut out);
    Ok(out)
}

/// The names linked to `name` in the other script, each spelling once.
fn other_script(aliases: &Aliases, name: &str) -> Vec<String> {
    let chinese = names::is_chinese(name);
    let mut out: Vec<String> = Vec::new();
    for linked in aliases.linked(name) {
        let same = |o: &String| {
            if chinese {
                names::key(o) == names::key(linked)
            } else {
                o == linked
            }
        };
        if names::is_chinese(linked) != chinese && !out.iter().any(same) {
            out.push(linked.clone());
        }
    }
    out
}

/// A rare name this close to a name at least this many times more frequent is marked as a
/// likely slip for it.
const SLIP_RATIO: usize = 10;

/// Marks rare Latin-script names one or two edits (by length) from a far more frequent one.
/// Short names and Chinese names are left alone: two people's names are often that close.
fn mark_slips(speakers: &mut [SpeakerSummary]) {
    let names: Vec<(String, String, usize)> = speakers
        .iter()
        .map(|s| (s.speaker.clone(), s.speaker.to_lowercase(), s.passages))
        .collect();
    for s in speakers.iter_mut() {
        let name = s.speaker.to_lowercase();
        let chars = name.chars().count();
        if chars < 5 || name.chars().any(is_han) {
            continue;
        }
        let allowed = if chars >= 10 { 2 } else { 1 };
        s.similar_to = names
            .iter()
            .filter(|(_, other, n)| {
                *n >= s.passages * SLIP_RATIO
                    && *other != name
                    && strsim::levenshtein(other, &name) <= allowed
            })
            .max_by_key(|(_, _, n)| *n)
            .map(|(shown, _, _)| shown.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(name: &str, passages: usize) -> SpeakerSummary {
        SpeakerSummary {
            speaker: name.into(),
            roles: vec![],
            outlets: vec![],
            passages,
            briefings: 1,
            first_date: None,
            last_date: None,
            aliases: vec![],
            similar_to: None,
            other_script: vec![],
        }
    }

    #[test]
    fn test_a_rare_spelling_near_a_frequent_name_is_marked_as_its_slip() {
        let mut list = vec![
            summary("Jean-Pierre", 500),
            summary("Jean-Piere", 3),
            summary("Kirby", 300),
            summary("Kirb", 1),
            summary("Sullivan", 40),
            summary("Sullian", 2),
            summary("毛宁", 900),
            summary("毛平", 2),
            summary("Psaki", 30),
            summary("Psakk", 20),
        ];
        mark_slips(&mut list);
        let marked: Vec<(&str, Option<&str>)> = list
            .iter()
            .map(|s| (s.speaker.as_str(), s.similar_to.as_deref()))
            .filter(|(_, m)| m.is_some())
            .collect();
        assert_eq!(
            marked,
            [
                ("Jean-Piere", Some("Jean-Pierre")),
                ("Sullian", Some("Sullivan"))
            ],
            "short and Chinese names, and names of like frequency, are left alone"
        );
    }
}
