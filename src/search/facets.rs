//! Facets: how many matching passages each speaker, outlet, kind, language, year, month or
//! briefing has.

use std::collections::HashMap;

use anyhow::Result;
use serde::Serialize;

use super::collect::{self, DayValues, StrValues};
use super::{Filters, Searcher};
use crate::date::Date;
use crate::index::schema::name;

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
            Dimension::Outlet => Some(name::OUTLET_ID),
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
    let counts = match by {
        Dimension::Outlet => merge(counts, |v| searcher.outlet(v)),
        Dimension::Speaker => merge(counts, |v| searcher.speaker(v)),
        _ => counts,
    };
    let mut counts: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
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
