//! The domain model: a [`Briefing`] made of speaker [`Turn`]s, cut into [`Passage`]s.
//!
//! The parser produces briefings; the indexer stores passages. This module owns the rules that
//! both sides share (what a passage is, how long it may be, what an id looks like) and does no
//! I/O.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// One press briefing, as read from one file (or one JSON record).
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    pub title: String,
    pub date: Option<Date>,
    pub lang: Lang,
    pub source_url: Option<String>,
    pub turns: Vec<Turn>,
}

/// What one speaker said without interruption.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    /// Canonical name ("Wu Haiping", "Jean-Pierre", "毛宁"), or `None` for an unnamed reporter.
    pub speaker: Option<String>,
    /// Their title, as the transcript gives it.
    pub role: Option<String>,
    /// A reporter's organisation.
    pub outlet: Option<String>,
    pub kind: Kind,
    /// Paragraphs of speech, cleaned of noise.
    pub paragraphs: Vec<String>,
    /// Index in `Briefing::turns` of the question this turn answers.
    pub answers: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Question,
    Answer,
    Remarks,
    Narration,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Question => "question",
            Kind::Answer => "answer",
            Kind::Remarks => "remarks",
            Kind::Narration => "narration",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "question" => Some(Kind::Question),
            "answer" => Some(Kind::Answer),
            "remarks" => Some(Kind::Remarks),
            "narration" => Some(Kind::Narration),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The language of a text by script majority: Han characters against Latin letters.
    pub fn detect<'a>(texts: impl IntoIterator<Item = &'a str>) -> Lang {
        let (mut han, mut latin) = (0usize, 0usize);
        for c in texts.into_iter().flat_map(str::chars) {
            if crate::script::is_han(c) {
                han += 1;
            } else if c.is_alphabetic() {
                latin += 1;
            }
        }
        if han > latin { Lang::Zh } else { Lang::En }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The unit of search: one paragraph of one turn (long paragraphs are cut at sentence ends).
#[derive(Debug, Clone, PartialEq)]
pub struct Passage<'b> {
    /// 1-based position of the passage in its briefing; the passage id is `briefing_id#ordinal`.
    pub ordinal: u32,
    /// 1-based turn number (narration before the first speaker is turn 0).
    pub turn: u32,
    /// 1-based paragraph number within the turn.
    pub paragraph: u32,
    pub speaker: Option<&'b str>,
    pub role: Option<&'b str>,
    pub outlet: Option<&'b str>,
    /// The outlet the outlet table names (`AFP` for 法新社记者), else the outlet as written.
    pub outlet_id: Option<String>,
    pub kind: Kind,
    pub text: &'b str,
    /// For an answer, the ordinal of the first passage of its question.
    pub question_ordinal: Option<u32>,
    /// For an answer, the whole question it replies to.
    pub question_text: Option<String>,
}

/// Paragraphs longer than this (in bytes) are cut into several passages at sentence ends, so
/// that a passage stays a readable, rankable unit.
pub(crate) const MAX_PASSAGE_BYTES: usize = 2400;

impl Briefing {
    /// The passages of this briefing, in reading order.
    pub fn passages(&self) -> Vec<Passage<'_>> {
        let mut out = Vec::new();
        let mut first_ordinal_of_turn = Vec::with_capacity(self.turns.len());
        let mut turn_number = 0u32;
        for turn in &self.turns {
            let number = if turn.kind == Kind::Narration {
                0
            } else {
                turn_number += 1;
                turn_number
            };
            first_ordinal_of_turn.push(out.len() as u32 + 1);
            let (question_ordinal, question_text) = match turn.answers {
                Some(q) if q < first_ordinal_of_turn.len() => (
                    Some(first_ordinal_of_turn[q]),
                    Some(self.turns[q].paragraphs.join("\n")),
                ),
                _ => (None, None),
            };
            for (index, text) in turn
                .paragraphs
                .iter()
                .flat_map(|p| split_long(p))
                .enumerate()
            {
                out.push(Passage {
                    ordinal: out.len() as u32 + 1,
                    turn: number,
                    paragraph: index as u32 + 1,
                    speaker: turn.speaker.as_deref(),
                    role: turn.role.as_deref(),
                    outlet: turn.outlet.as_deref(),
                    outlet_id: turn
                        .outlet
                        .as_deref()
                        .map(crate::outlets::canonical_or_written),
                    kind: turn.kind,
                    text,
                    question_ordinal,
                    question_text: question_text.clone(),
                });
            }
        }
        out
    }
}

/// Cuts a paragraph into pieces of at most about [`MAX_PASSAGE_BYTES`], preferring sentence ends,
/// then any whitespace, then any character boundary.
pub(crate) fn split_long(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text.trim();
    while rest.len() > MAX_PASSAGE_BYTES {
        let window_end = floor_char_boundary(rest, MAX_PASSAGE_BYTES);
        let window = &rest[..window_end];
        let min = window_end / 2;
        let cut = window
            .char_indices()
            .filter(|&(i, c)| {
                i >= min && matches!(c, '.' | '?' | '!' | '。' | '？' | '！' | ';' | '；')
            })
            .map(|(i, c)| i + c.len_utf8())
            .next_back()
            .or_else(|| {
                window
                    .char_indices()
                    .filter(|&(i, c)| i >= min && c.is_whitespace())
                    .map(|(i, _)| i)
                    .next_back()
            })
            .unwrap_or(window_end)
            .max(1);
        let (head, tail) = rest.split_at(floor_char_boundary(rest, cut).max(first_char_len(rest)));
        if !head.trim().is_empty() {
            pieces.push(head.trim());
        }
        rest = tail.trim_start();
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

fn first_char_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turn(
        kind: Kind,
        speaker: Option<&str>,
        paragraphs: &[&str],
        answers: Option<usize>,
    ) -> Turn {
        Turn {
            speaker: speaker.map(str::to_string),
            role: None,
            outlet: None,
            kind,
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            answers,
        }
    }

    #[test]
    fn test_passages_number_turns_and_link_answers_to_questions() {
        let briefing = Briefing {
            title: "t".into(),
            date: None,
            lang: Lang::En,
            source_url: None,
            turns: vec![
                turn(Kind::Narration, None, &["Intro."], None),
                turn(Kind::Question, None, &["Why?", "And how?"], None),
                turn(
                    Kind::Answer,
                    Some("Wu Haiping"),
                    &["Because.", "Like this."],
                    Some(1),
                ),
            ],
        };
        let passages = briefing.passages();
        let summary: Vec<_> = passages
            .iter()
            .map(|p| (p.ordinal, p.turn, p.paragraph, p.kind, p.question_ordinal))
            .collect();
        assert_eq!(
            summary,
            vec![
                (1, 0, 1, Kind::Narration, None),
                (2, 1, 1, Kind::Question, None),
                (3, 1, 2, Kind::Question, None),
                (4, 2, 1, Kind::Answer, Some(2)),
                (5, 2, 2, Kind::Answer, Some(2)),
            ]
        );
        assert_eq!(passages[3].question_text.as_deref(), Some("Why?\nAnd how?"));
    }

    #[test]
    fn test_long_paragraph_is_cut_at_sentence_ends() {
        let sentence = "This sentence is about foreign trade. ";
        let text = sentence.repeat(200);
        let pieces = split_long(&text);
        assert!(pieces.len() > 1);
        for piece in &pieces {
            assert!(piece.len() <= MAX_PASSAGE_BYTES, "{}", piece.len());
            assert!(piece.ends_with('.'), "{piece}");
        }
        assert_eq!(pieces.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn test_long_chinese_paragraph_without_punctuation_is_cut_on_char_boundaries() {
        let text = "稳外贸".repeat(2000);
        let pieces = split_long(&text);
        assert!(pieces.len() > 1);
        assert_eq!(pieces.concat(), text);
    }

    #[test]
    fn test_language_by_script_majority() {
        assert_eq!(
            Lang::detect(["外交部发言人毛宁主持例行记者会 RCEP"]),
            Lang::Zh
        );
        assert_eq!(
            Lang::detect(["The customs spokesperson spoke about 稳外贸"]),
            Lang::En
        );
    }
}
