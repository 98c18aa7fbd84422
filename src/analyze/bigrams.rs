//! The CJK bigram tokenizer: overlapping character pairs of every Han run, for sub-word recall.
//!
//! jieba segments 知识产权 as one word, so a word index alone cannot find it for 产权. This
//! tokenizer fills the `text_cjk` field, searched beside the word field: any Han string of two or
//! more characters is found as a phrase of its bigrams, wherever it sits inside longer words.
//! A run of one character becomes a unigram so that positions stay consistent. Non-Han text
//! makes no tokens here (the word field covers it).

use tantivy::tokenizer::Token;

use crate::script::is_han;

/// Appends the bigram tokens of `text` to `out`.
pub(crate) fn tokenize(text: &str, out: &mut Vec<Token>) {
    let mut position = out.last().map_or(0, |t| t.position + 1);
    each_bigram(text, |from, to, bigram| {
        out.push(Token {
            offset_from: from,
            offset_to: to,
            position,
            text: bigram.to_string(),
            position_length: 1,
        });
        position += 1;
    });
}

/// Calls `emit(offset_from, offset_to, text)` for each bigram (or lone-character unigram) of
/// the Han runs of `text`, in order, borrowing from `text`.
pub(crate) fn each_bigram(text: &str, mut emit: impl FnMut(usize, usize, &str)) {
    // Start of the run, and of its previous character, as byte offsets.
    let mut run: Option<(usize, usize)> = None;
    let mut emitted_in_run = false;
    let finish = |run: Option<(usize, usize)>,
                  emitted: bool,
                  end: usize,
                  emit: &mut dyn FnMut(usize, usize, &str)| {
        if let Some((start, _)) = run
            && !emitted
        {
            emit(start, end, &text[start..end]);
        }
    };
    for (i, c) in text.char_indices() {
        if is_han(c) {
            match run {
                Some((start, previous)) => {
                    emit(
                        previous,
                        i + c.len_utf8(),
                        &text[previous..i + c.len_utf8()],
                    );
                    emitted_in_run = true;
                    run = Some((start, i));
                }
                None => {
                    run = Some((i, i));
                    emitted_in_run = false;
                }
            }
        } else {
            finish(run.take(), emitted_in_run, i, &mut emit);
        }
    }
    finish(run, emitted_in_run, text.len(), &mut emit);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bigrams(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        tokenize(text, &mut out);
        out.into_iter()
            .map(|t| (t.text, t.offset_from, t.offset_to, t.position))
            .collect()
    }

    #[test]
    fn test_bigrams_overlap_with_offsets_and_positions() {
        assert_eq!(
            bigrams("知识产权"),
            vec![
                ("知识".to_string(), 0, 6, 0),
                ("识产".to_string(), 3, 9, 1),
                ("产权".to_string(), 6, 12, 2),
            ]
        );
    }

    #[test]
    fn test_single_han_character_is_a_unigram_and_latin_is_skipped() {
        let b = bigrams("稳 RCEP 外贸");
        assert_eq!(
            b.iter().map(|t| (t.0.as_str(), t.3)).collect::<Vec<_>>(),
            [("稳", 0), ("外贸", 1)]
        );
    }

    #[test]
    fn test_runs_split_at_punctuation() {
        let b: Vec<String> = bigrams("中国，美国").into_iter().map(|t| t.0).collect();
        assert_eq!(b, ["中国", "美国"]);
    }
}
