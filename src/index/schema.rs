//! The Tantivy schema: one document per passage.
//!
//! Field names are part of the on-disk format; `SCHEMA_VERSION` changes whenever they or their
//! options do, and an index of another version is refused with a request to re-index.
//! `schema/index-fields.md` documents every field.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};

use crate::analyze::{BIGRAMS, WORDS};

/// Version of the fields below; stored in the index beside the analyzer version.
pub const SCHEMA_VERSION: u32 = 3;

/// Handles to every field of the passage document.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Passage id, `briefing_id#ordinal`.
    pub id: Field,
    pub briefing_id: Field,
    /// The file as the user named it (for display).
    pub source: Field,
    /// The file's canonical path: the key for replacing or pruning a briefing.
    pub source_key: Field,
    /// Hash of the file's bytes, for incremental indexing.
    pub content_hash: Field,
    pub source_url: Field,
    pub title: Field,
    pub title_cjk: Field,
    pub text: Field,
    pub text_cjk: Field,
    /// For answers, the opening of the question they reply to (words, for a ranking boost;
    /// not stored, no positions).
    pub context: Field,
    pub speaker: Field,
    /// Lower-cased speaker, for case-insensitive filters.
    pub speaker_key: Field,
    /// Speaker name analysed as words, for `speaker:` in queries.
    pub speaker_text: Field,
    pub role: Field,
    pub outlet: Field,
    /// Lower-cased outlet, for case-insensitive filters.
    pub outlet_key: Field,
    pub kind: Field,
    pub lang: Field,
    pub date: Field,
    pub turn: Field,
    pub paragraph: Field,
    pub ordinal: Field,
    pub question_id: Field,
    /// Chronological sort key: date, then briefing, then position in the briefing.
    pub order: Field,
    /// Length of the passage text in bytes (for the length prior in ranking).
    pub length: Field,
}

/// Builds the schema and the handles to its fields.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let words = |stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(WORDS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    // The question an answer replies to only adds score to single words: no positions needed.
    let context = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(WORDS)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let bigrams = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(BIGRAMS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let date_options = DateOptions::from(INDEXED)
        .set_stored()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        briefing_id: b.add_text_field("briefing_id", STRING | STORED | FAST),
        source: b.add_text_field("source", STRING | STORED | FAST),
        source_key: b.add_text_field("source_key", STRING | FAST),
        content_hash: b.add_u64_field("content_hash", FAST),
        source_url: b.add_text_field("source_url", STORED),
        title: b.add_text_field("title", words(true)),
        title_cjk: b.add_text_field("title_cjk", bigrams.clone()),
        text: b.add_text_field("text", words(true)),
        text_cjk: b.add_text_field("text_cjk", bigrams),
        context: b.add_text_field("context", context),
        speaker: b.add_text_field("speaker", STRING | STORED | FAST),
        speaker_key: b.add_text_field("speaker_key", STRING | FAST),
        speaker_text: b.add_text_field("speaker_text", words(false)),
        role: b.add_text_field("role", STRING | STORED | FAST),
        outlet: b.add_text_field("outlet", STRING | STORED | FAST),
        outlet_key: b.add_text_field("outlet_key", STRING | FAST),
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        lang: b.add_text_field("lang", STRING | STORED | FAST),
        date: b.add_date_field("date", date_options),
        turn: b.add_u64_field("turn", STORED | FAST),
        paragraph: b.add_u64_field("paragraph", STORED | FAST),
        ordinal: b.add_u64_field("ordinal", STORED | FAST),
        question_id: b.add_text_field("question_id", STORED),
        order: b.add_u64_field("order", FAST),
        length: b.add_u64_field("length", FAST),
    };
    (b.build(), fields)
}

/// The fields of an opened index, by name (fails if the index has another schema).
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        id: f("id")?,
        briefing_id: f("briefing_id")?,
        source: f("source")?,
        source_key: f("source_key")?,
        content_hash: f("content_hash")?,
        source_url: f("source_url")?,
        title: f("title")?,
        title_cjk: f("title_cjk")?,
        text: f("text")?,
        text_cjk: f("text_cjk")?,
        context: f("context")?,
        speaker: f("speaker")?,
        speaker_key: f("speaker_key")?,
        speaker_text: f("speaker_text")?,
        role: f("role")?,
        outlet: f("outlet")?,
        outlet_key: f("outlet_key")?,
        kind: f("kind")?,
        lang: f("lang")?,
        date: f("date")?,
        turn: f("turn")?,
        paragraph: f("paragraph")?,
        ordinal: f("ordinal")?,
        question_id: f("question_id")?,
        order: f("order")?,
        length: f("length")?,
    })
}

/// The key that `--speaker` and `--outlet` compare: trimmed and lower-cased.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}
