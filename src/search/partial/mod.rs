//! The passages with fewer of the query's words, ranked in one pass.
//!
//! They come in levels (those that lack one word, then those with half of them, then those
//! with any), each level's scores discounted once more, and are merged by the discounted
//! score. A passage is of the first level whose words it has (a word counts in the passage
//! or, for an answer, in its question); its score does not depend on the level (its own
//! words, then the title and question boosts). So one pass over the passages with a word of
//! their own and in no tier above finds them all: each match is scored once, and its level
//! is found by moving each level's query forward to it. Running each level as a query of its
//! own went over the same passages once per level, and excluded the levels above each time.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use anyhow::{Context, Result};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, Scorer, Weight};
use tantivy::{DocAddress, DocId, DocSet, Score, SegmentOrdinal, SegmentReader};

use super::rank::length_prior;
use crate::index::schema::name;

/// The partial tier of a prepared query.
pub(crate) struct Partial {
    /// The passages that hold one of the words in their own text and match no tier above,
    /// scored by their own words and the boosts, with the filters.
    pub query: BooleanQuery,
    /// What a passage of each level matches, stricter first (unscored). `None`, for the last
    /// level only, stands for every passage of `query`; otherwise a passage that matches no
    /// level is not ranked.
    pub levels: Vec<Option<Box<dyn Query>>>,
}

/// A ranked passage of the partial tier.
#[derive(Debug, Clone, Copy)]
pub(super) struct PartialHit {
    /// Its score (times the length prior, when the ranking uses it).
    pub score: f32,
    /// Its score discounted by its level: what it is ranked by.
    pub key: f32,
    pub addr: DocAddress,
}

impl Partial {
    /// The best `n` passages by discounted score (`discount` per level, compounded), ties in
    /// level order, then in reading order.
    pub(super) fn top(
        &self,
        searcher: &tantivy::Searcher,
        length_prior: bool,
        discount: f32,
        n: usize,
    ) -> Result<Vec<PartialHit>> {
        let unscored = EnableScoring::disabled_from_searcher(searcher);
        let levels = self
            .levels
            .iter()
            .map(|level| {
                level
                    .as_ref()
                    .map(|q| MemberWeight::of(q.as_ref(), unscored))
                    .transpose()
            })
            .collect::<tantivy::Result<Vec<_>>>()
            .context("cannot run the query")?;
        let mut factor = 1.0f32;
        let discounts = levels
            .iter()
            .map(|_| {
                let d = factor;
                factor *= discount;
                d
            })
            .collect();
        let collector = Levelled {
            levels,
            discounts,
            length_prior,
            n,
        };
        let mut ranked = searcher
            .search(&self.query, &collector)
            .context("search failed")?;
        ranked.sort_by(Ranked::best_first);
        ranked.truncate(n);
        Ok(ranked
            .into_iter()
            .map(|r| PartialHit {
                score: r.score,
                key: r.key,
                addr: r.addr,
            })
            .collect())
    }
}

/// A candidate, ordered best first by discounted score, then level, then reading order.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    key: f32,
    level: usize,
    order: u64,
    score: f32,
    addr: DocAddress,
}

impl Ranked {
    fn best_first(a: &Ranked, b: &Ranked) -> Ordering {
        b.key
            .total_cmp(&a.key)
            .then_with(|| a.level.cmp(&b.level))
            .then_with(|| a.order.cmp(&b.order))
    }
}

// In the heap, the worst candidate kept is on top.
impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        Ranked::best_first(self, other) == Ordering::Equal
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        Ranked::best_first(self, other)
    }
}

/// Collects the best `n` matches by discounted score.
struct Levelled {
    levels: Vec<Option<MemberWeight>>,
    discounts: Vec<f32>,
    length_prior: bool,
    n: usize,
}

struct LevelledSegment {
    segment: SegmentOrdinal,
    levels: Vec<Option<Member>>,
    discounts: Vec<f32>,
    /// The highest of `discounts`.
    highest: f32,
    length: Option<Column<u64>>,
    order: Option<Column<u64>>,
    n: usize,
    best: BinaryHeap<Ranked>,
}

impl Collector for Levelled {
    type Fruit = Vec<Ranked>;
    type Child = LevelledSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<LevelledSegment> {
        let levels = self
            .levels
            .iter()
            .map(|w| w.as_ref().map(|w| w.member(reader)).transpose())
            .collect::<tantivy::Result<Vec<_>>>()?;
        let fast = reader.fast_fields();
        Ok(LevelledSegment {
            segment,
            levels,
            discounts: self.discounts.clone(),
            highest: self.discounts.iter().copied().fold(0.0, f32::max),
            length: self
                .length_prior
                .then(|| fast.u64(name::LENGTH).ok())
                .flatten(),
            order: fast.u64(name::ORDER).ok(),
            n: self.n.max(1),
            best: BinaryHeap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    /// Only the matches that may still be kept are asked for: once `n` are kept, Tantivy skips
    /// the blocks of postings whose best score, at the highest discount factor, could not beat
    /// the worst kept (block-max WAND, where the query is a union of words).
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<Ranked>> {
        let mut child = self.for_segment(segment, reader)?;
        let alive = reader.alive_bitset();
        weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                child.collect(doc, score);
            }
            child.threshold()
        })?;
        Ok(child.harvest())
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Ranked>>) -> tantivy::Result<Vec<Ranked>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl LevelledSegment {
    /// The score a match must exceed to be asked about: below it, even the highest discount
    /// factor and no length discount leave it under the worst kept (`collect` checks exactly;
    /// the margin covers rounding).
    fn threshold(&self) -> Score {
        match self.best.peek() {
            Some(worst) if self.best.len() >= self.n && self.highest > 0.0 => {
                worst.key / self.highest * (1.0 - 1e-5)
            }
            _ => Score::MIN,
        }
    }

    /// The level of `doc`, if it has one.
    fn level(&mut self, doc: DocId) -> Option<usize> {
        for (i, level) in self.levels.iter_mut().enumerate() {
            if level.as_mut().is_none_or(|member| member.holds(doc)) {
                return Some(i);
            }
        }
        None
    }
}

/// How to tell whether a passage matches a level's query. A query that requires at least k
/// (two or more) of its optional clauses is told clause by clause, each clause moved forward
/// to the passage: Tantivy's scorer for it moves through every match on the way.
enum MemberWeight {
    Whole(Box<dyn Weight>),
    AtLeast {
        must: Vec<MemberWeight>,
        should: Vec<MemberWeight>,
        must_not: Vec<MemberWeight>,
        k: usize,
    },
}

impl MemberWeight {
    fn of(query: &dyn Query, scoring: EnableScoring) -> tantivy::Result<MemberWeight> {
        if let Some(boolean) = query.downcast_ref::<BooleanQuery>()
            && boolean.get_minimum_number_should_match() >= 2
        {
            let (mut must, mut should, mut must_not) = (Vec::new(), Vec::new(), Vec::new());
            for (occur, clause) in boolean.clauses() {
                let weight = MemberWeight::of(clause.as_ref(), scoring)?;
                match occur {
                    Occur::Must => must.push(weight),
                    Occur::Should => should.push(weight),
                    Occur::MustNot => must_not.push(weight),
                }
            }
            return Ok(MemberWeight::AtLeast {
                must,
                should,
                must_not,
                k: boolean.get_minimum_number_should_match(),
            });
        }
        Ok(MemberWeight::Whole(query.weight(scoring)?))
    }

    fn member(&self, reader: &SegmentReader) -> tantivy::Result<Member> {
        let all = |weights: &[MemberWeight]| -> tantivy::Result<Vec<Member>> {
            weights.iter().map(|w| w.member(reader)).collect()
        };
        Ok(match self {
            MemberWeight::Whole(weight) => Member::Whole(weight.scorer(reader, 1.0)?),
            MemberWeight::AtLeast {
                must,
                should,
                must_not,
                k,
            } => Member::AtLeast {
                must: all(must)?,
                should: all(should)?,
                must_not: all(must_not)?,
                k: *k,
            },
        })
    }
}

/// [`MemberWeight`] in one segment, asked about passages in increasing order.
enum Member {
    Whole(Box<dyn Scorer>),
    AtLeast {
        must: Vec<Member>,
        should: Vec<Member>,
        must_not: Vec<Member>,
        k: usize,
    },
}

impl Member {
    /// Whether passage `doc` matches (never asked about an earlier passage than before; a
    /// clause left behind is moved forward when next asked).
    fn holds(&mut self, doc: DocId) -> bool {
        match self {
            Member::Whole(scorer) => {
                if scorer.doc() < doc {
                    scorer.seek(doc);
                }
                scorer.doc() == doc
            }
            Member::AtLeast {
                must,
                should,
                must_not,
                k,
            } => {
                if !must.iter_mut().all(|m| m.holds(doc))
                    || must_not.iter_mut().any(|m| m.holds(doc))
                {
                    return false;
                }
                let mut matched = 0;
                for m in should.iter_mut() {
                    if m.holds(doc) {
                        matched += 1;
                        if matched >= *k {
                            return true;
                        }
                    }
                }
                false
            }
        }
    }
}

impl SegmentCollector for LevelledSegment {
    type Fruit = Vec<Ranked>;

    fn collect(&mut self, doc: DocId, score: Score) {
        // The length prior is at most 1: a passage that could not beat the worst kept even
        // at the highest discount factor needs no level and no prior.
        if self.best.len() >= self.n
            && self
                .best
                .peek()
                .is_some_and(|worst| worst.key > score * self.highest)
        {
            return;
        }
        let Some(level) = self.level(doc) else {
            return;
        };
        let prior = match &self.length {
            Some(length) => length_prior(length.first(doc).unwrap_or(u64::MAX)),
            None => 1.0,
        };
        let score = score * prior;
        let key = score * self.discounts[level];
        if self.best.len() >= self.n && self.best.peek().is_some_and(|worst| worst.key > key) {
            return;
        }
        let order = self
            .order
            .as_ref()
            .and_then(|c| c.first(doc))
            .unwrap_or(u64::MAX);
        let candidate = Ranked {
            key,
            level,
            order,
            score,
            addr: DocAddress::new(self.segment, doc),
        };
        if self.best.len() < self.n {
            self.best.push(candidate);
        } else if self.best.peek().is_some_and(|worst| candidate < *worst) {
            self.best.pop();
            self.best.push(candidate);
        }
    }

    fn harvest(self) -> Vec<Ranked> {
        self.best.into_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked(key: f32, level: usize, order: u64) -> Ranked {
        Ranked {
            key,
            level,
            order,
            score: key,
            addr: DocAddress::new(0, order as DocId),
        }
    }

    /// Membership told clause by clause agrees with Tantivy's own matching of the query.
    #[test]
    fn test_membership_clause_by_clause_agrees_with_the_query() {
        use tantivy::collector::DocSetCollector;
        use tantivy::query::TermQuery;
        use tantivy::schema::{IndexRecordOption, Schema, TEXT};
        use tantivy::{Index, TantivyDocument, Term};

        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let words = ["a", "b", "c", "d", "x"];
        // Every combination of the five words, one passage each.
        for mask in 0u32..32 {
            let body: Vec<&str> = (0..5)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| words[i])
                .collect();
            let mut doc = TantivyDocument::default();
            doc.add_text(text, format!("z {}", body.join(" ")));
            writer.add_document(doc).expect("add");
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let term = |w: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(text, w),
                IndexRecordOption::Basic,
            ))
        };
        for k in [2, 3] {
            let query = BooleanQuery::with_minimum_required_clauses(
                vec![
                    (Occur::Should, term("a")),
                    (Occur::Should, term("b")),
                    (Occur::Should, term("c")),
                    (Occur::Must, term("z")),
                    (Occur::MustNot, term("x")),
                ],
                k,
            );
            let expected = searcher.search(&query, &DocSetCollector).expect("search");
            let scoring = EnableScoring::disabled_from_searcher(&searcher);
            let weight = MemberWeight::of(&query, scoring).expect("weight");
            assert!(matches!(weight, MemberWeight::AtLeast { .. }));
            let mut member = weight.member(searcher.segment_reader(0)).expect("member");
            let found: Vec<DocId> = (0..32).filter(|&d| member.holds(d)).collect();
            let mut expected: Vec<DocId> = expected.iter().map(|a| a.doc_id).collect();
            expected.sort_unstable();
            assert_eq!(found, expected, "at least {k}");
            assert!(!found.is_empty());
        }
    }

    #[test]
    fn test_candidates_go_by_discounted_score_then_level_then_reading_order() {
        let mut all = [
            ranked(1.0, 2, 5),
            ranked(2.0, 1, 9),
            ranked(1.0, 1, 7),
            ranked(1.0, 1, 3),
            ranked(3.0, 0, 1),
        ];
        all.sort_by(Ranked::best_first);
        let orders: Vec<u64> = all.iter().map(|r| r.order).collect();
        assert_eq!(orders, [1, 9, 3, 7, 5]);
        // The heap's top is the worst kept: the one a better candidate replaces.
        let mut heap: BinaryHeap<Ranked> = all.iter().copied().collect();
        assert_eq!(heap.peek().map(|r| r.order), Some(5));
        heap.pop();
        assert_eq!(heap.peek().map(|r| r.order), Some(7));
    }
}
