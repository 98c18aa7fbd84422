//! Word forms: the Latin-script words of the word tokenizer as written, lower-cased, neither
//! stemmed nor dropped as stop words (`Stabilizing` → `stabilizing`, `China's` → `china's`;
//! acronyms stay the tokens they are, `US`). Indexed in the `text_forms` field, whose term
//! dictionary is the vocabulary of the archive as people type it: prefixes (`Taiw*`), fuzzy
//! words (`Fukushma~`) and spelling suggestions look it up, then search each form's stem.
//!
//! Han text gives no form: the word field's Chinese terms are already words as written.

use std::sync::LazyLock;

use super::AnalyzerOptions;
use super::segmenter::{Mode, Segmenter};
use super::wordlist::WordList;
use super::words;
use crate::script::is_han;

/// Calls `emit(offset_from, offset_to, form)` for each Latin-script word of `text`.
pub(crate) fn each_form(text: &str, mut emit: impl FnMut(usize, usize, &str)) {
    // Chinese is skipped without segmenting: forms are only the other words.
    static SKIP: LazyLock<Segmenter> =
        LazyLock::new(|| Segmenter::new(Mode::Skip, WordList::default()));
    let options = AnalyzerOptions {
        stem: false,
        stop_words: false,
        subwords: false,
    };
    words::each_word(text, &SKIP, &options, |from, to, word, _| {
        if !word.chars().any(is_han) {
            emit(from, to, word);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_form(text, |_, _, f| out.push(f.to_string()));
        out
    }

    #[test]
    fn test_forms_are_lower_cased_words_as_written() {
        assert_eq!(
            forms("Stabilizing rates, China's 59.8% ＲＣＥＰ 台湾 U.S. Fukushima"),
            [
                "stabilizing",
                "rates",
                "china's",
                "59.8",
                "rcep",
                "US",
                "fukushima"
            ]
        );
        assert!(forms("跨境电商出口").is_empty());
    }
}
