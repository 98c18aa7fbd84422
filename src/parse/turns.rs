//! From paragraphs to speaker turns: labels confirmed, noise dropped, questions and answers linked.
//!
//! Two passes over the transcript: the first finds every candidate label, so that a bare name
//! ("Wu Haiping:", "毛宁：") counts as a speaker only when the transcript confirms it (it recurs,
//! or the same name appeared with a title); the second builds the turns.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::noise::{self, Noise};
use super::paragraphs::Paragraph;
use super::speaker::{self, Label, Party, Strength};
use crate::briefing::{Kind, Turn};

enum Item<'p> {
    Noise(Noise),
    Speech {
        label: Option<Label>,
        text: String,
        paragraph: &'p Paragraph,
    },
}

/// Builds the turns of a transcript from its paragraphs (title already removed).
pub(crate) fn assemble(paragraphs: &[Paragraph], title: &str) -> Vec<Turn> {
    let items: Vec<Item> = paragraphs.iter().map(classify).collect();
    let confirmed = confirmed_names(&items, title);
    let mut pending: Vec<(Option<Label>, Vec<String>)> = Vec::new();
    let mut seen_speaker = false;
    let mut trailer = false;
    for item in items {
        match item {
            Item::Noise(kind) => {
                if kind.ends_transcript() && seen_speaker {
                    trailer = true;
                }
            }
            Item::Speech {
                label: Some(label),
                text,
                ..
            } if label.strength == Strength::Strong
                || label.name.as_ref().is_some_and(|n| confirmed.contains(n)) =>
            {
                seen_speaker = true;
                trailer = false;
                let paragraphs = if text.is_empty() {
                    Vec::new()
                } else {
                    vec![text]
                };
                pending.push((Some(label), paragraphs));
            }
            Item::Speech {
                label,
                text,
                paragraph,
            } => {
                let text = match label {
                    // An unconfirmed label stays part of the speech.
                    Some(_) => noise::strip_stage_notes(paragraph.text.trim()).into_owned(),
                    None => text,
                };
                if text.is_empty() || (trailer && noise::is_site_leftover(&text)) {
                    continue;
                }
                match pending.last_mut() {
                    Some((_, paragraphs)) => paragraphs.push(text),
                    None => pending.push((None, vec![text])),
                }
            }
        }
    }
    pending.retain(|(_, paragraphs)| !paragraphs.is_empty());
    attribute_opening_to_host(&mut pending, title);
    let mut turns = link(pending);
    carry_roles(&mut turns);
    name_anonymous_answers(&mut turns, title);
    turns
}

fn classify(p: &Paragraph) -> Item<'_> {
    if let Some(kind) = noise::classify(&p.text) {
        return Item::Noise(kind);
    }
    let (label, text) = match speaker::detect(&p.text) {
        Some(d) => (Some(d.label), d.rest),
        // Web pages set questions in bold without always labelling them.
        None if p.emphasized && p.text.trim_end().ends_with(['?', '？']) => (
            Some(Label {
                name: None,
                role: None,
                outlet: None,
                party: Party::Reporter,
                strength: Strength::Strong,
            }),
            p.text.as_str(),
        ),
        None => (None, p.text.as_str()),
    };
    let text = noise::strip_stage_notes(text.trim()).into_owned();
    if label.is_none() && text.is_empty() {
        return Item::Noise(Noise::StageNote);
    }
    Item::Speech {
        label,
        text,
        paragraph: p,
    }
}

/// Names of weak labels that the transcript confirms: seen twice, also with a title, or named
/// as spokesperson or host in the briefing's title.
fn confirmed_names(items: &[Item], title: &str) -> HashSet<String> {
    let mut strong: HashSet<String> = title_spokesperson(title)
        .into_iter()
        .chain(
            TITLE_HOST_ZH
                .captures(title)
                .or_else(|| TITLE_HOST_EN.captures(title))
                .map(|c| c[1].to_string()),
        )
        .collect();
    let mut weak: HashMap<&str, usize> = HashMap::new();
    for item in items {
        let Item::Speech {
            label: Some(label), ..
        } = item
        else {
            continue;
        };
        match (&label.name, label.strength) {
            (Some(name), Strength::Strong) => {
                strong.insert(name.clone());
            }
            (Some(name), Strength::Weak) => *weak.entry(name).or_default() += 1,
            (None, _) => {}
        }
    }
    weak.into_iter()
        .filter(|(name, count)| *count >= 2 || strong.contains(*name))
        .map(|(name, _)| name.to_string())
        .chain(strong.iter().cloned())
        .collect()
}

/// At a regular press conference the host's opening announcements often carry no label: text
/// before the first labelled turn is theirs when the title names the host and the host speaks.
fn attribute_opening_to_host(pending: &mut [(Option<Label>, Vec<String>)], title: &str) {
    let Some(host) = TITLE_HOST_ZH
        .captures(title)
        .or_else(|| TITLE_HOST_EN.captures(title))
        .map(|c| c[1].to_string())
    else {
        return;
    };
    let host_speaks = pending.iter().any(|(label, _)| {
        label
            .as_ref()
            .is_some_and(|l| l.name.as_deref() == Some(host.as_str()))
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

static TITLE_SPOKESPERSON_ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"发言人([\p{Han}&&[^就在答宣表介主应]]\p{Han}{1,2}?)(?:就|主持|答|在|表示|应约|宣布|介绍)",
    )
    .expect("valid regex")
});
/// The host of a regular press conference: "2024年3月12日外交部发言人周岚主持例行记者会".
static TITLE_HOST_ZH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"发言人(\p{Han}{2,3}?)主持").expect("valid regex"));
static TITLE_HOST_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Spokes(?:person|man|woman) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:'s|’s)? (?:Regular )?Press Conference").expect("valid regex")
});
/// An unnamed spokesperson in a title: "外交部发言人就…发表谈话" → "外交部发言人".
static TITLE_UNNAMED_SPOKESPERSON_ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{0,12}?发言人)(?:就|宣布|介绍|表示|答)").expect("valid regex")
});
static TITLE_SPOKESPERSON_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Spokes(?:person|man|woman) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)").expect("valid regex")
});

/// "A:" and "答：" turns answer for the briefing's one official: the only named official in
/// the transcript, or the spokesperson named in the title. A statement with no speaker labels
/// at all ("外交部发言人汪文斌就…发表谈话") is the titled spokesperson's remarks.
fn name_anonymous_answers(turns: &mut [Turn], title: &str) {
    if turns.iter().all(|t| t.kind == Kind::Narration) {
        if let Some(lead) = title_spokesperson(title) {
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
        title_spokesperson(title)
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

/// The spokesperson a title names ("外交部发言人汪文斌就…答记者问", "Spokesperson Zhou Lan's …").
fn title_spokesperson(title: &str) -> Option<String> {
    TITLE_SPOKESPERSON_ZH
        .captures(title)
        .or_else(|| TITLE_SPOKESPERSON_EN.captures(title))
        .or_else(|| TITLE_UNNAMED_SPOKESPERSON_ZH.captures(title))
        .map(|c| c[1].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::paragraphs::split;

    fn turns(body: &str) -> Vec<Turn> {
        assemble(&split(body, 1, false), "")
    }

    type Shape<'t> = (Kind, Option<&'t str>, Option<&'t str>, usize, Option<usize>);

    fn shape(turns: &[Turn]) -> Vec<Shape<'_>> {
        turns
            .iter()
            .map(|t| {
                (
                    t.kind,
                    t.speaker.as_deref(),
                    t.outlet.as_deref(),
                    t.paragraphs.len(),
                    t.answers,
                )
            })
            .collect()
    }

    #[test]
    fn test_seed_shape_own_line_labels_captions_and_footer() {
        let body = "On the morning of April 23, 2023, a briefing was held.\n\n\
            Press conference podium (photographed by Liu Jian)\n\n\
            Reporter from China News Agency:\n\nWhat has customs done?\n\n\
            Wu Haiping (photographed by Xu Xiang)\n\n\
            Wu Haiping, Director of the Comprehensive Business Department of the General Administration of Customs:\n\n\
            Thank you.\n\nWe did a lot.\n\n\
            Southern Daily reporter:\n\nAnd next?\n\n\
            Wu Haiping:\n\nMore.\n\n\
            Source/Guoxin Network\n\nEditor/Dai Jun\n\n\
            Copyright Fujian Quanzhou Zhongtai IMP.And EXP.CO.,LTD\n\n\
            Zhenghe Port Integrated Service Platform\n";
        let t = turns(body);
        assert_eq!(
            shape(&t),
            vec![
                (Kind::Narration, None, None, 1, None),
                (Kind::Question, None, Some("China News Agency"), 1, None),
                (Kind::Answer, Some("Wu Haiping"), None, 2, Some(1)),
                (Kind::Question, None, Some("Southern Daily"), 1, None),
                (Kind::Answer, Some("Wu Haiping"), None, 1, Some(3)),
            ]
        );
        assert_eq!(
            t[4].role, t[2].role,
            "the role carries over to the bare name"
        );
        assert!(t[4].paragraphs[0] == "More.");
    }

    #[test]
    fn test_remarks_before_the_first_question_then_answers() {
        let t = turns(
            "毛宁：应国家主席邀请，某国总统将访华。\n\n中新社记者：中方对此有何评论？\n\n毛宁：我们欢迎。\n",
        );
        assert_eq!(
            shape(&t),
            vec![
                (Kind::Remarks, Some("毛宁"), None, 1, None),
                (Kind::Question, None, Some("中新社"), 1, None),
                (Kind::Answer, Some("毛宁"), None, 1, Some(1)),
            ]
        );
    }

    #[test]
    fn test_unconfirmed_bare_name_stays_speech() {
        let t = turns(
            "Wu Haiping, Director of Customs:\n\nKey Points: exports rose.\n\nLi Ming: said once and never again.\n",
        );
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].paragraphs,
            [
                "Key Points: exports rose.",
                "Li Ming: said once and never again."
            ]
        );
    }

    #[test]
    fn test_stage_notes_and_empty_questions_are_not_speech() {
        let body = "MS. HALVERSON:  Hi. (Laughter.)\n\nQ    (Inaudible.)\n\n(Cross-talk.)\n\nQ    On tariffs?\n\nMS. HALVERSON:  Yes.\n";
        let t = turns(body);
        assert_eq!(
            shape(&t),
            vec![
                (Kind::Remarks, Some("Halverson"), None, 1, None),
                (Kind::Question, None, None, 1, None),
                (Kind::Answer, Some("Halverson"), None, 1, Some(1)),
            ]
        );
        assert_eq!(t[0].paragraphs, ["Hi."]);
    }

    #[test]
    fn test_anonymous_answer_takes_the_spokesperson_from_the_title() {
        let t = assemble(
            &split("问：中方有何评论？\n\n答：我们坚决反对。\n", 1, false),
            "外交部发言人周岚就某国限制芯片出口答记者问",
        );
        assert_eq!(t[1].speaker.as_deref(), Some("周岚"));
        assert_eq!(t[1].kind, Kind::Answer);
    }

    #[test]
    fn test_statement_without_labels_is_the_titled_spokespersons_remarks() {
        let body = split("中国政府高度重视。\n\n我们坚决反对。\n", 1, false);
        let t = assemble(&body, "外交部发言人汪文斌就某问题发表谈话");
        assert!(
            t.iter()
                .all(|t| t.kind == Kind::Remarks && t.speaker.as_deref() == Some("汪文斌"))
        );
        let t = assemble(&body, "外交部发言人就某问题发表谈话");
        assert!(
            t.iter()
                .all(|t| t.speaker.as_deref() == Some("外交部发言人"))
        );
        let t = assemble(&split("Some narration.\n", 1, false), "A fact sheet");
        assert_eq!(t[0].kind, Kind::Narration);
    }

    #[test]
    fn test_unlabelled_opening_belongs_to_the_host_named_in_the_title() {
        let body = split(
            "应某国邀请，某外长将访华。\n\n中新社记者：请问？\n\n华春莹：谢谢。\n",
            1,
            false,
        );
        let t = assemble(&body, "2020年9月2日外交部发言人华春莹主持例行记者会");
        assert_eq!(
            (t[0].kind, t[0].speaker.as_deref()),
            (Kind::Remarks, Some("华春莹"))
        );
        let t = assemble(&body, "国务院新闻办公室举行发布会");
        assert_eq!(t[0].kind, Kind::Narration);
    }

    #[test]
    fn test_spokesperson_in_title_is_a_name_not_a_preposition() {
        let t = assemble(
            &split("问：有何评论？\n\n答：坚决反对。\n", 1, false),
            "外交部发言人就美国宣布对古巴实施制裁答记者问",
        );
        assert_eq!(t[1].speaker.as_deref(), Some("外交部发言人"));
    }

    #[test]
    fn test_long_paragraph_after_the_footer_is_kept() {
        let long = "This is a long paragraph of speech that continues after a stray credit line. "
            .repeat(4);
        let t = turns(&format!(
            "Moderator:\n\nWelcome.\n\nEditor: Fang Jiayi\n\nshort leftover\n\n{long}\n"
        ));
        assert_eq!(t[0].paragraphs.len(), 2);
    }
}
