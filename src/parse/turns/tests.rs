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

const MFA_EN: &str =
    "Foreign Ministry Spokesperson Lin Jian’s Regular Press Conference on July 28, 2026";

#[test]
fn test_a_wrapped_line_refused_as_a_label_joins_its_paragraph_again() {
    let body = "MS. JEAN-PIERRE:  The plan raises questions for dozens of House\n\
                Republicans:\n\
                \n\
                Will they vote?\n\
                \n\
                Q    Thanks.\n\
                \n\
                MS. JEAN-PIERRE:  Yes.\n";
    let t = assemble(&split(body, 1, true), "");
    assert_eq!(
        t[0].paragraphs,
        [
            "The plan raises questions for dozens of House Republicans:",
            "Will they vote?"
        ]
    );
    assert_eq!(t.len(), 3);
}

#[test]
fn test_q_and_a_with_an_opening_announcement_by_the_spokesperson() {
    let body = "Let me start with an announcement:\n\n\
                At the invitation of the government, a minister will visit.\n\n\
                Q: What are China’s expectations?\n\nA: We hope for success.\n\n\
                Follow-up: And trade?\n\nA: Trade too.\n";
    let t = assemble(&split(body, 1, false), MFA_EN);
    assert_eq!(
        shape(&t),
        vec![
            (Kind::Remarks, Some("Lin Jian"), None, 2, None),
            (Kind::Question, None, None, 1, None),
            (Kind::Answer, Some("Lin Jian"), None, 1, Some(1)),
            (Kind::Question, None, None, 1, None),
            (Kind::Answer, Some("Lin Jian"), None, 1, Some(3)),
        ]
    );
    assert_eq!(t[3].paragraphs, ["And trade?"]);
}

#[test]
fn test_markdown_bold_questions_and_the_note_after_the_conference() {
    let body = "**It is reported that talks ended. What is China’s comment?**\n\n\
                Lin Jian: We noted the reports.\n\n\
                After the press conference, the following question was raised:\n\n\
                Some say the visit was postponed. Can you confirm?\n\n\
                Lin Jian: I have nothing to add.\n";
    let t = assemble(&split(body, 1, true), MFA_EN);
    assert_eq!(
        shape(&t),
        vec![
            (Kind::Question, None, None, 1, None),
            (Kind::Answer, Some("Lin Jian"), None, 1, Some(0)),
            (Kind::Narration, None, None, 1, None),
            (Kind::Question, None, None, 1, None),
            (Kind::Answer, Some("Lin Jian"), None, 1, Some(3)),
        ]
    );
}

#[test]
fn test_unknown_outlets_ask_and_colon_phrases_stay_speech() {
    let body = "NOS: Will the minister visit?\n\n\
                Lin Jian: Let me stress this once again:\n\n\
                My answer can be very brief: no.\n\n\
                PTI: And the border talks?\n\n\
                Lin Jian: They continue.\n";
    let t = assemble(&split(body, 1, false), MFA_EN);
    assert_eq!(
        shape(&t),
        vec![
            (Kind::Question, None, Some("NOS"), 1, None),
            (Kind::Answer, Some("Lin Jian"), None, 2, Some(0)),
            (Kind::Question, None, Some("PTI"), 1, None),
            (Kind::Answer, Some("Lin Jian"), None, 1, Some(2)),
        ]
    );
}

#[test]
fn test_a_traditional_chinese_briefing_is_read() {
    let body = "主持人：各位媒體朋友午安。\n\n\
                發言人梁文傑：今天向大家說明兩件事。\n\n\
                中央社記者：請問陸委會如何回應？\n\n\
                發言人梁文傑：我們已經表達立場。\n\n\
                記者：還有其他安排嗎？\n\n\
                梁文傑：目前沒有。\n";
    let t = assemble(&split(body, 1, false), "大陸委員會例行記者會");
    assert_eq!(
        shape(&t),
        vec![
            (Kind::Remarks, Some("主持人"), None, 1, None),
            (Kind::Remarks, Some("梁文傑"), None, 1, None),
            (Kind::Question, None, Some("中央社"), 1, None),
            (Kind::Answer, Some("梁文傑"), None, 1, Some(2)),
            (Kind::Question, None, None, 1, None),
            (Kind::Answer, Some("梁文傑"), None, 1, Some(4)),
        ]
    );
    assert_eq!(t[5].role.as_deref(), Some("發言人"));
}

#[test]
fn test_long_paragraph_after_the_footer_is_kept() {
    let long =
        "This is a long paragraph of speech that continues after a stray credit line. ".repeat(4);
    let t = turns(&format!(
        "Moderator:\n\nWelcome.\n\nEditor: Fang Jiayi\n\nshort leftover\n\n{long}\n"
    ));
    assert_eq!(t[0].paragraphs.len(), 2);
}
