//! Aligning the turns of two versions of one briefing, English and Chinese, and the passages
//! within aligned turns.
//!
//! Turns are aligned by a monotone dynamic programme (an edit distance where a turn may stay
//! unmatched: one version lost a question, or glued it to the previous answer). A question
//! matches only a question, an answer or remarks only an answer or remarks, and the score of a
//! match is the agreement of the two turns: the same outlet (`outlet_id`, which is one for
//! 法新社 and AFP), numbers written in both, Latin-script words of the Chinese found in the
//! English, and lengths in the usual proportion. Within two aligned turns, each passage's
//! counterpart is the passage at the same relative position by length.
//!
//! Pure: passages in, alignment out; reading the index is the caller's business.

mod turn;

use std::collections::HashSet;

use crate::briefing::Kind;
use crate::search::StoredPassage;
use turn::{Turn, compatible, said_alike, score, turns};

/// One row of the two versions in reading order: a turn of each, aligned, or a turn of one
/// that the other lacks. Ranges index the passage lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub en: Option<std::ops::Range<usize>>,
    pub zh: Option<std::ops::Range<usize>>,
}

/// The alignment of two versions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Alignment {
    pub rows: Vec<Row>,
    /// For each English passage, the index of its Chinese counterpart.
    pub en_to_zh: Vec<Option<usize>>,
    /// For each Chinese passage, the index of its English counterpart.
    pub zh_to_en: Vec<Option<usize>>,
    /// Turns that can be aligned (questions, answers, remarks) in each version.
    pub turns: (usize, usize),
    /// Aligned turn pairs, and the sum of their scores.
    pub matched: usize,
    pub score: f64,
    /// The mean share of the aligned turns' translated words found in their counterparts
    /// (see [`Lexical`]), when words were compared.
    pub said_alike: Option<f64>,
}

/// How the words of two turns are compared: the analysed words of an English text, and for
/// each word of a Chinese text the analysed words of its English translations.
pub(crate) struct Lexical<'a> {
    pub en_words: &'a dyn Fn(&str) -> HashSet<String>,
    pub zh_glosses: &'a dyn Fn(&str) -> Vec<Vec<String>>,
}

/// Aligns `en` and `zh`, each the passages of one version in reading order, by form alone.
#[cfg(test)]
pub(crate) fn align(en: &[StoredPassage], zh: &[StoredPassage]) -> Alignment {
    align_with(en, zh, None)
}

/// Aligns `en` and `zh`; with `lexical`, the words of two turns must also say the same.
pub(crate) fn align_with(
    en: &[StoredPassage],
    zh: &[StoredPassage],
    lexical: Option<&Lexical>,
) -> Alignment {
    let en_turns = turns(en, false, lexical);
    let zh_turns = turns(zh, true, lexical);
    let alignable = |t: &&Turn| t.kind != Kind::Narration;
    let (pairs, best) = best_path(&en_turns, &zh_turns);
    let scored = pairs
        .iter()
        .filter(|(e, z)| e.is_some() && z.is_some())
        .count();
    let pairs = fill_gaps(pairs, &en_turns, &zh_turns);
    let mut alignment = Alignment {
        rows: Vec::with_capacity(pairs.len()),
        en_to_zh: vec![None; en.len()],
        zh_to_en: vec![None; zh.len()],
        turns: (
            en_turns.iter().filter(alignable).count(),
            zh_turns.iter().filter(alignable).count(),
        ),
        matched: scored,
        score: best,
        said_alike: None,
    };
    let shares: Vec<f64> = pairs
        .iter()
        .filter_map(|&(e, z)| said_alike(&en_turns[e?], &zh_turns[z?]))
        .collect();
    if !shares.is_empty() {
        alignment.said_alike = Some(shares.iter().sum::<f64>() / shares.len() as f64);
    }
    for (e, z) in pairs {
        let (et, zt) = (e.map(|e| &en_turns[e]), z.map(|z| &zh_turns[z]));
        if let (Some(et), Some(zt)) = (et, zt) {
            map_passages(en, et, zh, zt, &mut alignment.en_to_zh, false);
            map_passages(zh, zt, en, et, &mut alignment.zh_to_en, true);
        }
        alignment.rows.push(Row {
            en: et.map(|t| t.passages.clone()),
            zh: zt.map(|t| t.passages.clone()),
        });
    }
    alignment
}

/// The best path through the dynamic programme, as turn pairs in reading order, and its score.
fn best_path(en_turns: &[Turn], zh_turns: &[Turn]) -> (Vec<TurnPair>, f64) {
    let (n, m) = (en_turns.len(), zh_turns.len());
    // best[i][j]: the best score aligning the first i English and j Chinese turns.
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    let mut step = vec![vec![Step::Start; m + 1]; n + 1];
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            let mut choice = (f64::NEG_INFINITY, Step::Start);
            if i > 0
                && j > 0
                && let Some(s) = score(&en_turns[i - 1], &zh_turns[j - 1])
            {
                choice = (best[i - 1][j - 1] + s, Step::Match);
            }
            if i > 0 && best[i - 1][j] > choice.0 {
                choice = (best[i - 1][j], Step::SkipEn);
            }
            if j > 0 && best[i][j - 1] > choice.0 {
                choice = (best[i][j - 1], Step::SkipZh);
            }
            (best[i][j], step[i][j]) = choice;
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        match step[i][j] {
            Step::Match => {
                pairs.push((Some(i - 1), Some(j - 1)));
                (i, j) = (i - 1, j - 1);
            }
            Step::SkipEn => {
                pairs.push((Some(i - 1), None));
                i -= 1;
            }
            Step::SkipZh | Step::Start => {
                pairs.push((None, Some(j - 1)));
                j -= 1;
            }
        }
    }
    pairs.reverse();
    (pairs, best[n][m])
}

/// A row of the alignment: a turn of each version (indices into their turn lists), or of one.
type TurnPair = (Option<usize>, Option<usize>);

/// Between two aligned turns (or before the first, or after the last), the turns left out in
/// each version pair up in order when they are as many and of matching kinds: one version's
/// turn differs too much for the score (the scrape glued page furniture to the last answer,
/// or a translation was shortened), but its place says what it is.
fn fill_gaps(pairs: Vec<TurnPair>, en: &[Turn], zh: &[Turn]) -> Vec<TurnPair> {
    let mut out: Vec<TurnPair> = Vec::with_capacity(pairs.len());
    let mut gap: Vec<TurnPair> = Vec::new();
    let flush = |gap: &mut Vec<TurnPair>, out: &mut Vec<TurnPair>| {
        let alignable = |t: &Turn| t.kind != Kind::Narration;
        let en_gap: Vec<usize> = gap.iter().filter_map(|p| p.0).collect();
        let zh_gap: Vec<usize> = gap.iter().filter_map(|p| p.1).collect();
        let en_kinds: Vec<usize> = en_gap
            .iter()
            .copied()
            .filter(|&i| alignable(&en[i]))
            .collect();
        let zh_kinds: Vec<usize> = zh_gap
            .iter()
            .copied()
            .filter(|&j| alignable(&zh[j]))
            .collect();
        let fits = !en_kinds.is_empty()
            && en_kinds.len() == zh_kinds.len()
            && en_kinds
                .iter()
                .zip(&zh_kinds)
                .all(|(&i, &j)| compatible(en[i].kind, zh[j].kind));
        if !fits {
            out.append(gap);
            return;
        }
        let (mut e, mut z) = (en_gap.into_iter().peekable(), zh_gap.into_iter().peekable());
        loop {
            match (e.peek().copied(), z.peek().copied()) {
                (Some(i), _) if !alignable(&en[i]) => {
                    out.push((Some(i), None));
                    e.next();
                }
                (_, Some(j)) if !alignable(&zh[j]) => {
                    out.push((None, Some(j)));
                    z.next();
                }
                (Some(i), Some(j)) => {
                    out.push((Some(i), Some(j)));
                    e.next();
                    z.next();
                }
                (Some(i), None) => {
                    out.push((Some(i), None));
                    e.next();
                }
                (None, Some(j)) => {
                    out.push((None, Some(j)));
                    z.next();
                }
                (None, None) => break,
            }
        }
        gap.clear();
    };
    for pair in pairs {
        if pair.0.is_some() && pair.1.is_some() {
            flush(&mut gap, &mut out);
            out.push(pair);
        } else {
            gap.push(pair);
        }
    }
    flush(&mut gap, &mut out);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Start,
    Match,
    SkipEn,
    SkipZh,
}

/// Sets the counterpart of each passage of `turn` (of `from`) to the passage of `other` (of
/// `to`) at the same relative position by length: the one whose span holds its middle.
fn map_passages(
    from: &[StoredPassage],
    turn: &Turn,
    to: &[StoredPassage],
    other: &Turn,
    out: &mut [Option<usize>],
    from_chinese: bool,
) {
    let len = |p: &StoredPassage, chinese: bool| {
        if chinese {
            p.text.chars().count().max(1) as f64
        } else {
            p.text.len().max(1) as f64
        }
    };
    let total: f64 = from[turn.passages.clone()]
        .iter()
        .map(|p| len(p, from_chinese))
        .sum();
    let other_total: f64 = to[other.passages.clone()]
        .iter()
        .map(|p| len(p, !from_chinese))
        .sum();
    let mut before = 0.0;
    for i in turn.passages.clone() {
        let own = len(&from[i], from_chinese);
        let middle = (before + own / 2.0) / total;
        before += own;
        let mut reached = 0.0;
        let mut chosen = other.passages.end - 1;
        for j in other.passages.clone() {
            reached += len(&to[j], !from_chinese) / other_total;
            if middle < reached {
                chosen = j;
                break;
            }
        }
        out[i] = Some(chosen);
    }
}

#[cfg(test)]
mod tests;
