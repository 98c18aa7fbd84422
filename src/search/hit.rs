//! Hits: a stored passage as the index holds it, and as a ranked, highlighted result.

use anyhow::{Context, Result};
use serde::Serialize;
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

use super::query::build::Highlight;
use super::snippet;
use crate::analyze::Analyzer;
use crate::date::Date;
use crate::index::Fields;

/// A passage with everything the index stores about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredPassage {
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
    pub source: String,
    pub source_url: Option<String>,
    pub turn: u64,
    pub paragraph: u64,
    pub ordinal: u64,
    pub question_id: Option<String>,
}

impl StoredPassage {
    /// Reads the passage at `addr`.
    pub fn read(
        searcher: &tantivy::Searcher,
        fields: &Fields,
        addr: DocAddress,
    ) -> Result<StoredPassage> {
        let doc: TantivyDocument = searcher
            .doc(addr)
            .context("cannot read a passage from the index")?;
        let text_of = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let u64_of = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        let date = doc
            .get_first(fields.date)
            .and_then(|v| v.as_datetime())
            .and_then(|d| Date::from_days_since_epoch(d.into_timestamp_secs().div_euclid(86_400)))
            .map(|d| d.to_string());
        Ok(StoredPassage {
            id: text_of(fields.id).unwrap_or_default(),
            briefing_id: text_of(fields.briefing_id).unwrap_or_default(),
            title: text_of(fields.title).unwrap_or_default(),
            date,
            lang: text_of(fields.lang).unwrap_or_default(),
            speaker: text_of(fields.speaker),
            role: text_of(fields.role),
            outlet: text_of(fields.outlet),
            kind: text_of(fields.kind).unwrap_or_default(),
            text: text_of(fields.text).unwrap_or_default(),
            source: text_of(fields.source).unwrap_or_default(),
            source_url: text_of(fields.source_url),
            turn: u64_of(fields.turn),
            paragraph: u64_of(fields.paragraph),
            ordinal: u64_of(fields.ordinal),
            question_id: text_of(fields.question_id),
        })
    }
}

/// One matching passage, with everything needed to show or script it. Serialised as one line
/// of the JSON Lines output; `schema/hit.schema.json` documents it. Fields are only added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub rank: usize,
    /// Rounded to 4 decimals.
    pub score: f64,
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
    /// The passage has only some of the query's words: it is ranked after every passage that
    /// matches the query as typed.
    pub partial: bool,
    /// With `--group briefing`: the 1-based rank of the hit's briefing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<usize>,
    /// With `--batch`: the id of the query this hit answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_id: Option<String>,
}

/// The names of every field of a hit, in output order (for `--fields`).
pub const HIT_FIELDS: &[&str] = &[
    "rank",
    "score",
    "id",
    "briefing_id",
    "title",
    "date",
    "lang",
    "speaker",
    "role",
    "outlet",
    "kind",
    "text",
    "snippet",
    "highlights",
    "snippet_highlights",
    "source",
    "source_url",
    "turn",
    "paragraph",
    "question_id",
    "partial",
    "group",
    "query_id",
];

impl Hit {
    pub fn new(
        rank: usize,
        score: f32,
        p: StoredPassage,
        wanted: &Highlight,
        analyzer: &Analyzer,
        snippet_chars: usize,
    ) -> Hit {
        let highlights = snippet::highlights(&p.text, wanted, analyzer);
        let snip = snippet::snippet(&p.text, &highlights, snippet_chars);
        Hit {
            rank,
            score: (f64::from(score) * 10_000.0).round() / 10_000.0,
            id: p.id,
            briefing_id: p.briefing_id,
            title: p.title,
            date: p.date,
            lang: p.lang,
            speaker: p.speaker,
            role: p.role,
            outlet: p.outlet,
            kind: p.kind,
            text: p.text,
            snippet: snip.text,
            highlights,
            snippet_highlights: snip.highlights,
            source: p.source,
            source_url: p.source_url,
            turn: p.turn,
            paragraph: p.paragraph,
            question_id: p.question_id,
            partial: false,
            group: None,
            query_id: None,
        }
    }
}
