//! Parse: a transcript file becomes a [`Briefing`].
//!
//! Plain text (as scraped from web pages) and Markdown (with optional YAML front matter) are
//! read here. The steps: decode, split off front matter, cut into [`paragraphs`], find the
//! title and date, then build speaker [`turns`] (labels in [`speaker`], noise in [`noise`],
//! dates in [`dates`]). Parsing never touches the index.

pub mod dates;
pub mod front_matter;
pub mod noise;
pub mod paragraphs;
pub mod speaker;
pub mod turns;

use std::path::Path;

use crate::briefing::{Briefing, Lang};
use paragraphs::Paragraph;

/// Why a file yields no briefing. The caller names the file; these say what is wrong with it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("binary data, not a transcript")]
    Binary,
    #[error("not valid UTF-8 text (byte {offset})")]
    Encoding { offset: usize },
    #[error("line {line}: bad front matter: {message}")]
    FrontMatter { line: usize, message: String },
    #[error("empty file")]
    Empty,
    #[error("no speech found: only headings, captions, credits or other page noise")]
    NoSpeech,
    #[error(
        "no speaker turns found (no \"Name:\", \"记者：\" or \"Q\" labels): not a briefing transcript?"
    )]
    NoTurns,
}

/// Formats a file's content may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
}

impl Format {
    /// The format a file name suggests.
    pub fn of_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdown") => Format::Markdown,
            _ => Format::Text,
        }
    }
}

/// Decodes a file's bytes as text.
pub fn decode(bytes: &[u8]) -> Result<&str, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(ParseError::Binary);
    }
    std::str::from_utf8(bytes).map_err(|e| ParseError::Encoding {
        offset: e.valid_up_to(),
    })
}

/// Parses one transcript. `file_name` supplies a date or title when the text has none.
pub fn parse_text(text: &str, file_name: &str, format: Format) -> Result<Briefing, ParseError> {
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
    let mut paragraphs = paragraphs::split(body, first_line, markdown);
    let title = take_title(&mut paragraphs, matter.title.clone(), file_name);
    let date = matter
        .date
        .as_deref()
        .and_then(dates::find)
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
    if turns
        .iter()
        .all(|t| t.kind == crate::briefing::Kind::Narration)
    {
        return Err(ParseError::NoTurns);
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
        source_url: matter.source_url,
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
    fn test_text_without_speakers_is_not_a_transcript() {
        let text =
            "License\n\nThe person who associated a work with this deed has dedicated the work.\n";
        assert_eq!(
            parse_text(text, "LICENSE", Format::Text),
            Err(ParseError::NoTurns)
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
        assert_eq!(decode(b"abc\0def"), Err(ParseError::Binary));
        assert_eq!(decode(b"ab\xffcd"), Err(ParseError::Encoding { offset: 2 }));
        assert_eq!(decode(b"\xEF\xBB\xBFhi"), Ok("hi"));
        assert!(matches!(
            parse_text("---\ntitle: [unclosed\n---\nbody\n", "x", Format::Markdown),
            Err(ParseError::FrontMatter { .. })
        ));
    }
}
