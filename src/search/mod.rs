//! Search: from a query string and filters to ranked, attributed hits, counts and
//! summaries. Returns data; printing is `output`'s business.
//!
//! Ranking is BM25 over the passage text (words, and CJK bigrams for sub-words), plus small
//! boosts for matches in the briefing title and, for answers, in the question asked (see
//! [`query::build`]), times a length prior that discounts one-line passages. Filters never
//! change a score. `*` alone lists passages in date order.

pub mod collect;
pub mod facets;
pub mod filter;
pub mod hit;
pub(crate) mod passage;
pub mod query;
mod rank;
mod searcher;
pub mod show;
pub mod snippet;
pub mod speakers;
pub mod stats;
pub mod trend;
pub mod vocabulary;

pub use filter::{Filter, Filters};
pub use hit::Hit;
pub use passage::StoredPassage;
pub use searcher::{BadQuery, Prepared, Request, Results, Searcher, Sort};
