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

use std::collections::HashSet;

use crate::briefing::Kind;
use crate::search::StoredPassage;

/// Bytes of English per character of Chinese, in translations of these briefings.
const EN_BYTES_PER_ZH_CHAR: f64 = 3.2;
/// A turn pair scoring below this is not a match: leaving both turns out is better.
const MATCH_THRESHOLD: f64 = 1.0;
/// Fewer translated Chinese words than this say nothing about two turns' words.
const MIN_GLOSSED: usize = 3;
/// The share of a Chinese turn's translated words found in an English turn at which two turns
/// neither gain nor lose, and the score added per unit of share above it.
const LEXICAL_BASE: f64 = 0.5;
const LEXICAL_WEIGHT: f64 = 4.0;

/// A turn of one version: consecutive passages of one speaker turn.
#[derive(Debug)]
struct Turn {
    kind: Kind,
    outlet: Option<String>,
    /// Indices of its passages in the version's passage list.
    passages: std::ops::Range<usize>,
    /// Length: bytes of English, or characters of Chinese.
    length: f64,
    numbers: HashSet<String>,
    /// For English, the lower-cased text (searched for the Latin words of the Chinese); for
    /// Chinese, its Latin-script words, lower-cased.
    words: Vec<String>,
    /// For English, its analysed words; for Chinese, the analysed words of the dictionary's
    /// English for each of its words (see [`Lexical`]).
    terms: HashSet<String>,
    glosses: Vec<Vec<String>>,
    text: String,
}

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
        score: best[n][m],
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

/// Whether a turn of kind `a` may be the same turn as one of kind `b` in the other version.
fn compatible(a: Kind, b: Kind) -> bool {
    matches!(
        (a, b),
        (Kind::Question, Kind::Question)
            | (Kind::Answer | Kind::Remarks, Kind::Answer | Kind::Remarks)
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Start,
    Match,
    SkipEn,
    SkipZh,
}

/// The turns of one version: runs of passages with the same turn number and kind.
fn turns(passages: &[StoredPassage], chinese: bool, lexical: Option<&Lexical>) -> Vec<Turn> {
    let mut out: Vec<Turn> = Vec::new();
    for (i, p) in passages.iter().enumerate() {
        let continues = out.last().is_some_and(|t| {
            let last = &passages[t.passages.end - 1];
            last.turn == p.turn && last.kind == p.kind
        });
        if !continues {
            out.push(Turn {
                kind: p.kind,
                outlet: p.outlet_id.clone(),
                passages: i..i,
                length: 0.0,
                numbers: HashSet::new(),
                words: Vec::new(),
                terms: HashSet::new(),
                glosses: Vec::new(),
                text: String::new(),
            });
        }
        if let Some(turn) = out.last_mut() {
            turn.passages.end = i + 1;
            turn.text.push_str(&p.text);
            turn.text.push('\n');
        }
    }
    for turn in &mut out {
        turn.length = if chinese {
            turn.text.chars().count() as f64
        } else {
            turn.text.len() as f64
        };
        turn.numbers = numbers(&turn.text);
        turn.words = if chinese {
            latin_words(&turn.text)
        } else {
            vec![turn.text.to_lowercase()]
        };
        if let Some(lexical) = lexical {
            if chinese {
                turn.glosses = (lexical.zh_glosses)(&turn.text);
            } else {
                turn.terms = (lexical.en_words)(&turn.text);
            }
        }
        turn.text.clear();
    }
    out
}

/// How well an English and a Chinese turn agree, or `None` when they cannot be one turn.
fn score(en: &Turn, zh: &Turn) -> Option<f64> {
    if !compatible(en.kind, zh.kind) {
        return None;
    }
    // A base reward, so that matching is preferred to leaving turns out.
    let mut s = 1.0;
    if en.kind == Kind::Question {
        match (&en.outlet, &zh.outlet) {
            (Some(a), Some(b)) if same_outlet(a, b) => s += 2.0,
            (Some(_), Some(_)) => s -= 1.0,
            _ => {}
        }
    }
    let shared = en.numbers.intersection(&zh.numbers).count();
    s += 0.5 * shared.min(6) as f64;
    if let Some(en_text) = en.words.first() {
        let found = zh.words.iter().filter(|w| en_text.contains(*w)).count();
        s += 0.5 * found.min(4) as f64;
    }
    let ratio = en.length / (EN_BYTES_PER_ZH_CHAR * zh.length).max(1.0);
    s += (1.0 - ratio.max(1e-6).ln().abs()).max(-2.0);
    if let Some(share) = said_alike(en, zh) {
        s += LEXICAL_WEIGHT * (share - LEXICAL_BASE);
    }
    (s >= MATCH_THRESHOLD).then_some(s)
}

/// Of the Chinese turn's words that the dictionary translates, the share with a translation
/// among the English turn's words; `None` when too few are translated to tell.
fn said_alike(en: &Turn, zh: &Turn) -> Option<f64> {
    if zh.glosses.len() < MIN_GLOSSED || en.terms.is_empty() {
        return None;
    }
    let found = zh
        .glosses
        .iter()
        .filter(|g| g.iter().any(|w| en.terms.contains(w)))
        .count();
    let share = found as f64 / zh.glosses.len() as f64;
    Some(share)
}

/// Whether two outlet ids are one outlet: equal but for case, or one slip apart in a name of
/// some length (`O Globo` printed `O Global` by one version).
fn same_outlet(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a == b || (a.chars().count().min(b.chars().count()) >= 6 && strsim::levenshtein(&a, &b) <= 2)
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

/// The numbers written in digits (full-width folded, thousands separators dropped).
fn numbers(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut current = String::new();
    let mut chars = text.chars().map(crate::script::fold).peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            current.push(c);
        } else if (c == ',' || c == '.')
            && !current.is_empty()
            && chars.peek().is_some_and(char::is_ascii_digit)
        {
            if c == '.' {
                current.push('.');
            }
        } else if !current.is_empty() {
            out.insert(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.insert(current);
    }
    out
}

/// The Latin-script words of two letters or more, lower-cased, each once.
fn latin_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
    {
        let word = word.to_ascii_lowercase();
        if !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::Lang;
    use crate::search::passage::tests::passage;

    /// A passage of turn `turn`: (kind, outlet, text).
    fn p(ordinal: u64, turn: u64, kind: Kind, outlet: Option<&str>, text: &str) -> StoredPassage {
        let mut p = passage(ordinal, kind, None);
        p.turn = turn;
        p.outlet_id = outlet.map(str::to_string);
        p.text = text.to_string();
        p
    }

    fn english() -> Vec<StoredPassage> {
        vec![
            p(
                1,
                1,
                Kind::Question,
                Some("AFP"),
                "What will be signed during the visit in 2024?",
            ),
            p(
                2,
                2,
                Kind::Answer,
                None,
                "The two sides will sign 12 documents. Trade reached 8.6 billion dollars.",
            ),
            p(3, 2, Kind::Answer, None, "We welcome the visit."),
            p(
                4,
                3,
                Kind::Question,
                Some("Reuters"),
                "Can you confirm the RCEP meeting?",
            ),
            p(
                5,
                4,
                Kind::Answer,
                None,
                "Yes, the RCEP ministers meet on the 15th.",
            ),
            p(
                6,
                5,
                Kind::Question,
                Some("Bloomberg"),
                "A question on chips and export controls?",
            ),
            p(7, 6, Kind::Answer, None, "We oppose such controls."),
        ]
    }

    fn chinese() -> Vec<StoredPassage> {
        let mut out = vec![
            p(
                1,
                1,
                Kind::Question,
                Some("AFP"),
                "访问期间将签署哪些文件？2024年",
            ),
            p(
                2,
                2,
                Kind::Answer,
                None,
                "双方将签署12份文件。贸易额达到8.6亿美元。",
            ),
            p(3, 2, Kind::Answer, None, "我们欢迎此访。"),
            // A question the English lost.
            p(
                4,
                3,
                Kind::Question,
                Some("CCTV"),
                "能否介绍减贫对话会的情况？",
            ),
            p(5, 4, Kind::Answer, None, "对话会将于4月举行。"),
            p(
                6,
                5,
                Kind::Question,
                Some("Reuters"),
                "你能否证实RCEP会议？",
            ),
            p(7, 6, Kind::Answer, None, "是的，RCEP部长们将于15日会面。"),
            p(
                8,
                7,
                Kind::Question,
                Some("Bloomberg"),
                "关于芯片和出口管制的问题？",
            ),
            p(9, 8, Kind::Answer, None, "我们反对此类管制。"),
        ];
        for p in &mut out {
            p.lang = Lang::Zh;
        }
        out
    }

    #[test]
    fn test_turns_align_in_order_leaving_out_what_one_version_lacks() {
        let a = align(&english(), &chinese());
        let rows: Vec<(Option<usize>, Option<usize>)> = a
            .rows
            .iter()
            .map(|r| {
                (
                    r.en.as_ref().map(|r| r.start),
                    r.zh.as_ref().map(|r| r.start),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (Some(0), Some(0)),
                (Some(1), Some(1)),
                (None, Some(3)),
                (None, Some(4)),
                (Some(3), Some(5)),
                (Some(4), Some(6)),
                (Some(5), Some(7)),
                (Some(6), Some(8)),
            ]
        );
        assert_eq!(a.matched, 6);
        assert_eq!(a.turns, (6, 8));
        assert_eq!(
            a.en_to_zh,
            [
                Some(0),
                Some(1),
                Some(2),
                Some(5),
                Some(6),
                Some(7),
                Some(8)
            ]
        );
        assert_eq!(a.zh_to_en[3], None, "the question the English lost");
        assert_eq!(a.zh_to_en[5], Some(3));
    }

    #[test]
    fn test_passages_of_aligned_turns_map_by_relative_position() {
        let en = vec![
            p(1, 1, Kind::Answer, None, &"a".repeat(600)),
            p(2, 1, Kind::Answer, None, &"b".repeat(300)),
            p(3, 1, Kind::Answer, None, &"c".repeat(100)),
        ];
        let zh = vec![
            p(1, 1, Kind::Answer, None, &"甲".repeat(250)),
            p(2, 1, Kind::Answer, None, &"乙".repeat(60)),
        ];
        let a = align(&en, &zh);
        assert_eq!(a.en_to_zh, [Some(0), Some(0), Some(1)]);
        assert_eq!(a.zh_to_en, [Some(0), Some(2)]);
    }

    #[test]
    fn test_outlets_one_slip_apart_are_one() {
        assert!(same_outlet("AFP", "afp"));
        assert!(same_outlet("O Global", "O Globo"));
        assert!(!same_outlet("CCTV", "CGTN"));
    }

    #[test]
    fn test_numbers_and_latin_words() {
        let n = numbers("On July 17, trade reached 1,300.5 tons; ２０２６年");
        let mut n: Vec<String> = n.into_iter().collect();
        n.sort();
        assert_eq!(n, ["1300.5", "17", "2026"]);
        assert_eq!(
            latin_words("中方同DeepSeek和AI企业及RCEP"),
            ["deepseek", "ai", "rcep"]
        );
    }
}
