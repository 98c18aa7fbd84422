//! Chinese labels: "中新社记者：", "海关总署综合业务司司长吴海平：", "毛宁：", "问：".

use super::lexicon::{ZH_SURNAMES, ZH_TITLES};
use super::{Label, MAX_LABEL_CHARS_ZH, Party, Strength};
use crate::script::is_han;

pub(super) fn classify_chinese(raw: &str) -> Option<Label> {
    let label: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if label.chars().count() > MAX_LABEL_CHARS_ZH
        || label
            .chars()
            .any(|c| !(is_han(c) || c.is_ascii_alphanumeric() || "、·•《》“”\"".contains(c)))
    {
        return None;
    }
    let strong = |name: Option<String>, role: Option<String>, outlet: Option<String>, party| {
        Some(Label {
            name,
            role,
            outlet,
            party,
            strength: Strength::Strong,
        })
    };
    match label.as_str() {
        "问" | "提问" | "记者问" | "记者提问" | "记者" => {
            return strong(None, None, None, Party::Reporter);
        }
        "答" => return strong(None, None, None, Party::Answer),
        "主持人" | "主持" => {
            return strong(Some("主持人".into()), None, None, Party::Moderator);
        }
        _ => {}
    }
    if let Some(at) = label.rfind("记者") {
        let outlet = label[..at]
            .trim_matches(['《', '》', '“', '”', '"'])
            .trim_end_matches('的');
        let after = label[at + "记者".len()..]
            .trim_end_matches("提问")
            .trim_end_matches('问');
        let name = is_han_name(after).then(|| after.to_string());
        let outlet = (!outlet.is_empty()).then(|| outlet.replace(['《', '》'], ""));
        return strong(name, None, outlet, Party::Reporter);
    }
    let title_end = ZH_TITLES
        .iter()
        .filter_map(|t| label.rfind(t).map(|at| at + t.len()))
        .max();
    if let Some(end) = title_end {
        // "外交部发言人汪文斌宣布：" introduces what the spokesperson announces.
        let name = ["宣布", "表示", "指出", "说", "介绍", "回答"]
            .iter()
            .fold(&label[end..], |n, verb| n.strip_suffix(verb).unwrap_or(n))
            .trim_end_matches("先生")
            .trim_end_matches("女士");
        if name.is_empty() && end < label.len() {
            // "习近平主席指出：" quotes someone inside a speech; it opens no turn.
            return None;
        }
        if name.is_empty() {
            return strong(Some(label.clone()), None, None, Party::Official);
        }
        if is_han_name(name) {
            return strong(
                Some(name.to_string()),
                Some(label[..end].to_string()),
                None,
                Party::Official,
            );
        }
        return None;
    }
    let bare = label.trim_end_matches("先生").trim_end_matches("女士");
    if is_han_name(bare) && starts_with_surname(bare) {
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
