//! Filters: which passages may match at all, without changing any score.

use std::ops::Bound;

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, Term};

use crate::briefing::Lang;
use crate::date::Date;
use crate::index::Fields;
use crate::index::schema::speaker_key;

/// Restrictions on speaker, date and language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Any of these canonical speaker names, compared case-insensitively.
    pub speakers: Vec<String>,
    /// First day included.
    pub since: Option<Date>,
    /// Last day included.
    pub until: Option<Date>,
    pub lang: Option<Lang>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// The filter clauses, each scoring zero, to add as `Must` beside the query.
    pub fn clauses(&self, fields: &Fields) -> Vec<Box<dyn Query>> {
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        if !self.speakers.is_empty() {
            let any: Vec<(Occur, Box<dyn Query>)> = self
                .speakers
                .iter()
                .map(|s| (Occur::Should, term(fields.speaker_key, &speaker_key(s))))
                .collect();
            clauses.push(Box::new(BooleanQuery::new(any)));
        }
        if self.since.is_some() || self.until.is_some() {
            let bound = |d: Option<Date>, included: fn(Term) -> Bound<Term>| match d {
                Some(d) => included(Term::from_field_date(fields.date, day(d))),
                None => Bound::Unbounded,
            };
            clauses.push(Box::new(RangeQuery::new(
                bound(self.since, Bound::Included),
                bound(self.until, Bound::Included),
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

fn day(d: Date) -> DateTime {
    DateTime::from_timestamp_secs(d.days_since_epoch() * 86_400)
}

fn term(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}
