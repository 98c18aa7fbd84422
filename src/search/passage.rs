//! The passage record: one passage as the index stores it, read back with typed fields. A hit
//! and a shown passage carry this record; they never copy its fields.

use anyhow::{Context, Result};
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

use crate::briefing::{Kind, Lang};
use crate::date::Date;
use crate::index::Fields;

/// A passage with everything the index stores about it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoredPassage {
    /// `briefing_id#ordinal`.
    pub id: String,
    pub briefing_id: String,
    pub title: String,
    pub date: Option<Date>,
    pub lang: Lang,
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub outlet: Option<String>,
    /// The canonical outlet: the same for every spelling of one outlet.
    pub outlet_id: Option<String>,
    pub kind: Kind,
    pub text: String,
    /// The file as the user named it when indexing.
    pub source: String,
    pub source_url: Option<String>,
    pub turn: u64,
    pub paragraph: u64,
    pub ordinal: u64,
    /// For an answer, the id of the first passage of its question.
    pub question_id: Option<String>,
}

impl StoredPassage {
    /// Reads the passage at `addr`.
    pub(crate) fn read(
        searcher: &tantivy::Searcher,
        fields: &Fields,
        addr: DocAddress,
    ) -> Result<StoredPassage> {
        let doc: TantivyDocument = searcher
            .doc(addr)
            .context("cannot read a passage from the index")?;
        let text_of = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let u64_of = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        let id = text_of(fields.id).unwrap_or_default();
        let damaged = |what: &str| {
            format!("passage {id} has no valid {what}: re-index with `briefsearch index --rebuild`")
        };
        let kind = text_of(fields.kind)
            .as_deref()
            .and_then(Kind::parse)
            .with_context(|| damaged("kind"))?;
        let lang = text_of(fields.lang)
            .as_deref()
            .and_then(Lang::parse)
            .with_context(|| damaged("language"))?;
        let date = doc
            .get_first(fields.date)
            .and_then(|v| v.as_datetime())
            .and_then(|d| Date::from_days_since_epoch(d.into_timestamp_secs().div_euclid(86_400)));
        Ok(StoredPassage {
            briefing_id: text_of(fields.briefing_id).unwrap_or_default(),
            title: text_of(fields.title).unwrap_or_default(),
            date,
            lang,
            speaker: text_of(fields.speaker),
            role: text_of(fields.role),
            outlet: text_of(fields.outlet),
            outlet_id: text_of(fields.outlet_id),
            kind,
            text: text_of(fields.text).unwrap_or_default(),
            source: text_of(fields.source).unwrap_or_default(),
            source_url: text_of(fields.source_url),
            turn: u64_of(fields.turn),
            paragraph: u64_of(fields.paragraph),
            ordinal: u64_of(fields.ordinal),
            question_id: text_of(fields.question_id),
            id,
        })
    }

    /// Who is speaking, as a heading: the name, with the role when the speaker is named.
    pub(crate) fn who_heading(&self) -> String {
        match (&self.role, &self.speaker) {
            (Some(role), Some(_)) => format!("{}, {role}", self.who()),
            _ => self.who(),
        }
    }

    /// Who spoke, as people name them: the speaker (with their outlet), a reporter by outlet,
    /// or what the passage is when nobody is named.
    pub(crate) fn who(&self) -> String {
        match (&self.speaker, &self.outlet) {
            (Some(speaker), Some(outlet)) => format!("{speaker} ({outlet})"),
            (Some(speaker), None) => speaker.clone(),
            (None, Some(outlet)) => format!("Reporter, {outlet}"),
            (None, None) => match self.kind {
                Kind::Question => "Reporter",
                Kind::Narration => "Narration",
                Kind::Answer | Kind::Remarks => "Speaker",
            }
            .to_string(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A passage for tests of code that shows or prints passages.
    pub(crate) fn passage(ordinal: u64, kind: Kind, speaker: Option<&str>) -> StoredPassage {
        StoredPassage {
            id: format!("b#{ordinal}"),
            briefing_id: "b".into(),
            title: "Customs briefing".into(),
            date: Date::new(2023, 4, 18),
            lang: Lang::En,
            speaker: speaker.map(str::to_string),
            role: None,
            outlet: None,
            outlet_id: None,
            kind,
            text: format!("text {ordinal}"),
            source: "b.txt".into(),
            source_url: None,
            turn: 1,
            paragraph: 1,
            ordinal,
            question_id: None,
        }
    }

    #[test]
    fn test_who_names_speaker_outlet_or_kind() {
        let mut p = passage(1, Kind::Answer, Some("Lin Qiao"));
        assert_eq!(p.who(), "Lin Qiao");
        p.speaker = None;
        assert_eq!(p.who(), "Speaker");
        p.kind = Kind::Question;
        assert_eq!(p.who(), "Reporter");
        p.outlet = Some("Xinhua".into());
        assert_eq!(p.who(), "Reporter, Xinhua");
        p.speaker = Some("Li Ming".into());
        assert_eq!(p.who(), "Li Ming (Xinhua)");
        p.speaker = None;
        p.outlet = None;
        p.kind = Kind::Narration;
        assert_eq!(p.who(), "Narration");
    }
}
