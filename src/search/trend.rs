//! Trends: matching passages and briefings per year, month or ISO week, every bucket of the
//! range included (zeros too), so that a chart's gaps are real gaps.

use std::collections::{BTreeMap, HashSet};

use anyhow::Result;
use serde::Serialize;

use super::collect::{self, DayValues, StrValues};
use super::{Filters, Searcher};
use crate::date::Date;
use crate::index::schema::name;

/// Width of a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Interval {
    Year,
    Month,
    /// ISO weeks, Monday to Sunday.
    Week,
}

impl Interval {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Interval::Year => "year",
            Interval::Month => "month",
            Interval::Week => "week",
        }
    }

    /// The first day of the bucket holding `d`.
    pub(crate) fn start(self, d: Date) -> Date {
        let start = match self {
            Interval::Year => Date::new(d.year(), 1, 1),
            Interval::Month => Date::new(d.year(), d.month(), 1),
            Interval::Week => {
                let days = d.days_since_epoch();
                Date::from_days_since_epoch(days - weekday(days))
            }
        };
        start.unwrap_or(d)
    }

    /// The first day of the bucket after the one starting on `start`.
    fn next(self, start: Date) -> Option<Date> {
        match self {
            Interval::Year => Date::new(start.year() + 1, 1, 1),
            Interval::Month if start.month() == 12 => Date::new(start.year() + 1, 1, 1),
            Interval::Month => Date::new(start.year(), start.month() + 1, 1),
            Interval::Week => Date::from_days_since_epoch(start.days_since_epoch() + 7),
        }
    }

    /// The bucket's name: `2023`, `2023-04`, `2023-W17`.
    pub(crate) fn label(self, start: Date) -> String {
        match self {
            Interval::Year => format!("{:04}", start.year()),
            Interval::Month => format!("{:04}-{:02}", start.year(), start.month()),
            Interval::Week => {
                let (year, week) = iso_week(start);
                format!("{year:04}-W{week:02}")
            }
        }
    }
}

/// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// ISO week-numbering year and week of the week starting on Monday `monday`.
fn iso_week(monday: Date) -> (i32, u32) {
    let thursday = monday.days_since_epoch() + 3;
    let year = Date::from_days_since_epoch(thursday).map_or(monday.year(), |d| d.year());
    let jan1 = Date::new(year, 1, 1).map_or(thursday, |d| d.days_since_epoch());
    ((year), ((thursday - jan1) / 7 + 1) as u32)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Bucket {
    /// `2023`, `2023-04` or `2023-W17`.
    pub label: String,
    /// First day of the bucket, YYYY-MM-DD.
    pub start: String,
    pub passages: usize,
    pub briefings: usize,
    /// All passages of the bucket's briefings that pass the filters, matching or not (when
    /// asked for: the denominator of a rate).
    pub period_passages: Option<usize>,
}

impl Bucket {
    /// Matching passages per `per` passages of the period; `None` when the period has none.
    pub(crate) fn rate(&self, per: u32) -> Option<f64> {
        self.period_passages
            .filter(|&n| n > 0)
            .map(|n| self.passages as f64 * f64::from(per) / n as f64)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Trend {
    pub by: Interval,
    pub buckets: Vec<Bucket>,
    /// Matching passages whose briefing has no date (in no bucket).
    pub undated: usize,
}

/// Passages and the ids of their briefings, per bucket start.
type Counts = BTreeMap<Date, (usize, HashSet<String>)>;

/// Matching passages and briefings per bucket, from `filters.since` (or the first match) to
/// `filters.until` (or the last match); with `totals`, also every passage of each bucket
/// under the same filters, so that counts can be read as rates.
pub(crate) fn trend(
    searcher: &Searcher,
    query: &str,
    filters: &Filters,
    by: Interval,
    totals: bool,
) -> Result<Trend> {
    let prepared = searcher.prepare(query, filters)?;
    let (per_bucket, undated) = count(searcher, &prepared.query, by, true)?;
    let all = if totals {
        let everything = searcher.prepare("*", filters)?;
        Some(count(searcher, &everything.query, by, false)?.0)
    } else {
        None
    };
    let first = filters
        .since
        .map(|d| by.start(d))
        .or_else(|| per_bucket.keys().next().copied());
    let last = filters
        .until
        .map(|d| by.start(d))
        .or_else(|| per_bucket.keys().next_back().copied());
    let mut buckets = Vec::new();
    if let (Some(first), Some(last)) = (first, last) {
        let mut start = first;
        while start <= last {
            let (passages, briefings) = per_bucket
                .get(&start)
                .map_or((0, 0), |(p, b)| (*p, b.len()));
            buckets.push(Bucket {
                label: by.label(start),
                start: start.to_string(),
                passages,
                briefings,
                period_passages: all
                    .as_ref()
                    .map(|all| all.get(&start).map_or(0, |(p, _)| *p)),
            });
            match by.next(start) {
                Some(next) => start = next,
                None => break,
            }
        }
    }
    Ok(Trend {
        by,
        buckets,
        undated,
    })
}

/// Passages matching `query` per bucket (and, with `briefings`, their distinct briefing ids),
/// and the number without a date.
fn count(
    searcher: &Searcher,
    query: &dyn tantivy::query::Query,
    by: Interval,
    briefings: bool,
) -> Result<(Counts, usize)> {
    let mut per_bucket = Counts::new();
    let mut undated = 0;
    for segment in collect::matches(searcher.tantivy(), query)? {
        let reader = searcher.tantivy().segment_reader(segment.segment);
        let days = DayValues::open(reader)?;
        let mut ids = StrValues::open(reader, name::BRIEFING_ID)?;
        let mut briefing_ords: BTreeMap<Date, HashSet<u64>> = BTreeMap::new();
        for &doc in &segment.docs {
            let Some(date) = days.get(doc).and_then(Date::from_days_since_epoch) else {
                undated += 1;
                continue;
            };
            let start = by.start(date);
            per_bucket.entry(start).or_default().0 += 1;
            if briefings && let Some(ord) = ids.ord(doc) {
                briefing_ords.entry(start).or_default().insert(ord);
            }
        }
        for (start, ords) in briefing_ords {
            let names = &mut per_bucket.entry(start).or_default().1;
            names.extend(ords.into_iter().filter_map(|o| ids.text_of(o)));
        }
    }
    Ok((per_bucket, undated))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).expect("valid")
    }

    /// The label of the bucket of `interval` that holds the day.
    fn label(interval: Interval, y: i32, m: u32, day: u32) -> String {
        interval.label(interval.start(d(y, m, day)))
    }

    #[test]
    fn test_bucket_starts_and_labels() {
        assert_eq!(label(Interval::Year, 2023, 4, 23), "2023");
        assert_eq!(label(Interval::Month, 2023, 4, 23), "2023-04");
        // 2023-04-23 is a Sunday: its ISO week starts on Monday 2023-04-17, week 16.
        assert_eq!(Interval::Week.start(d(2023, 4, 23)), d(2023, 4, 17));
        assert_eq!(Interval::Week.label(d(2023, 4, 17)), "2023-W16");
        // 2021-01-03 belongs to 2020-W53; 2024-12-30 to 2025-W01.
        assert_eq!(label(Interval::Week, 2021, 1, 3), "2020-W53");
        assert_eq!(label(Interval::Week, 2024, 12, 30), "2025-W01");
    }

    #[test]
    fn test_rate_is_per_passages_of_the_period() {
        let bucket = |passages, period_passages| Bucket {
            label: "2023".into(),
            start: "2023-01-01".into(),
            passages,
            briefings: 1,
            period_passages,
        };
        assert_eq!(bucket(4, Some(500)).rate(1000), Some(8.0));
        assert_eq!(bucket(0, Some(0)).rate(1000), None);
        assert_eq!(bucket(3, None).rate(1000), None);
    }

    #[test]
    fn test_next_bucket_rolls_over_years() {
        assert_eq!(Interval::Month.next(d(2023, 12, 1)), Some(d(2024, 1, 1)));
        assert_eq!(Interval::Week.next(d(2023, 12, 25)), Some(d(2024, 1, 1)));
        assert_eq!(Interval::Year.next(d(2023, 1, 1)), Some(d(2024, 1, 1)));
    }
}
