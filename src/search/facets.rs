//! Facets: how many matching passages each speaker, outlet, kind, language, year, month or
//! briefing has.

use std::collections::HashMap;

use anyhow::Result;
use serde::Serialize;

use super::collect::{self, DayValues, StrValues};
use super::{Filters, Searcher};
use crate::date::Date;
use crate::index::schema::name;
use crate::script::is_han;

/// What to count matching passages by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dimension {
    Speaker,
    Outlet,
    Kind,
    Lang,
    Year,
    Month,
    Briefing,
}

impl Dimension {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Dimension::Speaker => "speaker",
            Dimension::Outlet => "outlet",
            Dimension::Kind => "kind",
            Dimension::Lang => "lang",
            Dimension::Year => "year",
            Dimension::Month => "month",
            Dimension::Briefing => "briefing",
        }
    }

    /// The fast field holding this dimension, for those that are strings.
    fn column(self) -> Option<&'static str> {
        match self {
            Dimension::Speaker => Some(name::SPEAKER),
            // Counted as written, merged by canonical outlet below.
            Dimension::Outlet => Some(name::OUTLET),
            Dimension::Kind => Some(name::KIND),
            Dimension::Lang => Some(name::LANG),
            Dimension::Briefing => Some(name::BRIEFING_ID),
            Dimension::Year | Dimension::Month => None,
        }
    }
}

/// The number of matching passages with one value; `value` is `None` for passages without
/// one (a question by an unnamed reporter has no speaker).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct FacetCount {
    pub value: Option<String>,
    pub count: usize,
    /// For outlets: the canonical outlet (`outlet_id` of the hits) that `value` names.
    pub id: Option<String>,
}

/// Counts for one dimension, most first, passages without a value last.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Facets {
    pub by: Dimension,
    /// Matching passages in all.
    pub total: usize,
    pub counts: Vec<FacetCount>,
}

/// Counts the passages matching `query` and `filters` by `by`.
pub(crate) fn count(
    searcher: &Searcher,
    query: &str,
    filters: &Filters,
    by: Dimension,
) -> Result<Facets> {
    let prepared = searcher.prepare(query, filters)?;
    let mut counts: HashMap<Option<String>, usize> = HashMap::new();
    let mut total = 0;
    for segment in collect::matches(searcher.tantivy(), &prepared.query)? {
        total += segment.docs.len();
        let reader = searcher.tantivy().segment_reader(segment.segment);
        match by.column() {
            Some(column) => {
                let mut values = StrValues::open(reader, column)?;
                let mut by_ord: HashMap<Option<u64>, usize> = HashMap::new();
                for &doc in &segment.docs {
                    *by_ord.entry(values.ord(doc)).or_default() += 1;
                }
                for (ord, n) in by_ord {
                    *counts
                        .entry(ord.and_then(|o| values.text_of(o)))
                        .or_default() += n;
                }
            }
            None => {
                let days = DayValues::open(reader)?;
                for &doc in &segment.docs {
                    let label =
                        days.get(doc)
                            .and_then(Date::from_days_since_epoch)
                            .map(|d| match by {
                                Dimension::Year => format!("{:04}", d.year()),
                                _ => format!("{:04}-{:02}", d.year(), d.month()),
                            });
                    *counts.entry(label).or_default() += 1;
                }
            }
        }
    }
    // One count per outlet, and per speaker with all their names.
    let mut counts: Vec<FacetCount> = match by {
        Dimension::Outlet => merge_written(counts, |v| searcher.outlet(v)),
        Dimension::Speaker => plain(merge(counts, |v| searcher.speaker(v))),
        _ => plain(counts),
    };
    // Most first; passages without a value (None) come last, whatever their number.
    counts.sort_by(|a, b| {
        a.value
            .is_none()
            .cmp(&b.value.is_none())
            .then_with(|| b.count.cmp(&a.count))
            .then_with(|| a.value.cmp(&b.value))
    });
    Ok(Facets { by, total, counts })
}

/// Counts of outlets that `one` maps to the same canonical outlet, added up; shown under the
/// name the passages write most often when they all write it in one script (路透社 among Chinese
/// questions, before 路透电视台), else under the canonical name.
fn merge_written(
    counts: HashMap<Option<String>, usize>,
    one: impl Fn(&str) -> String,
) -> Vec<FacetCount> {
    // canonical -> (total, written forms with their counts)
    type Group = (usize, Vec<(String, usize)>);
    let mut groups: HashMap<Option<String>, Group> = HashMap::new();
    for (value, n) in counts {
        let key = value.as_deref().map(&one);
        let group = groups.entry(key).or_insert((0, Vec::new()));
        group.0 += n;
        group.1.extend(value.map(|v| (v, n)));
    }
    let chinese = |name: &str| name.chars().any(is_han);
    groups
        .into_iter()
        .map(|(id, (count, mut written))| {
            written.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let one_script = written
                .windows(2)
                .all(|w| chinese(&w[0].0) == chinese(&w[1].0));
            let value = match written.first() {
                Some((name, _)) if one_script => Some(name.clone()),
                _ => id.clone(),
            };
            FacetCount { value, count, id }
        })
        .collect()
}

/// Counts as facet lines of their own value.
fn plain(counts: HashMap<Option<String>, usize>) -> Vec<FacetCount> {
    counts
        .into_iter()
        .map(|(value, count)| FacetCount {
            value,
            count,
            id: None,
        })
        .collect()
}

/// Counts of values that `one` maps to the same value, added up.
fn merge(
    counts: HashMap<Option<String>, usize>,
    one: impl Fn(&str) -> String,
) -> HashMap<Option<String>, usize> {
    let mut out: HashMap<Option<String>, usize> = HashMap::new();
    for (value, n) in counts {
        *out.entry(value.map(|v| one(&v))).or_default() += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_outlets_show_their_spelling_in_one_script_or_the_canonical_name() {
        let canonical = |v: &str| if v == "路透社" { "Reuters" } else { v }.to_string();
        let counts: HashMap<Option<String>, usize> = [
            (Some("路透社".to_string()), 5),
            (Some("Reuters".to_string()), 2),
            (Some("CCTV".to_string()), 3),
            (None, 4),
        ]
        .into_iter()
        .collect();
        let mut merged = merge_written(counts, canonical);
        merged.sort_by_key(|c| std::cmp::Reverse(c.count));
        let reuters = |v: Option<&str>, n| FacetCount {
            value: v.map(str::to_string),
            count: n,
            id: Some("Reuters".to_string()),
        };
        assert_eq!(merged[0], reuters(Some("Reuters"), 7));
        assert_eq!(merged[1].value, None);
        assert_eq!(merged[2].value.as_deref(), Some("CCTV"));
        let chinese: HashMap<Option<String>, usize> = [
            (Some("路透社".to_string()), 5),
            (Some("路透电视台".to_string()), 1),
        ]
        .into_iter()
        .collect();
        let canonical = |v: &str| {
            if v.starts_with("路透") {
                "Reuters"
            } else {
                v
            }
            .to_string()
        };
        assert_eq!(
            merge_written(chinese, canonical),
            [reuters(Some("路透社"), 6)]
        );
    }
}
