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
    /// A title, an honorific, a reporter's outlet, a capitalised WH-style label, Q/A.
    Strong,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    pub name: Option<String>,
    pub role: Option<String>,
    pub outlet: Option<String>,
    pub party: Party,
    pub strength: Strength,
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
    Regex::new(r"^(?:Q|问)(?:\s*[:：.]|\s+|\s*[—–-]|\s*\(|$)").expect("valid regex")
});
static ANSWER_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:A|答)\s*[:：]").expect("valid regex"));

/// The label at the start of `paragraph`, if it has one.
pub(crate) fn detect(paragraph: &str) -> Option<Detected<'_>> {
    let p = paragraph.trim_start();
    if let Some(m) = QUESTION_MARK.find(p) {
        let rest = p[m.end()..].trim_start_matches([' ', '\t', '—', '–', '-']);
        return Some(Detected {
            label: Label {
                name: None,
                role: None,
                outlet: None,
                party: Party::Reporter,
                strength: Strength::Strong,
            },
            rest: rest.trim(),
        });
    }
    if let Some(m) = ANSWER_MARK.find(p) {
        return Some(Detected {
            label: Label {
                name: None,
                role: None,
                outlet: None,
                party: Party::Answer,
                strength: Strength::Strong,
            },
            rest: p[m.end()..].trim(),
        });
    }
    let (colon, colon_len) = p
        .char_indices()
        .take(MAX_LABEL_CHARS_EN + 1)
        .find(|&(_, c)| c == ':' || c == '：')
        .map(|(i, c)| (i, c.len_utf8()))?;
    let raw = p[..colon].trim();
    let rest = p[colon + colon_len..].trim();
    let label = if raw.chars().any(is_han) {
        chinese::classify_chinese(raw)?
    } else {
        english::classify_english(raw)?
    };
    Some(Detected { label, rest })
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
mod tests {
    use super::*;

    type Found = (
        Option<String>,
        Option<String>,
        Option<String>,
        Party,
        Strength,
        String,
    );

    fn label(p: &str) -> Option<Found> {
        detect(p).map(|d| {
            (
                d.label.name,
                d.label.role,
                d.label.outlet,
                d.label.party,
                d.label.strength,
                d.rest.to_string(),
            )
        })
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn test_official_with_title_on_its_own_line() {
        assert_eq!(
            label(
                "Wu Haiping, Director of the Comprehensive Business Department of the General Administration of Customs:"
            ),
            Some((
                s("Wu Haiping"),
                s(
                    "Director of the Comprehensive Business Department of the General Administration of Customs"
                ),
                None,
                Party::Official,
                Strength::Strong,
                String::new()
            ))
        );
    }

    #[test]
    fn test_bare_name_is_weak_and_keeps_inline_speech() {
        assert_eq!(
            label("Wu Haiping: Thank you for your question."),
            Some((
                s("Wu Haiping"),
                None,
                None,
                Party::Official,
                Strength::Weak,
                "Thank you for your question.".into()
            ))
        );
    }

    #[test]
    fn test_reporters_carry_their_outlet() {
        let outlet = |p: &str| label(p).map(|l| (l.2, l.3));
        assert_eq!(
            outlet("Reporter from China News Agency:"),
            Some((s("China News Agency"), Party::Reporter))
        );
        assert_eq!(
            outlet("Southern Daily reporter:"),
            Some((s("Southern Daily"), Party::Reporter))
        );
        assert_eq!(outlet("Southern Daily reporter’s question:"), None);
        assert_eq!(
            outlet("The Paper reporter:"),
            Some((s("The Paper"), Party::Reporter))
        );
        assert_eq!(
            outlet("AFP: Will China respond?"),
            Some((s("AFP"), Party::Reporter))
        );
        assert_eq!(
            outlet("Global Times: Thank you."),
            Some((s("Global Times"), Party::Reporter))
        );
        assert_eq!(outlet("中新社记者："), Some((s("中新社"), Party::Reporter)));
        assert_eq!(
            outlet("总台央视记者：请问……"),
            Some((s("总台央视"), Party::Reporter))
        );
        assert_eq!(
            outlet("21世纪经济报道记者："),
            Some((s("21世纪经济报道"), Party::Reporter))
        );
    }

    #[test]
    fn test_white_house_capitals() {
        let who = |p: &str| label(p).map(|l| (l.0, l.1, l.4));
        assert_eq!(
            who("MS. JEAN-PIERRE:  Good afternoon."),
            Some((s("Jean-Pierre"), None, Strength::Strong))
        );
        assert_eq!(
            who("MR. KIRBY: Thanks."),
            Some((s("Kirby"), None, Strength::Strong))
        );
        assert_eq!(
            who("SECRETARY MAYORKAS: Thank you."),
            Some((s("Mayorkas"), s("Secretary"), Strength::Strong))
        );
        assert_eq!(
            who("ACTING ADMINISTRATOR SLAVITT: Yes."),
            Some((s("Slavitt"), s("Acting Administrator"), Strength::Strong))
        );
        assert_eq!(
            who("SENIOR ADMINISTRATION OFFICIAL:  So,"),
            Some((s("Senior Administration Official"), None, Strength::Strong))
        );
        assert_eq!(
            who("THE PRESIDENT: Folks,"),
            Some((s("The President"), None, Strength::Strong))
        );
        assert_eq!(
            who("MODERATOR: Next."),
            Some((s("Moderator"), None, Strength::Strong))
        );
        assert_eq!(
            label("MODERATOR: Next.").map(|l| l.3),
            Some(Party::Moderator)
        );
        assert_eq!(who("NOTE: this is not a speaker"), None);
    }

    #[test]
    fn test_q_and_a_marks() {
        let mark = |p: &str| label(p).map(|l| (l.3, l.5));
        assert_eq!(
            mark("Q    Thank you, Karine."),
            Some((Party::Reporter, "Thank you, Karine.".into()))
        );
        assert_eq!(
            mark("Q: And the tariffs?"),
            Some((Party::Reporter, "And the tariffs?".into()))
        );
        assert_eq!(
            mark("Q    — on the deal"),
            Some((Party::Reporter, "on the deal".into()))
        );
        assert_eq!(
            mark("A: We will."),
            Some((Party::Answer, "We will.".into()))
        );
        assert_eq!(
            mark("问：中方对此有何评论？"),
            Some((Party::Reporter, "中方对此有何评论？".into()))
        );
        assert_eq!(
            mark("答：中方的立场是一贯的。"),
            Some((Party::Answer, "中方的立场是一贯的。".into()))
        );
        assert_eq!(mark("Quite right: we agree."), None);
    }

    #[test]
    fn test_titles_before_the_name_become_the_role() {
        let who = |p: &str| label(p).map(|l| (l.0, l.1, l.4));
        assert_eq!(
            who("Spokesperson Wang Wenbin:"),
            Some((s("Wang Wenbin"), s("Spokesperson"), Strength::Strong))
        );
        assert_eq!(
            who("Foreign Ministry Spokesperson Wang Wenbin: Good afternoon."),
            Some((
                s("Wang Wenbin"),
                s("Foreign Ministry Spokesperson"),
                Strength::Strong
            ))
        );
        assert_eq!(
            who("Ms. Halverson: Thanks."),
            Some((s("Halverson"), None, Strength::Strong))
        );
        assert_eq!(
            who("Moderator:"),
            Some((s("Moderator"), None, Strength::Strong))
        );
    }

    #[test]
    fn test_chinese_officials() {
        let who = |p: &str| label(p).map(|l| (l.0, l.1, l.3, l.4));
        assert_eq!(
            who("海关总署口岸监管司副司长林桥："),
            Some((
                s("林桥"),
                s("海关总署口岸监管司副司长"),
                Party::Official,
                Strength::Strong
            ))
        );
        assert_eq!(
            who("商务部新闻发言人贺云：大家好。"),
            Some((
                s("贺云"),
                s("商务部新闻发言人"),
                Party::Official,
                Strength::Strong
            ))
        );
        assert_eq!(
            who("毛宁：应国家主席邀请"),
            Some((s("毛宁"), None, Party::Official, Strength::Weak))
        );
        assert_eq!(
            who("外交部发言人汪文斌宣布："),
            Some((
                s("汪文斌"),
                s("外交部发言人"),
                Party::Official,
                Strength::Strong
            ))
        );
        assert_eq!(
            who("主持人：请提问。"),
            Some((s("主持人"), None, Party::Moderator, Strength::Strong))
        );
    }

    #[test]
    fn test_sentences_ending_in_a_colon_are_not_labels() {
        for p in [
            "The following are some factual records:",
            "At present, we mainly focus on the following aspects of service work:",
            "Our work this year focuses on the following three aspects:",
            "Last night, the President laid out four key goals for the path ahead:",
            "The first goal: protect against and treat COVID.",
            "Today, I'm joined by:",
            "Key Points: exports rose.",
            "In 2023: a record year.",
            "10:40 A.M. EST",
            "今年，我们重点做好以下三方面工作：",
            "一是：加强监管。",
            "他说：我们会继续努力。",
            "习近平主席指出：",
            "王毅部长表示：",
            "具体来说：",
        ] {
            assert_eq!(label(p), None, "{p}");
        }
    }

    #[test]
    fn test_readable_case() {
        assert_eq!(readable_case("JEAN-PIERRE"), "Jean-Pierre");
        assert_eq!(readable_case("MCDONOUGH"), "McDonough");
        assert_eq!(readable_case("O'ROURKE"), "O'Rourke");
        assert_eq!(readable_case("Wu Haiping"), "Wu Haiping");
    }
}
