//! From a parsed briefing to Tantivy documents, one per passage.

use tantivy::{DateTime, TantivyDocument};
use xxhash_rust::xxh3::xxh3_64;

use super::schema::{Fields, name_key};
use crate::analyze::fingerprint::prints;
use crate::briefing::Briefing;

/// The `source` of briefings read from stdin, which have no file.
pub(crate) const STDIN_SOURCE: &str = "(stdin)";

/// Where a briefing comes from, as the index records it.
#[derive(Debug, Clone)]
pub(crate) struct SourceInfo<'a> {
    pub briefing_id: &'a str,
    /// The path as the user gave it (shown in results).
    pub source: &'a str,
    /// The canonical path (replaced or pruned by).
    pub source_key: &'a str,
    pub content_hash: u64,
}

/// How much of the question an answer replies to is indexed with the answer: its opening says
/// what is asked, and indexing it whole for each paragraph of a long answer would multiply the
/// work of indexing questions.
const CONTEXT_BYTES: usize = 400;

/// The first `max` bytes of `text`, cut at a character boundary.
fn opening(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The passage id: the briefing id and the passage's 1-based ordinal.
pub(crate) fn passage_id(briefing_id: &str, ordinal: u32) -> String {
    format!("{briefing_id}#{ordinal}")
}

/// The documents of every passage of `briefing`.
pub(crate) fn documents(
    fields: &Fields,
    briefing: &Briefing,
    source: &SourceInfo,
) -> Vec<TantivyDocument> {
    let date = briefing
        .date
        .map(|d| DateTime::from_timestamp_secs(d.days_since_epoch() * 86_400));
    let briefing_bits = xxh3_64(source.briefing_id.as_bytes()) & 0xFF_FFFF;
    let day_bits = briefing.date.map_or(0x1_FFFF, |d| {
        (d.days_since_epoch() + 30_000).clamp(0, 0x1_FFFE) as u64
    });
    briefing
        .passages()
        .into_iter()
        .map(|p| {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.id, passage_id(source.briefing_id, p.ordinal));
            doc.add_text(fields.briefing_id, source.briefing_id);
            doc.add_text(fields.source, source.source);
            doc.add_text(fields.source_key, source.source_key);
            doc.add_u64(fields.content_hash, source.content_hash);
            if let Some(url) = &briefing.source_url {
                doc.add_text(fields.source_url, url);
            }
            doc.add_text(fields.title, &briefing.title);
            doc.add_text(fields.title_cjk, &briefing.title);
            doc.add_text(fields.text, p.text);
            doc.add_text(fields.text_cjk, p.text);
            doc.add_text(fields.text_forms, p.text);
            if let Some(question) = &p.question_text {
                doc.add_text(fields.context, opening(question, CONTEXT_BYTES));
            }
            if let Some(speaker) = p.speaker {
                doc.add_text(fields.speaker, speaker);
                doc.add_text(fields.speaker_key, name_key(speaker));
                doc.add_text(fields.speaker_text, speaker);
            }
            if let Some(role) = p.role {
                doc.add_text(fields.role, role);
            }
            if let Some(outlet) = p.outlet {
                doc.add_text(fields.outlet, outlet);
            }
            if let Some(id) = &p.outlet_id {
                doc.add_text(fields.outlet_id, id);
                doc.add_text(fields.outlet_key, name_key(id));
            }
            doc.add_text(fields.kind, p.kind.as_str());
            doc.add_text(fields.lang, briefing.lang.as_str());
            if let Some(date) = date {
                doc.add_date(fields.date, date);
            }
            doc.add_u64(fields.turn, u64::from(p.turn));
            doc.add_u64(fields.paragraph, u64::from(p.paragraph));
            doc.add_u64(fields.ordinal, u64::from(p.ordinal));
            if let Some(q) = p.question_ordinal {
                doc.add_text(fields.question_id, passage_id(source.briefing_id, q));
            }
            doc.add_u64(fields.length, p.text.len() as u64);
            let prints = prints(p.text);
            doc.add_u64(fields.fingerprint, prints.fingerprint.0[0]);
            doc.add_u64(fields.fingerprint_2, prints.fingerprint.0[1]);
            if let Some(keys) = prints.fingerprint.band_keys() {
                for key in keys {
                    doc.add_u64(fields.fingerprint_bands, key);
                }
                // Only for a passage with a fingerprint: the others are never compared.
                for word in prints.sketch.0 {
                    doc.add_u64(fields.sketch, word);
                }
            }
            doc.add_u64(
                fields.order,
                (day_bits << 40) | (briefing_bits << 16) | u64::from(p.ordinal.min(0xFFFF)),
            );
            doc
        })
        .collect()
}
