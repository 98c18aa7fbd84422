//! The word tokenizer: jieba words for Han runs, folded, lower-cased, stemmed words for the rest.
//!
//! It indexes the `text`, `title` and `context` fields and analyses query words, so indexing and
//! querying can never disagree. Text is folded first (full-width forms to ASCII, traditional
//! characters to simplified; see [`crate::script::fold`]); offsets are byte offsets into the
//! original (unfolded) text; positions increase by one per token, in both scripts, so phrase
//! queries work in either. Punctuation and whitespace never become tokens. A few acronyms keep
//! their capitals (`US`, `WHO`), apart from the words they spell (see [`super::acronyms`]).

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::Token;

use super::AnalyzerOptions;
use super::acronyms;
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
    // The folded text of a Han run, and where each of its characters starts in it.
    let mut folded = String::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if is_han(c) {
            let mut j = i;
            while j < chars.len() && is_han(chars[j].1) {
                j += 1;
            }
            folded.clear();
            starts.clear();
            for &(_, c) in &chars[i..j] {
                starts.push(folded.len());
                folded.push(c);
            }
            // A byte offset in the folded run, as a byte offset in the original text.
            let original = |b: usize| byte_at(i + starts.partition_point(|&s| s < b));
            segmenter.cut(&folded, options.subwords, |s, e, stacked| {
                emit_checked(&mut gap, original(s), original(e), &folded[s..e], stacked)
            });
            i = j;
        } else if is_word_char(c) {
            scratch.clear();
            let (j, acronym) = match acronym_end(&chars, i) {
                Some(j) => {
                    acronym_text(&chars[i..j], &mut scratch);
                    (j, acronyms::token_for(&scratch.to_uppercase()))
                }
                None => {
                    let j = word_end(&chars, i);
                    lowercase_word(&chars[i..j], &mut scratch);
                    (j, capital_acronym(&chars, i, j))
                }
            };
            if let Some(token) = acronym {
                // Neither stemmed nor a stop word: `IT` is not "it".
                emit_checked(&mut gap, byte_at(i), byte_at(j), token, false);
            } else if options.stop_words && STOP_WORDS.contains(&scratch.as_str()) {
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

/// The acronym token of the word `chars[i..j]` when it is written in capitals (`US`, `US's`)
/// and the words around it are not (as in a heading, or shouting).
fn capital_acronym(chars: &[(usize, char)], i: usize, j: usize) -> Option<&'static str> {
    let mut letters: Vec<char> = chars[i..j].iter().map(|&(_, c)| c).collect();
    let n = letters.len();
    if n > 2 && letters[n - 2] == '\'' && matches!(letters[n - 1], 's' | 'S') {
        letters.truncate(n - 2);
    }
    if letters.len() > acronyms::MAX_LETTERS || !acronyms::is_capitals(&letters) {
        return None;
    }
    let token = acronyms::token_for(&letters.iter().collect::<String>())?;
    (!among_capitals(chars, i, j)).then_some(token)
}

/// Whether the word `chars[i..j]` stands in a run of three or more words in capitals, counted
/// on either side up to the nearest word that is not (or Han text). Single capital letters (`A`,
/// `I`) count for neither.
fn among_capitals(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    let is_capitals = |from: usize, to: usize| {
        let word: Vec<char> = chars[from..to].iter().map(|&(_, c)| c).collect();
        if word.len() == 1 && word[0].is_uppercase() {
            None
        } else {
            Some(acronyms::is_capitals(&word))
        }
    };
    let mut run = 1;
    // Backwards.
    let mut k = i;
    while run < 3 {
        let mut end = k;
        while end > 0 && !is_word_char(chars[end - 1].1) && !is_han(chars[end - 1].1) {
            end -= 1;
        }
        if end == 0 || is_han(chars[end - 1].1) {
            break;
        }
        let mut start = end;
        while start > 0 && is_word_char(chars[start - 1].1) {
            start -= 1;
        }
        match is_capitals(start, end) {
            Some(false) => break,
            Some(true) => run += 1,
            None => {}
        }
        k = start;
    }
    // Forwards.
    let mut k = j;
    while run < 3 {
        let mut start = k;
        while start < chars.len() && !is_word_char(chars[start].1) && !is_han(chars[start].1) {
            start += 1;
        }
        if start == chars.len() || is_han(chars[start].1) {
            break;
        }
        let mut end = start;
        while end < chars.len() && is_word_char(chars[end].1) {
            end += 1;
        }
        match is_capitals(start, end) {
            Some(false) => break,
            Some(true) => run += 1,
            None => {}
        }
        k = end;
    }
    run >= 3
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

/// Dotted acronyms (U.S., A.M., e.g.) are one word without dots: "US" (an acronym of
/// [`acronyms`]), "am", "eg".
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
        assert_eq!(texts("Ｇ２０ ２０２３年"), ["g20", "2023", "年"]);
        assert_eq!(texts("ＵＳ"), ["US"]);
    }

    #[test]
    fn test_traditional_chinese_is_segmented_as_simplified_with_original_offsets() {
        let text = "關於臺灣";
        let w = words(text);
        assert_eq!(
            w,
            vec![
                ("关于".to_string(), 0, 6, 0),
                ("台湾".to_string(), 6, 12, 1),
            ]
        );
        assert_eq!(texts("关于台湾"), texts(text));
        // A character whose simplified form is longer in UTF-8 keeps exact offsets.
        let text = "㑮臺";
        let w = words(text);
        assert_eq!(w.last().map(|t| t.2), Some(text.len()));
        for (word, from, to, _) in &w {
            assert_eq!(crate::script::fold_str(&text[*from..*to]), *word);
        }
    }

    #[test]
    fn test_acronyms_and_hyphens() {
        assert_eq!(texts("the U.S. side"), ["the", "US", "side"]);
        assert_eq!(texts("10 A.M. today"), ["10", "am", "today"]);
        assert_eq!(texts("COVID-19"), ["covid", "19"]);
        assert_eq!(texts("end.Next"), ["end", "next"]);
    }

    #[test]
    fn test_country_acronyms_are_one_token_apart_from_the_pronoun() {
        assert_eq!(
            words("U.S. and USA, not us"),
            vec![
                ("US".to_string(), 0, 4, 0),
                ("and".to_string(), 5, 8, 1),
                ("US".to_string(), 9, 12, 2),
                ("not".to_string(), 14, 17, 3),
                ("us".to_string(), 18, 20, 4),
            ]
        );
        assert_eq!(texts("the US sanctions"), ["the", "US", "sanction"]);
        assert_eq!(texts("Let us see"), ["let", "us", "see"]);
        assert_eq!(texts("Us and them"), ["us", "and", "them"]);
        assert_eq!(texts("the US's position"), ["the", "US", "posit"]);
        assert_eq!(
            words("the U.S.A.-China"),
            vec![
                ("the".to_string(), 0, 3, 0),
                ("US".to_string(), 4, 10, 1),
                ("china".to_string(), 11, 16, 2),
            ]
        );
        assert_eq!(texts("u.s. policy"), ["US", "polici"]);
    }

    #[test]
    fn test_other_acronyms_keep_their_capitals_only_where_case_marks_them() {
        assert_eq!(texts("the WHO said it"), ["the", "WHO", "said", "it"]);
        assert_eq!(
            texts("Who said IT matters"),
            ["who", "said", "IT", "matter"]
        );
        assert_eq!(texts("AI chips, Ai Weiwei"), ["AI", "chip", "ai", "weiwei"]);
        assert_eq!(
            texts("the U.N. and the EU"),
            ["the", "UN", "and", "the", "EU"]
        );
        assert_eq!(texts("NATO and RCEP"), ["nato", "and", "rcep"]);
        assert_eq!(texts("US EU relations"), ["US", "EU", "relat"]);
        assert_eq!(texts("US NATO allies"), ["US", "nato", "alli"]);
    }

    #[test]
    fn test_words_in_capitals_are_words_among_capitals() {
        assert_eq!(texts("LET US KNOW"), ["let", "us", "know"]);
        assert_eq!(texts("WHO IS IT"), ["who", "is", "it"]);
        assert_eq!(
            texts("PLEASE TELL US. Then we"),
            ["pleas", "tell", "us", "then", "we"]
        );
        assert_eq!(texts("TELL US. Then we"), ["tell", "US", "then", "we"]);
        // Dots mark an acronym in capitals too; a lone capital letter counts for nothing.
        assert_eq!(texts("WHAT THE U.S. WANTS"), ["what", "the", "US", "want"]);
        assert_eq!(texts("A US OFFICIAL"), ["a", "US", "offici"]);
        assert_eq!(texts("美国US"), ["美国", "US"]);
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
