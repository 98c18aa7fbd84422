//! Ranking: the best passages by score (BM25 times a length prior), passages with every word
//! of the query before those with some, or by date.

use anyhow::{Context, Result};
use tantivy::collector::sort_key::NaturalComparator;
use tantivy::collector::{SegmentSortKeyComputer, SortKeyComputer, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, EnableScoring, Query};
use tantivy::{DocAddress, DocId, DocSet, Order, Score, SegmentReader, TERMINATED};

use super::{Prepared, Searcher, Sort};
use crate::index::schema::name;

/// Passages shorter than this (in bytes) are discounted: BM25 favours short texts, and a
/// one-line "The Inflation Reduction Act." should not outrank an answer that explains it.
const SHORT_PASSAGE_BYTES: f32 = 160.0;

/// Multiplier in (0, 1] applied to a passage's score, by its length.
fn length_prior(bytes: u64) -> f32 {
    (bytes as f32 / SHORT_PASSAGE_BYTES)
        .clamp(0.05, 1.0)
        .powf(0.3)
}

/// A ranked passage.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scored {
    pub score: f32,
    pub addr: DocAddress,
    /// It matches the query as typed (rather than fewer of its words).
    pub exact: bool,
}

impl Searcher {
    /// The `n` best passages in `sort` order, with their scores (0 when the query is `*`). By
    /// score, the passages that match the query as typed come first, then (if the ranking
    /// fills) those that match fewer of its words.
    pub(super) fn top(&self, prepared: &Prepared, sort: Sort, n: usize) -> Result<Vec<Scored>> {
        let n = n.max(1);
        if sort != Sort::Score {
            let addrs: Vec<DocAddress> = if sort == Sort::Date {
                let collector =
                    TopDocs::with_limit(n).order_by_fast_field::<u64>(name::ORDER, Order::Asc);
                let top = self.searcher.search(&prepared.query, &collector);
                top.context("search failed")?
                    .into_iter()
                    .map(|(_, a)| a)
                    .collect()
            } else {
                let collector = TopDocs::with_limit(n).order_by(NewestFirst);
                let top = self.searcher.search(&prepared.query, &collector);
                top.context("search failed")?
                    .into_iter()
                    .map(|(_, a)| a)
                    .collect()
            };
            let scores = if prepared.built.match_all {
                vec![0.0; addrs.len()]
            } else {
                self.scores(prepared, &addrs)?
            };
            return Ok(scores
                .into_iter()
                .zip(addrs)
                .map(|(score, addr)| Scored {
                    score,
                    addr,
                    exact: true,
                })
                .collect());
        }
        let mut ranked: Vec<Scored> = self
            .top_by_score(&prepared.query, prepared.length_prior, n)?
            .into_iter()
            .map(|(score, addr)| Scored {
                score,
                addr,
                exact: true,
            })
            .collect();
        if let Some(fill) = prepared.fill.as_ref().filter(|_| ranked.len() < n) {
            let more = self.top_by_score(fill, prepared.length_prior, n - ranked.len())?;
            ranked.extend(more.into_iter().map(|(score, addr)| Scored {
                score,
                addr,
                exact: false,
            }));
        }
        Ok(ranked)
    }

    /// The best `n` passages matching `query` by score.
    ///
    /// The ranking is BM25 times a length prior of at most 1. Tantivy finds the best
    /// plain BM25 scores quickly (block-max WAND skips most matches), so the best `n` by final
    /// score are found among the best `m` by BM25, for `m` grown until the `m`-th BM25 score
    /// is below the `n`-th final score: no passage further down can overtake. Exact, and a
    /// small fraction of the work of scoring every match.
    pub(super) fn top_by_score(
        &self,
        query: &BooleanQuery,
        length_prior: bool,
        n: usize,
    ) -> Result<Vec<(f32, DocAddress)>> {
        let mut m = (n * 4).max(40);
        loop {
            let plain = self
                .searcher
                .search(query, &TopDocs::with_limit(m).order_by_score())
                .context("search failed")?;
            let mut ranked: Vec<(f32, u64, DocAddress)> = plain
                .iter()
                .map(|&(score, addr)| {
                    (
                        score * self.prior(length_prior, addr),
                        self.order(addr),
                        addr,
                    )
                })
                .collect();
            // Equal scores in reading order (date, briefing, passage), whatever the segments.
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            let exhausted = plain.len() < m;
            let safe = match (ranked.get(n - 1), plain.last()) {
                (Some(nth_final), Some(last_plain)) => last_plain.0 < nth_final.0,
                _ => false,
            };
            if exhausted || safe {
                ranked.truncate(n);
                return Ok(ranked.into_iter().map(|(s, _, a)| (s, a)).collect());
            }
            m *= 4;
        }
    }

    /// The length prior of a passage, if the ranking uses one.
    fn prior(&self, discount: bool, addr: DocAddress) -> f32 {
        if discount {
            length_prior(self.length(addr))
        } else {
            1.0
        }
    }

    /// A passage's chronological sort key (the tie-break of equal scores).
    fn order(&self, addr: DocAddress) -> u64 {
        self.searcher
            .segment_reader(addr.segment_ord)
            .fast_fields()
            .u64(name::ORDER)
            .ok()
            .and_then(|c| c.first(addr.doc_id))
            .unwrap_or(u64::MAX)
    }

    /// A passage's length in bytes (for the length prior).
    fn length(&self, addr: DocAddress) -> u64 {
        self.searcher
            .segment_reader(addr.segment_ord)
            .fast_fields()
            .u64(name::LENGTH)
            .ok()
            .and_then(|c| c.first(addr.doc_id))
            .unwrap_or(u64::MAX)
    }

    /// The relevance score of each passage in `addrs` (for results sorted by date).
    pub(super) fn scores(&self, prepared: &Prepared, addrs: &[DocAddress]) -> Result<Vec<f32>> {
        let weight = prepared
            .query
            .weight(EnableScoring::enabled_from_searcher(&self.searcher))
            .context("cannot score the query")?;
        addrs
            .iter()
            .map(|addr| {
                let reader = self.searcher.segment_reader(addr.segment_ord);
                let mut scorer = weight
                    .scorer(reader, 1.0)
                    .context("cannot score the query")?;
                if scorer.seek(addr.doc_id) != addr.doc_id || scorer.doc() == TERMINATED {
                    return Ok(0.0);
                }
                Ok(scorer.score() * self.prior(prepared.length_prior, *addr))
            })
            .collect()
    }
}

/// The passage bits of the `order` key (date, briefing, passage): see `index::document`.
const PASSAGE_BITS: u64 = 0xFFFF;

/// `--sort -date`: newest briefing first, and a briefing's passages in reading order, so that
/// a briefing reads as it was said. The `order` key with its date and briefing bits as they
/// are and its passage bits reversed, largest first.
struct NewestFirst;

fn newest_first_key(order: u64) -> u64 {
    (order & !PASSAGE_BITS) | (PASSAGE_BITS - (order & PASSAGE_BITS))
}

impl SortKeyComputer for NewestFirst {
    type SortKey = u64;
    type Child = NewestFirstInSegment;
    type Comparator = NaturalComparator;

    fn segment_sort_key_computer(&self, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(NewestFirstInSegment {
            order: reader.fast_fields().u64(name::ORDER)?,
        })
    }
}

struct NewestFirstInSegment {
    order: Column<u64>,
}

impl SegmentSortKeyComputer for NewestFirstInSegment {
    type SortKey = u64;
    type SegmentSortKey = u64;
    type SegmentComparator = NaturalComparator;

    fn segment_sort_key(&mut self, doc: DocId, _score: Score) -> u64 {
        self.order.first(doc).map_or(0, newest_first_key)
    }

    fn convert_segment_sort_key(&self, key: u64) -> u64 {
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_newest_first_keeps_passages_of_a_briefing_in_reading_order() {
        let key = |day: u64, briefing: u64, passage: u64| (day << 40) | (briefing << 16) | passage;
        let mut orders = [
            key(10, 7, 1),
            key(10, 7, 2),
            key(11, 3, 5),
            key(11, 3, 1),
            key(10, 9, 1),
        ];
        orders.sort_by_key(|&o| std::cmp::Reverse(newest_first_key(o)));
        assert_eq!(
            orders,
            [
                key(11, 3, 1),
                key(11, 3, 5),
                key(10, 9, 1),
                key(10, 7, 1),
                key(10, 7, 2)
            ]
        );
    }

    #[test]
    fn test_length_prior_discounts_only_short_passages() {
        assert_eq!(length_prior(160), 1.0);
        assert_eq!(length_prior(5_000), 1.0);
        assert!(length_prior(20) < length_prior(80));
        assert!(length_prior(80) < 1.0);
        assert!(length_prior(0) > 0.0);
    }
}
