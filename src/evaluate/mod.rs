//! Evaluate: ranking quality measured on a judged query set.
//!
//! A judged set is two TSV files: queries (`id, lang, type, query, speaker, since, until`) and
//! graded judgments (`query, passage, grade, anchor`: 2 = the answer, 1 = related, anything
//! not listed = not relevant; `anchor` is a few words of the passage, checked so that a
//! judgment can never silently point at another passage). Each query runs through the real
//! search path; the metrics are MRR@10 (of the first answer), nDCG@10 (gain 2^grade − 1) and
//! recall@10 (of all relevant passages), per query and averaged per language and per type.
//! Near-duplicates are folded as `query` folds them; a rank counts the best judged passage
//! among its hit and the passages folded into it.

pub(crate) mod metrics;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::date::Period;
use crate::search::query::build::RankOptions;
use crate::search::{Filters, Request, Searcher, Sort};

/// Results considered per query.
pub(crate) const CUTOFF: usize = 10;
/// Precision is measured on the first hits, the ones a reader sees first.
pub(crate) const PRECISION_AT: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct JudgedQuery {
    pub id: String,
    pub lang: String,
    pub kind: String,
    pub query: String,
    pub filters: Filters,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Judgment {
    pub passage: String,
    pub grade: u8,
    pub anchor: String,
}

/// A judged query set.
#[derive(Debug, Default)]
pub struct JudgedSet {
    pub queries: Vec<JudgedQuery>,
    pub judgments: HashMap<String, Vec<Judgment>>,
}

/// One query's scores.
#[derive(Debug, Clone, Serialize)]
pub struct QueryScore {
    pub id: String,
    pub lang: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub query: String,
    pub rr: f64,
    pub ndcg: f64,
    pub recall: f64,
    pub precision: f64,
}

/// Averages over a group of queries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Averages {
    pub queries: usize,
    pub mrr: f64,
    pub ndcg: f64,
    pub recall: f64,
    pub precision: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub overall: Averages,
    pub by_lang: BTreeMap<String, Averages>,
    pub by_type: BTreeMap<String, Averages>,
    pub queries: Vec<QueryScore>,
}

impl JudgedSet {
    /// Reads a judged set from its two TSV files (more than one pair may be merged).
    pub fn load(pairs: &[(&Path, &Path)]) -> Result<JudgedSet> {
        let mut set = JudgedSet::default();
        for (queries, judgments) in pairs {
            set.read_queries(queries)?;
            set.read_judgments(judgments)?;
        }
        for q in &set.queries {
            let answers = set
                .judgments
                .get(&q.id)
                .map_or(0, |j| j.iter().filter(|j| j.grade == 2).count());
            if answers == 0 {
                bail!("query {} has no passage graded 2", q.id);
            }
        }
        Ok(set)
    }

    fn read_queries(&mut self, path: &Path) -> Result<()> {
        let text = read(path)?;
        for (n, cols) in rows(&text) {
            let at = || format!("{}:{}", path.display(), n + 1);
            if cols.len() < 4 {
                bail!(
                    "{}: expected id, lang, type, query[, speaker, since, until]",
                    at()
                );
            }
            let col = |i: usize| cols.get(i).map(|c| c.trim()).filter(|c| !c.is_empty());
            let period = |i: usize| -> Result<Option<Period>> {
                col(i)
                    .map(|d| {
                        d.parse::<Period>()
                            .map_err(|e| anyhow::anyhow!("{}: {e}", at()))
                    })
                    .transpose()
            };
            let filters = Filters {
                speakers: col(4)
                    .map(|s| s.split(';').map(|s| s.trim().to_string()).collect())
                    .unwrap_or_default(),
                since: period(5)?.map(Period::first_day),
                until: period(6)?.map(Period::last_day),
                ..Filters::default()
            };
            let id = cols[0].trim();
            if self.queries.iter().any(|q| q.id == id) {
                bail!(
                    "{}: query id {id} is used twice; ids must be unique across all the files",
                    at()
                );
            }
            self.queries.push(JudgedQuery {
                id: id.to_string(),
                lang: cols[1].trim().to_string(),
                kind: cols[2].trim().to_string(),
                query: cols[3].trim().to_string(),
                filters,
            });
        }
        Ok(())
    }

    fn read_judgments(&mut self, path: &Path) -> Result<()> {
        let text = read(path)?;
        for (n, cols) in rows(&text) {
            let grade = cols
                .get(2)
                .and_then(|g| g.trim().parse::<u8>().ok())
                .filter(|g| (1..=2).contains(g));
            let (Some(query), Some(passage), Some(grade)) = (cols.first(), cols.get(1), grade)
            else {
                bail!(
                    "{}:{}: expected query, passage, grade (1 or 2)[, anchor]",
                    path.display(),
                    n + 1
                );
            };
            self.judgments
                .entry(query.trim().to_string())
                .or_default()
                .push(Judgment {
                    passage: passage.trim().to_string(),
                    grade,
                    anchor: cols
                        .get(3)
                        .map(|a| a.trim().to_string())
                        .unwrap_or_default(),
                });
        }
        Ok(())
    }
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// The rows of a TSV file after its header line, with their 0-based line index; blank lines
/// are left out.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .skip(1)
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| (n, line.split('\t').collect()))
}

/// Runs every query of `set` against `searcher` and scores the rankings.
pub fn evaluate(searcher: &Searcher, set: &JudgedSet, ranking: &RankOptions) -> Result<Evaluation> {
    check_anchors(searcher, set)?;
    let mut scores = Vec::with_capacity(set.queries.len());
    for q in &set.queries {
        let request = Request {
            query: q.query.clone(),
            filters: q.filters.clone(),
            limit: CUTOFF,
            offset: 0,
            snippet_chars: 20,
            sort: Sort::Score,
            per_briefing: None,
            count_total: false,
            fill: true,
            collapse: true,
            explain: false,
            counterparts: false,
        };
        let grades: HashMap<&str, u8> = set
            .judgments
            .get(&q.id)
            .map(|js| js.iter().map(|j| (j.passage.as_str(), j.grade)).collect())
            .unwrap_or_default();
        let ranked: Vec<String> = searcher
            .search_ranked(&request, ranking)
            .with_context(|| format!("query {} ({})", q.id, q.query))?
            .into_iter()
            .filter_map(|ids| shown(ids, &grades))
            .collect();
        scores.push(QueryScore {
            id: q.id.clone(),
            lang: q.lang.clone(),
            kind: q.kind.clone(),
            query: q.query.clone(),
            rr: metrics::reciprocal_rank(&ranked, &grades),
            ndcg: metrics::ndcg(&ranked, &grades, CUTOFF),
            recall: metrics::recall(&ranked, &grades),
            precision: metrics::precision(&ranked, &grades, PRECISION_AT),
        });
    }
    let group = |key: fn(&QueryScore) -> &str| {
        let mut out: BTreeMap<String, Vec<&QueryScore>> = BTreeMap::new();
        for s in &scores {
            out.entry(key(s).to_string()).or_default().push(s);
        }
        out.into_iter()
            .map(|(k, v)| (k, averages(&v)))
            .collect::<BTreeMap<_, _>>()
    };
    Ok(Evaluation {
        overall: averages(&scores.iter().collect::<Vec<_>>()),
        by_lang: group(|s| &s.lang),
        by_type: group(|s| &s.kind),
        queries: scores,
    })
}

/// The passage a rank stands for: the hit, or the best judged of the near-duplicates folded
/// into it (a reader sees their ids under the hit, and the texts are near-identical).
fn shown(ids: Vec<String>, grades: &HashMap<&str, u8>) -> Option<String> {
    let grade = |id: &String| grades.get(id.as_str()).copied().unwrap_or(0);
    let best = ids.iter().map(grade).max()?;
    ids.into_iter().find(|id| grade(id) == best)
}

fn averages(scores: &[&QueryScore]) -> Averages {
    let n = scores.len().max(1) as f64;
    Averages {
        queries: scores.len(),
        mrr: scores.iter().map(|s| s.rr).sum::<f64>() / n,
        ndcg: scores.iter().map(|s| s.ndcg).sum::<f64>() / n,
        recall: scores.iter().map(|s| s.recall).sum::<f64>() / n,
        precision: scores.iter().map(|s| s.precision).sum::<f64>() / n,
    }
}

/// Every judged passage exists and still holds its anchor words.
fn check_anchors(searcher: &Searcher, set: &JudgedSet) -> Result<()> {
    for (query, judgments) in &set.judgments {
        for j in judgments {
            let text = searcher.passage_text(&j.passage)?.with_context(|| {
                format!("judgment of {query}: no passage {} in the index", j.passage)
            })?;
            if !j.anchor.is_empty() && !text.contains(&j.anchor) {
                bail!(
                    "judgment of {query}: passage {} no longer contains \"{}\" (ids shifted?)",
                    j.passage,
                    j.anchor
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_a_query_id_used_twice_is_an_error_naming_the_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let q = dir.path().join("q.tsv");
        let j = dir.path().join("j.tsv");
        fs::write(&q, "id\tlang\ttype\tquery\nq1\ten\tkeyword\ttariffs\n").expect("write");
        fs::write(&j, "query\tpassage\tgrade\nq1\ta#1\t2\n").expect("write");
        assert_eq!(
            JudgedSet::load(&[(&q, &j)]).expect("valid").queries.len(),
            1
        );
        let e = JudgedSet::load(&[(&q, &j), (&q, &j)]).expect_err("q1 twice");
        assert!(
            e.to_string().contains("q.tsv:2: query id q1 is used twice"),
            "{e}"
        );
    }
}
