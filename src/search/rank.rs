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
fn length_prior(bytes: u64) -> f32 {
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
        // Passages with fewer of the words: each level's best, its scores discounted by how
        // many words its passages lack, merged by the discounted score.
        if ranked.len() < n && !prepared.fill.is_empty() {
            let wanted = n - ranked.len();
            let mut partial: Vec<(f32, Scored)> = Vec::new();
            let mut discount = 1.0;
            for level in &prepared.fill {
                for (score, addr) in self.top_by_score(level, prepared.length_prior, wanted)? {
                    let tier = Tier::Partial;
                    let scored = Scored {
                        score,
                        key: score * discount,
                        addr,
                        tier,
                        via_counterpart: false,
                    };
                    partial.push((score * discount, scored));
                }
                discount *= prepared.level_discount;
            }
            partial.sort_by(|a, b| b.0.total_cmp(&a.0));
            ranked.extend(partial.into_iter().take(wanted).map(|(_, s)| s));
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
mod tests {
    use super::*;

    fn scored(score: f32, doc: u32, tier: Tier) -> Scored {
        Scored {
            score,
            key: score,
            addr: DocAddress::new(0, doc),
            tier,
            via_counterpart: false,
        }
    }

    #[test]
    fn test_counterparts_rank_by_their_match_relative_to_the_best() {
        let direct = vec![
            scored(8.0, 1, Tier::Exact),
            scored(4.0, 2, Tier::Exact),
            scored(3.0, 3, Tier::Partial),
        ];
        let reached = |score: f32, doc: u32, tier: Tier| Scored {
            via_counterpart: true,
            ..scored(score, doc, tier)
        };
        let ranked = with_counterparts(
            direct.clone(),
            vec![
                reached(20.0, 2, Tier::Exact),
                reached(15.0, 9, Tier::Exact),
                reached(1.0, 3, Tier::Partial),
                reached(30.0, 7, Tier::Partial),
            ],
            10,
        );
        let docs: Vec<u32> = ranked.iter().map(|s| s.addr.doc_id).collect();
        // 2: 0.5 + 1.0; 1: 1.0; 9: 0.75; then the partial ones: 7: 1.5, 3: 0.375 + 0.05.
        assert_eq!(docs, [2, 1, 9, 7, 3]);
        assert!(!ranked[0].via_counterpart, "found by the translation too");
        assert!(ranked[2].via_counterpart);
        assert!(
            (ranked[0].score - 12.0).abs() < 1e-4,
            "on the scale of the direct best"
        );
        assert_eq!(with_counterparts(direct.clone(), vec![], 10).len(), 3);
        assert_eq!(
            with_counterparts(direct, vec![reached(1.0, 9, Tier::Exact)], 2).len(),
            2
        );
    }

    #[test]
    fn test_two_languages_interleave_by_relative_score_tier_by_tier() {
        let en = vec![
            scored(12.0, 1, Tier::Exact),
            scored(11.0, 2, Tier::Exact),
            scored(3.0, 3, Tier::Partial),
        ];
        let zh = vec![
            scored(30.0, 11, Tier::Exact),
            scored(10.0, 12, Tier::Exact),
            scored(20.0, 13, Tier::Partial),
        ];
        let docs: Vec<u32> = interleave(vec![en, zh], 6)
            .iter()
            .map(|s| s.addr.doc_id)
            .collect();
        // 1.0 (en), 1.0 (zh), 0.92 (en), 0.33 (zh); then the partial tier by score.
        assert_eq!(docs, [1, 11, 2, 12, 13, 3]);
    }

    #[test]
    fn test_partial_passages_interleave_as_their_lists_ranked_them_whatever_the_lengths() {
        // Each list ranks its partial passages by score discounted by level (one with fewer
        // of the words comes after a lower score with more of them).
        let partial = |score: f32, key: f32, doc: u32| Scored {
            key,
            ..scored(score, doc, Tier::Partial)
        };
        let en = vec![
            partial(10.0, 10.0, 1),
            partial(30.0, 9.0, 2),
            partial(8.0, 8.0, 3),
        ];
        let zh = vec![partial(9.5, 9.5, 11), partial(25.0, 7.5, 12)];
        let docs = |lists: Vec<Vec<Scored>>, n: usize| -> Vec<u32> {
            interleave(lists, n).iter().map(|s| s.addr.doc_id).collect()
        };
        assert_eq!(docs(vec![en.clone(), zh.clone()], 5), [1, 11, 2, 3, 12]);
        // Lists cut shorter (as a smaller page ranks them) give a prefix of the same order.
        assert_eq!(docs(vec![en[..2].to_vec(), zh[..1].to_vec()], 2), [1, 11]);
    }

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
