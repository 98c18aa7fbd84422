//! Chinese labels: "中新社记者：", "海关总署综合业务司司长吴海平：", "毛宁：", "问：", "追问：",
//! "会后有记者问及：", in simplified or traditional characters ("發言人梁文傑：", "記者：").
//!
//! The rules match the label folded to simplified characters; names, roles and outlets are
//! cut from the label as written (folding keeps byte offsets).

use super::lexicon::{ZH_SURNAMES, ZH_TITLES};
use super::{Label, MAX_LABEL_CHARS_ZH, Party, Strength, is_han};
use crate::outlets::without_reporter;
use crate::script::traditional;

/// What a reporter does, alone or after 记者: "追问：", "记者问及：", "《北京日报》记者提问：".
/// Longest first, so that "补充提问" is not read as "提问" after a name "补充".
const ASKING: &[&str] = &[
    "补充提问",
    "问及",
    "追问",
    "提问",
    "补充",
    "补问",
    "发问",
    "又问",
    "再问",
    "续问",
    "问",
];

/// Words before 记者 that say when or how many, not which outlet: "会后有记者问及", "另有记者".
const NOT_OUTLETS: &[&str] = &[
    "会后，有",
    "会后，",
    "会后有",
    "会后",
    "另有",
    "此外有",
    "还有",
    "也有",
    "有",
    "另",
    "一位",
    "一名",
    "外国",
    "外媒",
];

pub(super) fn classify_chinese(raw: &str) -> Option<Label> {
    let written: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if written.chars().count() > MAX_LABEL_CHARS_ZH
        || written
            .chars()
            .any(|c| !(is_han(c) || c.is_ascii_alphanumeric() || "、·•《》“”\"—/／，".contains(c)))
    {
        return None;
    }
    let label = traditional::fold(&written).into_owned();
    match label.as_str() {
        "记者" | "记者问" | "记者提问" => return Some(Label::question_mark()),
        "答" => {
            return Some(Label {
                name: None,
                role: None,
                outlet: None,
                party: Party::Answer,
                strength: Strength::Mark,
            });
        }
        "主持人" | "主持" => {
            return Some(strong(Some("主持人".into()), None, None, Party::Moderator));
        }
        _ if ASKING.contains(&label.as_str()) => return Some(Label::question_mark()),
        _ => {}
    }
    if let Some(at) = label.rfind("记者") {
        return Some(reporter(&written, &label, at));
    }
    let title_end = ZH_TITLES
        .iter()
        .filter_map(|t| label.rfind(t).map(|at| at + t.len()))
        .max();
    if let Some(end) = title_end {
        return official(&written, &label, end);
    }
    let folded_bare = label.trim_end_matches("先生").trim_end_matches("女士");
    let bare = &written[..folded_bare.len()];
    if is_han_name(bare) && starts_with_surname(folded_bare) {
        return Some(Label {
            name: Some(bare.to_string()),
            role: None,
            outlet: None,
            party: Party::Official,
            strength: Strength::Weak,
        });
    }
    None
}

/// A label with 记者 at byte `at` of `label` (folded from `written`): the reporter's name after
/// it, if any, and the outlet before it; neither makes it a bare question mark.
fn reporter(written: &str, label: &str, at: usize) -> Label {
    let after_at = at + "记者".len();
    let verb = ASKING
        .iter()
        .find(|v| label[after_at..].ends_with(*v))
        .map_or(0, |v| v.len());
    let name = &written[after_at..written.len() - verb];
    let name = is_han_name(name).then(|| name.to_string());
    let outlet = outlet_before_reporter(&written[..at], &label[..at]);
    if name.is_none() && outlet.is_none() {
        return Label::question_mark();
    }
    strong(name, None, outlet, Party::Reporter)
}

/// A label whose title ends at byte `end` of `label` (folded from `written`): the official
/// named after the title, or the title alone; `None` when a name follows that is none, or
/// when the label quotes someone ("习近平主席指出：").
fn official(written: &str, label: &str, end: usize) -> Option<Label> {
    // "外交部发言人汪文斌宣布：" introduces what the spokesperson announces.
    let folded_name = ["宣布", "表示", "指出", "说", "介绍", "回答"]
        .iter()
        .fold(&label[end..], |n, verb| n.strip_suffix(verb).unwrap_or(n))
        .trim_end_matches("先生")
        .trim_end_matches("女士");
    if folded_name.is_empty() && end < label.len() {
        // "习近平主席指出：" quotes someone inside a speech; it opens no turn.
        return None;
    }
    if folded_name.is_empty() {
        return Some(strong(
            Some(written.to_string()),
            None,
            None,
            Party::Official,
        ));
    }
    let name = &written[end..end + folded_name.len()];
    if is_han_name(name) {
        return Some(strong(
            Some(name.to_string()),
            Some(written[..end].to_string()),
            None,
            Party::Official,
        ));
    }
    None
}

/// A label that says who speaks by its own words.
fn strong(
    name: Option<String>,
    role: Option<String>,
    outlet: Option<String>,
    party: Party,
) -> Label {
    Label {
        name,
        role,
        outlet,
        party,
        strength: Strength::Strong,
    }
}

/// The outlet written before 记者: "中新社", "《北京日报》" → "北京日报"; several outlets keep
/// their list ("彭博社记者、土耳其阿纳多卢通讯社", "彭博社记者/澳门月刊" →
/// "彭博社、土耳其阿纳多卢通讯社", "彭博社、澳门月刊"); words that name no outlet ("会后有")
/// give none.
fn outlet_before_reporter(written: &str, folded: &str) -> Option<String> {
    let mut start = 0;
    for prefix in NOT_OUTLETS {
        if folded.starts_with(prefix) {
            start = prefix.len();
            break;
        }
    }
    let parts: Vec<String> = written[start..]
        .split(['、', '/', '／', '，'])
        .map(|part| {
            without_reporter(part)
                .trim_matches(['《', '》', '“', '”', '"'])
                .trim_end_matches('的')
                .replace(['《', '》'], "")
        })
        .filter(|part| !part.is_empty() && part != "记者" && part != "記者")
        .collect();
    (!parts.is_empty()).then(|| parts.join("、"))
}

fn is_han_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=4).contains(&n) && s.chars().all(|c| is_han(c) || c == '·')
}

fn starts_with_surname(name: &str) -> bool {
    name.chars().next().is_some_and(|c| ZH_SURNAMES.contains(c))
        || [
            "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "夏侯",
            "令狐",
        ]
        .iter()
        .any(|s| name.starts_with(s))
}
