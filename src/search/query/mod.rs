//! Queries: the [`syntax`] users type, and how it is [`build`]t into a Tantivy query.

pub(crate) mod aliases;
pub(crate) mod build;
mod cached;
pub(crate) mod expand;
mod lazy;
mod lex;
pub(crate) mod options;
pub(crate) mod syntax;
mod units;

use crate::analyze::Analyzer;
use crate::index::schema;
use syntax::SyntaxError;

/// Parses `query` and builds it against the index schema, as every search does; an error
/// says where the query is wrong. For fuzzing and regression tests.
pub fn compile(query: &str, analyzer: &Analyzer) -> Result<(), SyntaxError> {
    let (_, fields) = schema::build();
    let node = syntax::parse(query)?;
    let _ = build::build(&node, &fields, analyzer, &build::RankOptions::default());
    Ok(())
}
