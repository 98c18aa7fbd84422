//! End-to-end: how Chinese is cut and matched. A probe set of ambiguous strings, each with the
//! passages it must find and those it must not (a sub-word never matches across two words of
//! the text: 美元 is not in 中美|元首); the user's word list; and acronyms (`U.S.` is not "us").

use std::path::Path;
use std::sync::OnceLock;

use tempfile::TempDir;

use crate::common::{bin, index_passages, install_list, matching_ids, passages_index, run};

/// Short passages written for the probes, by id.
const PASSAGES: &[(&str, &str)] = &[
    ("p01", "中美元首在巴厘岛举行会晤，双方同意加强沟通。"),
    ("p02", "美元汇率近期波动较大，人民币汇率保持基本稳定。"),
    ("p03", "中美洲国家同中国的合作不断深化。"),
    ("p04", "美洲开发银行发布了最新报告。"),
    ("p05", "中方坚持一个中国原则，这是国际社会的普遍共识。"),
    ("p06", "我们坚决反对台独分裂势力的挑衅。"),
    ("p07", "这位演员在舞台独白中谈到了自己的童年。"),
    ("p08", "香港特区政府依法维护社会稳定。"),
    ("p09", "中美关系的健康稳定发展符合两国人民的根本利益。"),
    ("p10", "美方应当停止对中国企业的无理打压。"),
    ("p11", "欧美方面对此没有作出回应。"),
    ("p12", "日方应当正视历史，停止排海。"),
    ("p13", "节日方面的安排已经公布。"),
    ("p14", "中非合作论坛北京峰会取得丰硕成果。"),
    ("p15", "非洲国家普遍欢迎这一倡议。"),
    ("p16", "两国元首通电话，就双边关系交换意见。"),
    ("p17", "国家元首出席了开幕式并致辞。"),
    ("p18", "王毅外长同俄罗斯外长举行会谈。"),
    ("p19", "很多人在国外长期生活和工作。"),
    ("p20", "外交部长出席了东盟外长会。"),
    ("p21", "部长表示将进一步扩大开放。"),
    ("p22", "台湾是中国领土不可分割的一部分。"),
    ("p23", "臺灣是中國領土不可分割的一部分。"),
    ("p24", "粤港澳大湾区建设取得积极进展。"),
    ("p25", "台湾区域内的航班受到影响。"),
    ("p26", "朝鲜半岛问题的症结是清楚的。"),
    ("p27", "克里米亚半岛的局势引发关注。"),
    ("p28", "俄乌冲突延宕至今，各方应劝和促谈。"),
    ("p29", "乌克兰危机的根源十分复杂。"),
    ("p30", "中东局势持续紧张，加沙人道主义危机加剧。"),
    ("p31", "其中东南亚国家占了一半。"),
    ("p32", "东盟是中国的重要贸易伙伴。"),
    ("p33", "东亚合作应当坚持开放包容。"),
    ("p34", "欧盟委员会宣布了新的调查。"),
    ("p35", "北约东扩是乌克兰危机的重要原因。"),
    ("p36", "华北约有三成地区出现降雨。"),
    ("p37", "双方约定下次会谈在北京举行。"),
    ("p38", "北约定期在该地区举行军事演习。"),
    ("p39", "其中美国的份额最大。"),
    ("p40", "其中日本的投资增长最快。"),
    ("p41", "其中韩国企业表现突出。"),
    ("p42", "中国海警依法在仁爱礁海域开展维权执法。"),
    ("p43", "南海问题应当由直接当事方通过谈判协商解决。"),
    ("p44", "东南海域的天气状况良好。"),
    ("p45", "上合组织成员国领导人出席峰会。"),
    ("p46", "金砖国家合作机制不断扩大。"),
    ("p47", "构建人类命运共同体是中国外交的重要理念。"),
    ("p48", "中国实行全过程人民民主。"),
    ("p49", "台海和平稳定符合各方利益。"),
    ("p50", "舞台海报设计得非常精美。"),
    ("p51", "外交部发言人毛宁主持例行记者会。"),
    ("p52", "中日双方就此交换了意见。"),
    ("p53", "中韩自贸协定第二阶段谈判取得进展。"),
    ("p54", "知识产权保护工作不断加强。"),
];

/// Each probe: the query, the passages it must find, and those it must not.
const PROBES: &[(&str, &[&str], &[&str])] = &[
    ("美元", &["p02"], &["p01"]),
    ("中美元首", &["p01"], &["p02", "p16"]),
    ("元首", &["p01", "p16", "p17"], &[]),
    ("中美洲", &["p03"], &["p01", "p09"]),
    ("美洲", &["p03", "p04"], &["p01", "p09"]),
    ("南海", &["p43"], &["p44"]),
    ("一个中国", &["p05"], &[]),
    ("台独", &["p06"], &["p07"]),
    ("香港特区", &["p08"], &[]),
    ("特区", &["p08"], &[]),
    ("中美关系", &["p09"], &["p01"]),
    ("中美", &["p01", "p09"], &["p39"]),
    ("美方", &["p10"], &["p11"]),
    ("中方", &["p05"], &[]),
    ("日方", &["p12"], &["p13"]),
    ("中日", &["p52"], &["p40"]),
    ("中韩", &["p53"], &["p41"]),
    ("中非合作", &["p14"], &["p15"]),
    ("非洲", &["p15"], &[]),
    ("两国元首", &["p16"], &["p17", "p01"]),
    ("国家元首", &["p17"], &["p16"]),
    ("外长", &["p18", "p20"], &["p19"]),
    ("外交部长", &["p20"], &["p18"]),
    ("部长", &["p20", "p21"], &[]),
    ("台湾", &["p22", "p23"], &[]),
    ("湾区", &["p24"], &["p25"]),
    ("朝鲜半岛", &["p26"], &["p27"]),
    ("半岛", &["p26", "p27"], &[]),
    ("俄乌", &["p28"], &["p29"]),
    ("乌克兰", &["p29", "p35"], &["p28"]),
    ("中东", &["p30"], &["p31"]),
    ("东盟", &["p32", "p20"], &[]),
    ("东亚", &["p33"], &["p31"]),
    ("欧盟", &["p34"], &[]),
    ("北约", &["p35", "p38"], &["p36"]),
    ("约定", &["p37"], &["p38"]),
    ("仁爱礁", &["p42"], &[]),
    ("海警", &["p42"], &[]),
    ("上合组织", &["p45"], &[]),
    ("金砖国家", &["p46"], &[]),
    ("命运共同体", &["p47"], &[]),
    ("人民民主", &["p48"], &[]),
    ("台海", &["p49"], &["p50"]),
    ("毛宁", &["p51"], &[]),
    ("产权", &["p54"], &[]),
    // Quoted, a Chinese string is found as written, across words too.
    ("\"美元\"", &["p01", "p02"], &[]),
    ("\"权保护\"", &["p54"], &[]),
];

fn probe_index() -> &'static Path {
    static INDEX: OnceLock<TempDir> = OnceLock::new();
    passages_index(&INDEX, "zh", PASSAGES)
}

#[test]
fn test_segmentation_probes_find_what_they_must_and_nothing_across_words() {
    assert!(PROBES.len() >= 30);
    let mut failures = Vec::new();
    for &(query, must, must_not) in PROBES {
        let found = matching_ids(probe_index(), query, &[]);
        let missing: Vec<&&str> = must
            .iter()
            .filter(|id| !found.iter().any(|f| f == *id))
            .collect();
        let wrong: Vec<&&str> = must_not
            .iter()
            .filter(|id| found.iter().any(|f| f == *id))
            .collect();
        if !missing.is_empty() || !wrong.is_empty() {
            failures.push(format!(
                "{query}: missing {missing:?}, wrongly found {wrong:?} (found {found:?})"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn test_a_user_word_list_is_installed_and_changing_it_needs_a_rebuild() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    let list = dir.path().join("words.txt");
    // 星港 is no word jieba knows: without the list, 港口 takes its second character.
    std::fs::write(&list, "# ports\n星港 100000\n").expect("write");
    let r = install_list(&idx, "--words", &list);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(idx.join("words.txt").is_file());
    index_passages(
        &idx,
        "zh",
        &[("w1", "星港口岸今天开放。"), ("w2", "港口很忙。")],
    );
    assert_eq!(matching_ids(&idx, "星港", &[]), ["w1"]);
    // Another list: refused without --rebuild, and nothing changes.
    std::fs::write(&list, "星港口 100000\n").expect("write");
    let r = install_list(&idx, "--words", &list);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--rebuild"), "{}", r.stderr);
    assert_eq!(matching_ids(&idx, "星港", &[]), ["w1"]);
    // Edited by hand: queries ask for a rebuild.
    std::fs::write(idx.join("words.txt"), "星港口 100000\n").expect("write");
    let mut cmd = bin();
    cmd.args(["query", "--index"]).arg(&idx).arg("星港");
    let r = run(cmd);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--rebuild"), "{}", r.stderr);
    // A bad list names its line and leaves the installed one alone.
    std::fs::write(&list, "星港\nRCEP\n").expect("write");
    let r = install_list(&idx, "--words", &list);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(":2:"), "{}", r.stderr);
    assert!(
        std::fs::read_to_string(idx.join("words.txt"))
            .expect("list")
            .contains("星港口")
    );
}

const ENGLISH: &[(&str, &str)] = &[
    ("e1", "The U.S. imposed new sanctions on the companies."),
    ("e2", "We want to see us continue to expand our sanctions."),
    ("e3", "US sanctions on chips hurt trade."),
    ("e4", "The USA and the EU disagree."),
    ("e5", "Let us know. Thank you."),
    ("e6", "LET US KNOW WHAT THE SANCTIONS ARE."),
    ("e7", "The WHO said the outbreak is over."),
    ("e8", "Who said that?"),
    ("e9", "AI chips and the U.N. Security Council."),
];

#[test]
fn test_acronyms_are_not_the_words_they_spell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    index_passages(&idx, "en", ENGLISH);
    let sorted = |q: &str| {
        let mut ids = matching_ids(&idx, q, &[]);
        ids.sort();
        ids
    };
    assert_eq!(sorted("U.S. sanctions"), ["e1", "e3"]);
    assert_eq!(sorted("US"), ["e1", "e3", "e4"]);
    assert_eq!(sorted("USA"), ["e1", "e3", "e4"]);
    assert_eq!(sorted("usa"), ["e1", "e3", "e4"]);
    assert_eq!(sorted("us"), ["e2", "e5", "e6"]);
    assert_eq!(sorted("WHO"), ["e7"]);
    assert_eq!(sorted("who"), ["e8"]);
    assert_eq!(sorted("eu"), ["e4"]);
    assert_eq!(sorted("UN"), ["e9"]);
    assert_eq!(sorted("ai"), ["e9"]);
}
