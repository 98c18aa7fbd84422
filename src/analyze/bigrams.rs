//! The CJK bigram tokenizer: overlapping character pairs of every Han run, for sub-word recall
//! and exact Chinese phrases.
//!
//! jieba segments 知识产权 as one word, so a word index alone cannot find it for 产权. This
//! tokenizer fills the `text_cjk` field, searched beside the word field, with two kinds of
//! token at the same positions:
//!
//! - every pair of neighbouring characters of a run (知识 识产 产权): a quoted phrase, or a
//!   string typed as one, is found as the phrase of its pairs wherever it stands, across the
//!   words of the text too;
//! - each pair that lies inside one word of the text, again, marked with [`INNER`]: a query
//!   word is found inside longer words (产权 in 知识产权) as the phrase of its marked pairs,
//!   which never straddle two words (美元 is not found in 中美|元首).
//!
//! A run of one character becomes a unigram so that positions stay consistent. Non-Han text
//! makes no tokens here (the word field covers it). Text is folded first, like the word
//! field's, and offsets point into the original.

use tantivy::tokenizer::Token;

use super::segmenter::Segmenter;
use crate::script::{fold, is_han};

/// The mark of a pair of characters inside one word (`_产权`): no plain token starts with it.
pub(crate) const INNER: char = '_';

/// Appends the bigram tokens of `text` to `out`.
pub(crate) fn tokenize(text: &str, segmenter: &Segmenter, out: &mut Vec<Token>) {
    let mut position = out.last().map(|t| t.position);
    each_bigram(text, segmenter, |from, to, bigram, increment| {
        let at = match position {
            Some(p) => p + increment,
            None => increment.saturating_sub(1),
        };
        position = Some(at);
        out.push(Token {
            offset_from: from,
            offset_to: to,
            position: at,
            text: bigram.to_string(),
            position_length: 1,
        });
    });
}

/// Calls `emit(offset_from, offset_to, text, position_increment)` for each bigram (or
/// lone-character unigram) of the Han runs of `text`, in order: increment 1 for each plain
/// pair, 0 for the marked pair stacked on it.
pub(crate) fn each_bigram(
    text: &str,
    segmenter: &Segmenter,
    mut emit: impl FnMut(usize, usize, &str, usize),
) {
    let mut folded = String::new();
    // For each character of the run: its offset in the original text and in `folded`.
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut pair = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_han(c) {
            continue;
        }
        folded.clear();
        starts.clear();
        starts.push((i, 0));
        folded.push(fold(c));
        while let Some(&(i, c)) = chars.peek() {
            if !is_han(c) {
                break;
            }
            starts.push((i, folded.len()));
            folded.push(fold(c));
            chars.next();
        }
        let end = starts.len();
        let original_end = chars.peek().map_or(text.len(), |&(i, _)| i);
        let original = |k: usize| starts.get(k).map_or(original_end, |s| s.0);
        let in_folded = |k: usize| starts.get(k).map_or(folded.len(), |s| s.1);
        if end == 1 {
            emit(i, original_end, &folded, 1);
            continue;
        }
        // inside[k]: characters k and k + 1 belong to one word.
        let mut inside = vec![false; end];
        for &(s, e) in segmenter.words(&folded).iter() {
            let first = starts.partition_point(|st| st.1 < s as usize);
            let last = starts.partition_point(|st| st.1 < e as usize);
            for flag in inside.iter_mut().take(last.saturating_sub(1)).skip(first) {
                *flag = true;
            }
        }
        for k in 0..end - 1 {
            let bigram = &folded[in_folded(k)..in_folded(k + 2)];
            emit(original(k), original(k + 2), bigram, 1);
            if inside[k] {
                pair.clear();
                pair.push(INNER);
                pair.push_str(bigram);
                emit(original(k), original(k + 2), &pair, 0);
            }
        }
    }
}

/// The bigram terms a query searches for the (already folded) Han string `han`: its plain
/// pairs, or with `inner` its marked ones; a single character is its own term.
pub(crate) fn terms(han: &str, inner: bool) -> Vec<String> {
    let chars: Vec<char> = han.chars().collect();
    if chars.len() == 1 {
        return vec![han.to_string()];
    }
    chars
        .windows(2)
        .map(|w| {
            let mut term = String::new();
            if inner {
                term.push(INNER);
            }
            term.extend(w);
            term
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::WordList;
    use crate::analyze::segmenter::Mode;

    fn bigrams(text: &str) -> Vec<(String, usize, usize, usize)> {
        let segmenter = Segmenter::new(Mode::Full, WordList::default());
        let mut out = Vec::new();
        tokenize(text, &segmenter, &mut out);
        out.into_iter()
            .map(|t| (t.text, t.offset_from, t.offset_to, t.position))
            .collect()
    }

    /// The bigrams of `text` written `pair from-to@position`, one after another.
    fn written(text: &str) -> String {
        bigrams(text)
            .iter()
            .map(|(pair, from, to, position)| format!("{pair} {from}-{to}@{position}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    #[test]
    fn test_bigrams_overlap_and_pairs_inside_a_word_are_marked_too() {
        assert_eq!(
            written("知识产权"),
            "知识 0-6@0, _知识 0-6@0, 识产 3-9@1, _识产 3-9@1, 产权 6-12@2, _产权 6-12@2"
        );
    }

    #[test]
    fn test_no_marked_pair_spans_two_words() {
        // 中美|元首: 美元 is a plain pair only.
        assert_eq!(
            written("中美元首"),
            "中美 0-6@0, _中美 0-6@0, 美元 3-9@1, 元首 6-12@2, _元首 6-12@2"
        );
    }

    #[test]
    fn test_traditional_text_gives_simplified_pairs_at_original_offsets() {
        assert_eq!(written("臺灣"), "台湾 0-6@0, _台湾 0-6@0");
    }

    #[test]
    fn test_single_han_character_is_a_unigram_and_latin_is_skipped() {
        let b = bigrams("稳 RCEP 外贸");
        assert_eq!(
            b.iter().map(|t| (t.0.as_str(), t.3)).collect::<Vec<_>>(),
            [("稳", 0), ("外贸", 1), ("_外贸", 1)]
        );
    }

    #[test]
    fn test_runs_split_at_punctuation() {
        let b: Vec<String> = bigrams("中国，美国")
            .into_iter()
            .map(|t| t.0)
            .filter(|t| !t.starts_with(INNER))
            .collect();
        assert_eq!(b, ["中国", "美国"]);
    }

    #[test]
    fn test_query_terms() {
        assert_eq!(terms("产权", true), ["_产权"]);
        assert_eq!(terms("海外仓", false), ["海外", "外仓"]);
        assert_eq!(terms("中", true), ["中"]);
    }
}
