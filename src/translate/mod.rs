//! Translation of query terms between English and Chinese, for cross-lingual search: the
//! general dictionaries, the briefing lexicon and user lexicons (see `dictionary`).

pub(crate) mod dictionary;
pub(crate) mod keys;
pub(crate) mod lexicon;
