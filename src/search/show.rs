//! Showing the archive itself: a whole cleaned transcript, or one passage in its context (the
//! question it answers or the answers it got, and its neighbours).

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use tantivy::Term;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;

use super::Searcher;
use super::collect;
use super::passage::StoredPassage;
use crate::briefing::Kind;
use crate::index::schema::name;

/// Why a passage is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Relation {
    /// The passage asked for.
    Focus,
    /// The question the focus answers.
    Question,
    /// An answer to the focus.
    Answer,
    /// A neighbour, for context.
    Context,
}

/// A passage as shown, with why (absent when a whole briefing is shown).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ShownPassage {
    pub passage: StoredPassage,
    pub relation: Option<Relation>,
}

/// A briefing, whole or in part: at least one passage, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shown {
    /// The passage asked for, when one was.
    pub focus: Option<String>,
    pub passages: Vec<ShownPassage>,
}

/// Every passage of the briefing `id`, in reading order (empty if there is no such briefing).
pub(crate) fn briefing_passages(searcher: &Searcher, id: &str) -> Result<Vec<StoredPassage>> {
    let query = TermQuery::new(
        Term::from_field_text(searcher.fields().briefing_id, id),
        IndexRecordOption::Basic,
    );
    let mut passages = Vec::new();
    for segment in collect::matches(searcher.tantivy(), &query)? {
        for doc in segment.docs {
            let addr = tantivy::DocAddress::new(segment.segment, doc);
            passages.push(StoredPassage::read(
                searcher.tantivy(),
                searcher.fields(),
                addr,
            )?);
        }
    }
    passages.sort_by_key(|p| p.ordinal);
    Ok(passages)
}

/// The ids of the briefings read from the file `path`: as its `source` was recorded (the
/// path as given to `index`, which JSON output prints), or as the same file by another name.
fn briefings_of_source(searcher: &Searcher, path: &str) -> Result<Vec<String>> {
    let fields = searcher.fields();
    let mut ids = briefing_ids(searcher, Term::from_field_text(fields.source, path))?;
    if ids.is_empty()
        && let Ok(canonical) = std::fs::canonicalize(path)
    {
        let key = canonical.to_string_lossy();
        ids = briefing_ids(searcher, Term::from_field_text(fields.source_key, &key))?;
    }
    Ok(ids)
}

/// The distinct briefing ids of the passages holding `term`, sorted.
fn briefing_ids(searcher: &Searcher, term: Term) -> Result<Vec<String>> {
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let mut ids = std::collections::BTreeSet::new();
    for segment in collect::matches(searcher.tantivy(), &query)? {
        let reader = searcher.tantivy().segment_reader(segment.segment);
        let mut column = collect::StrValues::open(reader, name::BRIEFING_ID)?;
        let ords: std::collections::BTreeSet<u64> =
            segment.docs.iter().filter_map(|&d| column.ord(d)).collect();
        ids.extend(ords.into_iter().filter_map(|o| column.text_of(o)));
    }
    Ok(ids.into_iter().collect())
}

/// Shows `id`: a briefing id or the path of its file (the whole transcript), or a passage id
/// (`briefing#n`, with its question or answers and `context` neighbours on each side).
pub(crate) fn show(searcher: &Searcher, id: &str, context: usize) -> Result<Shown> {
    let whole = briefing_passages(searcher, id)?;
    if !whole.is_empty() {
        return Ok(shown(whole, None, |_| None));
    }
    let Some((briefing, ordinal)) = id
        .rsplit_once('#')
        .and_then(|(b, n)| Some((b, n.parse::<u64>().ok()?)))
    else {
        return match briefings_of_source(searcher, id)?.as_slice() {
            [] => bail!(
                "no briefing, passage or indexed file '{id}' (passage ids look like BRIEFING_ID#N)"
            ),
            [one] => Ok(shown(briefing_passages(searcher, one)?, None, |_| None)),
            many => bail!(
                "{id} holds {} briefings; show one of them by its id: {}{}",
                many.len(),
                many.iter().take(10).cloned().collect::<Vec<_>>().join(", "),
                if many.len() > 10 { ", …" } else { "" }
            ),
        };
    };
    let passages = briefing_passages(searcher, briefing)?;
    if passages.is_empty() {
        bail!("no briefing with id '{briefing}'");
    }
    let Some(focus) = passages.iter().find(|p| p.ordinal == ordinal).cloned() else {
        bail!(
            "briefing '{briefing}' has passages 1 to {}, not {ordinal}",
            passages.len()
        );
    };
    let mut relations: BTreeMap<u64, Relation> = BTreeMap::new();
    let lo = ordinal.saturating_sub(context as u64);
    for p in passages
        .iter()
        .filter(|p| p.ordinal >= lo && p.ordinal <= ordinal + context as u64)
    {
        relations.insert(p.ordinal, Relation::Context);
    }
    // The question an answer replies to: every passage of the question's turn.
    if let Some(q) = focus
        .question_id
        .as_ref()
        .and_then(|qid| passages.iter().find(|p| &p.id == qid))
    {
        for p in passages
            .iter()
            .filter(|p| p.turn == q.turn && p.kind == Kind::Question)
        {
            relations.insert(p.ordinal, Relation::Question);
        }
    }
    // The answers a question received: passages whose question is this one's turn.
    if focus.kind == Kind::Question {
        let first_of_turn = passages
            .iter()
            .find(|p| p.turn == focus.turn)
            .map(|p| p.id.clone())
            .context("the question has no first passage")?;
        for p in passages
            .iter()
            .filter(|p| p.question_id.as_deref() == Some(first_of_turn.as_str()))
        {
            relations.insert(p.ordinal, Relation::Answer);
        }
    }
    relations.insert(ordinal, Relation::Focus);
    let selected: Vec<StoredPassage> = passages
        .into_iter()
        .filter(|p| relations.contains_key(&p.ordinal))
        .collect();
    Ok(shown(selected, Some(focus.id), |n| {
        relations.get(&n).copied()
    }))
}

fn shown(
    passages: Vec<StoredPassage>,
    focus: Option<String>,
    relation: impl Fn(u64) -> Option<Relation>,
) -> Shown {
    Shown {
        focus,
        passages: passages
            .into_iter()
            .map(|passage| ShownPassage {
                relation: relation(passage.ordinal),
                passage,
            })
            .collect(),
    }
}
