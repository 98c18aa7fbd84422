//! From typed text to units of meaning: the words of an unquoted word (English words; Chinese
//! segmented, lone characters joined to a neighbour), quoted phrases, and for each unit the
//! term or phrase queries of the word and bigram fields, with what to highlight and boost.

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery, Query,
};
use tantivy::schema::Field;
use tantivy::tokenizer::Token;

use super::build::{Builder, Target, UnitAnalysis};
use super::cached::sequence;
use super::syntax::{Alternative, QueryField, Variant};
use crate::analyze::{acronyms, bigrams};
use crate::script::{fold_str, is_han};

/// One unit of meaning: words in order, optionally also found as a Chinese string.
struct Unit<'a> {
    words: &'a [&'a str],
    /// The folded Chinese string of the unit, when it is all Han.
    han: Option<&'a str>,
    /// The unit is its string exactly as typed (no characters between its words).
    literal: bool,
    /// One Chinese word: also found inside longer words of the text, never across two.
    sub_word: bool,
    /// An acronym a lower-case word also stands for (`eu` → `EU`).
    also: Option<&'static str>,
    /// Also found in the question an answer replies to (when the builder asks for it).
    in_question: bool,
    /// The unit as typed, when it is one word that may be misspelt.
    spelled: Option<String>,
    /// Chinese typed around it in the same word, with it (see [`UnitAnalysis::around`]).
    around: Vec<String>,
}

/// What the other matches of a group add to its best one.
const GROUP_TIE_BREAKER: f32 = 0.1;

impl Builder<'_> {
    /// The units of an unquoted word: its English words, or each of its Chinese words.
    pub(super) fn word(
        &mut self,
        field: Option<QueryField>,
        text: &str,
        positive: bool,
    ) -> Vec<Box<dyn Query>> {
        let tokens = self.analyzer.words(text);
        let target = self.target(field);
        let spans = spans(&tokens);
        let mut units: Vec<Box<dyn Query>> = Vec::new();
        for (k, &(i, j, han)) in spans.iter().enumerate() {
            let words: Vec<&str> = tokens[i..j].iter().map(|t| t.text.as_str()).collect();
            let surface = &text[tokens[i].offset_from..tokens[j - 1].offset_to];
            let folded = han.then(|| fold_str(surface));
            let also = if han || j - i > 1 {
                None
            } else {
                acronyms::for_lower_case(surface)
            };
            let spelled = match &folded {
                Some(han) => Some(han.clone()),
                None if j - i == 1 && also.is_none() => Some(surface.to_string()),
                None => None,
            };
            let around = folded
                .as_deref()
                .map_or_else(Vec::new, |unit| around(text, &tokens, &spans, k, unit));
            let unit = Unit {
                words: &words,
                han: folded.as_deref(),
                literal: true,
                sub_word: han && j - i == 1 && words[0].chars().count() >= 2,
                also,
                in_question: true,
                spelled,
                around,
            };
            units.push(self.unit(target, field, unit, positive));
        }
        units
    }

    /// Words to match in order: a quoted phrase (`in_question` false: it stays exact), or the
    /// typed words or an equivalent of a group.
    pub(super) fn phrase(
        &mut self,
        field: Option<QueryField>,
        text: &str,
        positive: bool,
        in_question: bool,
    ) -> Option<Box<dyn Query>> {
        let tokens = self.analyzer.words(text);
        if tokens.is_empty() {
            return None;
        }
        let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        let all_han = words.iter().all(|w| w.chars().all(is_han));
        let han_text: String = fold_str(text).chars().filter(|c| is_han(*c)).collect();
        let unit = Unit {
            words: &words,
            han: all_han.then_some(han_text.as_str()),
            // "海关 稳外贸" matches 海关，稳外贸: only a phrase of Han characters alone is
            // found as its string.
            literal: text.trim().chars().all(is_han),
            // A name of a group that is one Chinese word is found as a typed word is: inside
            // longer words, never across two.
            sub_word: in_question && all_han && words.len() == 1 && words[0].chars().count() >= 2,
            also: None,
            in_question,
            spelled: None,
            around: Vec::new(),
        };
        Some(self.unit(self.target(field), field, unit, positive))
    }

    /// The query of one unit, and what it adds to highlighting, boosts and the analysis shown.
    fn unit(
        &mut self,
        target: Target,
        field: Option<QueryField>,
        unit: Unit,
        positive: bool,
    ) -> Box<dyn Query> {
        let Unit {
            words,
            han,
            literal,
            sub_word,
            also,
            in_question,
            spelled,
            around,
        } = unit;
        let mut word_query = sequence(target.words, words);
        if let Some(acronym) = also {
            word_query = either(word_query, sequence(target.words, &[acronym]));
        }
        let mut unit_bigrams: Vec<String> = Vec::new();
        let query: Box<dyn Query> = match (han, target.bigrams) {
            (Some(han), Some(bigram_field)) if self.options.bigrams => {
                let bigrams = bigrams::terms(han, sub_word);
                unit_bigrams.clone_from(&bigrams);
                let bigram_refs: Vec<&str> = bigrams.iter().map(String::as_str).collect();
                let bigram_query = Box::new(BoostQuery::new(
                    sequence(bigram_field, &bigram_refs),
                    self.options.bigram_boost,
                ));
                if self.options.words {
                    either(word_query, bigram_query)
                } else {
                    bigram_query
                }
            }
            _ => word_query,
        };
        // In the question an answer replies to (a field of words without positions): every
        // word of the unit, in any order.
        let query = if self.through_question && in_question && positive && field.is_none() {
            self.used_question = true;
            let in_question: Vec<(Occur, Box<dyn Query>)> = words
                .iter()
                .map(|w| (Occur::Must, sequence(self.fields.context, &[w])))
                .collect();
            either(query, Box::new(BooleanQuery::new(in_question)))
        } else {
            query
        };
        if positive && field.is_none() && !self.in_group {
            self.analysis.push(UnitAnalysis {
                typed: han.map_or_else(|| words.join(" "), str::to_string),
                words: words.iter().map(|w| w.to_string()).collect(),
                bigrams: unit_bigrams,
                alternatives: Vec::new(),
                variants: None,
                spelled,
                around,
                query: query.box_clone(),
            });
        }
        if positive && field.is_none() {
            self.note_words(words, han, sub_word, literal, also);
        }
        query
    }

    /// What the positive, unfielded words of a unit add to highlighting, proximity and the
    /// title and question boosts.
    fn note_words(
        &mut self,
        words: &[&str],
        han: Option<&str>,
        sub_word: bool,
        literal: bool,
        also: Option<&'static str>,
    ) {
        self.proximity_words
            .extend(words.iter().map(|w| w.to_string()));
        match han {
            // A Chinese word is highlighted wherever it stands inside a word of the text
            // (which covers where it is a word), as it matched.
            Some(han) if sub_word => self.highlight.inner.push(han.to_string()),
            // A typed string is highlighted wherever it occurs, so passages need no
            // segmenting to be highlighted.
            Some(han) if literal && words.concat() == han => {
                self.highlight.han.push(han.to_string())
            }
            _ => {
                self.highlight
                    .sequences
                    .push(words.iter().map(|w| w.to_string()).collect());
                if let Some(han) = han {
                    self.highlight.han.push(han.to_string());
                }
            }
        }
        self.title_clauses.push(sequence(self.fields.title, words));
        // The context field has no positions: its words boost one by one.
        for word in words {
            self.context_clauses
                .push(sequence(self.fields.context, &[word]));
        }
        if let Some(acronym) = also {
            self.highlight.sequences.push(vec![acronym.to_string()]);
            self.title_clauses
                .push(sequence(self.fields.title, &[acronym]));
            self.context_clauses
                .push(sequence(self.fields.context, &[acronym]));
        }
    }

    /// Typed words or any of their equivalents (weighted), as one unit.
    pub(super) fn group(
        &mut self,
        typed: &str,
        alternatives: &[Alternative],
        positive: bool,
    ) -> Option<Box<dyn Query>> {
        let mut disjuncts: Vec<Box<dyn Query>> = Vec::new();
        let outer = std::mem::replace(&mut self.in_group, true);
        if let Some(q) = self.phrase(None, typed, positive, true) {
            disjuncts.push(q);
        }
        for alternative in alternatives {
            if let Some(q) = self.phrase(None, &alternative.text, positive, true) {
                disjuncts.push(Box::new(BoostQuery::new(q, alternative.weight)));
            }
        }
        self.in_group = outer;
        // A passage scores as its best match among the names: one name said three ways is
        // still one word of the query.
        let query: Box<dyn Query> = match disjuncts.len() {
            0 => return None,
            1 => disjuncts.pop()?,
            _ => Box::new(DisjunctionMaxQuery::with_tie_breaker(
                disjuncts,
                GROUP_TIE_BREAKER,
            )),
        };
        if positive && !self.in_group {
            self.analysis.push(UnitAnalysis {
                typed: typed.to_string(),
                words: self
                    .analyzer
                    .words(typed)
                    .into_iter()
                    .map(|t| t.text)
                    .collect(),
                bigrams: Vec::new(),
                alternatives: alternatives.to_vec(),
                variants: None,
                spelled: None,
                around: Vec::new(),
                query: query.box_clone(),
            });
        }
        Some(query)
    }

    /// The words of the index a prefix or fuzzy word stands for (`typed`), as one unit: a
    /// passage scores as its best match among them. With `as_typed`, a Chinese word is also
    /// found inside longer words, as a typed one is. No word: nothing matches the unit.
    pub(super) fn variants(
        &mut self,
        field: Option<QueryField>,
        typed: &str,
        words: &[Variant],
        as_typed: bool,
        positive: bool,
    ) -> Box<dyn Query> {
        let target = self.target(field);
        let sub_word = |term: &str| {
            as_typed
                && self.options.bigrams
                && target.bigrams.is_some()
                && term.chars().count() >= 2
                && term.chars().all(is_han)
        };
        let boost = self.options.bigram_boost;
        let any = |field: Field, bigram_field: Option<Field>| {
            any_word(words, field, bigram_field, &sub_word, boost)
        };
        let mut query = any(target.words, target.bigrams);
        if self.through_question && positive && field.is_none() && !words.is_empty() {
            self.used_question = true;
            query = either(query, any(self.fields.context, None));
        }
        let terms: Vec<String> = words.iter().map(|v| v.term.clone()).collect();
        if positive && field.is_none() && !self.in_group {
            self.analysis.push(UnitAnalysis {
                typed: typed.to_string(),
                words: terms.clone(),
                bigrams: Vec::new(),
                alternatives: Vec::new(),
                variants: Some(words.to_vec()),
                spelled: None,
                around: Vec::new(),
                query: query.box_clone(),
            });
        }
        if positive && field.is_none() && !terms.is_empty() {
            for term in terms {
                if sub_word(&term) {
                    self.highlight.inner.push(term);
                } else {
                    self.highlight.sequences.push(vec![term]);
                }
            }
            self.title_clauses.push(any(self.fields.title, None));
            self.context_clauses.push(any(self.fields.context, None));
        }
        query
    }

    /// The query's positive words near one another in the text, as a sloppy phrase.
    pub(super) fn proximity(&self) -> Vec<Box<dyn Query>> {
        if self.proximity_words.len() < 2 || self.options.proximity_boost <= 0.0 {
            return Vec::new();
        }
        let terms: Vec<Term> = self
            .proximity_words
            .iter()
            .map(|w| Term::from_field_text(self.fields.text, w))
            .collect();
        let mut phrase = PhraseQuery::new(terms);
        phrase.set_slop(self.options.proximity_slop);
        vec![Box::new(phrase)]
    }
}

/// A run of tokens `from..to` that forms one unit, and whether it is Chinese.
type Span = (usize, usize, bool);

fn is_han_token(t: &Token) -> bool {
    t.text.chars().all(is_han)
}

/// Whether token `b` starts where token `a` ends.
fn adjacent(tokens: &[Token], a: usize, b: usize) -> bool {
    tokens[a].offset_to == tokens[b].offset_from
}

/// Spans of tokens that form one unit: consecutive Latin words (COVID-19), each Chinese word,
/// and runs of single Chinese characters (an unknown word jieba split apart); then a lone
/// Chinese character joins its neighbour (see [`join_lone_characters`]).
fn spans(tokens: &[Token]) -> Vec<Span> {
    let single = |t: &Token| is_han_token(t) && t.text.chars().count() == 1;
    let mut spans: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let han = is_han_token(&tokens[i]);
        let mut j = i + 1;
        while j < tokens.len()
            && if han {
                single(&tokens[i]) && single(&tokens[j])
            } else {
                !is_han_token(&tokens[j])
            }
        {
            j += 1;
        }
        spans.push((i, j, han));
        i = j;
    }
    join_lone_characters(tokens, &mut spans);
    spans
}

/// A lone Chinese character means little by itself (稳 in 稳外贸): it joins the Chinese word
/// typed right after it, or else right before it, and the unit is matched as typed.
fn join_lone_characters(tokens: &[Token], spans: &mut Vec<Span>) {
    let mut k = 0;
    while k < spans.len() {
        let (i, j, han) = spans[k];
        let lone = han
            && tokens[i..j]
                .iter()
                .map(|t| t.text.chars().count())
                .sum::<usize>()
                == 1;
        if lone && k + 1 < spans.len() && spans[k + 1].2 && adjacent(tokens, j - 1, spans[k + 1].0)
        {
            spans[k + 1].0 = i;
            spans.remove(k);
            continue;
        }
        if lone && k > 0 && spans[k - 1].2 && adjacent(tokens, spans[k - 1].1 - 1, i) {
            spans[k - 1].1 = j;
            spans.remove(k);
            continue;
        }
        k += 1;
    }
}

/// The Chinese typed around the Chinese unit `unit` of span `k` in the same word, with it,
/// widest first (see [`UnitAnalysis::around`]).
fn around(text: &str, tokens: &[Token], spans: &[Span], k: usize, unit: &str) -> Vec<String> {
    // The folded Chinese of a span, when it is Chinese and stands right beside the span
    // `next_to` (a misspelt character may have made jieba cut a word apart).
    let han_beside = |k: usize, next_to: usize| -> Option<String> {
        let &(i, j, han) = spans.get(k)?;
        let (a, b) = (k.min(next_to), k.max(next_to));
        let touching = adjacent(tokens, spans[a].1 - 1, spans[b].0);
        (han && touching).then(|| fold_str(&text[tokens[i].offset_from..tokens[j - 1].offset_to]))
    };
    let before = k.checked_sub(1).and_then(|b| han_beside(b, k));
    let after = han_beside(k + 1, k);
    let mut around = Vec::new();
    if let (Some(b), Some(a)) = (&before, &after) {
        around.push(format!("{b}{unit}{a}"));
    }
    if let Some(b) = &before {
        around.push(format!("{b}{unit}"));
    }
    if let Some(a) = &after {
        around.push(format!("{unit}{a}"));
    }
    around
}

/// `a` or `b`, a passage scoring by both.
fn either(a: Box<dyn Query>, b: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Should, a),
        (Occur::Should, b),
    ]))
}

/// Any of `words` in `field`, a passage scoring as its best match among them; a word that
/// `inside` accepts is also found inside longer words, by its bigrams in `bigram_field`
/// (weighted by `bigram_boost`). No word: nothing matches.
fn any_word(
    words: &[Variant],
    field: Field,
    bigram_field: Option<Field>,
    inside: &dyn Fn(&str) -> bool,
    bigram_boost: f32,
) -> Box<dyn Query> {
    let mut each: Vec<Box<dyn Query>> = words
        .iter()
        .map(|v| {
            let word = sequence(field, &[&v.term]);
            match bigram_field.filter(|_| inside(&v.term)) {
                Some(bigrams) => {
                    let pairs = bigrams::terms(&v.term, true);
                    let pairs: Vec<&str> = pairs.iter().map(String::as_str).collect();
                    either(
                        word,
                        Box::new(BoostQuery::new(sequence(bigrams, &pairs), bigram_boost)),
                    )
                }
                None => word,
            }
        })
        .collect();
    match each.len() {
        0 => Box::new(EmptyQuery),
        1 => each.remove(0),
        _ => Box::new(DisjunctionMaxQuery::with_tie_breaker(
            each,
            GROUP_TIE_BREAKER,
        )),
    }
}
