//! Highlights and snippets: where a passage matches the query, and the best window to show.
//!
//! Works on the stored text with the same analyzer as the index, so a highlighted word is
//! exactly a word that matched (stemmed English, jieba Chinese), plus the Chinese strings that
//! matched inside longer words through the bigram field. Matching is on the folded text (臺灣
//! for 台湾); the ranges point into the original, which is what is shown.

use serde::Serialize;

use super::query::build::Highlight;
use crate::analyze::Analyzer;
use crate::script::{fold, is_han};

/// A window of a passage with the matches inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Snippet {
    pub text: String,
    /// Byte ranges of matches within `text`.
    pub highlights: Vec<[usize; 2]>,
}

/// Byte ranges in `text` of everything the query looks for, sorted and merged.
pub(crate) fn highlights(text: &str, wanted: &Highlight, analyzer: &Analyzer) -> Vec<[usize; 2]> {
    let mut ranges: Vec<[usize; 2]> = Vec::new();
    if !wanted.sequences.is_empty() {
        let chinese = wanted
            .sequences
            .iter()
            .flatten()
            .any(|w| w.chars().any(is_han));
        let tokens = if chinese {
            analyzer.words(text)
        } else {
            analyzer.words_outside_han(text)
        };
        for sequence in &wanted.sequences {
            for start in 0..tokens.len() {
                let window = &tokens[start..(start + sequence.len()).min(tokens.len())];
                if window.len() == sequence.len()
                    && window.iter().zip(sequence).all(|(t, w)| t.text == *w)
                {
                    ranges.push([window[0].offset_from, window[window.len() - 1].offset_to]);
                }
            }
        }
    }
    if !wanted.han.is_empty() || !wanted.inner.is_empty() {
        let folded = Folded::of(text);
        for han in &wanted.han {
            for (at, m) in folded.text.match_indices(han.as_str()) {
                ranges.push([folded.original(at), folded.original(at + m.len())]);
            }
        }
        for han in &wanted.inner {
            for (at, m) in folded.text.match_indices(han.as_str()) {
                if folded.inside_one_word(at, at + m.len(), analyzer) {
                    ranges.push([folded.original(at), folded.original(at + m.len())]);
                }
            }
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<[usize; 2]> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r[0] <= last[1] => last[1] = last[1].max(r[1]),
            _ => merged.push(r),
        }
    }
    merged
}

/// A text folded as the analyzer folds it, with the way back to the original's offsets.
struct Folded<'a> {
    original: &'a str,
    text: String,
    /// For each character: its offset in `text` and in the original.
    starts: Vec<(usize, usize)>,
}

impl Folded<'_> {
    fn of(original: &str) -> Folded<'_> {
        let mut text = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len());
        for (i, c) in original.char_indices() {
            starts.push((text.len(), i));
            text.push(fold(c));
        }
        Folded {
            original,
            text,
            starts,
        }
    }

    /// The original offset of an offset of the folded text (at a character boundary).
    fn original(&self, at: usize) -> usize {
        let k = self.starts.partition_point(|s| s.0 < at);
        self.starts.get(k).map_or(self.original.len(), |s| s.1)
    }

    /// Whether `text[from..to]` lies inside one word of its Han run, as the index cut it.
    fn inside_one_word(&self, from: usize, to: usize, analyzer: &Analyzer) -> bool {
        let before = &self.text[..from];
        let run_start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_han(c))
            .last()
            .map_or(from, |(i, _)| i);
        let run_end = self.text[to..]
            .char_indices()
            .find(|&(_, c)| !is_han(c))
            .map_or(self.text.len(), |(i, _)| to + i);
        let (from, to) = ((from - run_start) as u32, (to - run_start) as u32);
        analyzer
            .han_words(&self.text[run_start..run_end])
            .iter()
            .any(|&(s, e)| s <= from && to <= e)
    }
}

/// The window of at most `max_chars` characters of `text` holding the most matches, cut at
/// word boundaries, with "…" where text was left out.
pub(crate) fn snippet(text: &str, ranges: &[[usize; 2]], max_chars: usize) -> Snippet {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let total_chars = boundaries.len() - 1;
    if total_chars <= max_chars {
        return Snippet {
            text: text.to_string(),
            highlights: ranges.to_vec(),
        };
    }
    let char_at = |byte: usize| boundaries.partition_point(|&b| b < byte);
    // Try windows that start a little before each match; keep the one covering most matches.
    let lead = max_chars / 5;
    let mut best = (0usize, 0usize);
    for r in ranges {
        let start = char_at(r[0]).saturating_sub(lead);
        let end = (start + max_chars).min(total_chars);
        let covered = ranges
            .iter()
            .filter(|x| char_at(x[0]) >= start && char_at(x[1]) <= end)
            .count();
        if covered > best.1 {
            best = (start, covered);
        }
    }
    let mut start = best.0.min(total_chars.saturating_sub(max_chars));
    let mut end = (start + max_chars).min(total_chars);
    // Move the cut to a word boundary (whitespace), unless that loses too much.
    let is_space = |c: usize| {
        text[boundaries[c]..]
            .chars()
            .next()
            .is_some_and(char::is_whitespace)
    };
    if start > 0
        && let Some(s) = (start..(start + 15).min(end)).find(|&c| is_space(c))
    {
        start = s + 1;
    }
    if end < total_chars
        && let Some(e) = (end.saturating_sub(15).max(start)..end)
            .rev()
            .find(|&c| is_space(c))
    {
        end = e;
    }
    let (from, to) = (boundaries[start], boundaries[end]);
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < total_chars { "…" } else { "" };
    let body = text[from..to].trim();
    let lead_trim = text[from..to].len() - text[from..to].trim_start().len();
    let offset = prefix.len();
    let highlights = ranges
        .iter()
        .filter(|r| r[0] >= from + lead_trim && r[1] <= from + lead_trim + body.len())
        .map(|r| {
            [
                r[0] - from - lead_trim + offset,
                r[1] - from - lead_trim + offset,
            ]
        })
        .collect();
    Snippet {
        text: format!("{prefix}{body}{suffix}"),
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(words: &[&str], han: &[&str]) -> Highlight {
        Highlight {
            sequences: words.iter().map(|w| vec![w.to_string()]).collect(),
            han: han.iter().map(|w| w.to_string()).collect(),
            inner: vec![],
        }
    }

    fn found<'t>(text: &'t str, wanted: &Highlight) -> Vec<&'t str> {
        highlights(text, wanted, &Analyzer::new())
            .iter()
            .map(|r| &text[r[0]..r[1]])
            .collect()
    }

    #[test]
    fn test_sub_words_are_highlighted_inside_words_only() {
        let inner = |w: &str| Highlight {
            inner: vec![w.to_string()],
            ..Highlight::default()
        };
        assert_eq!(found("加强知识产权保护", &inner("产权")), ["产权"]);
        assert!(found("中美元首会晤", &inner("美元")).is_empty());
        assert_eq!(found("美元汇率，中美元首", &inner("美元")), ["美元"]);
        // A typed string is highlighted wherever it occurs.
        assert_eq!(found("中美元首", &wanted(&[], &["美元"])), ["美元"]);
    }

    #[test]
    fn test_traditional_and_full_width_text_is_highlighted_as_written() {
        let inner = Highlight {
            inner: vec!["台湾".to_string()],
            ..Highlight::default()
        };
        assert_eq!(found("關於臺灣問題", &inner), ["臺灣"]);
        assert_eq!(
            found("用好ＲＣＥＰ规则", &wanted(&["rcep"], &[])),
            ["ＲＣＥＰ"]
        );
    }

    #[test]
    fn test_stemmed_words_and_chinese_substrings_are_highlighted() {
        let analyzer = Analyzer::new();
        let text = "Stabilizing trade: 加强知识产权保护 and rates.";
        let ranges = highlights(text, &wanted(&["stabil", "rate"], &["产权"]), &analyzer);
        let found: Vec<&str> = ranges.iter().map(|r| &text[r[0]..r[1]]).collect();
        assert_eq!(found, ["Stabilizing", "产权", "rates"]);
    }

    #[test]
    fn test_phrases_are_highlighted_only_where_they_occur_whole() {
        let analyzer = Analyzer::new();
        let text = "bonded goods in the bonded logistics park";
        let wanted = Highlight {
            sequences: vec![vec!["bond".into(), "logist".into(), "park".into()]],
            ..Highlight::default()
        };
        let ranges = highlights(text, &wanted, &analyzer);
        assert_eq!(
            ranges.iter().map(|r| &text[r[0]..r[1]]).collect::<Vec<_>>(),
            ["bonded logistics park"]
        );
    }

    #[test]
    fn test_short_text_is_its_own_snippet() {
        let s = snippet("short text", &[[0, 5]], 200);
        assert_eq!(
            s,
            Snippet {
                text: "short text".into(),
                highlights: vec![[0, 5]]
            }
        );
    }

    #[test]
    fn test_window_moves_to_the_matches_and_keeps_ranges_exact() {
        let text = format!(
            "{} RCEP tariff {}",
            "filler words here ".repeat(30),
            "more filler text ".repeat(30)
        );
        let at = text.find("RCEP").expect("present");
        let s = snippet(&text, &[[at, at + 4]], 80);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(s.text.chars().count() <= 82);
        let [a, b] = s.highlights[0];
        assert_eq!(&s.text[a..b], "RCEP");
    }

    #[test]
    fn test_chinese_window_is_cut_on_character_boundaries() {
        let text = "稳外贸".repeat(100) + "海外仓监管" + &"稳外贸".repeat(100);
        let at = text.find("海外仓监管").expect("present");
        let s = snippet(&text, &[[at, at + "海外仓监管".len()]], 60);
        let [a, b] = s.highlights[0];
        assert_eq!(&s.text[a..b], "海外仓监管");
    }
}
