//! From paragraphs to speaker turns: labels decided, noise dropped, questions and answers linked.
//!
//! Which paragraphs open a turn is decided over the whole transcript (`labels`); this module
//! builds the turns from that decision, attributes unlabelled answers and opening
//! announcements to the presiding spokesperson, and gives each person one name and one role
//! throughout the briefing (`variants`).

use std::collections::{HashMap, HashSet};

use super::labels::{self, Decision, Slot};
use super::noise;
use super::paragraphs::{Paragraph, join_line};
use super::presiding;
use super::speaker::{self, Label, Party, Strength};
use super::variants;
use crate::briefing::{Kind, Turn};

type Pending = Vec<(Option<Label>, Vec<String>)>;

/// Builds the turns of a transcript from its paragraphs (title already removed).
pub(crate) fn assemble(paragraphs: &[Paragraph], title: &str) -> Vec<Turn> {
    let noise: Vec<Option<noise::Noise>> = paragraphs
        .iter()
        .map(|p| noise::classify(&p.text))
        .collect();
    let slots: Vec<Slot> = paragraphs
        .iter()
        .zip(&noise)
        .map(|(p, n)| Slot {
            candidate: n.is_none().then(|| speaker::candidate(&p.text)).flatten(),
            text: &p.text,
            emphasized: p.emphasized,
            noise: n.is_some(),
        })
        .collect();
    let decisions = labels::decide(&slots, title);
    let mut pending = group(paragraphs, &slots, decisions, &noise);
    pending.retain(|(_, paragraphs)| !paragraphs.is_empty());
    attribute_opening_to_host(&mut pending, title);
    let mut turns = link(pending);
    variants::fold_names(&mut turns, title);
    carry_roles(&mut turns);
    name_anonymous_answers(&mut turns, title);
    turns
}

/// The paragraphs grouped into turns as the decisions say, each with its label (`None` for text
/// before any label and for notes), noise left out and wrapped lines joined back.
fn group(
    paragraphs: &[Paragraph],
    slots: &[Slot],
    decisions: Vec<Decision>,
    noise: &[Option<noise::Noise>],
) -> Pending {
    let mut pending: Pending = Vec::new();
    let mut seen_speaker = false;
    let mut trailer = false;
    // Whether the paragraph before was speech kept in the current turn, so that a wrapped
    // line split off by a label the decision refused can be joined back to it.
    let mut joinable = false;
    for ((paragraph, slot), (decision, kind)) in paragraphs
        .iter()
        .zip(slots)
        .zip(decisions.into_iter().zip(noise))
    {
        if let Some(kind) = kind {
            if kind.ends_transcript() && seen_speaker {
                trailer = true;
            }
            joinable = false;
            continue;
        }
        let after_label = matches!(decision, Decision::Label(_));
        match decision {
            Decision::Label(label) | Decision::Unlabelled(label) => {
                let text = match (&slot.candidate, after_label) {
                    (Some(c), true) => c.rest,
                    _ => paragraph.text.as_str(),
                };
                let text = noise::strip_stage_notes(text.trim()).into_owned();
                seen_speaker = true;
                trailer = false;
                joinable = !text.is_empty();
                pending.push((
                    Some(label),
                    if text.is_empty() {
                        Vec::new()
                    } else {
                        vec![text]
                    },
                ));
            }
            Decision::Note => {
                pending.push((None, vec![paragraph.text.trim().to_string()]));
                joinable = false;
            }
            Decision::Text => {
                let text = noise::strip_stage_notes(paragraph.text.trim()).into_owned();
                if text.is_empty() || (trailer && noise::is_site_leftover(&text)) {
                    continue;
                }
                match pending.last_mut() {
                    Some((_, paragraphs)) if paragraph.continues && joinable => {
                        if let Some(last) = paragraphs.last_mut() {
                            join_line(last, &text);
                        }
                    }
                    Some((_, paragraphs)) => paragraphs.push(text),
                    None => pending.push((None, vec![text])),
                }
                joinable = true;
            }
        }
    }
    pending
}

/// At a regular press conference the host's opening announcements often carry no label: text
/// before the first labelled turn is theirs when the title names the host and the host
/// answers (by name, or as "A:").
fn attribute_opening_to_host(pending: &mut Pending, title: &str) {
    let Some(host) = presiding::host(title) else {
        return;
    };
    let host_speaks = pending.iter().any(|(label, _)| {
        label
            .as_ref()
            .is_some_and(|l| l.name.as_deref() == Some(host.as_str()) || l.party == Party::Answer)
    });
    if let Some((label @ None, _)) = pending.first_mut().filter(|_| host_speaks) {
        *label = Some(Label {
            name: Some(host),
            role: None,
            outlet: None,
            party: Party::Official,
            strength: Strength::Strong,
        });
    }
}

/// Gives each turn its kind and links answers to the question before them.
fn link(pending: Vec<(Option<Label>, Vec<String>)>) -> Vec<Turn> {
    let mut turns = Vec::with_capacity(pending.len());
    let mut last_question: Option<usize> = None;
    for (label, paragraphs) in pending {
        let Some(label) = label else {
            turns.push(Turn {
                speaker: None,
                role: None,
                outlet: None,
                kind: Kind::Narration,
                paragraphs,
                answers: None,
            });
            continue;
        };
        let (kind, answers) = match label.party {
            Party::Reporter => {
                last_question = Some(turns.len());
                (Kind::Question, None)
            }
            Party::Answer => (Kind::Answer, last_question),
            Party::Moderator => (Kind::Remarks, None),
            Party::Official if last_question.is_some() => (Kind::Answer, last_question),
            Party::Official => (Kind::Remarks, None),
        };
        turns.push(Turn {
            speaker: label.name,
            role: label.role,
            outlet: label.outlet,
            kind,
            paragraphs,
            answers,
        });
    }
    turns
}

/// The same person is one speaker across a briefing: a later bare "Wu Haiping:" keeps the
/// title given with the first "Wu Haiping, Director of …:".
fn carry_roles(turns: &mut [Turn]) {
    let mut roles: HashMap<String, String> = HashMap::new();
    for turn in turns.iter() {
        if let (Some(name), Some(role)) = (&turn.speaker, &turn.role) {
            roles.entry(name.clone()).or_insert_with(|| role.clone());
        }
    }
    for turn in turns.iter_mut() {
        if let (None, Some(name)) = (&turn.role, &turn.speaker) {
            turn.role = roles.get(name).cloned();
        }
    }
}

/// "A:" and "答：" turns answer for the briefing's one official: the only named official in
/// the transcript, or the spokesperson named in the title. A statement with no speaker labels
/// at all ("外交部发言人汪文斌就…发表谈话") is the titled spokesperson's remarks.
fn name_anonymous_answers(turns: &mut [Turn], title: &str) {
    if turns.iter().all(|t| t.kind == Kind::Narration) {
        if let Some(lead) = presiding::spokesperson(title) {
            for turn in turns.iter_mut() {
                turn.kind = Kind::Remarks;
                turn.speaker = Some(lead.clone());
            }
        }
        return;
    }
    if !turns
        .iter()
        .any(|t| t.kind == Kind::Answer && t.speaker.is_none())
    {
        return;
    }
    let officials: HashSet<&str> = turns
        .iter()
        .filter(|t| matches!(t.kind, Kind::Answer | Kind::Remarks) && t.outlet.is_none())
        .filter_map(|t| t.speaker.as_deref())
        .filter(|name| *name != "主持人" && *name != "Moderator")
        .collect();
    let lead = if officials.len() == 1 {
        officials.into_iter().next().map(str::to_string)
    } else {
        presiding::spokesperson(title)
    };
    let Some(lead) = lead else { return };
    let role = turns
        .iter()
        .find(|t| t.speaker.as_deref() == Some(&lead))
        .and_then(|t| t.role.clone());
    for turn in turns
        .iter_mut()
        .filter(|t| t.kind == Kind::Answer && t.speaker.is_none())
    {
        turn.speaker = Some(lead.clone());
        turn.role = role.clone();
    }
}

#[cfg(test)]
mod tests;
