//! A sum of optional clauses that moves each clause to a passage only when asked, for the
//! title and question boosts.
//!
//! A boost is an optional clause: Tantivy asks it about each passage that matches the query
//! (`seek`), and its own union answers by scoring every match of every clause in a window of
//! 4,096 passages ahead. A briefing's title words hold all its passages, so the boosts scored
//! whole windows of passages that nobody asked about (a third of a keyword query's work). Here
//! each clause is moved to the passage asked about, through its skip list, and scored there.
//!
//! The score is Tantivy's to the bit: each clause's scorer is the one Tantivy builds, given the
//! boost as a Boolean query of the clauses inside a boost query gives it, and the scores of
//! the clauses that hold the passage are added in clause order from zero, as its union adds.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Term;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError};

/// Any of `clauses`, scored by the sum of those that match, times `boost`.
#[derive(Debug)]
pub(crate) struct LazySum {
    clauses: Vec<Box<dyn Query>>,
    boost: Score,
}

impl LazySum {
    pub(crate) fn new(clauses: Vec<Box<dyn Query>>, boost: Score) -> LazySum {
        LazySum { clauses, boost }
    }
}

impl Clone for LazySum {
    fn clone(&self) -> LazySum {
        LazySum {
            clauses: self.clauses.iter().map(|q| q.box_clone()).collect(),
            boost: self.boost,
        }
    }
}

impl Query for LazySum {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .clauses
            .iter()
            .map(|q| q.weight(scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(LazySumWeight {
            weights,
            boost: self.boost,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.clauses {
            clause.query_terms(visitor);
        }
    }
}

struct LazySumWeight {
    weights: Vec<Box<dyn Weight>>,
    boost: Score,
}

impl Weight for LazySumWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let clauses = self
            .weights
            .iter()
            .map(|w| w.scorer(reader, boost * self.boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(LazySumScorer::new(clauses)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        Ok(Explanation::new(
            "sum of the matching boosts",
            scorer.score(),
        ))
    }
}

/// The clauses' scorers; the passage is the first that any of them is on.
struct LazySumScorer {
    clauses: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl LazySumScorer {
    fn new(clauses: Vec<Box<dyn Scorer>>) -> LazySumScorer {
        let mut scorer = LazySumScorer {
            clauses,
            doc: TERMINATED,
        };
        scorer.doc = scorer.first();
        scorer
    }

    fn first(&self) -> DocId {
        self.clauses
            .iter()
            .map(|c| c.doc())
            .min()
            .unwrap_or(TERMINATED)
    }
}

impl DocSet for LazySumScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        for clause in &mut self.clauses {
            if clause.doc() == doc {
                clause.advance();
            }
        }
        self.doc = self.first();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if target <= self.doc {
            return self.doc;
        }
        for clause in &mut self.clauses {
            if clause.doc() < target {
                clause.seek(target);
            }
        }
        self.doc = self.first();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.clauses
            .iter()
            .map(|c| c.size_hint())
            .max()
            .unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.clauses.iter().map(|c| c.cost()).sum()
    }
}

impl Scorer for LazySumScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut score = 0.0;
        for clause in &mut self.clauses {
            if clause.doc() == doc {
                score += clause.score();
            }
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{Index, TantivyDocument};

    /// An index of titles in runs (as a briefing's passages share one) and scattered texts,
    /// the boosts as Tantivy's union of boost queries, and as lazy sums.
    fn fixture() -> (tantivy::Searcher, BooleanQuery, LazySum) {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", TEXT);
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let words = ["wang", "yi", "forum", "asean", "summit", "visit"];
        for i in 0..6000u32 {
            let mut doc = TantivyDocument::default();
            let t: Vec<&str> = (0..3).map(|k| words[((i / 40 + k) % 6) as usize]).collect();
            let x: Vec<&str> = (0..(i % 5 + 1))
                .map(|k| words[((i * 7 + k * 3) % 6) as usize])
                .collect();
            doc.add_text(title, t.join(" "));
            doc.add_text(text, x.join(" "));
            writer.add_document(doc).expect("add");
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let term = |field, w: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, w),
                IndexRecordOption::WithFreqs,
            ))
        };
        let parts = [(title, 0.3f32), (text, 1.0f32)];
        let clauses = |field| -> Vec<Box<dyn Query>> {
            ["wang", "asean", "visit"]
                .iter()
                .map(|w| term(field, w))
                .collect()
        };
        let tantivy_boosts = BooleanQuery::new(
            parts
                .iter()
                .map(|&(field, boost)| {
                    let any = BooleanQuery::new(
                        clauses(field)
                            .into_iter()
                            .map(|q| (Occur::Should, q))
                            .collect(),
                    );
                    let part: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(any), boost));
                    (Occur::Should, part)
                })
                .collect(),
        );
        let lazy = LazySum::new(
            parts
                .iter()
                .map(|&(field, boost)| {
                    Box::new(LazySum::new(clauses(field), boost)) as Box<dyn Query>
                })
                .collect(),
            1.0,
        );
        (searcher, tantivy_boosts, lazy)
    }

    /// Scores and matches equal Tantivy's union of the same clauses inside boost queries, to
    /// the bit, nested as the boosts are, every passage in turn.
    #[test]
    fn test_the_lazy_sum_scores_as_tantivy_union_of_boosted_clauses() {
        let (searcher, tantivy_boosts, lazy) = fixture();
        let collect = |q: &dyn Query| {
            let mut top = searcher
                .search(q, &TopDocs::with_limit(10_000).order_by_score())
                .expect("search");
            top.sort_by_key(|(_, a)| *a);
            top.into_iter()
                .map(|(s, a)| (a.doc_id, s.to_bits()))
                .collect::<Vec<_>>()
        };
        let expected = collect(&tantivy_boosts);
        assert!(expected.len() > 1000);
        assert_eq!(collect(&lazy), expected);
    }

    /// The same, asked by seek about every third passage, as an optional clause is asked.
    #[test]
    fn test_the_lazy_sum_answers_seeks_as_tantivy_union() {
        let (searcher, tantivy_boosts, lazy) = fixture();
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        let reader = searcher.segment_reader(0);
        let scorer = |q: &dyn Query| {
            q.weight(scoring)
                .expect("w")
                .scorer(reader, 1.0)
                .expect("s")
        };
        let (mut ours, mut theirs) = (scorer(&lazy), scorer(&tantivy_boosts));
        let mut asked = 0;
        for doc in (0..6000).step_by(3) {
            let a = ours.doc() <= doc && ours.seek(doc) == doc;
            let b = theirs.doc() <= doc && theirs.seek(doc) == doc;
            assert_eq!(a, b, "passage {doc}");
            if a {
                asked += 1;
                assert_eq!(ours.score().to_bits(), theirs.score().to_bits(), "{doc}");
            }
        }
        assert!(asked > 300);
    }
}
