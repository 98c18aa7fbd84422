use super::*;

/// The decision for each paragraph of `body` (one paragraph per line).
fn decide_lines(body: &str, title: &str) -> Vec<Decision> {
    let lines: Vec<&str> = body.lines().collect();
    let slots: Vec<Slot> = lines
        .iter()
        .map(|l| Slot {
            candidate: speaker::candidate(l),
            text: l,
            emphasized: false,
            noise: false,
        })
        .collect();
    decide(&slots, title)
}

/// "speaker" for officials, "@outlet" for reporters, "?" for unnamed questions, "." for text.
fn summary(decisions: &[Decision]) -> Vec<String> {
    decisions
        .iter()
        .map(|d| match d {
            Decision::Text => ".".to_string(),
            Decision::Note => "note".to_string(),
            Decision::Label(l) | Decision::Unlabelled(l) => match (&l.name, &l.outlet, l.party) {
                (_, Some(o), _) => format!("@{o}"),
                (Some(n), _, _) => n.clone(),
                (None, None, Party::Answer) => "A".to_string(),
                (None, None, _) => "?".to_string(),
            },
        })
        .collect()
}

const MFA_EN: &str =
    "Foreign Ministry Spokesperson Lin Jian’s Regular Press Conference on July 28, 2026";

#[test]
fn test_an_unknown_outlet_that_alternates_with_the_spokesperson_asks() {
    let body = "CCTV: What is China’s comment?\n\
                Lin Jian: China welcomes it.\n\
                NOS: Will the Dutch minister visit Beijing?\n\
                Lin Jian: I have nothing to share.\n\
                TV Asahi: A question on fisheries. Do you have any comment?\n\
                Lin Jian: Our position is consistent.\n\
                The Globe and Mail: Canada says the talks went well. What does China think?\n\
                Lin Jian: We noted the reports.\n\
                TV Asahi: And on the second round of talks?\n\
                Lin Jian: Please stay tuned.";
    assert_eq!(
        summary(&decide_lines(body, MFA_EN)),
        [
            "@CCTV",
            "Lin Jian",
            "@NOS",
            "Lin Jian",
            "@TV Asahi",
            "Lin Jian",
            "@The Globe and Mail",
            "Lin Jian",
            "@TV Asahi",
            "Lin Jian"
        ]
    );
}

#[test]
fn test_colon_phrases_inside_answers_stay_text() {
    let body = "AFP: Will China retaliate?\n\
                Lin Jian: Let me stress this once again:\n\
                Let me stress this once again: China’s position is clear.\n\
                A word of advice to these politicians: stop it.\n\
                My answer can be very brief: no.\n\
                Second: we will respond firmly.\n\
                Reuters: A follow-up?\n\
                Lin Jian: No.";
    assert_eq!(
        summary(&decide_lines(body, MFA_EN)),
        [
            "@AFP", "Lin Jian", ".", ".", ".", ".", "@Reuters", "Lin Jian"
        ]
    );
}

#[test]
fn test_a_weak_name_that_recurs_but_asks_is_a_reporter() {
    let body = "PTI: Will the border talks resume?\n\
                Mao Ning: China and India are in communication.\n\
                PTI: When?\n\
                Mao Ning: Please stay tuned.";
    assert_eq!(
        summary(&decide_lines(body, "")),
        ["@PTI", "Mao Ning", "@PTI", "Mao Ning"]
    );
}

#[test]
fn test_in_a_capitals_transcript_other_forms_are_not_labels() {
    let body = "MS. JEAN-PIERRE: Good afternoon.\n\
                Look: the President has been clear.\n\
                Republicans: will they vote?\n\
                Q Thanks, Karine. On the budget?\n\
                MS. JEAN-PIERRE: Look, the President has been very clear: pass it.\n\
                Mr. KIRBY: Thanks.\n\
                KIRBY: Yes.\n\
                Q Follow-up?\n\
                MR. KIRBY: No.";
    assert_eq!(
        summary(&decide_lines(body, "")),
        [
            "Jean-Pierre",
            ".",
            ".",
            "?",
            "Jean-Pierre",
            "Kirby",
            "Kirby",
            "?",
            "Kirby"
        ]
    );
}

#[test]
fn test_marks_of_the_english_site() {
    let body = "Q: Will China respond?\n\
                A: China will respond.\n\
                Follow-up: When?\n\
                A: Soon.\n\
                Journalist: And the other matter?\n\
                Journalist adds: I mean the tariffs.\n\
                The journalist clarified: On steel.\n\
                A: We oppose them.";
    assert_eq!(
        summary(&decide_lines(body, MFA_EN)),
        ["?", "A", "?", "A", "?", "?", "?", "A"]
    );
}

#[test]
fn test_a_note_makes_the_next_paragraph_a_question() {
    let body = "AFP: Will China respond?\n\
                Lin Jian: It will.\n\
                After the press conference, the following question was raised:\n\
                It is reported that the talks ended. What is China’s comment?\n\
                Lin Jian: China noted the reports.";
    assert_eq!(
        summary(&decide_lines(body, MFA_EN)),
        ["@AFP", "Lin Jian", "note", "?", "Lin Jian"]
    );
}

#[test]
fn test_chinese_question_forms_and_traditional_labels() {
    let body = "中新社记者：请问中方有何评论？\n\
                毛宁：我们欢迎。\n\
                追问：何时？\n\
                毛宁：请保持关注。\n\
                会后有记者问及：中方如何看待？\n\
                毛宁：我们注意到有关报道。";
    assert_eq!(
        summary(&decide_lines(body, "")),
        ["@中新社", "毛宁", "?", "毛宁", "?", "毛宁"]
    );
    let body = "路透社记者：请问中方有何评论？\n\
                毛宁：我们欢迎。\n\
                彭博社：中方对此有何回应？\n\
                毛宁：请保持关注。\n\
                一是：我们将加强合作。\n\
                彭博社记者：还有吗？\n\
                毛宁：没有了。";
    assert_eq!(
        summary(&decide_lines(body, "")),
        ["@路透社", "毛宁", "@彭博社", "毛宁", ".", "@彭博社", "毛宁"]
    );
    let body = "主持人：各位記者朋友，大家好。\n\
                發言人梁文傑：今天有兩件事向大家說明。\n\
                記者：請問陸委會如何回應？\n\
                發言人梁文傑：我們已經說明。\n\
                問：還有其他安排嗎？\n\
                答：目前沒有。";
    assert_eq!(
        summary(&decide_lines(body, "")),
        ["主持人", "梁文傑", "?", "梁文傑", "?", "A"]
    );
}
