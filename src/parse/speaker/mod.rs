//! Speaker labels: the "Name, Title:" / "中新社记者：" / "MS. JEAN-PIERRE:" / "Q" that opens a turn.
//!
//! [`detect`] looks at the start of one paragraph and says who speaks, in which capacity, and
//! where the speech starts. It decides from the label alone; whether a *weak* label (a bare
//! name such as "Wu Haiping:" or "毛宁：") is accepted is up to the caller, which sees the
//! whole transcript (see `turns`).

use std::sync::LazyLock;

use regex::Regex;

use crate::script::is_han;

mod chinese;
mod english;
mod lexicon;

/// In what capacity someone speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Party {
    /// A reporter: their turns are questions.
    Reporter,
    /// An official: answers, or remarks when no question precedes.
    Official,
    /// A host or moderator: remarks.
    Moderator,
    /// An unnamed answer ("A:", "答：").
    Answer,
}

/// How sure the label is by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// A bare name: accepted only if the transcript confirms it.
    Weak,
    /// A title, an honorific, a reporter's outlet, a capitalised WH-style label.
    Strong,
    /// A mark of the transcript's own form, a label wherever it stands: `Q`, `A:`, `问：`,
    /// `答：`, `Follow-up:`, `追问：`, `会后有记者问及：`.
    Mark,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    pub name: Option<String>,
    pub role: Option<String>,
    pub outlet: Option<String>,
    pub party: Party,
    pub strength: Strength,
}

impl Label {
    /// A reporter's turn that names nobody: `Q`, `问：`, `Follow-up:`, a question set in bold.
    pub(crate) fn question_mark() -> Label {
        Label {
            name: None,
            role: None,
            outlet: None,
            party: Party::Reporter,
            strength: Strength::Mark,
        }
    }
}

/// The typographic form of the run before a colon: what tells a label ("MS. PSAKI", "Lin Jian",
/// "TV Asahi", "中新社记者") from a sentence that ends in a colon ("Let me be clear").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `Q`, `A:`, `问：`, `Follow-up:`: a label by its form alone.
    Mark,
    /// Every letter a capital (after an honorific): "MS. JEAN-PIERRE", "AFP", "NOS".
    Caps,
    /// Every word capitalised, or a connector ("of", "the", "de") or "reporter":
    /// "Lin Jian", "TV Asahi", "The Globe and Mail", "Reporter from China News Agency".
    Capitalised,
    /// Chinese.
    Han,
    /// Anything else: words in lower case, sentence punctuation.
    Sentence,
}

/// The run at the start of a paragraph that may be a speaker label, and what the word lists
/// make of it. Whether it *is* a label depends on the whole transcript (see `labels`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate<'a> {
    /// The label as written, without its colon.
    pub raw: &'a str,
    /// The speech after it.
    pub rest: &'a str,
    pub shape: Shape,
    /// The label the word lists read, if they read one.
    pub label: Option<Label>,
}

/// A label found at the start of a paragraph and the speech after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Detected<'a> {
    pub label: Label,
    pub rest: &'a str,
}

/// Longest English label considered ("Wu Haiping, Director of the … of Customs" fits).
const MAX_LABEL_CHARS_EN: usize = 200;
/// Longest Chinese label considered ("国家知识产权局知识产权保护司司长张立新" fits).
pub(super) const MAX_LABEL_CHARS_ZH: usize = 40;

static QUESTION_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Q|问|問)(?:\s*[:：.]|\s+|\s*[—–-]|\s*\(|$)").expect("valid regex")
});
static ANSWER_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:A|答)\s*[:：]").expect("valid regex"));

/// The label the word lists read at the start of `paragraph`, if any: what a label looks like
/// without the rest of the transcript (used to split paragraphs and to find the title).
pub(crate) fn detect(paragraph: &str) -> Option<Detected<'_>> {
    let c = candidate(paragraph)?;
    Some(Detected {
        label: c.label?,
        rest: c.rest,
    })
}

/// The run before the first colon of `paragraph` (or a `Q`/`问` mark), if it may be a label.
pub(crate) fn candidate(paragraph: &str) -> Option<Candidate<'_>> {
    let p = paragraph.trim_start();
    if let Some(m) = QUESTION_MARK.find(p) {
        let rest = p[m.end()..].trim_start_matches([' ', '\t', '—', '–', '-']);
        return Some(Candidate {
            raw: p[..m.end()].trim_end_matches(|c: char| !c.is_alphabetic() && !is_han(c)),
            rest: rest.trim(),
            shape: Shape::Mark,
            label: Some(Label::question_mark()),
        });
    }
    if let Some(m) = ANSWER_MARK.find(p) {
        return Some(Candidate {
            raw: p[..m.end()].trim_end_matches([':', '：']).trim(),
            rest: p[m.end()..].trim(),
            shape: Shape::Mark,
            label: Some(Label {
                name: None,
                role: None,
                outlet: None,
                party: Party::Answer,
                strength: Strength::Mark,
            }),
        });
    }
    let (colon, colon_len) = p
        .char_indices()
        .take(MAX_LABEL_CHARS_EN + 1)
        .find(|&(_, c)| c == ':' || c == '：')
        .map(|(i, c)| (i, c.len_utf8()))?;
    let raw = p[..colon].trim();
    if !raw.chars().any(char::is_alphabetic) {
        return None;
    }
    let rest = p[colon + colon_len..].trim();
    let (label, shape) = if raw.chars().any(is_han) {
        (chinese::classify_chinese(raw), Shape::Han)
    } else {
        (english::classify_english(raw), english::shape(raw))
    };
    let shape = match &label {
        Some(l) if l.strength == Strength::Mark => Shape::Mark,
        _ => shape,
    };
    Some(Candidate {
        raw,
        rest,
        shape,
        label,
    })
}

/// Whether `c` is a Han character (for the label rules of other parse modules).
pub(super) fn is_han_char(c: char) -> bool {
    is_han(c)
}

/// The first word of `raw` is one that starts sentences and headings, never a name or an
/// outlet ("First:", "Finally:", "Today:"). "The" starts outlets too ("The Paper").
pub(crate) fn starts_like_a_sentence(raw: &str) -> bool {
    raw.split_whitespace()
        .next()
        .map(|w| w.trim_end_matches([',', '.']).to_lowercase())
        .is_some_and(|w| w != "the" && lexicon::NOT_NAMES.contains(&w.as_str()))
}

/// "JEAN-PIERRE" → "Jean-Pierre", "MCDONOUGH" → "McDonough", "O'ROURKE" → "O'Rourke".
pub(crate) fn readable_case(s: &str) -> String {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.iter().any(|c| c.is_lowercase()) {
        return s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mut out = String::with_capacity(s.len());
    let mut start_of_word = true;
    let mut word = String::new();
    for c in s.chars() {
        if c.is_alphabetic() {
            if start_of_word {
                out.extend(c.to_uppercase());
                word.clear();
            } else {
                out.extend(c.to_lowercase());
            }
            word.extend(c.to_lowercase());
            start_of_word = false;
            if word == "mc" {
                start_of_word = true;
            }
        } else {
            start_of_word = true;
            out.push(if c.is_whitespace() { ' ' } else { c });
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
