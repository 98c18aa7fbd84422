//! The index's own vocabulary, for words typed otherwise than the archive writes them: prefixes
//! (`Taiw*`), fuzzy words (`Fukushma~`) and spelling suggestions ("Fukushma: did you mean
//! Fukushima?").
//!
//! English words are looked up among the forms of the `text_forms` field (words as written,
//! lower-cased, unstemmed), so that a prefix or a suggestion is a word people type; each form
//! found is then searched by its stem, the term of the word field. Chinese words are the word
//! field's own terms (jieba words, folded to simplified characters). Frequencies are numbers of
//! passages, from the term dictionaries (which count a deleted passage until its segment is
//! merged; suggestions are checked against live passages).

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use anyhow::{Context, Result};
use tantivy::Term;
use tantivy::collector::Count;
use tantivy::query::{FuzzyTermQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use super::query::syntax::Variant;
use crate::analyze::Analyzer;
use crate::index::Fields;
use crate::script::{fold, is_han};

mod han;
pub(crate) mod reversed;

use han::{Allowed, HanPattern, same_sounds};

/// Most words a prefix stands for (the most frequent of them); more are left out, and a notice
/// says so.
pub(crate) const MAX_PREFIX_WORDS: usize = 200;
/// Most words a fuzzy word stands for (the closest, then the most frequent).
pub(crate) const MAX_FUZZY_WORDS: usize = 50;
/// A query word in fewer passages than this may be misspelt…
pub(crate) const FEW_PASSAGES: u64 = 3;
/// …when a word spelled nearly so is in this many times more passages (and in one at least).
const MORE_PASSAGES: u64 = 10;
/// Most words suggested for one typed word.
const MAX_SUGGESTIONS: usize = 3;
/// Longest Chinese word looked up by sound or by one character.
const MAX_HAN_CHARS: usize = 8;

/// The words a prefix or fuzzy word stands for, best first, and how many there were before
/// the cap.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub words: Vec<Variant>,
    pub total: usize,
}

/// A word of the index near a typed one.
#[derive(Debug, Clone)]
struct Candidate {
    /// Term of the word field.
    term: String,
    /// Form as written (lower-cased).
    surface: String,
    /// Passages holding the term (or, before they are counted, the form).
    passages: u64,
    /// Edits from the typed word (Chinese: 1 for the same sound, 2 for another character).
    distance: u32,
}

/// The vocabulary of an opened index.
pub(crate) struct Lexicon<'a> {
    pub(crate) searcher: &'a tantivy::Searcher,
    pub(crate) fields: &'a Fields,
    pub(crate) analyzer: &'a Analyzer,
    /// The searcher these come from: its Chinese words backwards, when indexing recorded
    /// them, are read only by the suggestions that use them.
    pub(crate) index: &'a crate::search::Searcher,
}

/// The patterns of the words near `chars` with their distance: the same sound (1), and for
/// words of three characters or more, one character changed (2), the first only if
/// `first_changed`.
fn patterns(chars: &[char], first_changed: bool) -> Vec<(Vec<Allowed>, u32)> {
    let mut patterns: Vec<(Vec<Allowed>, u32)> = vec![(
        chars
            .iter()
            .zip(same_sounds(chars))
            .map(|(&c, mut set)| {
                set.push(c);
                Allowed::of(set)
            })
            .collect(),
        1,
    )];
    let first = usize::from(!first_changed);
    if chars.len() >= 3 {
        for k in first..chars.len() {
            let pattern = chars
                .iter()
                .enumerate()
                .map(|(i, &c)| {
                    if i == k {
                        Allowed::AnyHan
                    } else {
                        Allowed::of(vec![c])
                    }
                })
                .collect();
            patterns.push((pattern, 2));
        }
    }
    patterns
}

/// The edits a fuzzy word allows by its length, as Lucene's `AUTO`: none up to two letters,
/// one up to five, two beyond.
pub(crate) fn auto_distance(word: &str) -> u8 {
    match word.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

impl Lexicon<'_> {
    /// The words beginning with `prefix` (English: forms as written, lower-cased; Chinese: words
    /// of the word field), the most frequent first, at most [`MAX_PREFIX_WORDS`].
    pub(crate) fn prefix(&self, prefix: &str) -> Result<Found> {
        let han = prefix.chars().all(is_han);
        let prefix: String = if han {
            prefix.chars().map(fold).collect()
        } else {
            prefix
                .chars()
                .map(fold)
                .flat_map(char::to_lowercase)
                .collect()
        };
        let field = if han {
            self.fields.text
        } else {
            self.fields.text_forms
        };
        let mut forms: HashMap<String, u64> = HashMap::new();
        let upper = successor(prefix.as_bytes());
        for reader in self.searcher.segment_readers() {
            let inverted = reader.inverted_index(field).context(DICTIONARY)?;
            let mut range = inverted.terms().range().ge(prefix.as_bytes());
            if let Some(upper) = &upper {
                range = range.lt(upper);
            }
            let mut stream = range.into_stream().context(DICTIONARY)?;
            while stream.advance() {
                let Ok(form) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if han != form.chars().all(is_han) {
                    continue;
                }
                *forms.entry(form.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
        let candidates = self.by_term(forms.into_iter().map(|(form, n)| (form, n, 0)), han);
        Ok(self.keep(candidates, MAX_PREFIX_WORDS, |a, b| {
            b.passages
                .cmp(&a.passages)
                .then_with(|| a.term.cmp(&b.term))
        }))
    }

    /// The words spelled at most `distance` edits from `word` (English; by the word's length
    /// when `None`), or that sound the same or differ in one character (Chinese), the closest
    /// and then the most frequent first, at most [`MAX_FUZZY_WORDS`].
    pub(crate) fn fuzzy(&self, word: &str, distance: Option<u8>) -> Result<Found> {
        let candidates = self.near(word, distance)?;
        Ok(self.keep(candidates, MAX_FUZZY_WORDS, closest_first))
    }

    /// Words of the index that `typed` (in `passages` passages) may be a misspelling of: the
    /// closest, then the most frequent, each in many more passages than `typed`, as a user
    /// would type them (in the typed word's case).
    pub(crate) fn suggest(&self, typed: &str, passages: u64) -> Result<Vec<String>> {
        let han = typed.chars().all(is_han);
        let letters = typed.chars().any(char::is_alphabetic)
            && typed.chars().all(|c| c.is_alphabetic() || c == '\'');
        if !(han || letters) {
            return Ok(Vec::new());
        }
        let own = self.terms_of(typed);
        let wanted = passages.saturating_mul(MORE_PASSAGES).max(1);
        let mut candidates: Vec<Candidate> = self
            .near(typed, None)?
            .into_iter()
            .filter(|c| !own.contains(&c.term))
            .map(|mut c| {
                c.passages = self.passages(self.fields.text, &c.term);
                c
            })
            .filter(|c| c.passages >= wanted)
            .collect();
        candidates.sort_by(closest_first);
        let mut out = Vec::new();
        for c in candidates {
            if out.len() == MAX_SUGGESTIONS {
                break;
            }
            // Term dictionaries count deleted passages until a merge: suggest only what a
            // search would find.
            let query = TermQuery::new(
                Term::from_field_text(self.fields.text, &c.term),
                IndexRecordOption::Basic,
            );
            if self
                .searcher
                .search(&query, &Count)
                .context("search failed")?
                > 0
            {
                out.push(like_typed(&c.surface, typed));
            }
        }
        Ok(out)
    }

    /// The words near `word`, one per term of the word field, unsorted.
    fn near(&self, word: &str, distance: Option<u8>) -> Result<Vec<Candidate>> {
        if word.chars().all(is_han) {
            let folded: String = word.chars().map(fold).collect();
            return self.sound_alikes(&folded);
        }
        let lower: String = word
            .chars()
            .map(fold)
            .flat_map(char::to_lowercase)
            .collect();
        let distance = distance.unwrap_or_else(|| auto_distance(&lower));
        let query = FuzzyTermQuery::new(
            Term::from_field_text(self.fields.text_forms, &lower),
            distance,
            true,
        );
        let automaton = query.automaton().context("cannot look up a fuzzy word")?;
        let mut forms: HashMap<String, u64> = HashMap::new();
        for reader in self.searcher.segment_readers() {
            let inverted = reader
                .inverted_index(self.fields.text_forms)
                .context(DICTIONARY)?;
            let mut stream = inverted
                .terms()
                .search(&automaton)
                .into_stream()
                .context(DICTIONARY)?;
            while stream.advance() {
                if let Ok(form) = std::str::from_utf8(stream.key()) {
                    *forms.entry(form.to_string()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
        let forms = forms.into_iter().map(|(form, n)| {
            let d = strsim::osa_distance(&lower, &form) as u32;
            (form, n, d)
        });
        Ok(self.by_term(forms, false))
    }

    /// Chinese words of as many characters as `word` (folded) that read the same in pinyin (any
    /// reading of each character), and, for words of three characters or more, that differ from
    /// it in one character.
    fn sound_alikes(&self, word: &str) -> Result<Vec<Candidate>> {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 2 || chars.len() > MAX_HAN_CHARS {
            return Ok(Vec::new());
        }
        // Another first character: from the words backwards when they are recorded (below).
        let reversed = self.index.reversed_words();
        let patterns = patterns(&chars, reversed.is_none());
        let mut found: HashMap<String, (u64, u32)> = HashMap::new();
        for reader in self.searcher.segment_readers() {
            let inverted = reader
                .inverted_index(self.fields.text)
                .context(DICTIONARY)?;
            // A word may fit several patterns: it counts once per segment, at its closest.
            let mut segment: HashMap<String, (u64, u32)> = HashMap::new();
            for (pattern, distance) in &patterns {
                let mut stream = inverted
                    .terms()
                    .search(HanPattern(pattern))
                    .into_stream()
                    .context(DICTIONARY)?;
                while stream.advance() {
                    let Ok(term) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    let distance = if term == word { 0 } else { *distance };
                    let n = u64::from(stream.value().doc_freq);
                    let entry = segment.entry(term.to_string()).or_insert((n, distance));
                    entry.1 = entry.1.min(distance);
                }
            }
            for (term, (n, distance)) in segment {
                let entry = found.entry(term).or_insert((0, distance));
                entry.0 += n;
                entry.1 = entry.1.min(distance);
            }
        }
        // A word found by another pattern was counted in every segment that holds it: its
        // passages are complete, and only its distance may be closer.
        if let Some(reversed) = reversed.filter(|_| chars.len() >= 3) {
            for (term, n) in reversed.first_character_changed(&chars) {
                let distance = if term == word { 0 } else { 2 };
                let entry = found.entry(term).or_insert((n, distance));
                entry.1 = entry.1.min(distance);
            }
        }
        Ok(found
            .into_iter()
            .map(|(term, (passages, distance))| Candidate {
                surface: term.clone(),
                term,
                passages,
                distance,
            })
            .collect())
    }

    /// Forms (with their passages and distance) grouped by the term they are searched by: the
    /// closest, then most frequent, form stands for its term. Chinese words are their own
    /// terms.
    fn by_term(
        &self,
        forms: impl Iterator<Item = (String, u64, u32)>,
        han: bool,
    ) -> Vec<Candidate> {
        let mut by_term: HashMap<String, Candidate> = HashMap::new();
        for (form, passages, distance) in forms {
            let term = if han {
                form.clone()
            } else {
                let tokens = self.analyzer.words_outside_han(&form);
                match tokens.as_slice() {
                    [one] => one.text.clone(),
                    _ => continue,
                }
            };
            match by_term.entry(term) {
                Entry::Occupied(mut e) => {
                    let kept = e.get_mut();
                    if (distance, std::cmp::Reverse(passages))
                        < (kept.distance, std::cmp::Reverse(kept.passages))
                    {
                        kept.surface = form;
                        kept.distance = distance;
                    }
                    kept.passages += passages;
                }
                Entry::Vacant(e) => {
                    let term = e.key().clone();
                    e.insert(Candidate {
                        term,
                        surface: form,
                        passages,
                        distance,
                    });
                }
            }
        }
        by_term.into_values().collect()
    }

    /// The best `max` of `candidates` by `order`, each counted in passages by its term.
    fn keep(
        &self,
        mut candidates: Vec<Candidate>,
        max: usize,
        order: fn(&Candidate, &Candidate) -> std::cmp::Ordering,
    ) -> Found {
        // Forms' counts add up to at least their term's; the term's own count is exact.
        candidates.sort_by(order);
        let total = candidates.len();
        candidates.truncate(max);
        for c in &mut candidates {
            c.passages = self.passages(self.fields.text, &c.term);
        }
        candidates.sort_by(order);
        Found {
            words: candidates
                .into_iter()
                .map(|c| Variant {
                    term: c.term,
                    surface: c.surface,
                    passages: c.passages,
                })
                .collect(),
            total,
        }
    }

    /// The terms of the word field that `typed` is searched by.
    fn terms_of(&self, typed: &str) -> Vec<String> {
        self.analyzer
            .words(typed)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    /// Passages holding `term` in `field` (deleted ones included until a merge).
    fn passages(&self, field: Field, term: &str) -> u64 {
        self.searcher
            .doc_freq(&Term::from_field_text(field, term))
            .unwrap_or(0)
    }
}

const DICTIONARY: &str = "cannot read the term dictionary";

/// Closest first, then the most frequent, then alphabetical.
fn closest_first(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    a.distance
        .cmp(&b.distance)
        .then_with(|| b.passages.cmp(&a.passages))
        .then_with(|| a.term.cmp(&b.term))
}

/// The smallest byte string above every string that begins with `prefix` (`None`: no bound).
fn successor(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut upper = prefix.to_vec();
    while let Some(last) = upper.pop() {
        if last < u8::MAX {
            upper.push(last + 1);
            return Some(upper);
        }
    }
    None
}

/// `form` (lower-case) in the case `typed` is written in: capitals, a capital first, or as is.
fn like_typed(form: &str, typed: &str) -> String {
    let letters: Vec<char> = typed.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return form.to_uppercase();
    }
    if typed.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = form.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    form.to_string()
}

#[cfg(test)]
mod tests;
