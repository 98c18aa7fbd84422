//! The JSON form of a briefing (`schema/briefing.schema.json`): for archives that are already
//! structured, and for pipelines (`briefsearch index -` reads JSON Lines from stdin).
//!
//! One briefing per `.json` file, or one per line in `.jsonl`. Errors name the line and the
//! field (`line 3: turns[2].kind: unknown variant …`). The same form is what
//! `briefsearch inspect --json` prints, so a parsed transcript can be fixed by hand and
//! re-indexed.

use serde::{Deserialize, Serialize};

use super::Record;
use crate::briefing::{Briefing, Kind, Lang, Turn};
use crate::date::Date;

/// A briefing as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct JsonBriefing {
    /// Stable id; required in JSON Lines, optional in a `.json` file (the path is used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// `en` or `zh`; detected from the text when absent.
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(default)]
    pub source_url: Option<String>,
    pub turns: Vec<JsonTurn>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct JsonTurn {
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    /// Inferred when absent: a turn with an outlet, or without a speaker, is a question; an
    /// official's turn is an answer once a question has been asked, remarks before.
    #[serde(default)]
    pub kind: Option<Kind>,
    /// The speech; paragraphs separated by line breaks.
    pub text: String,
}

/// A JSON record that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Parses a `.json` file: one briefing.
pub(crate) fn parse_one(text: &str) -> Result<Record, JsonError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let json: JsonBriefing = serde_path_to_error::deserialize(de).map_err(|e| {
        let line = e.inner().line();
        JsonError {
            line,
            message: describe(&e),
        }
    })?;
    convert(json, 1)
}

/// When `text` is JSON but plainly not in the briefing form (a list of records, or an object
/// with neither `title` nor `turns`), what it is instead, so that the message can point to a conversion
/// rather than to a type error deep inside.
pub(crate) fn other_form(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    match value {
        serde_json::Value::Array(items) => Some(format!(
            "a list of {} record{}",
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        )),
        serde_json::Value::Object(fields)
            if !fields.contains_key("turns") && !fields.contains_key("title") =>
        {
            let names: Vec<&str> = fields.keys().take(6).map(String::as_str).collect();
            Some(format!(
                "an object without `title` or `turns` (its fields: {}{})",
                names.join(", "),
                if fields.len() > names.len() {
                    ", …"
                } else {
                    ""
                }
            ))
        }
        serde_json::Value::Object(_) => None,
        _ => Some("a single value, not an object".to_string()),
    }
}

/// Parses JSON Lines: one briefing per non-blank line; each bad line is an error of its own.
pub(crate) fn parse_lines(text: &str) -> Vec<Result<Record, JsonError>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let line_no = i + 1;
            let de = &mut serde_json::Deserializer::from_str(line);
            let json: JsonBriefing =
                serde_path_to_error::deserialize(de).map_err(|e| JsonError {
                    line: line_no,
                    message: describe(&e),
                })?;
            if json.id.as_deref().is_none_or(|id| id.trim().is_empty()) {
                return Err(JsonError {
                    line: line_no,
                    message: "id: missing (each JSON Lines record needs a stable id)".into(),
                });
            }
            convert(json, line_no)
        })
        .collect()
}

fn describe(e: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let path = e.path().to_string();
    let inner = e.inner().to_string();
    // serde_json appends " at line L column C"; the line is reported separately.
    let inner = inner
        .split(" at line ")
        .next()
        .unwrap_or(&inner)
        .to_string();
    if path == "." || path.is_empty() {
        inner
    } else {
        format!("{path}: {inner}")
    }
}

fn convert(json: JsonBriefing, line: usize) -> Result<Record, JsonError> {
    let err = |message: String| JsonError { line, message };
    if json.title.trim().is_empty() {
        return Err(err("title: empty".into()));
    }
    let date = match json
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => None,
        Some(d) => Some(
            parse_iso_date(d)
                .ok_or_else(|| err(format!("date: '{d}' is not a date in the form YYYY-MM-DD")))?,
        ),
    };
    let turns = turns_of(json.turns);
    if turns.is_empty() {
        return Err(err("turns: no turn has any text".into()));
    }
    let lang = json.lang.unwrap_or_else(|| {
        Lang::detect(
            std::iter::once(json.title.as_str()).chain(
                turns
                    .iter()
                    .flat_map(|t| t.paragraphs.iter().map(String::as_str)),
            ),
        )
    });
    Ok(Record {
        id: json.id.map(|id| id.trim().to_string()),
        briefing: Briefing {
            title: json.title.trim().to_string(),
            date,
            lang,
            source_url: json.source_url,
            turns,
        },
        line,
    })
}

/// The turns that have text, each kind as given or else by who speaks: an outlet or nobody
/// asks, someone after a question answers it, someone before any question makes remarks.
fn turns_of(json_turns: Vec<JsonTurn>) -> Vec<Turn> {
    let mut turns = Vec::with_capacity(json_turns.len());
    let mut last_question = None;
    for t in json_turns {
        let paragraphs: Vec<String> = t
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        if paragraphs.is_empty() {
            continue;
        }
        let clean = |s: Option<String>| s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let (speaker, role) = (clean(t.speaker), clean(t.role));
        let outlet = clean(t.outlet).and_then(|o| outlet_as_label_reads_it(&o));
        let kind = t.kind.unwrap_or(if outlet.is_some() || speaker.is_none() {
            Kind::Question
        } else if last_question.is_some() {
            Kind::Answer
        } else {
            Kind::Remarks
        });
        let answers = if kind == Kind::Answer {
            last_question
        } else {
            None
        };
        if kind == Kind::Question {
            last_question = Some(turns.len());
        }
        turns.push(Turn {
            speaker,
            role,
            outlet,
            kind,
            paragraphs,
            answers,
        });
    }
    turns
}

fn parse_iso_date(s: &str) -> Option<Date> {
    let mut parts = s.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The JSON form of a parsed briefing.
pub(crate) fn to_json(id: Option<&str>, briefing: &Briefing) -> JsonBriefing {
    JsonBriefing {
        id: id.map(str::to_string),
        title: briefing.title.clone(),
        date: briefing.date.map(|d| d.to_string()),
        lang: Some(briefing.lang),
        source_url: briefing.source_url.clone(),
        turns: briefing
            .turns
            .iter()
            .map(|t| JsonTurn {
                speaker: t.speaker.clone(),
                role: t.role.clone(),
                outlet: t.outlet.clone(),
                kind: Some(t.kind),
                text: t.paragraphs.join("\n"),
            })
            .collect(),
    }
}

/// An outlet given in Chinese is read as its label would be: "法新社记者" is 法新社,
/// "《环球时报》记者" is 环球时报, and "会后有记者问及" names none.
fn outlet_as_label_reads_it(outlet: &str) -> Option<String> {
    if !outlet.chars().any(super::speaker::is_han_char) {
        return Some(outlet.to_string());
    }
    match super::speaker::detect(&format!("{outlet}：")) {
        Some(d) if d.label.party == super::speaker::Party::Reporter => d.label.outlet,
        _ => Some(crate::outlets::without_reporter(outlet).to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{"id": "mfa-2024-03-12", "title": "Regular Press Conference", "date": "2024-03-12",
        "source_url": "https://example.org/x",
        "turns": [
          {"speaker": "Zhou Lan", "role": "Spokesperson", "text": "Good afternoon."},
          {"outlet": "AFP", "text": "Will China respond?"},
          {"speaker": "Zhou Lan", "text": "We have noted the reports.\nChina's position is consistent."}
        ]}"#;

    #[test]
    fn test_a_list_of_records_is_recognised_as_another_form() {
        let list =
            "[\n {\"date\": \"2026-01-05\", \"en_pairs\": []},\n {\"date\": \"2026-01-06\"}\n]";
        assert_eq!(other_form(list).as_deref(), Some("a list of 2 records"));
        let object = r#"{"date": "2026-01-05", "en_title": "x"}"#;
        assert_eq!(
            other_form(object).as_deref(),
            Some("an object without `title` or `turns` (its fields: date, en_title)")
        );
        assert_eq!(other_form(ONE), None);
        assert_eq!(other_form("{\"title\": "), None);
    }

    #[test]
    fn test_a_briefing_with_inferred_kinds_and_links() {
        let r = parse_one(ONE).expect("valid");
        assert_eq!(r.id.as_deref(), Some("mfa-2024-03-12"));
        assert_eq!(
            r.briefing.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-12")
        );
        assert_eq!(r.briefing.lang, Lang::En);
        let kinds: Vec<Kind> = r.briefing.turns.iter().map(|t| t.kind).collect();
        assert_eq!(kinds, [Kind::Remarks, Kind::Question, Kind::Answer]);
        assert_eq!(r.briefing.turns[2].answers, Some(1));
        assert_eq!(r.briefing.turns[2].paragraphs.len(), 2);
    }

    #[test]
    fn test_chinese_outlets_are_read_as_their_labels() {
        let r = parse_one(
            r#"{"title": "t", "turns": [
              {"outlet": "法新社记者", "text": "问题一？"},
              {"outlet": "《环球时报》记者", "text": "问题二？"},
              {"outlet": "会后有记者问及", "text": "问题三？"},
              {"outlet": "TV Asahi", "text": "Question four?"}]}"#,
        )
        .expect("valid");
        let outlets: Vec<Option<&str>> = r
            .briefing
            .turns
            .iter()
            .map(|t| t.outlet.as_deref())
            .collect();
        assert_eq!(
            outlets,
            [Some("法新社"), Some("环球时报"), None, Some("TV Asahi")]
        );
        assert!(r.briefing.turns.iter().all(|t| t.kind == Kind::Question));
    }

    #[test]
    fn test_errors_name_the_line_and_the_field() {
        let bad_kind = ONE.replace(
            r#""outlet": "AFP","#,
            r#""outlet": "AFP", "kind": "answr","#,
        );
        let e = parse_one(&bad_kind).expect_err("bad kind");
        assert!(
            e.message
                .starts_with("turns[1].kind: unknown variant `answr`"),
            "{e}"
        );
        assert_eq!(e.line, 5);
        let e = parse_one(r#"{"title": 5, "turns": []}"#).expect_err("wrong type");
        assert!(e.message.starts_with("title: invalid type: integer"), "{e}");
        let e = parse_one(&ONE.replace("2024-03-12\"", "12/03/2024\"")).expect_err("bad date");
        assert!(e.message.contains("date: '12/03/2024'"), "{e}");
        let e = parse_one("{\"title\": \"x\", ").expect_err("truncated");
        assert!(e.message.contains("EOF"), "{e}");
    }

    #[test]
    fn test_json_lines_report_each_bad_line_and_keep_the_good_ones() {
        let one_line = ONE.replace('\n', " ");
        let text = format!("{one_line}\n\n{{\"title\": \"no id\", \"turns\": []}}\nnot json\n");
        let results = parse_lines(&text);
        assert_eq!(results.len(), 3);
        assert!(results[0].is_ok());
        assert_eq!(results[1].as_ref().expect_err("no id").line, 3);
        assert!(
            results[1]
                .as_ref()
                .expect_err("no id")
                .message
                .starts_with("id: missing")
        );
        assert_eq!(results[2].as_ref().expect_err("not json").line, 4);
    }

    #[test]
    fn test_round_trip_through_the_json_form() {
        let r = parse_one(ONE).expect("valid");
        let json =
            serde_json::to_string(&to_json(r.id.as_deref(), &r.briefing)).expect("serialises");
        let again = parse_one(&json).expect("parses back");
        assert_eq!(again.briefing, r.briefing);
    }
}
