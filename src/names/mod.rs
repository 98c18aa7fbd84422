//! Names across scripts: a Chinese name as English transcripts write it (毛宁 → Mao Ning), and
//! whether a Latin-script name is that of a Chinese one.
//!
//! The briefing lexicon's renderings come first (they follow how the English versions of the
//! briefings write people, offices and roles); otherwise the name is read in pinyin, surname
//! first, with the surname read as a surname (单 Shan, 曾 Zeng, 解 Xie, 区 Ou, 仇 Qiu, 查 Zha;
//! [`surnames`]). For matching, every reading of a polyphonic given-name character counts, in
//! either order (`Wenbin Wang`), however the Latin name is spaced, hyphenated or cased.
//!
//! This module knows nothing of the index: callers link the names they hold.

mod surnames;

use crate::script::{is_han, pinyin, traditional};
use crate::translate::dictionary::{briefing_chinese_by_name_key, briefing_renderings};

/// At most this many readings of one name are kept for matching (a name of four polyphonic
/// characters would otherwise have dozens).
const MAX_READINGS: usize = 16;

/// A Chinese name in Latin script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Romanised {
    /// How an English text writes it: the lexicon's first rendering, else pinyin with the
    /// surname first (`Mao Ning`, `Ouyang Xiu`).
    pub display: String,
    /// The [`key`] of every way of writing it.
    pub keys: Vec<String>,
}

/// The form in which Latin-script names are compared: lower-case letters only (`Wang
/// Wen-bin`, `WANG Wenbin` and `Wangwenbin` are alike), ü as u.
pub(crate) fn key(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ü' { 'u' } else { c })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// True for a name written in Chinese characters.
pub(crate) fn is_chinese(name: &str) -> bool {
    name.chars().any(is_han)
}

/// The Latin-script form of a Chinese name: from the briefing lexicon, else in pinyin when it
/// looks like a personal name (two to four characters, starting with a known surname).
pub(crate) fn romanise(name: &str) -> Option<Romanised> {
    let name = name.trim();
    if !is_chinese(name) {
        return None;
    }
    let simplified = traditional::fold(name);
    let rendered = briefing_renderings(&simplified);
    let readings = pinyin_readings(&simplified);
    let display = rendered
        .first()
        .map(|s| s.to_string())
        .or_else(|| readings.as_ref().map(|r| r.display.clone()))?;
    let mut keys: Vec<String> = rendered.iter().map(|r| key(r)).collect();
    for k in readings.into_iter().flat_map(|r| r.keys) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    Some(Romanised { display, keys })
}

/// The Chinese names that the briefing lexicon renders as `latin` (`Mao Ning` → 毛宁).
pub(crate) fn lexicon_chinese(latin: &str) -> Vec<&'static str> {
    briefing_chinese_by_name_key(&key(latin))
}

/// Whether two names, in either script, name the same person: equal in the same script,
/// else the Latin one is a way of writing the Chinese one.
pub(crate) fn same_person(a: &str, b: &str) -> bool {
    match (is_chinese(a), is_chinese(b)) {
        (true, true) => traditional::fold(a.trim()) == traditional::fold(b.trim()),
        (false, false) => !key(a).is_empty() && key(a) == key(b),
        (true, false) => romanise(a).is_some_and(|r| r.keys.contains(&key(b))),
        (false, true) => romanise(b).is_some_and(|r| r.keys.contains(&key(a))),
    }
}

/// The pinyin of a personal name: its display form and the keys of its readings.
fn pinyin_readings(name: &str) -> Option<Romanised> {
    let count = name.chars().count();
    if !(2..=4).contains(&count) || !name.chars().all(is_han) {
        return None;
    }
    let (surname_chars, surname_reading) = surnames::surname(name)?;
    let chars: Vec<char> = name.chars().collect();
    let (family, given) = chars.split_at(surname_chars);
    if given.is_empty() {
        return None;
    }
    let family_options: Vec<String> = match surname_reading {
        Some(reading) => spellings(reading),
        None => readings_of(family[0])
            .into_iter()
            .flat_map(|r| spellings(&r))
            .collect(),
    };
    let mut given_options: Vec<Vec<String>> = Vec::new();
    for &c in given {
        let options: Vec<String> = readings_of(c)
            .into_iter()
            .flat_map(|r| spellings(&r))
            .collect();
        if options.is_empty() {
            return None;
        }
        given_options.push(options);
    }
    let family_display = match surname_reading {
        Some(reading) => reading.to_string(),
        None => default_reading(family[0])?,
    };
    let given_display: Vec<String> = given
        .iter()
        .map(|&c| default_reading(c))
        .collect::<Option<_>>()?;
    let display = format!(
        "{} {}",
        capitalised(&family_display),
        capitalised(&join_syllables(&given_display))
    );
    let mut keys = Vec::new();
    for family in &family_options {
        for given in combinations(&given_options) {
            for k in [format!("{family}{given}"), format!("{given}{family}")] {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            if keys.len() >= MAX_READINGS * 2 {
                break;
            }
        }
    }
    Some(Romanised { display, keys })
}

/// The usual reading of a character, in plain pinyin.
fn default_reading(c: char) -> Option<String> {
    pinyin::usual(c).map(str::to_string)
}

/// Every reading of a character (the usual one first), in plain pinyin.
fn readings_of(c: char) -> Vec<String> {
    let mut out: Vec<String> = default_reading(c).into_iter().collect();
    for reading in pinyin::all(c) {
        if !out.iter().any(|r| r == reading) {
            out.push(reading.to_string());
        }
    }
    out
}

/// The ways a syllable is spelt in Latin letters: ü as u, v or yu (吕: Lu, Lv, Lyu).
fn spellings(syllable: &str) -> Vec<String> {
    if syllable.contains('ü') {
        ["u", "v", "yu"]
            .iter()
            .map(|u| syllable.replace('ü', u))
            .collect()
    } else {
        vec![syllable.to_string()]
    }
}

/// Syllables of a given name written as one word, with an apostrophe before a syllable that
/// starts with a vowel (Jia'an), as pinyin writes it.
fn join_syllables(syllables: &[String]) -> String {
    let mut out = String::new();
    for (i, s) in syllables.iter().enumerate() {
        if i > 0 && s.starts_with(['a', 'e', 'o']) {
            out.push('\'');
        }
        out.push_str(s);
    }
    out
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The concatenations of one option per position, the usual readings first, at most
/// [`MAX_READINGS`] of them.
fn combinations(options: &[Vec<String>]) -> Vec<String> {
    let mut out = vec![String::new()];
    for position in options {
        let mut next = Vec::new();
        for prefix in &out {
            for option in position {
                if next.len() < MAX_READINGS {
                    next.push(format!("{prefix}{option}"));
                }
            }
        }
        out = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::translate::dictionary::BRIEFING_LEXICON;

    #[test]
    fn test_compiled_name_maps_match_the_lexicon_file() {
        let mut renderings: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut by_key: HashMap<String, Vec<&str>> = HashMap::new();
        let entries = BRIEFING_LEXICON
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|line| line.split_once('\t'));
        for (zh, rest) in entries {
            let zh = zh.trim();
            for rendering in rest.split('\t').map(str::trim).filter(|r| !r.is_empty()) {
                let list = renderings.entry(zh).or_default();
                if !list.contains(&rendering) {
                    list.push(rendering);
                }
                let list = by_key.entry(key(rendering)).or_default();
                if !list.contains(&zh) {
                    list.push(zh);
                }
            }
        }
        assert!(renderings.len() > 400, "{} terms", renderings.len());
        for (zh, list) in &renderings {
            assert_eq!(&briefing_renderings(zh), list, "{zh}");
        }
        for (k, list) in &by_key {
            assert_eq!(&briefing_chinese_by_name_key(k), list, "{k}");
        }
    }

    fn display(name: &str) -> String {
        romanise(name).map(|r| r.display).unwrap_or_default()
    }

    #[test]
    fn test_spokespersons_read_as_the_lexicon_writes_them() {
        for (zh, en) in [
            ("毛宁", "Mao Ning"),
            ("汪文斌", "Wang Wenbin"),
            ("赵立坚", "Zhao Lijian"),
            ("华春莹", "Hua Chunying"),
            ("林剑", "Lin Jian"),
            ("郭嘉昆", "Guo Jiakun"),
        ] {
            assert_eq!(display(zh), en);
            assert!(same_person(zh, en), "{zh} = {en}");
            assert!(same_person(en, zh), "{en} = {zh}");
            assert_eq!(lexicon_chinese(en), [zh]);
        }
    }

    #[test]
    fn test_names_outside_the_lexicon_read_in_pinyin_with_surname_readings() {
        assert_eq!(display("周岚"), "Zhou Lan");
        assert_eq!(display("曾庆红"), "Zeng Qinghong");
        assert_eq!(display("单霁翔"), "Shan Jixiang");
        assert_eq!(display("解振华"), "Xie Zhenhua");
        assert_eq!(display("区家麟"), "Ou Jialin");
        assert_eq!(display("仇和"), "Qiu He");
        assert_eq!(display("查良镛"), "Zha Liangyong");
        assert_eq!(display("欧阳修"), "Ouyang Xiu");
        assert_eq!(display("贺云"), "He Yun");
        assert_eq!(display("吕新"), "Lü Xin");
        assert_eq!(
            romanise("主持人"),
            None,
            "a role: no surname, not in the lexicon"
        );
        assert_eq!(
            romanise("卡洛斯·门德拉"),
            None,
            "a transliterated foreign name"
        );
    }

    #[test]
    fn test_matching_ignores_case_spacing_order_and_polyphones() {
        assert!(same_person("Wang Wen-bin", "汪文斌"));
        assert!(same_person("WANG WENBIN", "汪文斌"));
        assert!(same_person("Wenbin Wang", "汪文斌"));
        assert!(same_person("Lyu Xin", "吕新"));
        assert!(same_person("Lu Xin", "吕新"));
        // 长 reads zhang or chang in a given name: either spelling is the same person.
        assert!(same_person("Li Zhangjiang", "李长江"));
        assert!(same_person("Li Changjiang", "李长江"));
        assert!(
            !same_person("Ceng Qinghong", "曾庆红"),
            "曾 as a surname is Zeng"
        );
        assert!(!same_person("Jean-Pierre", "汪文斌"));
        assert!(same_person("毛寧", "毛宁"), "traditional and simplified");
    }

    #[test]
    fn test_keys_are_letters_only() {
        assert_eq!(key("Wang Wen-bin"), "wangwenbin");
        assert_eq!(key("Lü Xin"), "luxin");
        assert_eq!(key("O'Brien"), "obrien");
    }
}
