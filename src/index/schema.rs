//! The Tantivy schema: one document per passage.
//!
//! Field names are part of the on-disk format; `SCHEMA_VERSION` changes whenever they or their
//! options do, and an index of another version is refused with a request to re-index.
//! `schema/index-fields.md` documents every field.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, NumericOptions,
    STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analyze::{BIGRAMS, FORMS, WORDS};

/// Version of the fields below; stored in the index beside the analyzer version.
pub(crate) const SCHEMA_VERSION: u32 = 8;

/// The names of the fields: part of the on-disk format, so written once, here.
pub(crate) mod name {
    pub(crate) const ID: &str = "id";
    pub(crate) const BRIEFING_ID: &str = "briefing_id";
    pub(crate) const SOURCE: &str = "source";
    pub(crate) const SOURCE_KEY: &str = "source_key";
    pub(crate) const CONTENT_HASH: &str = "content_hash";
    pub(crate) const SOURCE_URL: &str = "source_url";
    pub(crate) const TITLE: &str = "title";
    pub(crate) const TITLE_CJK: &str = "title_cjk";
    pub(crate) const TEXT: &str = "text";
    pub(crate) const TEXT_CJK: &str = "text_cjk";
    pub(crate) const TEXT_FORMS: &str = "text_forms";
    pub(crate) const CONTEXT: &str = "context";
    pub(crate) const SPEAKER: &str = "speaker";
    pub(crate) const SPEAKER_KEY: &str = "speaker_key";
    pub(crate) const SPEAKER_TEXT: &str = "speaker_text";
    pub(crate) const ROLE: &str = "role";
    pub(crate) const OUTLET: &str = "outlet";
    pub(crate) const OUTLET_KEY: &str = "outlet_key";
    pub(crate) const OUTLET_ID: &str = "outlet_id";
    pub(crate) const KIND: &str = "kind";
    pub(crate) const LANG: &str = "lang";
    pub(crate) const DATE: &str = "date";
    pub(crate) const TURN: &str = "turn";
    pub(crate) const PARAGRAPH: &str = "paragraph";
    pub(crate) const ORDINAL: &str = "ordinal";
    pub(crate) const QUESTION_ID: &str = "question_id";
    pub(crate) const ORDER: &str = "order";
    pub(crate) const LENGTH: &str = "length";
    pub(crate) const FINGERPRINT: &str = "fingerprint";
    pub(crate) const FINGERPRINT_2: &str = "fingerprint_2";
    pub(crate) const FINGERPRINT_BANDS: &str = "fingerprint_bands";
    pub(crate) const SKETCH: &str = "sketch";
}

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
    /// The passage's Latin-script words as written, lower-cased, unstemmed (no positions): the
    /// vocabulary of prefixes, fuzzy words and spelling suggestions.
    pub text_forms: Field,
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
    /// Lower-cased canonical outlet (`outlet_id`), for case-insensitive filters.
    pub outlet_key: Field,
    /// The canonical outlet (the outlet table's name, else the outlet as written).
    pub outlet_id: Field,
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
    /// Near-duplicate fingerprint of the text (`analyze::fingerprint`), its first two bands;
    /// 0 for short passages.
    pub fingerprint: Field,
    /// The fingerprint's last two bands.
    pub fingerprint_2: Field,
    /// The fingerprint's bands as terms: the passages that may be near-duplicates of one
    /// share one.
    pub fingerprint_bands: Field,
    /// Near-duplicate sketch (`analyze::fingerprint::Sketch`): four values, in order, for a
    /// passage with a fingerprint; none for the others.
    pub sketch: Field,
}

/// Builds the schema and the handles to its fields.
pub(crate) fn build() -> (Schema, Fields) {
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
    // Which passages hold a form is all its lookups need.
    let forms = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(FORMS)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    let date_options = DateOptions::from(INDEXED)
        .set_stored()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    let fields = Fields {
        id: b.add_text_field(name::ID, STRING | STORED),
        briefing_id: b.add_text_field(name::BRIEFING_ID, STRING | STORED | FAST),
        source: b.add_text_field(name::SOURCE, STRING | STORED | FAST),
        source_key: b.add_text_field(name::SOURCE_KEY, STRING | FAST),
        content_hash: b.add_u64_field(name::CONTENT_HASH, FAST),
        source_url: b.add_text_field(name::SOURCE_URL, STORED),
        title: b.add_text_field(name::TITLE, words(true)),
        title_cjk: b.add_text_field(name::TITLE_CJK, bigrams.clone()),
        text: b.add_text_field(name::TEXT, words(true)),
        text_cjk: b.add_text_field(name::TEXT_CJK, bigrams),
        text_forms: b.add_text_field(name::TEXT_FORMS, forms),
        context: b.add_text_field(name::CONTEXT, context),
        speaker: b.add_text_field(name::SPEAKER, STRING | STORED | FAST),
        speaker_key: b.add_text_field(name::SPEAKER_KEY, STRING | FAST),
        speaker_text: b.add_text_field(name::SPEAKER_TEXT, words(false)),
        role: b.add_text_field(name::ROLE, STRING | STORED | FAST),
        outlet: b.add_text_field(name::OUTLET, STRING | STORED | FAST),
        outlet_key: b.add_text_field(name::OUTLET_KEY, STRING | FAST),
        outlet_id: b.add_text_field(name::OUTLET_ID, STRING | STORED | FAST),
        kind: b.add_text_field(name::KIND, STRING | STORED | FAST),
        lang: b.add_text_field(name::LANG, STRING | STORED | FAST),
        date: b.add_date_field(name::DATE, date_options),
        turn: b.add_u64_field(name::TURN, STORED | FAST),
        paragraph: b.add_u64_field(name::PARAGRAPH, STORED | FAST),
        ordinal: b.add_u64_field(name::ORDINAL, STORED | FAST),
        question_id: b.add_text_field(name::QUESTION_ID, STORED),
        order: b.add_u64_field(name::ORDER, FAST),
        length: b.add_u64_field(name::LENGTH, FAST),
        fingerprint: b.add_u64_field(name::FINGERPRINT, FAST),
        fingerprint_2: b.add_u64_field(name::FINGERPRINT_2, FAST),
        // Looked up, never scored: no field norms (a byte per passage).
        fingerprint_bands: b.add_u64_field(
            name::FINGERPRINT_BANDS,
            NumericOptions::default().set_indexed(),
        ),
        sketch: b.add_u64_field(name::SKETCH, FAST),
    };
    (b.build(), fields)
}

/// The fields of an opened index, by name (fails if the index has another schema).
pub(crate) fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        id: f(name::ID)?,
        briefing_id: f(name::BRIEFING_ID)?,
        source: f(name::SOURCE)?,
        source_key: f(name::SOURCE_KEY)?,
        content_hash: f(name::CONTENT_HASH)?,
        source_url: f(name::SOURCE_URL)?,
        title: f(name::TITLE)?,
        title_cjk: f(name::TITLE_CJK)?,
        text: f(name::TEXT)?,
        text_cjk: f(name::TEXT_CJK)?,
        text_forms: f(name::TEXT_FORMS)?,
        context: f(name::CONTEXT)?,
        speaker: f(name::SPEAKER)?,
        speaker_key: f(name::SPEAKER_KEY)?,
        speaker_text: f(name::SPEAKER_TEXT)?,
        role: f(name::ROLE)?,
        outlet: f(name::OUTLET)?,
        outlet_key: f(name::OUTLET_KEY)?,
        outlet_id: f(name::OUTLET_ID)?,
        kind: f(name::KIND)?,
        lang: f(name::LANG)?,
        date: f(name::DATE)?,
        turn: f(name::TURN)?,
        paragraph: f(name::PARAGRAPH)?,
        ordinal: f(name::ORDINAL)?,
        question_id: f(name::QUESTION_ID)?,
        order: f(name::ORDER)?,
        length: f(name::LENGTH)?,
        fingerprint: f(name::FINGERPRINT)?,
        fingerprint_2: f(name::FINGERPRINT_2)?,
        fingerprint_bands: f(name::FINGERPRINT_BANDS)?,
        sketch: f(name::SKETCH)?,
    })
}

/// The key that `--speaker` and `--outlet` compare: trimmed and lower-cased.
pub(crate) fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::SimpleTokenizer;
    use tantivy::{Index, TantivyDocument};

    use super::*;

    /// A passage's sketch is four values compared position by position: the fast field must
    /// give them back in the order they were added, not sorted.
    #[test]
    fn test_sketch_values_come_back_in_order() {
        let (schema, fields) = build();
        let index = Index::create_in_ram(schema);
        // No text is added: any tokenizer will do under the analyzer's names.
        for name in [WORDS, BIGRAMS, FORMS] {
            index
                .tokenizers()
                .register(name, SimpleTokenizer::default());
        }
        let mut writer = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let sketches = [[9u64, 3, 7, 1], [u64::MAX, 0, 42, 5]];
        for sketch in sketches {
            let mut doc = TantivyDocument::default();
            for value in sketch {
                doc.add_u64(fields.sketch, value);
            }
            writer.add_document(doc).expect("add");
        }
        // A passage without a sketch between them changes nothing for the others.
        writer
            .add_document(TantivyDocument::default())
            .expect("add");
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let column = searcher.segment_reader(0).fast_fields().u64(name::SKETCH);
        let column = column.expect("sketch column");
        for (doc, sketch) in sketches.iter().enumerate() {
            let read: Vec<u64> = column.values_for_doc(doc as u32).collect();
            assert_eq!(&read, sketch);
        }
        assert_eq!(column.values_for_doc(2).count(), 0);
    }
}
