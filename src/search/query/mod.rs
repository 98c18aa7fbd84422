//! Queries: the [`syntax`] users type, and how it is [`build`]t into a Tantivy query.

pub mod aliases;
pub mod build;
pub mod options;
pub mod syntax;
