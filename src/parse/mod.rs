//! Parse: a transcript file becomes one or more [`Briefing`]s.
//!
//! Formats: plain text (as scraped from web pages), Markdown (with optional YAML front
//! matter), HTML pages, and the documented JSON form (one briefing per `.json`, one per line in
//! `.jsonl`). The steps: [`decode`] the bytes, find the paragraphs ([`paragraphs`], [`html`]),
//! the title and date ([`front_matter`], [`dates`]), then build speaker [`turns`] (what a label
//! may be in [`speaker`], what it is in [`labels`], noise in [`noise`], one name per person in
//! [`variants`]). [`outlets`] names the outlet behind each spelling. Parsing never touches the
//! index.

pub(crate) mod dates;
pub(crate) mod decode;
pub(crate) mod front_matter;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod labels;
pub(crate) mod noise;
pub(crate) mod paragraphs;
pub(crate) mod presiding;
pub(crate) mod speaker;
pub(crate) mod turns;
pub(crate) mod variants;

use std::path::Path;

use crate::briefing::{Briefing, Lang};
use crate::date::Date;
use paragraphs::Paragraph;

/// Why a file yields no briefing. The caller names the file; these say what is wrong with it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("binary data, not a transcript")]
    Binary,
    #[error("not valid UTF-8 text (byte {offset})")]
    Encoding { offset: usize },
    #[error("cannot decode the text (tried {tried})")]
    Undecodable { tried: String },
    #[error("line {line}: bad front matter: {message}")]
    FrontMatter { line: usize, message: String },
    #[error("empty file")]
    Empty,
    #[error("no speech found: only headings, captions, credits or other page noise")]
    NoSpeech,
    #[error("a list of {links} links, not a transcript (a site's index page)")]
    Listing { links: usize },
    #[error("invalid JSON: line {line}: {message}")]
    Json { line: usize, message: String },
    #[error(
        "JSON in another form: {found}, not one briefing as in schema/briefing.schema.json; convert it first (the README's section Inputs has a `jq` line for such a list, piped to `briefsearch index -`)"
    )]
    OtherJson { found: String },
    #[error(
        "HTML nested {depth} elements deep (more than {} is refused)",
        html::MAX_DEPTH
    )]
    TooDeep { depth: usize },
}

/// Formats a file's content may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    JsonLines,
}

impl Format {
    /// The format a file's extension names; `None` when it names none that briefsearch reads.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" | "mdown" => Format::Markdown,
            "html" | "htm" | "shtml" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            _ => return None,
        })
    }

    /// The format of text whose file name says nothing.
    fn sniff(text: &str) -> Format {
        let start = text.trim_start();
        if html::looks_like_html(start) {
            Format::Html
        } else if start.starts_with('{') {
            let lines = start.lines().filter(|l| !l.trim().is_empty()).count();
            let objects = start
                .lines()
                .filter(|l| l.trim_start().starts_with('{') && l.trim_end().ends_with('}'))
                .count();
            if lines > 1 && objects == lines {
                Format::JsonLines
            } else {
                Format::Json
            }
        } else if start.starts_with("---") {
            Format::Markdown
        } else {
            Format::Text
        }
    }
}

/// One briefing read from a file, with the id it asks for (JSON) and its line.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: Option<String>,
    pub briefing: Briefing,
    /// 1-based line of the record in its file (1 for whole-file formats).
    pub line: usize,
}

/// What a file yields: its briefings, and records that had to be rejected (JSON Lines).
#[derive(Debug, Default)]
pub struct Parsed {
    pub records: Vec<Record>,
    pub rejected: Vec<json::JsonError>,
}

/// Parses a file's bytes. `format` is what the file name says, if anything; otherwise the
/// content decides. `file_name` supplies a date or title when the text has none.
pub fn parse(bytes: &[u8], file_name: &str, format: Option<Format>) -> Result<Parsed, ParseError> {
    let text = decode::decode(bytes)?;
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let one = |briefing: Briefing| Parsed {
        records: vec![Record {
            id: None,
            briefing,
            line: 1,
        }],
        rejected: Vec::new(),
    };
    match format.unwrap_or_else(|| Format::sniff(&text)) {
        Format::Text => parse_text(&text, file_name, Format::Text).map(one),
        Format::Markdown => parse_text(&text, file_name, Format::Markdown).map(one),
        Format::Html => parse_html(&text, file_name).map(one),
        Format::Json => json::parse_one(&text)
            .map(|record| Parsed {
                records: vec![record],
                rejected: Vec::new(),
            })
            .map_err(|e| match json::other_form(&text) {
                Some(found) => ParseError::OtherJson { found },
                None => ParseError::Json {
                    line: e.line,
                    message: e.message,
                },
            }),
        Format::JsonLines => {
            let mut parsed = Parsed::default();
            for result in json::parse_lines(&text) {
                match result {
                    Ok(record) => parsed.records.push(record),
                    Err(e) => parsed.rejected.push(e),
                }
            }
            Ok(parsed)
        }
    }
}

/// Parses one plain-text or Markdown transcript.
pub(crate) fn parse_text(
    text: &str,
    file_name: &str,
    format: Format,
) -> Result<Briefing, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let (matter, body, first_line) = match front_matter::split(text) {
        Ok(Some((matter, body_line))) => {
            let offset = text
                .split_inclusive('\n')
                .take(body_line - 1)
                .map(str::len)
                .sum::<usize>();
            (matter, &text[offset..], body_line)
        }
        Ok(None) => (front_matter::FrontMatter::default(), text, 1),
        Err((line, message)) => return Err(ParseError::FrontMatter { line, message }),
    };
    let markdown = format == Format::Markdown || matter != front_matter::FrontMatter::default();
    let paragraphs = paragraphs::split(body, first_line, markdown);
    let date = matter.date.as_deref().and_then(dates::find);
    build(paragraphs, matter.title, date, matter.source_url, file_name)
}

/// Parses one HTML page.
pub(crate) fn parse_html(text: &str, file_name: &str) -> Result<Briefing, ParseError> {
    let depth = html::nesting_depth(text);
    if depth > html::MAX_DEPTH {
        return Err(ParseError::TooDeep { depth });
    }
    let page = html::extract(text);
    if let Some(links) = page.listing
        && !page
            .paragraphs
            .iter()
            .any(|p| speaker::detect(&p.text).is_some())
    {
        return Err(ParseError::Listing { links });
    }
    let date = page.date.as_deref().and_then(dates::find);
    build(
        page.paragraphs,
        page.title,
        date,
        page.source_url,
        file_name,
    )
}

/// The steps every text format shares once it has paragraphs: title and date (from the text
/// when the format gave none), turns, language.
fn build(
    mut paragraphs: Vec<Paragraph>,
    title: Option<String>,
    date: Option<Date>,
    source_url: Option<String>,
    file_name: &str,
) -> Result<Briefing, ParseError> {
    let title = take_title(&mut paragraphs, title, file_name);
    let date = date
        .or_else(|| dates::find(&title))
        .or_else(|| {
            paragraphs
                .iter()
                .take_while(|p| speaker::detect(&p.text).is_none())
                .take(6)
                .find_map(|p| dates::find(&p.text))
        })
        .or_else(|| dates::find_in_file_name(file_name));
    let turns = turns::assemble(&paragraphs, &title);
    if turns.is_empty() {
        return Err(ParseError::NoSpeech);
    }
    let lang = Lang::detect(
        std::iter::once(title.as_str()).chain(
            turns
                .iter()
                .flat_map(|t| t.paragraphs.iter().map(String::as_str)),
        ),
    );
    Ok(Briefing {
        title,
        date,
        lang,
        source_url,
        turns,
    })
}

/// The title: front matter, else a leading Markdown heading, else the first line of the text
/// if it reads as a title, else the file name. A title taken from the text is removed from it.
fn take_title(
    paragraphs: &mut Vec<Paragraph>,
    from_matter: Option<String>,
    file_name: &str,
) -> String {
    let first = paragraphs
        .iter()
        .position(|p| noise::classify(&p.text).is_none());
    if let Some(i) = first {
        let p = &paragraphs[i];
        let same_as_matter = from_matter
            .as_deref()
            .is_some_and(|t| same_title(t, &p.text));
        let reads_as_title = p.heading
            || (from_matter.is_none()
                && p.text.chars().count() <= 300
                && speaker::detect(&p.text).is_none()
                && !p.text.ends_with([':', '：']));
        if same_as_matter
            || (reads_as_title && from_matter.is_none())
            || (p.heading && from_matter.is_none())
        {
            let p = paragraphs.remove(i);
            return from_matter.unwrap_or(p.text);
        }
    }
    from_matter.unwrap_or_else(|| {
        Path::new(file_name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| file_name.to_string())
    })
}

fn same_title(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::Kind;

    #[test]
    fn test_title_date_and_language_from_plain_text() {
        let text = "Customs Briefing on Foreign Trade\n\nOn the morning of April 23, 2023, the office held a briefing.\n\n\
                    Reporter from China News Agency:\n\nWhat next?\n\nWu Haiping, Director of Customs:\n\nMore trade.\n";
        let b = parse_text(text, "x.txt", Format::Text).expect("parses");
        assert_eq!(b.title, "Customs Briefing on Foreign Trade");
        assert_eq!(b.date.map(|d| d.to_string()).as_deref(), Some("2023-04-23"));
        assert_eq!(b.lang, Lang::En);
        assert_eq!(
            b.turns.iter().map(|t| t.kind).collect::<Vec<_>>(),
            [Kind::Narration, Kind::Question, Kind::Answer]
        );
    }

    #[test]
    fn test_front_matter_wins_and_heading_is_not_speech() {
        let text = "---\ntitle: \"生态环境部例行新闻发布会\"\ndate: 2025-05-20\nsource_url: https://example.org/x\n---\n\n# 生态环境部例行新闻发布会\n\n裴晓林：大家好。\n\n人民日报记者：请问碳市场进展如何？\n\n裴晓林：进展顺利。\n";
        let b = parse_text(text, "2020-01-01-x.md", Format::Markdown).expect("parses");
        assert_eq!(b.title, "生态环境部例行新闻发布会");
        assert_eq!(b.date.map(|d| d.to_string()).as_deref(), Some("2025-05-20"));
        assert_eq!(b.source_url.as_deref(), Some("https://example.org/x"));
        assert_eq!(b.lang, Lang::Zh);
        assert_eq!(b.turns.len(), 3);
        assert_eq!(b.turns[0].speaker.as_deref(), Some("裴晓林"));
    }

    #[test]
    fn test_text_without_speakers_is_narration() {
        let text = "Fact Sheet\n\nThe administration announced new measures today.\n";
        let b = parse_text(text, "x.txt", Format::Text).expect("parses");
        assert!(b.turns.iter().all(|t| t.kind == Kind::Narration));
    }

    #[test]
    fn test_format_from_extension_or_content() {
        assert_eq!(Format::of_path(Path::new("a/1.shtml")), Some(Format::Html));
        assert_eq!(
            Format::of_path(Path::new("a/1.jsonl")),
            Some(Format::JsonLines)
        );
        assert_eq!(Format::of_path(Path::new("a/1000")), None);
        assert_eq!(Format::sniff("<!DOCTYPE html>\n<html>"), Format::Html);
        assert_eq!(
            Format::sniff("{\"title\": \"x\",\n \"turns\": []}"),
            Format::Json
        );
        assert_eq!(Format::sniff("{\"a\":1}\n{\"a\":2}\n"), Format::JsonLines);
        assert_eq!(Format::sniff("---\ntitle: x\n---\n"), Format::Markdown);
        assert_eq!(Format::sniff("Title\n\nQ: x"), Format::Text);
    }

    #[test]
    fn test_html_page_end_to_end() {
        let page = "<html><head><meta name=\"ArticleTitle\" content=\"外交部发言人周岚就芯片出口答记者问\">\
                    <meta name=\"PubDate\" content=\"2023-09-05\"></head><body><div id=\"News_Body_Txt_A\">\
                    <p><strong>问：中方对此有何评论？</strong></p><p>答：我们坚决反对。</p></div></body></html>";
        let parsed = parse(page.as_bytes(), "1000", None).expect("parses");
        let b = &parsed.records[0].briefing;
        assert_eq!(b.title, "外交部发言人周岚就芯片出口答记者问");
        assert_eq!(b.date.map(|d| d.to_string()).as_deref(), Some("2023-09-05"));
        let turns: Vec<_> = b
            .turns
            .iter()
            .map(|t| (t.kind, t.speaker.as_deref()))
            .collect();
        assert_eq!(
            turns,
            [(Kind::Question, None), (Kind::Answer, Some("周岚"))]
        );
    }

    #[test]
    fn test_date_falls_back_to_the_file_name() {
        let b = parse_text(
            "Title\n\nModerator:\n\nWelcome.\n",
            "2022-11-03-mee.txt",
            Format::Text,
        )
        .expect("parses");
        assert_eq!(b.date.map(|d| d.to_string()).as_deref(), Some("2022-11-03"));
    }

    #[test]
    fn test_bad_inputs_say_what_is_wrong() {
        assert_eq!(
            parse_text("  \n\n ", "x", Format::Text),
            Err(ParseError::Empty)
        );
        assert_eq!(
            parse_text(
                "Title\n\n(photographed by Liu Jian)\n\nEditor/Dai Jun\n",
                "x",
                Format::Text
            )
            .err(),
            Some(ParseError::NoSpeech)
        );
        assert_eq!(
            parse(b"abc\0def", "x", None).err(),
            Some(ParseError::Binary)
        );
        assert_eq!(parse(b" \n", "x", None).err(), Some(ParseError::Empty));
        assert!(matches!(
            parse(b"{\"title\": 1}", "x.json", Some(Format::Json)),
            Err(ParseError::Json { line: 1, .. })
        ));
        assert!(matches!(
            parse_text("---\ntitle: [unclosed\n---\nbody\n", "x", Format::Markdown),
            Err(ParseError::FrontMatter { .. })
        ));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Transcript-like text: lines that may be labels, captions, credits, front matter, tags.
    fn transcript() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?(, [A-Z][a-z]+ of [a-z ]{1,20})?:",
            "(MS|MR|DR)\\. [A-Z]{2,10}:  [a-z ]{0,30}",
            "Q {1,4}[a-z ?]{0,30}",
            "[\u{4E00}-\u{9FA5}]{2,12}(记者|发言人[\u{4E00}-\u{9FA5}]{2,3})?：[\u{4E00}-\u{9FA5}，。？]{0,30}",
            "[A-Za-z ,.]{0,60}\\(photographed by [A-Z][a-z]+\\)",
            "(Editor|Source|来源|责任编辑)[/：:][A-Za-z\u{4E00}-\u{9FA5}]{1,10}",
            "(---|# [A-Za-z]{1,10}|title: [a-z]{1,8}|date: 20[0-9]{2}-[0-9]{2}-[0-9]{2})",
            "<(p|div|strong|br|meta name=\"ArticleTitle\" content=\"x\")>[^<]{0,20}",
            "[^\n]{0,80}",
        ];
        prop::collection::vec(line, 0..30).prop_map(|v| v.join("\n"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_bytes_parse_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
            for format in [None, Some(Format::Text), Some(Format::Html), Some(Format::Json), Some(Format::JsonLines)] {
                let _ = parse(&bytes, "x", format);
            }
        }

        #[test]
        fn transcripts_parse_into_well_formed_briefings(text in transcript()) {
            for format in [Format::Text, Format::Markdown, Format::Html] {
                let Ok(parsed) = parse(text.as_bytes(), "2024-01-02-x.txt", Some(format)) else { continue };
                for record in parsed.records {
                    let passages = record.briefing.passages();
                    prop_assert!(!passages.is_empty());
                    for (i, p) in passages.iter().enumerate() {
                        prop_assert_eq!(p.ordinal as usize, i + 1);
                        prop_assert!(!p.text.trim().is_empty());
                        prop_assert!(p.text.len() <= crate::briefing::MAX_PASSAGE_BYTES);
                        if let Some(q) = p.question_ordinal {
                            prop_assert!((q as usize) < p.ordinal as usize);
                        }
                    }
                }
            }
        }
    }
}
