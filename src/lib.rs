//! briefsearch: search archives of press-briefing transcripts in English and Chinese.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`parse`]: a transcript file (plain text or Markdown) becomes a [`briefing::Briefing`]:
//!    title, date, language, and speaker turns with noise (captions, credits, footers) dropped.
//! 2. [`analyze`]: the bilingual analyzer, jieba words for Chinese, stemmed words for English,
//!    plus CJK bigrams for sub-word recall.
//! 3. [`index`]: the Tantivy schema and writer; the unit of the index is the passage.
//! 4. [`search`]: query parsing, filters, BM25 ranking and snippets; returns data.
//! 5. [`output`]: text for people, JSON Lines for pipelines.
//!
//! [`evaluate`] measures ranking quality on a judged query set.
//!
//! [`cli`] ties them to the command line; `main.rs` only maps the result to an exit code.

pub mod analyze;
pub mod briefing;
pub mod cli;
pub mod date;
pub mod evaluate;
pub mod index;
pub mod output;
pub mod parse;
pub mod search;
// Not yet called by query analysis, which will use it for cross-lingual search.
#[allow(dead_code)]
pub(crate) mod translate;
