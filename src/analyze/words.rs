//! The word tokenizer: jieba words for Han runs, folded, lower-cased, stemmed words for the rest.
//!
//! It indexes the `text`, `title` and `context` fields and analyses query words, so indexing and
//! querying can never disagree. Offsets are byte offsets into the original (unfolded) text;
//! positions increase by one per token, in both scripts, so phrase queries work in either.
//! Punctuation and whitespace never become tokens.

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::Token;

use super::AnalyzerOptions;
use super::segmenter::Segmenter;
use crate::script::{fold, is_han, is_word_char};

/// Tokens longer than this (in bytes) are dropped: no one searches for them, and tantivy
/// refuses terms longer than 64 KB.
pub(crate) const MAX_TOKEN_BYTES: usize = 64;

/// Appends the word tokens of `text` to `out`, numbering positions from `out`'s last token.
pub(crate) fn tokenize(
    text: &str,
    segmenter: &Segmenter,
    options: &AnalyzerOptions,
    out: &mut Vec<Token>,
) {
    let mut position = out.last().map_or(0, |t| t.position + 1);
    let mut first = true;
    each_word(text, segmenter, options, |from, to, word, increment| {
        if !first {
            position += increment;
        } else {
            position += increment.saturating_sub(1);
            first = false;
        }
        out.push(Token {
            offset_from: from,
            offset_to: to,
            position,
            text: word.to_string(),
            position_length: 1,
        });
    });
}

/// English words too common to help a search (with `stop_words`).
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with",
    "we", "our", "i", "you",
];

/// Calls `emit(offset_from, offset_to, text, position_increment)` for each word token of
/// `text`, in order: increment 1 for the next word, more after dropped stop words, 0 for a
/// sub-word stacked on its word. Words are borrowed or built in a reused buffer: no allocation
/// per token.
pub(crate) fn each_word(
    text: &str,
    segmenter: &Segmenter,
    options: &AnalyzerOptions,
    mut emit: impl FnMut(usize, usize, &str, usize),
) {
    let stemmer = Stemmer::create(Algorithm::English);
    let chars: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, fold(c))).collect();
    let byte_at = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let mut scratch = String::new();
    // Positions advanced since the last emitted word (more than 1 after dropped stop words).
    let mut gap = 1;
    let mut emit_checked = |gap: &mut usize, from: usize, to: usize, word: &str, stacked: bool| {
        if !word.is_empty() && word.len() <= MAX_TOKEN_BYTES {
            emit(from, to, word, if stacked { 0 } else { *gap });
            if !stacked {
                *gap = 1;
            }
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if is_han(c) {
            let mut j = i;
            while j < chars.len() && is_han(chars[j].1) {
                j += 1;
            }
            let (start, end) = (byte_at(i), byte_at(j));
            let run = &text[start..end];
            segmenter.cut(run, options.subwords, |s, e, stacked| {
                emit_checked(&mut gap, start + s, start + e, &run[s..e], stacked)
            });
            i = j;
        } else if is_word_char(c) {
            scratch.clear();
            let j = match acronym_end(&chars, i) {
                Some(j) => {
                    acronym_text(&chars[i..j], &mut scratch);
                    j
                }
                None => {
                    let j = word_end(&chars, i);
                    lowercase_word(&chars[i..j], &mut scratch);
                    j
                }
            };
            if options.stop_words && STOP_WORDS.contains(&scratch.as_str()) {
                // The word is dropped but its position kept, so phrases stay exact.
                gap += 1;
            } else if options.stem && scratch.chars().any(char::is_alphabetic) {
                let stemmed = stemmer.stem(&scratch);
                emit_checked(&mut gap, byte_at(i), byte_at(j), &stemmed, false);
            } else {
                emit_checked(&mut gap, byte_at(i), byte_at(j), &scratch, false);
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// End (exclusive index) of the word starting at `i`: word characters, joined by a `.` or `,`
/// between digits (59.8, 1,300) or an apostrophe between letters (China's, don't).
fn word_end(chars: &[(usize, char)], i: usize) -> usize {
    let mut j = i + 1;
    loop {
        if j < chars.len() && is_word_char(chars[j].1) {
            j += 1;
            continue;
        }
        if j + 1 < chars.len() {
            let (prev, joiner, next) = (chars[j - 1].1, chars[j].1, chars[j + 1].1);
            let digits = prev.is_ascii_digit() && next.is_ascii_digit();
            let letters = prev.is_alphabetic() && next.is_alphabetic();
            if (matches!(joiner, '.' | ',') && digits) || (joiner == '\'' && letters) {
                j += 2;
                continue;
            }
        }
        return j;
    }
}

/// Dotted acronyms (U.S., A.M., e.g.) are one word without dots: "us", "am", "eg".
fn acronym_end(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let mut j = i;
    let mut letters = 0;
    while j + 1 < chars.len() && chars[j].1.is_alphabetic() && chars[j + 1].1 == '.' {
        if j > i && is_word_char(chars[j - 1].1) {
            return None;
        }
        letters += 1;
        j += 2;
    }
    if letters >= 2 && chars.get(j).is_none_or(|&(_, c)| !is_word_char(c)) {
        Some(j)
    } else {
        None
    }
}

fn acronym_text(chars: &[(usize, char)], out: &mut String) {
    out.extend(
        chars
            .iter()
            .filter(|&&(_, c)| c != '.')
            .flat_map(|&(_, c)| c.to_lowercase()),
    );
}

/// The word lower-cased, without thousands separators (stemmed by the caller).
fn lowercase_word(chars: &[(usize, char)], out: &mut String) {
    out.extend(
        chars
            .iter()
            .filter(|&&(_, c)| c != ',')
            .flat_map(|&(_, c)| c.to_lowercase()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, usize, usize, usize)> {
        let segmenter = Segmenter::default();
        let mut out = Vec::new();
        tokenize(text, &segmenter, &AnalyzerOptions::default(), &mut out);
        out.into_iter()
            .map(|t| (t.text, t.offset_from, t.offset_to, t.position))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.0).collect()
    }

    #[test]
    fn test_english_words_are_lowercased_and_stemmed_with_exact_offsets() {
        assert_eq!(
            words("Stabilizing rates, China's"),
            vec![
                ("stabil".to_string(), 0, 11, 0),
                ("rate".to_string(), 12, 17, 1),
                ("china".to_string(), 19, 26, 2),
            ]
        );
        assert_eq!(texts("stabilize"), texts("stabilizing"));
    }

    #[test]
    fn test_numbers_survive_with_decimal_points_and_thousands() {
        assert_eq!(
            texts("an increase of 59.8%, or 1,300 firms"),
            ["an", "increas", "of", "59.8", "or", "1300", "firm"]
        );
        assert_eq!(texts("1300"), texts("1,300"));
    }

    #[test]
    fn test_full_width_forms_are_folded() {
        assert_eq!(texts("ＲＣＥＰ"), ["rcep"]);
        let w = words("ＲＣＥＰ");
        assert_eq!((w[0].1, w[0].2), (0, "ＲＣＥＰ".len()));
    }

    #[test]
    fn test_acronyms_and_hyphens() {
        assert_eq!(texts("the U.S. side"), ["the", "us", "side"]);
        assert_eq!(texts("COVID-19"), ["covid", "19"]);
        assert_eq!(texts("end.Next"), ["end", "next"]);
    }

    #[test]
    fn test_han_runs_are_segmented_with_byte_offsets_and_positions() {
        let text = "RCEP协定，稳外贸";
        let w = words(text);
        for (word, from, to, _) in &w {
            let original: String = text[*from..*to]
                .chars()
                .map(fold)
                .collect::<String>()
                .to_lowercase();
            assert!(
                original == *word || !word.is_ascii(),
                "{word} vs {original}"
            );
        }
        assert_eq!(w[0].0, "rcep");
        assert!(w.iter().any(|t| t.0 == "协定"));
        let positions: Vec<usize> = w.iter().map(|t| t.3).collect();
        assert_eq!(positions, (0..w.len()).collect::<Vec<_>>());
        assert!(w.iter().all(|t| !t.0.contains('，')));
    }

    #[test]
    fn test_punctuation_and_whitespace_are_never_tokens() {
        assert!(texts(" ,.;:!?，。、“”（）—… \t\n").is_empty());
    }

    #[test]
    fn test_overlong_tokens_are_dropped_without_a_position_gap() {
        let long = "a".repeat(MAX_TOKEN_BYTES + 1);
        let w = words(&format!("before {long} after"));
        assert_eq!(
            w.iter().map(|t| (t.0.as_str(), t.3)).collect::<Vec<_>>(),
            [("befor", 0), ("after", 1)]
        );
    }
}
