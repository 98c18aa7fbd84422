//! Ranking: the best passages by score (BM25 times a length prior), passages with every word
//! of the query before those with some, or by date.

use anyhow::{Context, Result};
use tantivy::collector::sort_key::NaturalComparator;
use tantivy::collector::{SegmentSortKeyComputer, SortKeyComputer, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, EnableScoring, Query, Weight};
use tantivy::{DocAddress, DocId, DocSet, Order, Score, SegmentReader, TERMINATED};

use super::{Prepared, Searcher, Sort};
use crate::index::schema::name;

/// Passages shorter than this (in bytes) are discounted: BM25 favours short texts, and a
/// one-line "The Inflation Reduction Act." should not outrank an answer that explains it.
const SHORT_PASSAGE_BYTES: f32 = 160.0;

/// Multiplier in (0, 1] applied to a passage's score, by its length.
pub(super) fn length_prior(bytes: u64) -> f32 {
    (bytes as f32 / SHORT_PASSAGE_BYTES)
        .clamp(0.05, 1.0)
        .powf(0.3)
}

/// Which passages a ranked passage is among, in the order they are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Tier {
    /// Matches the query as typed, in its own text.
    Exact,
    /// An answer that matches with the words of the question it replies to.
    Question,
    /// Matches fewer of the query's words.
    Partial,
}

/// A ranked passage.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scored {
    pub score: f32,
    /// What the passage was ranked by in its list: its score, discounted by its level among
    /// the passages with fewer of the words (see `Prepared::level_discount`).
    pub key: f32,
    pub addr: DocAddress,
    pub tier: Tier,
    /// Reached only through its counterpart in the other language (`--cross`).
    pub via_counterpart: bool,
}

impl Searcher {
    /// The `n` best passages in `sort` order, with their scores (0 when the query is `*`). By
    /// score, the passages that match the query as typed come first, then the answers that
    /// match through their question, then those that match fewer of its words.
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
                    key: score,
                    addr,
                    tier: Tier::Exact,
                    via_counterpart: false,
                })
                .collect());
        }
        let mut ranked: Vec<Scored> = Vec::new();
        let tiers = [
            (Some(&prepared.query), Tier::Exact),
            (prepared.through_question.as_ref(), Tier::Question),
        ];
        for (query, tier) in tiers {
            let Some(query) = query.filter(|_| ranked.len() < n) else {
                continue;
            };
            let more = self.top_by_score(query, prepared.length_prior, n - ranked.len())?;
            ranked.extend(more.into_iter().map(|(score, addr)| Scored {
                score,
                key: score,
                addr,
                tier,
                via_counterpart: false,
            }));
        }
        // Passages with fewer of the words, by their score discounted by level.
        if ranked.len() < n
            && let Some(partial) = &prepared.partial
        {
            let wanted = n - ranked.len();
            let found = partial.top(
                &self.searcher,
                prepared.length_prior,
                prepared.level_discount,
                wanted,
            )?;
            ranked.extend(found.into_iter().map(|p| Scored {
                score: p.score,
                key: p.key,
                addr: p.addr,
                tier: Tier::Partial,
                via_counterpart: false,
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
        self.rank_columns(addr)
            .and_then(|c| c.order.as_ref())
            .and_then(|c| c.first(addr.doc_id))
            .unwrap_or(u64::MAX)
    }

    /// A passage's length in bytes (for the length prior).
    fn length(&self, addr: DocAddress) -> u64 {
        self.rank_columns(addr)
            .and_then(|c| c.length.as_ref())
            .and_then(|c| c.first(addr.doc_id))
            .unwrap_or(u64::MAX)
    }

    /// The ranking columns of `addr`'s segment.
    fn rank_columns(&self, addr: DocAddress) -> Option<&RankColumns> {
        let open = || {
            let fast = self.searcher.segment_reader(addr.segment_ord).fast_fields();
            RankColumns {
                order: fast.u64(name::ORDER).ok(),
                length: fast.u64(name::LENGTH).ok(),
            }
        };
        self.rank_columns
            .get(addr.segment_ord as usize)
            .map(|cell| cell.get_or_init(open))
    }

    /// The score `query` gives the passage at `addr` (0 if it does not match).
    pub(super) fn score_at(&self, query: &dyn Query, addr: DocAddress) -> Result<f32> {
        let weight = query
            .weight(EnableScoring::enabled_from_searcher(&self.searcher))
            .context("cannot score the query")?;
        self.score_with(weight.as_ref(), addr)
    }

    /// The score `weight` gives the passage at `addr` (0 if it does not match).
    fn score_with(&self, weight: &dyn Weight, addr: DocAddress) -> Result<f32> {
        let reader = self.searcher.segment_reader(addr.segment_ord);
        let mut scorer = weight
            .scorer(reader, 1.0)
            .context("cannot score the query")?;
        if scorer.seek(addr.doc_id) != addr.doc_id || scorer.doc() == TERMINATED {
            return Ok(0.0);
        }
        Ok(scorer.score())
    }

    /// The length prior of the passage at `addr` (1 when the ranking uses none).
    pub(super) fn prior_at(&self, length_prior: bool, addr: DocAddress) -> f32 {
        self.prior(length_prior, addr)
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
                Ok(self.score_with(weight.as_ref(), *addr)?
                    * self.prior(prepared.length_prior, *addr))
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

/// Ranked lists of passages of different languages as one list of `n`, tier by tier. Among
/// the passages that hold every word, each passage goes by its score relative to the best of
/// its language (so the best passage of each language comes first, then the next best of
/// either); the looser tiers, where a passage holds the words of one script only, go by score
/// (discounted by level, as each list was ranked: the merge of two lists is then the same
/// whatever their length).
pub(super) fn interleave(lists: Vec<Vec<Scored>>, n: usize) -> Vec<Scored> {
    let mut all: Vec<(Tier, f32, usize, usize, Scored)> = Vec::new();
    for (l, list) in lists.into_iter().enumerate() {
        let best = list
            .iter()
            .filter(|s| s.tier == Tier::Exact)
            .map(|s| s.score)
            .fold(0.0f32, f32::max);
        for (pos, s) in list.iter().enumerate() {
            let key = match s.tier {
                Tier::Exact if best > 0.0 => s.score / best,
                _ => s.key,
            };
            all.push((s.tier, key, pos, l, *s));
        }
    }
    all.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| b.1.total_cmp(&a.1))
            .then_with(|| a.2.cmp(&b.2))
            .then_with(|| a.3.cmp(&b.3))
    });
    all.into_iter().take(n).map(|(.., s)| s).collect()
}

/// The passages that match a query's translation (`direct`) ranked with those reached through
/// their counterparts (`reached`: each with the score and tier of the counterpart's match of
/// the query as typed). Each list's scores are taken relative to its best, so that the two
/// languages' BM25 scores can be compared; a passage in both lists adds the two, so that
/// agreement counts. A passage ranks in the better of its tiers (a counterpart of a passage
/// with every word is among the passages with every word), and keeps the place it had in
/// `direct` on ties. The best `n`, scored on the scale of `direct`'s best.
pub(super) fn with_counterparts(
    direct: Vec<Scored>,
    reached: Vec<Scored>,
    n: usize,
) -> Vec<Scored> {
    if reached.is_empty() {
        return direct;
    }
    let best = |list: &[Scored]| {
        let exact = list
            .iter()
            .filter(|s| s.tier == Tier::Exact)
            .map(|s| s.score)
            .fold(0.0f32, f32::max);
        if exact > 0.0 {
            exact
        } else {
            list.iter().map(|s| s.score).fold(0.0f32, f32::max)
        }
    };
    let (d, r) = (best(&direct), best(&reached));
    let relative = |score: f32, best: f32| if best > 0.0 { score / best } else { 0.0 };
    let scale = if d > 0.0 { d } else { r.max(1.0) };
    // Address → (tier, relative score, position, scored).
    let mut all: Vec<(Tier, f32, usize, Scored)> = direct
        .iter()
        .enumerate()
        .map(|(pos, s)| (s.tier, relative(s.score, d), pos, *s))
        .collect();
    for s in reached {
        let key = relative(s.score, r);
        match all.iter_mut().find(|e| e.3.addr == s.addr) {
            Some(e) => {
                e.0 = e.0.min(s.tier);
                e.1 += key;
            }
            None => {
                let pos = usize::MAX;
                all.push((s.tier, key, pos, s));
            }
        }
    }
    all.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| b.1.total_cmp(&a.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    all.into_iter()
        .take(n)
        .map(|(tier, key, _, s)| Scored {
            score: key * scale,
            tier,
            ..s
        })
        .collect()
}

/// The columns a segment's hits are ranked with.
pub(crate) struct RankColumns {
    order: Option<Column<u64>>,
    length: Option<Column<u64>>,
}

#[cfg(test)]
mod tests;
