//! JSON Lines: one object per line. Each command's objects are described in `schema/`; the
//! schemas are contracts for scripts: fields may be added, never renamed or removed. The
//! shapes of hits and shown passages are defined here, at the edge, so that the records of
//! the search module keep typed fields.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

use super::round4;
use crate::briefing::{Kind, Lang};
use crate::search::UnitSummary;
use crate::search::hit::{Explanation, Via};
use crate::search::query::syntax::Equivalence;
use crate::search::show::{Relation, Shown, ShownPassage};
use crate::search::{Hit, StoredPassage};

/// Writes `value` as one line of JSON.
pub(crate) fn line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// The names of every field of a hit, in output order (for `--fields`); the order of
/// [`HitLine`]'s fields, as a test checks.
pub(crate) const HIT_FIELDS: &[&str] = &[
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
    "outlet_id",
    "via",
    "explain",
    "duplicates",
    "duplicate_ids",
    "counterpart",
];

/// Who said a passage and what, as hits and shown passages print it (keys in this order).
#[derive(Serialize)]
struct SaidLine<'a> {
    speaker: Option<&'a str>,
    role: Option<&'a str>,
    outlet: Option<&'a str>,
    kind: Kind,
    text: &'a str,
}

impl<'a> SaidLine<'a> {
    fn of(p: &'a StoredPassage) -> Self {
        SaidLine {
            speaker: p.speaker.as_deref(),
            role: p.role.as_deref(),
            outlet: p.outlet.as_deref(),
            kind: p.kind,
            text: &p.text,
        }
    }
}

/// One line of `query --json` (`schema/hit.schema.json`).
#[derive(Serialize)]
struct HitLine<'a> {
    rank: usize,
    /// Rounded to 4 decimals.
    score: f64,
    id: &'a str,
    briefing_id: &'a str,
    title: &'a str,
    date: Option<String>,
    lang: Lang,
    #[serde(flatten)]
    said: SaidLine<'a>,
    snippet: &'a str,
    highlights: &'a [[usize; 2]],
    snippet_highlights: &'a [[usize; 2]],
    source: &'a str,
    source_url: Option<&'a str>,
    turn: u64,
    paragraph: u64,
    question_id: Option<&'a str>,
    partial: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    query_id: Option<&'a str>,
    outlet_id: Option<&'a str>,
    via: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<Value>,
    /// Near-duplicates folded into this hit.
    duplicates: usize,
    duplicate_ids: Vec<&'a str>,
    counterpart: Option<&'a str>,
}

/// A hit's score by part (`--explain`), with the query's units.
fn explanation(why: &Explanation, units: &[UnitSummary]) -> Value {
    let kind = |e: Equivalence| match e {
        Equivalence::Synonym => "synonym",
        Equivalence::Translation => "translation",
    };
    serde_json::json!({
        "query": units.iter().map(|u| {
            let mut unit = serde_json::json!({
                "typed": u.typed,
                "words": u.words,
                "bigrams": u.bigrams,
                "alternatives": u.alternatives.iter().map(|a| serde_json::json!({
                    "text": a.text,
                    "weight": round4(f64::from(a.weight)),
                    "kind": kind(a.equivalence),
                })).collect::<Vec<_>>(),
            });
            // A prefix or fuzzy word: the words of the index it stands for.
            if let (Some(variants), Some(object)) = (&u.variants, unit.as_object_mut()) {
                object.insert(
                    "expansions".to_string(),
                    variants
                        .iter()
                        .map(|v| serde_json::json!({
                            "word": v.surface,
                            "term": v.term,
                            "passages": v.passages,
                        }))
                        .collect(),
                );
            }
            unit
        }).collect::<Vec<_>>(),
        "units": why.units.iter().map(|(unit, score)| serde_json::json!({
            "unit": unit,
            "score": round4(f64::from(*score)),
        })).collect::<Vec<_>>(),
        "boosts": why.boosts.iter().map(|(name, score)| ((*name).to_string(), serde_json::json!(round4(f64::from(*score))))).collect::<serde_json::Map<String, Value>>(),
        "length_prior": round4(f64::from(why.length_prior)),
    })
}

/// A hit as the JSON object of its line (also the row of TSV output).
pub(crate) fn hit(hit: &Hit) -> io::Result<Value> {
    hit_with(hit, &[])
}

/// A hit as the JSON object of its line, with the query's units when it is explained.
pub(crate) fn hit_with(hit: &Hit, units: &[UnitSummary]) -> io::Result<Value> {
    let p: &StoredPassage = &hit.passage;
    let line = HitLine {
        rank: hit.rank,
        score: round4(f64::from(hit.score)),
        id: &p.id,
        briefing_id: &p.briefing_id,
        title: &p.title,
        date: p.date.map(|d| d.to_string()),
        lang: p.lang,
        said: SaidLine::of(p),
        snippet: &hit.snippet,
        highlights: &hit.highlights,
        snippet_highlights: &hit.snippet_highlights,
        source: &p.source,
        source_url: p.source_url.as_deref(),
        turn: p.turn,
        paragraph: p.paragraph,
        question_id: p.question_id.as_deref(),
        partial: hit.partial,
        group: hit.group,
        query_id: hit.query_id.as_deref(),
        outlet_id: p.outlet_id.as_deref(),
        via: hit.via.map(Via::as_str),
        explain: hit.explain.as_ref().map(|why| explanation(why, units)),
        duplicates: hit.duplicates.len(),
        duplicate_ids: hit.duplicates.iter().map(|d| d.id.as_str()).collect(),
        counterpart: hit.counterpart.as_ref().map(|c| c.id.as_str()),
    };
    serde_json::to_value(line).map_err(io::Error::other)
}

/// A line of `query --batch` for a query that found nothing (`schema/batch.schema.json`).
pub(crate) fn no_hits(query_id: &str) -> Value {
    serde_json::json!({"query_id": query_id, "hits": 0})
}

/// A line of `query --batch` for a query that could not be run (`schema/batch.schema.json`).
pub(crate) fn failed_query(query_id: &str, error: &str) -> Value {
    serde_json::json!({"query_id": query_id, "hits": 0, "error": error})
}

/// `show --json` (`schema/show.schema.json`).
#[derive(Serialize)]
struct ShownLine<'a> {
    #[serde(flatten)]
    head: BriefingHeadLine<'a>,
    focus: Option<&'a str>,
    passages: Vec<ShownPassageLine<'a>>,
    /// With `show --parallel`, the other version of a parallel briefing.
    #[serde(skip_serializing_if = "Option::is_none")]
    parallel: Option<VersionLine<'a>>,
}

/// The other version of a parallel briefing, in `show --parallel --json`.
#[derive(Serialize)]
struct VersionLine<'a> {
    #[serde(flatten)]
    head: BriefingHeadLine<'a>,
    passages: Vec<ShownPassageLine<'a>>,
}

/// What a shown briefing (or its other version) says of itself, read from its first passage.
#[derive(Serialize)]
struct BriefingHeadLine<'a> {
    briefing_id: &'a str,
    title: &'a str,
    date: Option<String>,
    lang: Option<Lang>,
    source: &'a str,
    source_url: Option<&'a str>,
}

impl<'a> BriefingHeadLine<'a> {
    fn of(first: Option<&'a StoredPassage>) -> Self {
        BriefingHeadLine {
            briefing_id: first.map_or("", |p| &p.briefing_id),
            title: first.map_or("", |p| &p.title),
            date: first.and_then(|p| p.date).map(|d| d.to_string()),
            lang: first.map(|p| p.lang),
            source: first.map_or("", |p| &p.source),
            source_url: first.and_then(|p| p.source_url.as_deref()),
        }
    }
}

#[derive(Serialize)]
struct ShownPassageLine<'a> {
    id: &'a str,
    ordinal: u64,
    turn: u64,
    paragraph: u64,
    #[serde(flatten)]
    said: SaidLine<'a>,
    question_id: Option<&'a str>,
    /// Absent when a whole briefing is shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<Relation>,
    outlet_id: Option<&'a str>,
    counterpart: Option<&'a str>,
}

/// Writes a shown briefing as one line.
pub(crate) fn shown(out: &mut impl Write, shown: &Shown) -> io::Result<()> {
    fn passage(s: &ShownPassage) -> ShownPassageLine<'_> {
        let p = &s.passage;
        ShownPassageLine {
            id: &p.id,
            ordinal: p.ordinal,
            turn: p.turn,
            paragraph: p.paragraph,
            said: SaidLine::of(p),
            question_id: p.question_id.as_deref(),
            relation: s.relation,
            outlet_id: p.outlet_id.as_deref(),
            counterpart: s.counterpart.as_deref(),
        }
    }
    let parallel = shown.parallel.as_ref().map(|view| VersionLine {
        head: BriefingHeadLine::of(view.passages.first().map(|s| &s.passage)),
        passages: view.passages.iter().map(passage).collect(),
    });
    let value = ShownLine {
        head: BriefingHeadLine::of(shown.passages.first().map(|s| &s.passage)),
        focus: shown.focus.as_deref(),
        passages: shown.passages.iter().map(passage).collect(),
        parallel,
    };
    line(out, &value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::hit::tests::hit_of;
    use crate::search::passage::tests::passage;

    fn schema_properties(name: &str) -> Vec<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("schema")
            .join(name);
        let text = std::fs::read_to_string(path).expect("schema file");
        let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
        schema["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .cloned()
            .collect()
    }

    #[test]
    fn test_hit_keys_are_the_documented_list_and_the_schema() {
        let mut h = Hit {
            snippet: "text 3".into(),
            group: Some(1),
            query_id: Some("q1".into()),
            explain: Some(Explanation {
                units: vec![("rcep".into(), 1.5)],
                boosts: vec![("title", 0.25)],
                length_prior: 1.0,
            }),
            ..hit_of(passage(3, Kind::Answer, Some("Lin Qiao")))
        };
        let keys = |h: &Hit| -> Vec<String> {
            hit(h)
                .expect("json")
                .as_object()
                .expect("object")
                .keys()
                .cloned()
                .collect()
        };
        assert_eq!(keys(&h), HIT_FIELDS);
        assert_eq!(schema_properties("hit.schema.json"), HIT_FIELDS);
        h.group = None;
        h.query_id = None;
        h.explain = None;
        let without: Vec<&str> = HIT_FIELDS
            .iter()
            .copied()
            .filter(|f| !["group", "query_id", "explain"].contains(f))
            .collect();
        assert_eq!(
            keys(&h),
            without,
            "group, query_id and explain only when they apply"
        );
    }

    #[test]
    fn test_duplicates_are_counted_and_listed() {
        let mut h = hit_of(passage(3, Kind::Answer, None));
        let value = hit(&h).expect("json");
        assert_eq!(value["duplicates"], 0);
        assert_eq!(value["duplicate_ids"], serde_json::json!([]));
        h.duplicates = vec![
            crate::search::Duplicate {
                id: "a#4".into(),
                date: None,
            },
            crate::search::Duplicate {
                id: "c#9".into(),
                date: None,
            },
        ];
        let value = hit(&h).expect("json");
        assert_eq!(value["duplicates"], 2);
        assert_eq!(value["duplicate_ids"], serde_json::json!(["a#4", "c#9"]));
    }

    #[test]
    fn test_score_is_rounded_to_four_decimals() {
        let h = Hit {
            score: 7.532_576_5,
            ..hit_of(passage(3, Kind::Answer, None))
        };
        assert_eq!(hit(&h).expect("json")["score"], 7.5326);
    }
}
