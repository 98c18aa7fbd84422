//! End-to-end: Chinese in every script. Traditional and simplified characters find each
//! other, full-width letters and digits find ASCII ones, both ways, in words, sub-words and
//! quoted phrases; highlights point at the text as written.

use std::path::Path;
use std::sync::OnceLock;

use tempfile::TempDir;

use crate::common::{bin, matching_ids, passages_index, run, str_field};

/// Pairs of passages: the same text in traditional (or full-width) and simplified (or ASCII).
const PASSAGES: &[(&str, &str)] = &[
    ("t01", "臺灣問題是中國內政。"),
    ("s01", "台湾问题是中国内政。"),
    ("t02", "兩岸關係和平發展。"),
    ("s02", "两岸关系和平发展。"),
    ("t03", "香港特別行政區政府依法施政。"),
    ("s03", "香港特别行政区政府依法施政。"),
    ("t04", "國務院新聞辦公室舉行發佈會。"),
    ("s04", "国务院新闻办公室举行发布会。"),
    ("t05", "對於這個問題，我們的立場是一貫的。"),
    ("s05", "对于这个问题，我们的立场是一贯的。"),
    ("t06", "推動經濟全球化健康發展。"),
    ("s06", "推动经济全球化健康发展。"),
    ("t07", "指導企業用好ＲＣＥＰ原產地規則。"),
    ("s07", "指导企业用好RCEP原产地规则。"),
    ("t08", "Ｇ２０峰會在里約熱內盧舉行。"),
    ("s08", "G20峰会在里约热内卢举行。"),
    ("t09", "支持ＷＴＯ改革。"),
    ("s09", "支持WTO改革。"),
    ("t10", "進出口增長５．２％。"),
    ("s10", "进出口增长5.2%。"),
    ("t11", "共建“一帶一路”倡議。"),
    ("s11", "共建“一带一路”倡议。"),
];

/// Each probe finds both passages of a pair; every pair is probed from both sides.
const PROBES: &[(&str, &str)] = &[
    ("臺灣", "01"),
    ("台湾", "01"),
    ("中國內政", "01"),
    ("中国内政", "01"),
    ("兩岸關係", "02"),
    ("两岸关系", "02"),
    ("香港特別行政區", "03"),
    ("香港特别行政区", "03"),
    ("國務院", "04"),
    ("国务院", "04"),
    ("對於", "05"),
    ("对于", "05"),
    ("全球化", "06"),
    ("經濟", "06"),
    ("\"經濟全球化\"", "06"),
    ("\"经济全球化\"", "06"),
    ("ＲＣＥＰ", "07"),
    ("RCEP", "07"),
    ("rcep 原產地", "07"),
    ("原产地", "07"),
    ("Ｇ２０", "08"),
    ("G20", "08"),
    ("ＷＴＯ", "09"),
    ("wto", "09"),
    ("５．２", "10"),
    ("5.2", "10"),
    ("\"一帶一路\"", "11"),
    ("\"一带一路\"", "11"),
];

fn script_index() -> &'static Path {
    static INDEX: OnceLock<TempDir> = OnceLock::new();
    passages_index(&INDEX, "zh", PASSAGES)
}

#[test]
fn test_traditional_simplified_and_full_width_find_each_other() {
    assert!(PROBES.len() >= 20);
    let mut failures = Vec::new();
    for &(query, pair) in PROBES {
        let mut found = matching_ids(script_index(), query, &[]);
        found.sort();
        let expected = [format!("s{pair}"), format!("t{pair}")];
        if found != expected {
            failures.push(format!("{query}: expected {expected:?}, found {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn test_highlights_show_the_text_as_written() {
    for (query, id, written) in [
        ("台湾", "t01", "臺灣"),
        ("臺灣", "s01", "台湾"),
        ("RCEP", "t07", "ＲＣＥＰ"),
        ("ＲＣＥＰ", "s07", "RCEP"),
        ("\"經濟全球化\"", "s06", "经济全球化"),
    ] {
        let mut cmd = bin();
        cmd.args(["query", "--json", "--index"])
            .arg(script_index())
            .arg(query);
        let r = run(cmd);
        assert_eq!(r.code, 0, "{query}: {}", r.stderr);
        let hits = r.hits();
        let hit = hits
            .iter()
            .find(|h| str_field(h, "briefing_id") == id)
            .unwrap_or_else(|| panic!("{query}: no hit {id}"));
        let text = str_field(hit, "text");
        let ranges = hit["highlights"].as_array().expect("highlights");
        let shown: Vec<&str> = ranges
            .iter()
            .map(|r| {
                let from = r[0].as_u64().expect("from") as usize;
                let to = r[1].as_u64().expect("to") as usize;
                &text[from..to]
            })
            .collect();
        assert_eq!(shown, [written], "{query} in {id}");
        assert!(str_field(hit, "snippet").contains(written), "{query}");
    }
}
