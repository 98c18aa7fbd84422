//! briefsearch: search archives of press-briefing transcripts in English and Chinese.
//!
//! The pipeline, one module per stage:
//!
//! 1. `parse`: a transcript file (plain text, Markdown, HTML, JSON) becomes a `Briefing`:
//!    title, date, language, and speaker turns with noise (captions, credits, footers) dropped.
//! 2. `analyze`: the bilingual analyzer, jieba words for Chinese, stemmed words for English,
//!    plus CJK bigrams for sub-word recall.
//! 3. `index`: the Tantivy schema, the writer and the record of indexed files; `ingest` drives
//!    parse → analyse → index over files and folders. The unit of the index is the passage.
//! 4. `search`: query parsing, filters, BM25 ranking and snippets; returns data.
//! 5. `output`: text for people, JSON Lines and TSV for pipelines.
//!
//! `evaluate` measures ranking quality on a judged query set; `cli` ties the stages to the
//! command line, and `main.rs` only maps the result to an exit code.
//!
//! The modules are private to the crate; what the binary, tests, examples, benchmarks and
//! fuzz targets use is re-exported below.

#![warn(unreachable_pub)]

mod analyze;
mod briefing;
mod cli;
mod date;
mod evaluate;
mod index;
mod ingest;
mod list_file;
mod names;
mod outlets;
mod output;
mod parse;
mod script;
mod search;
mod translate;

pub use analyze::{Analyzer, AnalyzerOptions, CutWord};
pub use cli::{Cli, Outcome, run};
pub use evaluate::{Averages, Evaluation, JudgedSet, evaluate};
pub use ingest::index_with;
pub use parse::{Format, ParseError, parse};
pub use search::Searcher;
pub use search::query::build::{Matching, RankOptions};
pub use search::query::compile;
pub use search::query::syntax::SyntaxError;
