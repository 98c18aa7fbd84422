//! A hit: a stored passage as a ranked, highlighted result.

use super::passage::StoredPassage;
use super::query::build::Highlight;
use super::snippet::{self, Snippet};
use crate::analyze::Analyzer;
use crate::date::Date;

/// A near-duplicate of a hit, folded into it (`search::collapse`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Duplicate {
    pub id: String,
    pub date: Option<Date>,
}

/// One matching passage, with everything needed to show or script it. The JSON Lines form
/// (`schema/hit.schema.json`) is `output::json`'s business.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit {
    pub rank: usize,
    pub score: f32,
    pub passage: StoredPassage,
    /// The best window of the passage's text.
    pub snippet: String,
    /// Byte ranges of matches in the passage's text.
    pub highlights: Vec<[usize; 2]>,
    /// Byte ranges of matches in `snippet`.
    pub snippet_highlights: Vec<[usize; 2]>,
    /// The passage has only some of the query's words: it is ranked after every passage that
    /// matches the query as typed.
    pub partial: bool,
    /// With `--group briefing`: the 1-based rank of the hit's briefing.
    pub group: Option<usize>,
    /// With `--batch`: the id of the query this hit answers.
    pub query_id: Option<String>,
    /// How a passage that does not hold the query's words itself was reached.
    pub via: Option<Via>,
    /// For an answer found through its question: the window of the question with the matches.
    pub question_snippet: Option<Snippet>,
    /// With `--explain`: the score by part.
    pub explain: Option<Explanation>,
    /// The passages that match the query, rank lower and are near-duplicates of this one,
    /// in date order (ranked by score, unless every passage is asked for).
    pub duplicates: Vec<Duplicate>,
    /// The same passage in the other language (of a parallel version of the briefing), when
    /// asked for and there is one.
    pub counterpart: Option<StoredPassage>,
}

/// A hit's score by part (`--explain`): what each unit of the query and each boost adds,
/// and the length prior that multiplies the sum.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Explanation {
    /// Each unit of the query (as typed) and its score in this passage.
    pub units: Vec<(String, f32)>,
    /// Each boost ("title", "question", "proximity") and its score.
    pub boosts: Vec<(&'static str, f32)>,
    /// The multiplier of short passages (1 for most).
    pub length_prior: f32,
}

/// How a hit was reached when not by its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    /// An answer, through the words of the question it replies to.
    Question,
    /// A passage of the other language, through the query's translation (`--cross`).
    Translation,
    /// A passage of the other language, through its counterpart (the same passage in the
    /// language of the query) that matches the query as typed (`--cross`).
    Counterpart,
}

impl Via {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Via::Question => "question",
            Via::Translation => "translation",
            Via::Counterpart => "counterpart",
        }
    }
}

impl Hit {
    pub(crate) fn new(
        rank: usize,
        score: f32,
        passage: StoredPassage,
        wanted: &Highlight,
        analyzer: &Analyzer,
        snippet_chars: usize,
    ) -> Hit {
        let highlights = snippet::highlights(&passage.text, wanted, analyzer);
        let snip = snippet::snippet(&passage.text, &highlights, snippet_chars);
        Hit {
            snippet: snip.text,
            highlights,
            snippet_highlights: snip.highlights,
            ..Hit::plain(rank, score, passage)
        }
    }

    /// `passage` ranked `rank` with `score`, with no snippet, highlight or annotation yet.
    fn plain(rank: usize, score: f32, passage: StoredPassage) -> Hit {
        Hit {
            rank,
            score,
            passage,
            snippet: String::new(),
            highlights: Vec::new(),
            snippet_highlights: Vec::new(),
            partial: false,
            group: None,
            query_id: None,
            via: None,
            question_snippet: None,
            explain: None,
            duplicates: Vec::new(),
            counterpart: None,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `passage` as the first hit, scored 2.5, with no snippet, highlight or annotation: tests
    /// of printing set what they show.
    pub(crate) fn hit_of(passage: StoredPassage) -> Hit {
        Hit::plain(1, 2.5, passage)
    }
}
