//! The turns of one version and how well two turns, one of each version, agree: the same
//! outlet, the same numbers, the Chinese turn's Latin-script words in the English, lengths in
//! the usual proportion and, with a dictionary, words that translate each other.

use std::collections::HashSet;

use super::Lexical;
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
pub(super) struct Turn {
    pub(super) kind: Kind,
    outlet: Option<String>,
    /// Indices of its passages in the version's passage list.
    pub(super) passages: std::ops::Range<usize>,
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
/// Whether a turn of kind `a` may be the same turn as one of kind `b` in the other version.
pub(super) fn compatible(a: Kind, b: Kind) -> bool {
    matches!(
        (a, b),
        (Kind::Question, Kind::Question)
            | (Kind::Answer | Kind::Remarks, Kind::Answer | Kind::Remarks)
    )
}
/// The turns of one version: runs of passages with the same turn number and kind.
pub(super) fn turns(
    passages: &[StoredPassage],
    chinese: bool,
    lexical: Option<&Lexical>,
) -> Vec<Turn> {
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
pub(super) fn score(en: &Turn, zh: &Turn) -> Option<f64> {
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
pub(super) fn said_alike(en: &Turn, zh: &Turn) -> Option<f64> {
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
pub(super) fn same_outlet(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a == b || (a.chars().count().min(b.chars().count()) >= 6 && strsim::levenshtein(&a, &b) <= 2)
}

/// The numbers written in digits (full-width folded, thousands separators dropped).
pub(super) fn numbers(text: &str) -> HashSet<String> {
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
pub(super) fn latin_words(text: &str) -> Vec<String> {
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
