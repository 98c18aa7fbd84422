use super::turn::{latin_words, numbers, same_outlet};
use super::*;
use crate::briefing::Lang;
use crate::search::passage::tests::passage;

/// A passage of turn `turn`: (kind, outlet, text).
fn p(ordinal: u64, turn: u64, kind: Kind, outlet: Option<&str>, text: &str) -> StoredPassage {
    let mut p = passage(ordinal, kind, None);
    p.turn = turn;
    p.outlet_id = outlet.map(str::to_string);
    p.text = text.to_string();
    p
}

fn english() -> Vec<StoredPassage> {
    vec![
        p(
            1,
            1,
            Kind::Question,
            Some("AFP"),
            "What will be signed during the visit in 2024?",
        ),
        p(
            2,
            2,
            Kind::Answer,
            None,
            "The two sides will sign 12 documents. Trade reached 8.6 billion dollars.",
        ),
        p(3, 2, Kind::Answer, None, "We welcome the visit."),
        p(
            4,
            3,
            Kind::Question,
            Some("Reuters"),
            "Can you confirm the RCEP meeting?",
        ),
        p(
            5,
            4,
            Kind::Answer,
            None,
            "Yes, the RCEP ministers meet on the 15th.",
        ),
        p(
            6,
            5,
            Kind::Question,
            Some("Bloomberg"),
            "A question on chips and export controls?",
        ),
        p(7, 6, Kind::Answer, None, "We oppose such controls."),
    ]
}

fn chinese() -> Vec<StoredPassage> {
    let mut out = vec![
        p(
            1,
            1,
            Kind::Question,
            Some("AFP"),
            "访问期间将签署哪些文件？2024年",
        ),
        p(
            2,
            2,
            Kind::Answer,
            None,
            "双方将签署12份文件。贸易额达到8.6亿美元。",
        ),
        p(3, 2, Kind::Answer, None, "我们欢迎此访。"),
        // A question the English lost.
        p(
            4,
            3,
            Kind::Question,
            Some("CCTV"),
            "能否介绍减贫对话会的情况？",
        ),
        p(5, 4, Kind::Answer, None, "对话会将于4月举行。"),
        p(
            6,
            5,
            Kind::Question,
            Some("Reuters"),
            "你能否证实RCEP会议？",
        ),
        p(7, 6, Kind::Answer, None, "是的，RCEP部长们将于15日会面。"),
        p(
            8,
            7,
            Kind::Question,
            Some("Bloomberg"),
            "关于芯片和出口管制的问题？",
        ),
        p(9, 8, Kind::Answer, None, "我们反对此类管制。"),
    ];
    for p in &mut out {
        p.lang = Lang::Zh;
    }
    out
}

#[test]
fn test_turns_align_in_order_leaving_out_what_one_version_lacks() {
    let a = align(&english(), &chinese());
    let rows: Vec<(Option<usize>, Option<usize>)> = a
        .rows
        .iter()
        .map(|r| {
            (
                r.en.as_ref().map(|r| r.start),
                r.zh.as_ref().map(|r| r.start),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Some(0), Some(0)),
            (Some(1), Some(1)),
            (None, Some(3)),
            (None, Some(4)),
            (Some(3), Some(5)),
            (Some(4), Some(6)),
            (Some(5), Some(7)),
            (Some(6), Some(8)),
        ]
    );
    assert_eq!(a.matched, 6);
    assert_eq!(a.turns, (6, 8));
    assert_eq!(
        a.en_to_zh,
        [
            Some(0),
            Some(1),
            Some(2),
            Some(5),
            Some(6),
            Some(7),
            Some(8)
        ]
    );
    assert_eq!(a.zh_to_en[3], None, "the question the English lost");
    assert_eq!(a.zh_to_en[5], Some(3));
}

#[test]
fn test_passages_of_aligned_turns_map_by_relative_position() {
    let en = vec![
        p(1, 1, Kind::Answer, None, &"a".repeat(600)),
        p(2, 1, Kind::Answer, None, &"b".repeat(300)),
        p(3, 1, Kind::Answer, None, &"c".repeat(100)),
    ];
    let zh = vec![
        p(1, 1, Kind::Answer, None, &"甲".repeat(250)),
        p(2, 1, Kind::Answer, None, &"乙".repeat(60)),
    ];
    let a = align(&en, &zh);
    assert_eq!(a.en_to_zh, [Some(0), Some(0), Some(1)]);
    assert_eq!(a.zh_to_en, [Some(0), Some(2)]);
}

#[test]
fn test_outlets_one_slip_apart_are_one() {
    assert!(same_outlet("AFP", "afp"));
    assert!(same_outlet("O Global", "O Globo"));
    assert!(!same_outlet("CCTV", "CGTN"));
}

#[test]
fn test_numbers_and_latin_words() {
    let n = numbers("On July 17, trade reached 1,300.5 tons; ２０２６年");
    let mut n: Vec<String> = n.into_iter().collect();
    n.sort();
    assert_eq!(n, ["1300.5", "17", "2026"]);
    assert_eq!(
        latin_words("中方同DeepSeek和AI企业及RCEP"),
        ["deepseek", "ai", "rcep"]
    );
}
