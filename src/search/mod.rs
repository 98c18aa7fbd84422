//! Search: from a query string and filters to ranked, attributed hits. Returns data; printing
//! is `output`'s business.
//!
//! Ranking is BM25 over the passage text (words, and CJK bigrams for sub-words), plus small
//! boosts for matches in the briefing title and, for answers, in the question asked (see
//! [`query::build`]). Filters never change a score. `*` alone lists passages in date order.

pub mod filter;
pub mod query;
pub mod snippet;

use std::fmt;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Value;
use tantivy::{DocAddress, Order, TantivyDocument};

use crate::date::Date;
use crate::index::{self, Fields, Opened};
pub use filter::Filters;
use query::build::{self, Highlight};
use query::syntax::{self, SyntaxError};

/// What to search for and how many hits to return.
#[derive(Debug, Clone)]
pub struct Request {
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
    /// Longest snippet, in characters.
    pub snippet_chars: usize,
}

/// One matching passage, with everything needed to show or script it. Serialised as one line
/// of the JSON Lines output; `schema/hit.schema.json` documents it. Fields are only added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub id: String,
    pub briefing_id: String,
    pub title: String,
    pub date: Option<String>,
    pub lang: String,
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub outlet: Option<String>,
    pub kind: String,
    pub text: String,
    pub snippet: String,
    /// Byte ranges of matches in `text`.
    pub highlights: Vec<[usize; 2]>,
    /// Byte ranges of matches in `snippet`.
    pub snippet_highlights: Vec<[usize; 2]>,
    pub source: String,
    pub source_url: Option<String>,
    pub turn: u64,
    pub paragraph: u64,
    /// For an answer, the id of the first passage of its question.
    pub question_id: Option<String>,
}

/// Hits and the number of passages that matched in all.
#[derive(Debug)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// A query the user must fix: the message says what and where.
#[derive(Debug)]
pub struct BadQuery {
    pub query: String,
    pub error: SyntaxError,
}

impl fmt::Display for BadQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let column = self.error.column(&self.query);
        write!(f, "bad query: {} at column {column}", self.error.message)?;
        if self.query.chars().count() <= 120 && !self.query.chars().any(char::is_control) {
            let pad: usize = self.query.chars().take(column - 1).map(display_width).sum();
            write!(f, "\n  {}\n  {}^", self.query, " ".repeat(pad))?;
        }
        Ok(())
    }
}

impl std::error::Error for BadQuery {}

fn display_width(c: char) -> usize {
    if crate::analyze::script::is_han(c)
        || ('\u{3000}'..='\u{30FF}').contains(&c)
        || ('\u{FF00}'..='\u{FF60}').contains(&c)
    {
        2
    } else {
        1
    }
}

/// Passages shorter than this (in bytes) are discounted: BM25 favours short texts, and a
/// one-line "The Inflation Reduction Act." should not outrank an answer that explains it.
const SHORT_PASSAGE_BYTES: f32 = 160.0;

/// Multiplier in (0, 1] applied to a passage's score, by its length.
fn length_prior(bytes: u64) -> f32 {
    (bytes as f32 / SHORT_PASSAGE_BYTES)
        .clamp(0.05, 1.0)
        .powf(0.3)
}

/// An index opened for searching.
pub struct Searcher {
    opened: Opened,
    searcher: tantivy::Searcher,
}

impl Searcher {
    pub fn open(dir: &Path) -> Result<Searcher> {
        let opened = index::open(dir)?;
        let reader = opened
            .index
            .reader()
            .with_context(|| format!("cannot read the index at {}", dir.display()))?;
        let searcher = reader.searcher();
        Ok(Searcher { opened, searcher })
    }

    pub fn fields(&self) -> &Fields {
        &self.opened.fields
    }

    /// Runs `request`.
    pub fn search(&self, request: &Request) -> Result<Results> {
        let node = syntax::parse(&request.query).map_err(|error| BadQuery {
            query: request.query.clone(),
            error,
        })?;
        let built =
            build::build(&node, &self.opened.fields, &self.opened.analyzer).map_err(|_| {
                BadQuery {
                    query: request.query.clone(),
                    error: SyntaxError {
                        message: "no searchable words in query (only punctuation?)".into(),
                        position: 0,
                    },
                }
            })?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, built.matching)];
        if let Some(boosts) = built.boosts {
            clauses.push((Occur::Should, boosts));
        }
        clauses.extend(
            request
                .filters
                .clauses(&self.opened.fields)
                .into_iter()
                .map(|q| (Occur::Must, q)),
        );
        let query = BooleanQuery::new(clauses);
        let limit = request.limit.max(1);
        let (scored, total): (Vec<(f32, DocAddress)>, usize) = if built.match_all {
            let collector = TopDocs::with_limit(limit)
                .and_offset(request.offset)
                .order_by_fast_field::<u64>("order", Order::Asc);
            let (top, total) = self
                .searcher
                .search(&query, &(collector, Count))
                .context("search failed")?;
            (
                top.into_iter().map(|(_, addr)| (0.0, addr)).collect(),
                total,
            )
        } else {
            let collector = TopDocs::with_limit(limit)
                .and_offset(request.offset)
                .tweak_score(|segment: &tantivy::SegmentReader| {
                    let lengths = segment
                        .fast_fields()
                        .u64("length")
                        .ok()
                        .map(|c| c.first_or_default_col(0));
                    move |doc: tantivy::DocId, score: tantivy::Score| match &lengths {
                        Some(lengths) => score * length_prior(lengths.get_val(doc)),
                        None => score,
                    }
                });
            self.searcher
                .search(&query, &(collector, Count))
                .context("search failed")?
        };
        let hits = scored
            .into_iter()
            .take(request.limit)
            .enumerate()
            .map(|(i, (score, addr))| {
                self.hit(
                    request.offset + i + 1,
                    score,
                    addr,
                    &built.highlight,
                    request.snippet_chars,
                )
            })
            .collect::<Result<Vec<Hit>>>()?;
        Ok(Results { hits, total })
    }

    fn hit(
        &self,
        rank: usize,
        score: f32,
        addr: DocAddress,
        wanted: &Highlight,
        snippet_chars: usize,
    ) -> Result<Hit> {
        let doc: TantivyDocument = self
            .searcher
            .doc(addr)
            .context("cannot read a passage from the index")?;
        let f = &self.opened.fields;
        let text_of = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let u64_of = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        let text = text_of(f.text).unwrap_or_default();
        let highlights = snippet::highlights(&text, wanted, &self.opened.analyzer);
        let snip = snippet::snippet(&text, &highlights, snippet_chars);
        let date = doc
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .and_then(|d| Date::from_days_since_epoch(d.into_timestamp_secs().div_euclid(86_400)))
            .map(|d| d.to_string());
        Ok(Hit {
            rank,
            score,
            id: text_of(f.id).unwrap_or_default(),
            briefing_id: text_of(f.briefing_id).unwrap_or_default(),
            title: text_of(f.title).unwrap_or_default(),
            date,
            lang: text_of(f.lang).unwrap_or_default(),
            speaker: text_of(f.speaker),
            role: text_of(f.role),
            outlet: text_of(f.outlet),
            kind: text_of(f.kind).unwrap_or_default(),
            snippet: snip.text,
            snippet_highlights: snip.highlights,
            highlights,
            text,
            source: text_of(f.source).unwrap_or_default(),
            source_url: text_of(f.source_url),
            turn: u64_of(f.turn),
            paragraph: u64_of(f.paragraph),
            question_id: text_of(f.question_id),
        })
    }
}
