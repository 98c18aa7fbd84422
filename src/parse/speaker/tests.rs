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
fn test_reporter_marks_of_the_english_site() {
    for p in [
        "Follow-up: When?",
        "Follow up: When?",
        "Journalist adds: I mean the tariffs.",
        "The journalist clarified: On steel.",
        "Question: Is that so?",
    ] {
        let l = label(p).unwrap_or_else(|| panic!("{p}"));
        assert_eq!(
            (l.2, l.3, l.4),
            (None, Party::Reporter, Strength::Mark),
            "{p}"
        );
    }
    assert_eq!(label("Follow-up: When?").map(|l| l.5), Some("When?".into()));
    let journalist = label("Journalist: And the other matter?").map(|l| (l.3, l.4));
    assert_eq!(journalist, Some((Party::Reporter, Strength::Strong)));
}

#[test]
fn test_chinese_question_forms_name_no_speaker() {
    assert_eq!(
        label("会后，中新社记者问及：有哪些成果？").and_then(|l| l.2),
        s("中新社")
    );
    for p in [
        "会后有记者问及：中方如何看待？",
        "会后，有记者问及：中方如何看待？",
        "追问：何时？",
        "记者追问：何时？",
        "问及：何时？",
        "记者补充：我是说关税。",
    ] {
        let l = label(p).unwrap_or_else(|| panic!("{p}"));
        assert_eq!((l.0, l.2, l.3), (None, None, Party::Reporter), "{p}");
    }
    let outlet = |p: &str| label(p).and_then(|l| l.2);
    assert_eq!(outlet("路透社记者追问：何时？"), s("路透社"));
    assert_eq!(outlet("《北京日报》记者提问：请问？"), s("北京日报"));
    assert_eq!(outlet("外国记者：请问？"), None);
    assert_eq!(
        outlet("彭博社记者、土耳其阿纳多卢通讯社记者：请问？"),
        s("彭博社、土耳其阿纳多卢通讯社")
    );
    assert_eq!(
        outlet("彭博社记者/澳门月刊记者：请问？"),
        s("彭博社、澳门月刊")
    );
    assert_eq!(outlet("俄通—塔斯社记者：请问？"), s("俄通—塔斯社"));
}

#[test]
fn test_traditional_chinese_labels_read_like_simplified() {
    let who = |p: &str| label(p).map(|l| (l.0, l.1, l.2, l.3));
    assert_eq!(
        who("發言人梁文傑：今天有兩件事。"),
        Some((s("梁文傑"), s("發言人"), None, Party::Official))
    );
    assert_eq!(
        who("記者：請問？"),
        Some((None, None, None, Party::Reporter))
    );
    assert_eq!(
        who("中央社記者：請問？"),
        Some((None, None, s("中央社"), Party::Reporter))
    );
    assert_eq!(
        who("主持人：請提問。"),
        Some((s("主持人"), None, None, Party::Moderator))
    );
    assert_eq!(who("問：還有嗎？").map(|l| l.3), Some(Party::Reporter));
    assert_eq!(who("答：沒有。").map(|l| l.3), Some(Party::Answer));
    assert_eq!(
        who("保安局局長：多謝主持。"),
        Some((s("保安局局長"), None, None, Party::Official))
    );
}

#[test]
fn test_roles_that_are_sentences_are_not_roles() {
    for p in [
        "Look, the President has been very clear: Congress needs to act.",
        "Thus, President Biden’s choice was stark: either withdraw or fight.",
        "At the General Assembly, the President will do what he has done: rally action.",
        "The Speaker’s plan raises crucial questions for dozens of House Republicans:",
        "And here’s the difference between Democrats and MAGA Republicans: When a bill…",
    ] {
        assert_eq!(label(p), None, "{p}");
        assert_eq!(candidate(p).map(|c| c.shape), Some(Shape::Sentence), "{p}");
    }
}

#[test]
fn test_shapes_of_runs_before_a_colon() {
    let shape = |p: &str| candidate(p).map(|c| c.shape);
    assert_eq!(shape("MS. JEAN-PIERRE: Hi."), Some(Shape::Caps));
    assert_eq!(shape("Mr. KIRBY: Hi."), Some(Shape::Caps));
    assert_eq!(shape("NOS: A question?"), Some(Shape::Caps));
    assert_eq!(shape("TV Asahi: A question?"), Some(Shape::Capitalised));
    assert_eq!(
        shape("The Globe and Mail: A question?"),
        Some(Shape::Capitalised)
    );
    assert_eq!(
        shape("Folha de S.Paulo: A question?"),
        Some(Shape::Capitalised)
    );
    assert_eq!(shape("Lin Jian: Yes."), Some(Shape::Capitalised));
    assert_eq!(
        shape("Let me stress this once again:"),
        Some(Shape::Sentence)
    );
    assert_eq!(
        shape("My answer can be very brief: no."),
        Some(Shape::Sentence)
    );
    assert_eq!(shape("Q: Why?"), Some(Shape::Mark));
    assert_eq!(shape("中新社记者：请问？"), Some(Shape::Han));
    assert_eq!(shape("10:40 A.M. EST"), None);
}

#[test]
fn test_capitals_keep_one_readable_name() {
    let who = |p: &str| label(p).map(|l| (l.0, l.1));
    assert_eq!(who("Mr. KIRBY: Thanks."), Some((s("Kirby"), None)));
    assert_eq!(who("CHIEF WHITE: Thanks."), Some((s("White"), s("Chief"))));
    assert_eq!(
        who("WHITE HOUSE OFFICIAL: Thanks."),
        Some((s("White House Official"), None))
    );
    assert_eq!(
        who("the President: Folks,"),
        Some((s("The President"), None))
    );
}

#[test]
fn test_readable_case() {
    assert_eq!(readable_case("JEAN-PIERRE"), "Jean-Pierre");
    assert_eq!(readable_case("MCDONOUGH"), "McDonough");
    assert_eq!(readable_case("O'ROURKE"), "O'Rourke");
    assert_eq!(readable_case("Wu Haiping"), "Wu Haiping");
}
