//! Filters: which passages may match at all, without changing any score.
//!
//! The same filters apply to every command (query, facets, trend, speakers…).

use std::ops::Bound;

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Term};

use crate::briefing::{Kind, Lang};
use crate::date::Date;
use crate::index::Fields;
use crate::index::schema::name_key;

/// Restrictions on speaker, outlet, kind, date and language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Any of these canonical speaker names, compared case-insensitively.
    pub speakers: Vec<String>,
    /// Any of these outlets, compared case-insensitively.
    pub outlets: Vec<String>,
    /// Any of these kinds of passage.
    pub kinds: Vec<Kind>,
    /// First day included.
    pub since: Option<Date>,
    /// Last day included.
    pub until: Option<Date>,
    pub lang: Option<Lang>,
}

/// One filter of a [`Filters`], to say which of them removes all hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Speaker,
    Outlet,
    Kind,
    Dates,
    Lang,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// The filters that are set.
    pub fn active(&self) -> Vec<Filter> {
        let mut out = Vec::new();
        if !self.speakers.is_empty() {
            out.push(Filter::Speaker);
        }
        if !self.outlets.is_empty() {
            out.push(Filter::Outlet);
        }
        if !self.kinds.is_empty() {
            out.push(Filter::Kind);
        }
        if self.since.is_some() || self.until.is_some() {
            out.push(Filter::Dates);
        }
        if self.lang.is_some() {
            out.push(Filter::Lang);
        }
        out
    }

    /// These filters without `filter`.
    pub fn without(&self, filter: Filter) -> Filters {
        let mut f = self.clone();
        match filter {
            Filter::Speaker => f.speakers.clear(),
            Filter::Outlet => f.outlets.clear(),
            Filter::Kind => f.kinds.clear(),
            Filter::Dates => (f.since, f.until) = (None, None),
            Filter::Lang => f.lang = None,
        }
        f
    }

    /// How `filter` was given on the command line, for messages.
    pub fn describe(&self, filter: Filter) -> String {
        let quoted = |v: &[String]| {
            v.iter()
                .map(|s| format!("'{s}'"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match filter {
            Filter::Speaker => format!("--speaker {}", quoted(&self.speakers)),
            Filter::Outlet => format!("--outlet {}", quoted(&self.outlets)),
            Filter::Kind => format!(
                "--kind {}",
                self.kinds
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Filter::Dates => match (self.since, self.until) {
                (Some(s), Some(u)) => format!("--since {s} --until {u}"),
                (Some(s), None) => format!("--since {s}"),
                (None, Some(u)) => format!("--until {u}"),
                (None, None) => String::new(),
            },
            Filter::Lang => format!("--lang {}", self.lang.map_or("", |l| l.as_str())),
        }
    }

    /// The filter clauses, each scoring zero, to add as `Must` beside the query.
    pub fn clauses(&self, fields: &Fields) -> Vec<Box<dyn Query>> {
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        let any_of = |field: Field, values: Vec<String>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                values
                    .iter()
                    .map(|v| (Occur::Should, term(field, v)))
                    .collect(),
            ))
        };
        if !self.speakers.is_empty() {
            clauses.push(any_of(
                fields.speaker_key,
                self.speakers.iter().map(|s| name_key(s)).collect(),
            ));
        }
        if !self.outlets.is_empty() {
            clauses.push(any_of(
                fields.outlet_key,
                self.outlets.iter().map(|s| name_key(s)).collect(),
            ));
        }
        if !self.kinds.is_empty() {
            clauses.push(any_of(
                fields.kind,
                self.kinds.iter().map(|k| k.as_str().to_string()).collect(),
            ));
        }
        if self.since.is_some() || self.until.is_some() {
            let bound = |d: Option<Date>| match d {
                Some(d) => Bound::Included(Term::from_field_date(fields.date, day(d))),
                None => Bound::Unbounded,
            };
            clauses.push(Box::new(RangeQuery::new(
                bound(self.since),
                bound(self.until),
            )));
        }
        if let Some(lang) = self.lang {
            clauses.push(term(fields.lang, lang.as_str()));
        }
        clauses
            .into_iter()
            .map(|q| Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>)
            .collect()
    }
}

/// A date as the index stores it: midnight UTC.
pub(crate) fn day(d: Date) -> DateTime {
    DateTime::from_timestamp_secs(d.days_since_epoch() * 86_400)
}

fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_active_filters_and_their_description() {
        let f = Filters {
            speakers: vec!["Lin Qiao".into()],
            since: Date::new(2024, 1, 1),
            ..Filters::default()
        };
        assert_eq!(f.active(), [Filter::Speaker, Filter::Dates]);
        assert_eq!(f.describe(Filter::Speaker), "--speaker 'Lin Qiao'");
        assert_eq!(f.describe(Filter::Dates), "--since 2024-01-01");
        assert_eq!(f.without(Filter::Speaker).active(), [Filter::Dates]);
    }
}
