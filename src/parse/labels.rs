//! Which runs before a colon are speaker labels, decided per transcript from its own structure.
//!
//! The word lists (`speaker`) say what a run at the start of a paragraph *could* be; whether
//! it *is* a label depends on the transcript around it. A first pass collects every candidate
//! with its form, its count and its position; the decision then follows these rules:
//!
//! - marks (`Q`, `A:`, `问：`, `Follow-up:`, `追问：`) are labels wherever they stand;
//! - a run in the form of a sentence ("Let me stress this once again:") never is one;
//! - when a transcript writes its speakers in capitals (`MS. PSAKI:`), a run in another form
//!   ("Look:", "Republicans:") is not a label;
//! - a run that alternates with the presiding speaker — it follows an answer (or asks
//!   something) and the presiding speaker answers it — is a reporter, and the run names the
//!   outlet (`NOS:`, `TV Asahi:`), whether or not the word lists know it;
//! - a bare name ("Lin Jian:", "毛宁：") is a speaker when the transcript confirms it: it recurs,
//!   it also appears with a title, or the title names it;
//! - a question set in bold needs no label, and neither does the question after a note such
//!   as "After the press conference, the following question was raised:".
//!
//! The word lists stay hints: an outlet they know is taken, one they do not know is found by
//! the structure, and a name they would take is refused when the structure says otherwise.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::presiding;
use super::speaker::{self, Candidate, Label, Party, Shape, Strength};
use crate::outlets;

/// One paragraph, as the decision sees it.
pub(crate) struct Slot<'a> {
    /// The run that may be a label (none for noise).
    pub candidate: Option<Candidate<'a>>,
    pub text: &'a str,
    /// Set in bold.
    pub emphasized: bool,
    /// Page noise: not speech, and no part of the structure.
    pub noise: bool,
}

/// What a paragraph is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Speech that continues the current turn (or noise, which the caller knows).
    Text,
    /// Opens a turn; the speech is what follows the label.
    Label(Label),
    /// Opens a turn whose speech is the whole paragraph: a question set in bold, or the
    /// question after a note.
    Unlabelled(Label),
    /// The transcript's own note, spoken by nobody: "After the press conference, the following
    /// question was raised:".
    Note,
}

/// "After the press conference, the following question was raised:" and its variants.
static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:after the (?:press )?(?:conference|briefing),? (?:the following questions? (?:was|were) (?:raised|asked)|an? (?:journalist|reporter) asked(?: the following question)?)|the following questions? (?:was|were) (?:raised|asked) after the (?:press )?(?:conference|briefing)|会后[，,]?有记者问及以下问题)\s*[:：.]?$").expect("valid regex")
});

/// Decides, for each paragraph of one transcript, whether it opens a turn and whose.
pub(crate) fn decide(slots: &[Slot], title: &str) -> Vec<Decision> {
    let doc = Document::read(slots, title);
    let mut decisions: Vec<Decision> = (0..slots.len()).map(|i| doc.decide(i)).collect();
    unlabelled_questions(&doc, &mut decisions);
    decisions
}

/// What the first pass learns about a transcript.
struct Document<'s, 'a> {
    slots: &'s [Slot<'a>],
    /// The identity of each candidate (lower-cased name, outlet or run), if it may be a label.
    keys: Vec<Option<String>>,
    counts: HashMap<String, usize>,
    /// Names seen with a title or honorific somewhere: officials, not reporters.
    titled: HashSet<String>,
    /// Names the title gives (spokesperson, host).
    title_names: HashSet<String>,
    /// The official who answers: named in the title, else the most frequent official.
    presiding: Option<String>,
    /// The transcript writes its speakers in capitals ("MS. PSAKI:").
    capitals: bool,
    /// Keys that appear in capitals somewhere.
    capital_keys: HashSet<String>,
}

/// A candidate's identity: the name it gives, "@" and the outlet of a reporter's label, else
/// the run itself; so "彭博社：" and "彭博社记者：" are two different runs.
fn key_of(c: &Candidate) -> String {
    let (prefix, text) = match &c.label {
        Some(Label { name: Some(n), .. }) => ("", n.as_str()),
        Some(Label {
            outlet: Some(o), ..
        }) => ("@", o.as_str()),
        _ => ("", c.raw),
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{prefix}{}", text.to_lowercase())
}

impl<'s, 'a> Document<'s, 'a> {
    fn read(slots: &'s [Slot<'a>], title: &str) -> Self {
        let keys: Vec<Option<String>> = slots
            .iter()
            .map(|s| {
                s.candidate
                    .as_ref()
                    .filter(|c| c.shape != Shape::Sentence)
                    .map(key_of)
            })
            .collect();
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut titled = HashSet::new();
        let mut capital_keys = HashSet::new();
        let (mut capital_persons, mut other_persons) = (0usize, 0usize);
        for (slot, key) in slots.iter().zip(&keys) {
            let (Some(c), Some(key)) = (&slot.candidate, key) else {
                continue;
            };
            *counts.entry(key.clone()).or_default() += 1;
            if c.shape == Shape::Caps {
                capital_keys.insert(key.clone());
            }
            let Some(label) = &c.label else { continue };
            let person =
                label.name.is_some() && matches!(label.party, Party::Official | Party::Moderator);
            if person && label.strength >= Strength::Strong {
                titled.insert(key.clone());
            }
            if person {
                match c.shape {
                    Shape::Caps => capital_persons += 1,
                    Shape::Capitalised => other_persons += 1,
                    _ => {}
                }
            }
        }
        let title_names: HashSet<String> = [presiding::spokesperson(title), presiding::host(title)]
            .into_iter()
            .flatten()
            .map(|n| n.to_lowercase())
            .collect();
        let presiding = title_names
            .iter()
            .find(|n| counts.contains_key(*n))
            .cloned()
            .or_else(|| {
                let mut officials: Vec<(&String, usize)> = slots
                    .iter()
                    .zip(&keys)
                    .filter_map(|(s, k)| {
                        let label = s.candidate.as_ref()?.label.as_ref()?;
                        (label.party == Party::Official && label.name.is_some())
                            .then_some(k.as_ref()?)
                    })
                    .map(|k| (k, counts[k]))
                    .filter(|(_, n)| *n >= 2)
                    .collect();
                officials.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                officials.first().map(|(k, _)| (*k).clone())
            });
        Document {
            slots,
            keys,
            counts,
            titled,
            title_names,
            presiding,
            capitals: capital_persons >= 1 && other_persons * 5 <= capital_persons,
            capital_keys,
        }
    }

    fn candidate(&self, i: usize) -> Option<&Candidate<'a>> {
        self.slots[i].candidate.as_ref()
    }

    fn key(&self, i: usize) -> Option<&str> {
        self.keys[i].as_deref()
    }

    /// A bare name the transcript confirms: it recurs, it appears with a title, or the title
    /// names it.
    fn confirmed(&self, key: &str) -> bool {
        self.counts.get(key).copied().unwrap_or(0) >= 2
            || self.titled.contains(key)
            || self.title_names.contains(key)
    }

    /// A candidate that takes part in the structure: not a sentence, not a heading word, and
    /// in Chinese one the word lists read as a label.
    fn label_like(&self, i: usize) -> bool {
        self.key(i).is_some()
            && self.candidate(i).is_some_and(|c| {
                !speaker::starts_like_a_sentence(c.raw)
                    && (c.label.is_some() || c.shape != Shape::Han)
            })
    }

    /// A candidate that answers: the presiding speaker, "A:", a titled official.
    fn answers(&self, i: usize) -> bool {
        let Some(label) = self.candidate(i).and_then(|c| c.label.as_ref()) else {
            return self.key(i).is_some() && self.key(i) == self.presiding.as_deref();
        };
        self.key(i).is_some() && self.key(i) == self.presiding.as_deref()
            || label.party == Party::Answer
            || (label.party == Party::Official && label.strength >= Strength::Strong)
    }

    /// Whether the run at `i` alternates with the presiding speaker as a reporter does: the
    /// presiding speaker (or another who answers) speaks next, and the run follows an answer
    /// or asks something. A Chinese run must do both: Chinese answers open more paragraphs
    /// with a phrase and a colon ("一是：", "具体来说：").
    fn asks(&self, i: usize) -> bool {
        let Some(key) = self.key(i) else { return false };
        if Some(key) == self.presiding.as_deref() || self.titled.contains(key) {
            return false;
        }
        if self
            .candidate(i)
            .is_none_or(|c| speaker::starts_like_a_sentence(c.raw))
        {
            return false;
        }
        let Some(next) = (i + 1..self.slots.len()).find(|&j| self.label_like(j)) else {
            return false;
        };
        if !self.answers(next) {
            return false;
        }
        let asks_something = self.candidate(i).is_some_and(|c| has_question_mark(c.rest))
            || self.slots[i + 1..next]
                .iter()
                .any(|s| !s.noise && has_question_mark(s.text));
        let follows_an_answer = (0..i).rev().find(|&j| self.label_like(j)).is_none_or(|j| {
            self.answers(j)
                || self
                    .candidate(j)
                    .and_then(|c| c.label.as_ref())
                    .is_some_and(|l| l.party == Party::Moderator)
        });
        if self.candidate(i).is_some_and(|c| c.shape == Shape::Han) {
            asks_something && follows_an_answer
        } else {
            asks_something || follows_an_answer
        }
    }

    /// A reporter's label for the run at `i`, which names the outlet as written (without a
    /// trailing 记者, which names the reporter).
    fn outlet_label(&self, i: usize) -> Decision {
        let raw = self.candidate(i).map_or("", |c| c.raw);
        let outlet = outlets::without_reporter(raw);
        Decision::Label(Label {
            name: None,
            role: None,
            outlet: Some(outlet.split_whitespace().collect::<Vec<_>>().join(" ")),
            party: Party::Reporter,
            strength: Strength::Strong,
        })
    }

    fn decide(&self, i: usize) -> Decision {
        let slot = &self.slots[i];
        if !slot.noise && NOTE.is_match(slot.text.trim()) {
            return Decision::Note;
        }
        let (Some(c), Some(key)) = (self.candidate(i), self.key(i)) else {
            return Decision::Text;
        };
        match (c.shape, &c.label) {
            (Shape::Sentence, _) => Decision::Text,
            (Shape::Mark, Some(label)) => Decision::Label(label.clone()),
            (Shape::Han, Some(label)) if label.strength >= Strength::Strong => {
                Decision::Label(label.clone())
            }
            (Shape::Han, _) if self.asks(i) => self.outlet_label(i),
            (Shape::Han, Some(label)) if label.name.is_some() && self.confirmed(key) => {
                Decision::Label(label.clone())
            }
            (Shape::Han, _) | (Shape::Mark, None) => Decision::Text,
            (Shape::Caps | Shape::Capitalised, label) => self.decide_latin(i, key, label),
        }
    }

    fn decide_latin(&self, i: usize, key: &str, label: &Option<Label>) -> Decision {
        let shape = self.candidate(i).map(|c| c.shape);
        // A transcript that writes its speakers in capitals writes them so throughout.
        if self.capitals && shape == Some(Shape::Capitalised) && !self.capital_keys.contains(key) {
            return Decision::Text;
        }
        if let Some(l) = label
            && (l.party == Party::Reporter
                || l.party == Party::Moderator
                || l.strength >= Strength::Strong)
        {
            return Decision::Label(l.clone());
        }
        if Some(key) == self.presiding.as_deref()
            && let Some(l) = label
        {
            return Decision::Label(l.clone());
        }
        if !self.capitals && self.asks(i) {
            return self.outlet_label(i);
        }
        match label {
            Some(l) if l.name.is_some() && self.confirmed(key) => Decision::Label(l.clone()),
            _ => Decision::Text,
        }
    }
}

fn has_question_mark(text: &str) -> bool {
    text.contains(['?', '？'])
}

/// Questions that carry no label: a paragraph set in bold that asks something (or that the
/// presiding speaker answers next), and the paragraph after a note.
fn unlabelled_questions(doc: &Document, decisions: &mut [Decision]) {
    let mut after_note = false;
    for i in 0..decisions.len() {
        let slot = &doc.slots[i];
        if slot.noise {
            continue;
        }
        match decisions[i] {
            Decision::Note => {
                after_note = true;
                continue;
            }
            Decision::Text => {}
            _ => {
                after_note = false;
                continue;
            }
        }
        let text = slot.text.trim();
        let answered_next = || {
            (i + 1..doc.slots.len())
                .find(|&j| doc.label_like(j))
                .is_some_and(|j| doc.answers(j) && matches!(decisions[j], Decision::Label(_)))
        };
        let bold_question = slot.emphasized
            && (has_question_mark(text)
                || (text.chars().count() >= 20 && text.ends_with(['.', '。']) && answered_next()));
        if after_note || bold_question {
            decisions[i] = Decision::Unlabelled(Label::question_mark());
        }
        after_note = false;
    }
}

#[cfg(test)]
mod tests;
