//! Search: from a query string and filters to ranked, attributed hits, counts and
//! summaries. Returns data; printing is `output`'s business.
//!
//! Ranking is BM25 over the passage text (words, and CJK bigrams for sub-words), plus small
//! boosts for matches in the briefing title and, for answers, in the question asked (see
//! [`query::build`]), times a length prior that discounts one-line passages. Filters never
//! change a score. `*` alone lists passages in date order.

pub(crate) mod collapse;
pub(crate) mod collect;
pub(crate) mod facets;
pub(crate) mod filter;
pub(crate) mod hit;
pub(crate) mod lexicon;
pub(crate) mod parallel;
mod partial;
pub(crate) mod passage;
pub(crate) mod query;
mod rank;
mod searcher;
pub(crate) mod show;
pub(crate) mod snippet;
pub(crate) mod speakers;
pub(crate) mod stats;
pub(crate) mod trend;
pub(crate) mod vocabulary;

pub(crate) use filter::{Filter, Filters};
pub(crate) use hit::{Duplicate, Hit};
pub(crate) use passage::StoredPassage;
pub use searcher::Searcher;
pub(crate) use searcher::{Advice, Expansion, Prepared, Request, Results, Sort, UnitSummary};

/// What a scoped thread returned; a panic in it goes on in the caller's thread.
pub(crate) fn joined<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
