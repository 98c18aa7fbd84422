//! Showing the archive itself: a whole cleaned transcript, or one passage in its context (the
//! question it answers or the answers it got, and its neighbours); with the other version of a
//! parallel briefing beside it, turn by turn.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::{Context, Result, bail};
use serde::Serialize;
use tantivy::Term;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;

use super::Searcher;
use super::collect;
use super::parallel::{self, Pair};
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
    /// The id of the same passage in the other version of a parallel briefing.
    pub counterpart: Option<String>,
}

/// A briefing, whole or in part: at least one passage, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shown {
    /// The passage asked for, when one was.
    pub focus: Option<String>,
    pub passages: Vec<ShownPassage>,
    /// With `--parallel`, when the briefing has a version in the other language.
    pub parallel: Option<ParallelView>,
}

/// The other version of a parallel briefing, beside the one shown.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParallelView {
    /// The passages of the other version aligned with those shown (all of them, for a whole
    /// briefing), in reading order; a relation is that of their counterpart.
    pub passages: Vec<ShownPassage>,
    /// In reading order, the passages of one turn (indices into [`Shown::passages`]) beside
    /// those of the turn of the other version aligned with it (indices into `passages`).
    /// Either side is empty where one version has a turn that the other lacks.
    pub rows: Vec<(Vec<usize>, Vec<usize>)>,
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
/// (`briefing#n`, with its question or answers and `context` neighbours on each side); each
/// passage with its counterpart, and with `parallel` the other version of a parallel briefing
/// beside it.
pub(crate) fn show(searcher: &Searcher, id: &str, context: usize, parallel: bool) -> Result<Shown> {
    let mut shown = select(searcher, id, context)?;
    let Some(first) = shown.passages.first().map(|s| &s.passage) else {
        return Ok(shown);
    };
    let Some(pair) = parallel::pair_of(searcher, &first.briefing_id, first.date)? else {
        return Ok(shown);
    };
    for s in &mut shown.passages {
        s.counterpart = pair.counterpart(&s.passage).map(|c| c.id.clone());
    }
    if parallel {
        shown.parallel = Some(beside(&shown, &pair));
    }
    Ok(shown)
}

/// The passages that `show` shows of `id`, before any counterpart is looked at.
fn select(searcher: &Searcher, id: &str, context: usize) -> Result<Shown> {
    let whole = searcher.briefing_passages(id)?;
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
            [one] => Ok(shown(searcher.briefing_passages(one)?, None, |_| None)),
            many => bail!(
                "{id} holds {} briefings; show one of them by its id: {}{}",
                many.len(),
                many.iter().take(10).cloned().collect::<Vec<_>>().join(", "),
                if many.len() > 10 { ", …" } else { "" }
            ),
        };
    };
    let passages = searcher.briefing_passages(briefing)?;
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
                counterpart: None,
            })
            .collect(),
        parallel: None,
    }
}

/// The other version of `pair` beside the passages of `shown`: for a whole briefing, all of
/// it; for a passage in context, the passages aligned with those shown.
fn beside(shown: &Shown, pair: &Pair) -> ParallelView {
    let lang = shown.passages[0].passage.lang;
    let (own, other, own_to_other) = pair.sides(lang);
    let (_, _, other_to_own) = pair.sides(match lang {
        crate::briefing::Lang::En => crate::briefing::Lang::Zh,
        crate::briefing::Lang::Zh => crate::briefing::Lang::En,
    });
    let whole = shown.focus.is_none();
    // Index in `own` → index in `shown.passages`.
    let shown_at: HashMap<usize, usize> = shown
        .passages
        .iter()
        .enumerate()
        .filter_map(|(k, s)| {
            own.binary_search_by_key(&s.passage.ordinal, |p| p.ordinal)
                .ok()
                .map(|i| (i, k))
        })
        .collect();
    let mut rows: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for row in &pair.alignment.rows {
        let (own_range, other_range) = match lang {
            crate::briefing::Lang::En => (&row.en, &row.zh),
            crate::briefing::Lang::Zh => (&row.zh, &row.en),
        };
        let left: Vec<usize> = own_range
            .iter()
            .flat_map(|r| r.clone())
            .filter(|i| shown_at.contains_key(i))
            .collect();
        let right: Vec<usize> = other_range
            .iter()
            .flat_map(|r| r.clone())
            .filter(|&j| {
                whole
                    || other_to_own[j].is_some_and(|i| shown_at.contains_key(&i))
                    || left.iter().any(|&i| own_to_other[i] == Some(j))
            })
            .collect();
        if left.is_empty() && (right.is_empty() || !whole) {
            continue;
        }
        rows.push((left, right));
    }
    let used: BTreeSet<usize> = rows.iter().flat_map(|(_, r)| r.iter().copied()).collect();
    let position: HashMap<usize, usize> = used.iter().enumerate().map(|(k, &j)| (j, k)).collect();
    let passages = used
        .iter()
        .map(|&j| ShownPassage {
            passage: other[j].clone(),
            relation: other_to_own[j]
                .and_then(|i| shown_at.get(&i))
                .and_then(|&k| shown.passages[k].relation),
            counterpart: other_to_own[j].map(|i| own[i].id.clone()),
        })
        .collect();
    ParallelView {
        passages,
        rows: rows
            .into_iter()
            .map(|(left, right)| {
                let left = left
                    .iter()
                    .filter_map(|i| shown_at.get(i).copied())
                    .collect();
                let right = right
                    .iter()
                    .filter_map(|j| position.get(j).copied())
                    .collect();
                (left, right)
            })
            .collect(),
    }
}
