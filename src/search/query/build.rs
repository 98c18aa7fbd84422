//! From the syntax tree to a Tantivy query, through the same analyzer that built the index.
//!
//! Each word of the text becomes a clause that the passage must match:
//! - English (and other Latin-script) words are stemmed terms of the word field; several
//!   words typed together (COVID-19) are a phrase.
//! - Chinese typed without spaces is segmented by jieba first, so 跨境电商出口 is a conjunction
//!   of its words. Each Chinese word matches as a word of the word field *or* as a phrase of
//!   the marked bigrams of the `_cjk` field, which finds it inside longer words (产权 in
//!   知识产权) but never across two words of the text (美元 in 中美|元首); an exact word match
//!   scores both, so it ranks above a sub-word match. Runs of single characters that jieba
//!   could not join (an unknown word) are searched as one unit, a string found anywhere.
//! - A quoted phrase is exact: a phrase of words, and for Chinese also a phrase of bigrams
//!   (which does not depend on how jieba cut the text around it).
//!
//! Besides the clauses that decide *whether* a passage matches, [`Built::boosts`] adds score
//! for matches in the briefing title and in the question an answer replies to.

use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::schema::Field;

use super::lazy::LazySum;
pub use super::options::{Matching, RankOptions};
use super::syntax::{Alternative, Node, QueryField, Variant};
use crate::analyze::Analyzer;
use crate::index::Fields;
use crate::script::is_han;

/// What the query looks for, for highlighting: sequences of analysed words (a word, or a
/// phrase), Chinese strings to find anywhere (typed strings and phrases), and Chinese words to
/// find inside any one word of the text (sub-word matches). Chinese strings are folded.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Highlight {
    pub sequences: Vec<Vec<String>>,
    pub han: Vec<String>,
    pub inner: Vec<String>,
}

impl Highlight {
    /// Whether the query's positive words include Latin-script words, and Chinese words.
    pub(crate) fn scripts(&self) -> (bool, bool) {
        let words = self.sequences.iter().flatten();
        let latin = words.clone().any(|w| !w.chars().any(is_han));
        let han = !self.han.is_empty()
            || !self.inner.is_empty()
            || words.clone().any(|w| w.chars().any(is_han));
        (latin, han)
    }
}

/// How one unit of the query was analysed: for `--explain`.
pub(crate) struct UnitAnalysis {
    /// The unit as typed (a word, a Chinese word, the words of a group).
    pub typed: String,
    /// Terms of the word field, in order.
    pub words: Vec<String>,
    /// Terms of the bigram field (sub-word matches), in order.
    pub bigrams: Vec<String>,
    /// Its equivalents, when it is a group.
    pub alternatives: Vec<Alternative>,
    /// The words of the index it stands for, when it is a prefix or fuzzy word.
    pub variants: Option<Vec<Variant>>,
    /// The unit as typed when it is one word that may be misspelt (a Latin-script word, or
    /// Chinese typed without quotes), for spelling suggestions.
    pub spelled: Option<String>,
    /// For a Chinese unit, the Chinese typed right around it with it, widest first (`海关总属`
    /// for `总属` after `海关`): a misspelt character may have cut a word apart.
    pub around: Vec<String>,
    /// The unit's query, to score passages by part.
    pub query: Box<dyn Query>,
}

pub(crate) struct Built {
    /// The query that decides which passages match, and scores them.
    pub matching: Box<dyn Query>,
    /// The same, with each word found in the passage's text or in the question it replies
    /// to (`None` when the query has no such words).
    pub through_question: Option<Box<dyn Query>>,
    /// Extra score from title and question context; `None` when there is nothing to boost.
    pub boosts: Option<Box<dyn Query>>,
    /// True when the query is `*` alone: every passage, no scoring.
    pub match_all: bool,
    /// True when some typed words were made optional (fewer than all of them may match).
    pub relaxed: bool,
    pub highlight: Highlight,
    /// The units of the query, in order (positive, unfielded ones).
    pub analysis: Vec<UnitAnalysis>,
    /// The boosts one by one: ("title", …), ("question", …), ("proximity", …).
    pub boost_parts: Vec<(&'static str, Box<dyn Query>)>,
}

/// Why a query cannot be built (a syntax tree that analyses to nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EmptyQuery;

/// The pair of fields a text query searches.
#[derive(Clone, Copy)]
pub(super) struct Target {
    pub(super) words: Field,
    pub(super) bigrams: Option<Field>,
}

pub(super) struct Builder<'a> {
    pub(super) fields: &'a Fields,
    pub(super) analyzer: &'a Analyzer,
    pub(super) options: &'a RankOptions,
    /// Positive words of the text, in query order (for the proximity boost).
    pub(super) proximity_words: Vec<String>,
    pub(super) highlight: Highlight,
    pub(super) relaxed: bool,
    pub(super) title_clauses: Vec<Box<dyn Query>>,
    pub(super) context_clauses: Vec<Box<dyn Query>>,
    /// Build each word as "in the text, or in the question replied to".
    pub(super) through_question: bool,
    /// A word was built so (the query differs from the one matching the text alone).
    pub(super) used_question: bool,
    /// Units analysed so far (for `--explain`).
    pub(super) analysis: Vec<UnitAnalysis>,
    /// Building the members of a group (which is analysed as one unit).
    pub(super) in_group: bool,
}

/// A boost: its name, its clauses (any of them), its weight.
type BoostPart = (&'static str, Vec<Box<dyn Query>>, f32);

/// Builds the Tantivy query for `node`.
pub(crate) fn build(
    node: &Node,
    fields: &Fields,
    analyzer: &Analyzer,
    options: &RankOptions,
) -> Result<Built, EmptyQuery> {
    let new_builder = |through_question| Builder {
        fields,
        analyzer,
        options,
        proximity_words: Vec::new(),
        highlight: Highlight::default(),
        relaxed: false,
        title_clauses: Vec::new(),
        context_clauses: Vec::new(),
        through_question,
        used_question: false,
        analysis: Vec::new(),
        in_group: false,
    };
    let mut builder = new_builder(false);
    let matching = builder.node(node, true).ok_or(EmptyQuery)?;
    let through_question = if options.through_question {
        let mut via = new_builder(true);
        via.node(node, true).filter(|_| via.used_question)
    } else {
        None
    };
    let parts: Vec<BoostPart> = [
        (
            "title",
            std::mem::take(&mut builder.title_clauses),
            options.title_boost,
        ),
        (
            "question",
            std::mem::take(&mut builder.context_clauses),
            options.context_boost,
        ),
        ("proximity", builder.proximity(), options.proximity_boost),
    ]
    .into_iter()
    .filter(|(_, clauses, boost)| !clauses.is_empty() && *boost > 0.0)
    .collect();
    // Added to the score of a passage that matches, each clause moved to the passage (see
    // `lazy`); `--explain` scores the parts one by one.
    let boost_parts: Vec<(&'static str, Box<dyn Query>)> = parts
        .into_iter()
        .map(|(name, clauses, boost)| {
            (
                name,
                Box::new(LazySum::new(clauses, boost)) as Box<dyn Query>,
            )
        })
        .collect();
    let boosts: Vec<Box<dyn Query>> = boost_parts.iter().map(|(_, q)| q.box_clone()).collect();
    Ok(Built {
        matching,
        through_question,
        boosts: (!boosts.is_empty()).then(|| Box::new(LazySum::new(boosts, 1.0)) as Box<dyn Query>),
        match_all: *node == Node::All,
        relaxed: builder.relaxed,
        highlight: builder.highlight,
        analysis: builder.analysis,
        boost_parts,
    })
}

impl Builder<'_> {
    pub(super) fn target(&self, field: Option<QueryField>) -> Target {
        match field {
            None => Target {
                words: self.fields.text,
                bigrams: Some(self.fields.text_cjk),
            },
            Some(QueryField::Title) => Target {
                words: self.fields.title,
                bigrams: Some(self.fields.title_cjk),
            },
            Some(QueryField::Speaker) => Target {
                words: self.fields.speaker_text,
                bigrams: None,
            },
        }
    }

    /// `positive` is false under a NOT: such terms are neither highlighted nor boosted.
    fn node(&mut self, node: &Node, positive: bool) -> Option<Box<dyn Query>> {
        match node {
            Node::All => Some(Box::new(AllQuery)),
            Node::Or(children) => {
                let clauses: Vec<(Occur, Box<dyn Query>)> = children
                    .iter()
                    .filter_map(|c| self.node(c, positive).map(|q| (Occur::Should, q)))
                    .collect();
                boolean(clauses)
            }
            other => {
                let parts = self.parts(other, positive);
                self.combine(parts, positive)
            }
        }
    }

    /// The clauses `node` contributes to the conjunction it stands in.
    fn parts(&mut self, node: &Node, positive: bool) -> Vec<Part> {
        match node {
            // A field (speaker:, title:) is a constraint: never relaxed. A prefix or fuzzy word
            // unresolved (no index to look the words up in) is the word itself.
            Node::Word { field, text }
            | Node::Prefix { field, text }
            | Node::Fuzzy { field, text, .. } => self
                .word(*field, text, positive)
                .into_iter()
                .map(part_of(*field, Part::Optional))
                .collect(),
            Node::Variants {
                field,
                typed,
                words,
                as_typed,
            } => {
                let query = self.variants(*field, typed, words, *as_typed, positive);
                vec![part_of(*field, Part::Optional)(query)]
            }
            Node::Phrase { field, text } => self
                .phrase(*field, text, positive, false)
                .into_iter()
                .map(part_of(*field, Part::Required))
                .collect(),
            // Any of several fielded terms (a speaker's aliases) is a constraint too.
            Node::Or(children) if children.iter().all(is_fielded) => self
                .node(node, positive)
                .into_iter()
                .map(Part::Field)
                .collect(),
            Node::Group {
                typed,
                alternatives,
            } => self
                .group(typed, alternatives, positive)
                .into_iter()
                .map(Part::Optional)
                .collect(),
            Node::Required(inner) => self
                .parts(inner, positive)
                .into_iter()
                .map(|p| match p {
                    Part::Optional(q) => Part::Required(q),
                    other => other,
                })
                .collect(),
            Node::Not(inner) => self
                .node(inner, false)
                .into_iter()
                .map(Part::Prohibited)
                .collect(),
            Node::And(children) => children
                .iter()
                .flat_map(|c| self.parts(c, positive))
                .collect(),
            Node::Or(_) | Node::All => self
                .node(node, positive)
                .into_iter()
                .map(Part::Optional)
                .collect(),
        }
    }

    /// Required clauses must match, prohibited ones must not, and of the optional ones (words
    /// typed one after another) as many as the matching mode asks.
    /// Under a NOT (`positive` false) nothing is relaxed: loosening what is excluded would
    /// exclude more.
    fn combine(&mut self, parts: Vec<Part>, positive: bool) -> Option<Box<dyn Query>> {
        let (mut required, mut optional, mut prohibited) = (Vec::new(), Vec::new(), Vec::new());
        // Required words the user typed (not fields, which only narrow the search).
        let mut typed_required = false;
        for part in parts {
            match part {
                Part::Required(q) => {
                    typed_required = true;
                    required.push(q)
                }
                Part::Field(q) => required.push(q),
                Part::Optional(q) => optional.push(q),
                Part::Prohibited(q) => prohibited.push(q),
            }
        }
        let minimum = if positive {
            self.options
                .matching
                .minimum(optional.len(), typed_required)
        } else {
            optional.len()
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        clauses.extend(required.into_iter().map(|q| (Occur::Must, q)));
        if minimum >= optional.len() {
            clauses.extend(optional.into_iter().map(|q| (Occur::Must, q)));
        } else {
            self.relaxed = true;
            clauses.extend(optional.into_iter().map(|q| (Occur::Should, q)));
        }
        clauses.extend(prohibited.into_iter().map(|q| (Occur::MustNot, q)));
        if clauses.is_empty() {
            return None;
        }
        if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        if clauses.len() == 1 && clauses[0].0 == Occur::Must {
            return clauses.pop().map(|(_, q)| q);
        }
        let shoulds = clauses.iter().filter(|(o, _)| *o == Occur::Should).count();
        let query: Box<dyn Query> = Box::new(if shoulds > 0 && minimum > 0 {
            BooleanQuery::with_minimum_required_clauses(clauses, minimum.min(shoulds))
        } else {
            BooleanQuery::new(clauses)
        });
        Some(query)
    }
}

/// A clause in a conjunction.
enum Part {
    /// Typed text that must match: a phrase, `+word`, a side of `AND`.
    Required(Box<dyn Query>),
    /// A fielded constraint (`speaker:`, `title:`): must match, and is not one of the words.
    Field(Box<dyn Query>),
    Optional(Box<dyn Query>),
    Prohibited(Box<dyn Query>),
}

/// What a clause in `field` is in a conjunction: a field is a constraint (`Part::Field`),
/// text in no field is `unfielded`.
fn part_of(
    field: Option<QueryField>,
    unfielded: fn(Box<dyn Query>) -> Part,
) -> fn(Box<dyn Query>) -> Part {
    if field.is_some() {
        Part::Field
    } else {
        unfielded
    }
}

/// A word or phrase in a field (`speaker:`, `title:`).
fn is_fielded(node: &Node) -> bool {
    matches!(
        node,
        Node::Word { field: Some(_), .. }
            | Node::Phrase { field: Some(_), .. }
            | Node::Prefix { field: Some(_), .. }
            | Node::Fuzzy { field: Some(_), .. }
            | Node::Variants { field: Some(_), .. }
    )
}

/// A Boolean query of `clauses`; a lone clause stands for itself; negations alone are
/// taken from every passage.
fn boolean(mut clauses: Vec<(Occur, Box<dyn Query>)>) -> Option<Box<dyn Query>> {
    if clauses.is_empty() {
        return None;
    }
    if clauses.len() == 1 && clauses[0].0 != Occur::MustNot {
        return clauses.pop().map(|(_, q)| q);
    }
    if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

#[cfg(test)]
mod tests;
