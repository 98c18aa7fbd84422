//! What a search is asked and what it answers: the request, its results, advice for the
//! user, and the error of a query that must be fixed.

use super::*;

/// What to search for and how many hits to return.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
    /// Longest snippet, in characters.
    pub snippet_chars: usize,
    pub sort: Sort,
    /// Group hits by briefing, keeping at most this many passages of each.
    pub per_briefing: Option<usize>,
    /// Also count every matching passage (costs a pass over all matches).
    pub count_total: bool,
    /// Ranked by score, follow the passages that match the query as typed with those that
    /// have some of its words.
    pub fill: bool,
    /// Find each hit's counterpart in a parallel version of its briefing.
    pub counterparts: bool,
    /// Say how the query was analysed and each hit scored.
    pub explain: bool,
    /// Ranked by score (and not grouped), fold each passage into a higher-ranked
    /// near-duplicate, so that `limit` counts distinct hits.
    pub collapse: bool,
}

/// Hits and, when asked for, the number of passages that matched in all.
#[derive(Debug)]
pub(crate) struct Results {
    pub hits: Vec<Hit>,
    pub total: Option<usize>,
    /// With `--explain`: how the query was analysed, unit by unit.
    pub analysis: Option<Vec<UnitSummary>>,
    /// What to tell the user about the query (on stderr): capped prefixes, words the index
    /// may spell otherwise.
    pub advice: Advice,
}

/// What to tell the user about a query: notices about its prefixes and fuzzy words, and words
/// of the index its rare words may be misspellings of.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Advice {
    pub notices: Vec<String>,
    pub suggestions: Vec<Suggestion>,
}

/// Words of the index that a typed word may be a misspelling of.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Suggestion {
    /// As typed.
    pub typed: String,
    /// The passages it is in.
    pub passages: u64,
    /// Closest first, as a user would type them.
    pub words: Vec<String>,
}

impl fmt::Display for Suggestion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words = match self.words.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
        };
        write!(f, "{}: did you mean {words}?", self.typed)
    }
}

/// One unit of the query as analysed (`--explain`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnitSummary {
    pub typed: String,
    pub words: Vec<String>,
    pub bigrams: Vec<String>,
    pub alternatives: Vec<Alternative>,
    /// The words of the index a prefix or fuzzy word stands for (`None`: another unit).
    pub variants: Option<Vec<Variant>>,
}

/// A query the user must fix: the message says what and where.
#[derive(Debug)]
pub(crate) struct BadQuery {
    pub query: String,
    pub error: SyntaxError,
}

impl fmt::Display for BadQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let column = self.error.column(&self.query);
        write!(f, "bad query: {} at column {column}", self.error.message)?;
        if self.query.chars().count() <= 120 && !self.query.chars().any(char::is_control) {
            let pad: usize = self.query.chars().take(column - 1).map(display_width).sum();
            write!(f, "\n  {}\n  {}^", self.query, " ".repeat(pad))?;
        }
        Ok(())
    }
}

impl std::error::Error for BadQuery {}

pub(super) fn display_width(c: char) -> usize {
    if crate::script::is_han(c)
        || ('\u{3000}'..='\u{30FF}').contains(&c)
        || ('\u{FF00}'..='\u{FF60}').contains(&c)
    {
        2
    } else {
        1
    }
}
