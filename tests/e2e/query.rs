//! End-to-end: `briefsearch query` on an index of `corpus/`.

use crate::common::{assert_has, query_json, query_text, str_field, validate};

fn texts(args: &[&str]) -> Vec<String> {
    let r = query_json(args);
    assert!(
        r.code == 0 || r.code == 1,
        "{:?} failed: {}",
        args,
        r.stderr
    );
    r.hits()
        .iter()
        .map(|h| str_field(h, "text").to_string())
        .collect()
}

#[test]
fn test_english_inflections_find_each_other() {
    assert!(
        texts(&["stabilize", "--limit", "50"])
            .iter()
            .any(|t| t.contains("stabilizing"))
    );
    let rate = texts(&["rate", "--limit", "50"]);
    assert!(
        rate.iter()
            .any(|t| t.contains("clearance rates") || t.contains("inspection rates")),
        "{rate:?}"
    );
}

#[test]
fn test_numbers_survive_analysis() {
    assert!(texts(&["47.3"]).iter().any(|t| t.contains("47.3%")));
}

#[test]
fn test_full_width_and_half_width_latin_match() {
    assert!(
        texts(&["RCEP", "--limit", "50"])
            .iter()
            .any(|t| t.contains("ＲＣＥＰ"))
    );
    assert!(
        texts(&["ＲＣＥＰ", "--limit", "50"])
            .iter()
            .any(|t| t.contains("RCEP"))
    );
}

#[test]
fn test_english_phrase_is_exact() {
    let phrase = texts(&["\"bonded logistics park\""]);
    assert_eq!(phrase.len(), 1, "{phrase:?}");
    assert!(phrase[0].contains("bonded logistics park"));
    let words = texts(&["bonded logistics park"]);
    assert!(
        words.len() > 1,
        "the words alone also match the passage where they are apart: {words:?}"
    );
}

#[test]
fn test_chinese_phrase_is_exact() {
    let phrase = texts(&["\"海外仓监管\""]);
    assert!(!phrase.is_empty());
    assert!(
        phrase.iter().all(|t| t.contains("海外仓监管")),
        "{phrase:?}"
    );
    let words = texts(&["海外仓 监管", "--limit", "50"]);
    assert!(words.iter().any(|t| !t.contains("海外仓监管")), "{words:?}");
}

#[test]
fn test_chinese_sub_words_are_found_inside_longer_words() {
    for (query, longer) in [
        ("产权", "知识产权"),
        ("措施", "各项措施"),
        ("打击", "严厉打击"),
        ("海警", "中国海警局"),
    ] {
        let found = texts(&[query, "--limit", "50"]);
        assert!(
            found.iter().any(|t| t.contains(longer)),
            "{query} should find {longer}: {found:?}"
        );
    }
}

#[test]
fn test_exact_word_ranks_above_sub_word() {
    // 监管 appears as a word of its own and inside longer words; the top hit must hold it as
    // a word, which a highlight shows in full.
    let r = query_json(&["知识产权"]);
    let top = &r.hits()[0];
    assert!(str_field(top, "text").contains("知识产权"));
}

#[test]
fn test_unspaced_chinese_is_a_conjunction_not_a_phrase() {
    let found = texts(&["跨境电商出口", "--limit", "50", "--strict"]);
    assert!(!found.is_empty());
    for t in &found {
        assert!(
            t.contains("跨境") && t.contains("电商") && t.contains("出口"),
            "{t}"
        );
    }
    let quoted = texts(&["\"跨境电商出口\"", "--limit", "50", "--strict"]);
    assert!(quoted.iter().all(|t| t.contains("跨境电商出口")));
    assert!(found.len() >= quoted.len());
}

#[test]
fn test_passages_with_every_word_come_before_those_with_some() {
    let r = query_json(&["RCEP tariff preferences", "--limit", "40"]);
    let hits = r.hits();
    // Passages with every word in their text, then answers whose question supplies the rest,
    // then passages with some of the words.
    let tier = |h: &serde_json::Value| match (&h["via"], &h["partial"]) {
        (v, _) if v == "question" => 1,
        (_, p) if p == true => 2,
        _ => 0,
    };
    let tiers: Vec<u8> = hits.iter().map(tier).collect();
    assert!(tiers.windows(2).all(|w| w[0] <= w[1]), "{tiers:?}");
    let partial: Vec<bool> = hits.iter().map(|h| h["partial"] == true).collect();
    let first_partial = partial.iter().position(|&p| p).expect("some partial hits");
    let exact = tiers.iter().take_while(|&&t| t == 0).count();
    assert!(exact > 0, "no passage has every word");
    for h in &hits[..exact] {
        let t = str_field(h, "text").to_lowercase();
        assert!(
            t.contains("rcep") && t.contains("tariff") && t.contains("preference"),
            "{t}"
        );
    }
    for h in &hits[exact..first_partial] {
        let asked = str_field(h, "text").to_lowercase();
        assert_eq!(
            h["kind"], "answer",
            "only answers are found through a question: {asked}"
        );
    }
    let strict = query_json(&["RCEP tariff preferences", "--limit", "40", "--strict"]);
    assert_eq!(strict.hits().len(), exact);
    assert!(strict.hits().iter().all(|h| h["partial"] == false));
    let count = crate::common::count(crate::common::corpus_index(), "RCEP tariff preferences");
    assert_eq!(count, exact);
}

#[test]
fn test_mixed_script_query() {
    let found = texts(&["RCEP协定"]);
    assert!(found.iter().any(|t| t.contains("RCEP协定")), "{found:?}");
    let found = texts(&["RCEP 原产地"]);
    assert!(
        found
            .iter()
            .all(|t| t.contains("RCEP") || t.contains("ＲＣＥＰ"))
    );
}

#[test]
fn test_boolean_operators() {
    let both = texts(&["RCEP AND intellectual", "--limit", "50"]);
    let either = texts(&["RCEP OR intellectual", "--limit", "50"]);
    let without = texts(&["RCEP -intellectual", "--limit", "50"]);
    assert!(either.len() > both.len());
    assert!(
        without
            .iter()
            .all(|t| !t.to_lowercase().contains("intellectual"))
    );
    let not = texts(&["RCEP NOT intellectual", "--limit", "50"]);
    assert_eq!(not, without);
}

#[test]
fn test_field_queries() {
    let r = query_json(&["title:customs", "--limit", "100"]);
    assert!(!r.hits().is_empty());
    assert!(
        r.hits()
            .iter()
            .all(|h| str_field(h, "title").to_lowercase().contains("customs"))
    );
    let r = query_json(&["speaker:\"Lin Qiao\" RCEP"]);
    assert!(!r.hits().is_empty());
    assert!(r.hits().iter().all(|h| h["speaker"] == "Lin Qiao"));
    let r = query_json(&["speaker:周岚 中国海警局"]);
    assert!(!r.hits().is_empty());
    assert!(r.hits().iter().all(|h| h["speaker"] == "周岚"));
}

#[test]
fn test_speaker_filter_is_case_insensitive_and_repeatable() {
    let r = query_json(&["RCEP", "--speaker", "lin qiao"]);
    assert!(!r.hits().is_empty());
    assert!(r.hits().iter().all(|h| h["speaker"] == "Lin Qiao"));
    let r = query_json(&[
        "*",
        "--speaker",
        "LIN QIAO",
        "--speaker",
        "林桥",
        "--limit",
        "200",
    ]);
    let hits = r.hits();
    let speakers: std::collections::BTreeSet<&str> =
        hits.iter().map(|h| str_field(h, "speaker")).collect();
    assert_eq!(
        speakers.into_iter().collect::<Vec<_>>(),
        ["Lin Qiao", "林桥"]
    );
}

#[test]
fn test_star_with_filter_lists_everything_in_date_order() {
    let r = query_json(&["*", "--speaker", "Zhou Lan", "--limit", "100"]);
    let hits = r.hits();
    assert!(hits.len() >= 5);
    let dates: Vec<&str> = hits.iter().map(|h| str_field(h, "date")).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let ids: Vec<u64> = hits
        .iter()
        .map(|h| {
            str_field(h, "id")
                .rsplit('#')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("numbered id")
        })
        .collect();
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "passages of one briefing in reading order: {ids:?}"
    );
    // filters alone do not change which passages of the speaker there are
    let all = query_json(&["*", "--limit", "1000"]).hits().len();
    assert!(all > hits.len());
}

#[test]
fn test_date_filters_are_inclusive() {
    let r = query_json(&[
        "*",
        "--since",
        "2023-04-18",
        "--until",
        "2023-04-18",
        "--limit",
        "500",
    ]);
    let hits = r.hits();
    let dates: std::collections::BTreeSet<&str> =
        hits.iter().map(|h| str_field(h, "date")).collect();
    assert_eq!(dates.into_iter().collect::<Vec<_>>(), ["2023-04-18"]);
    let r = query_json(&["*", "--since", "2025", "--limit", "500"]);
    assert!(!r.hits().is_empty());
    assert!(
        r.hits()
            .iter()
            .all(|h| str_field(h, "date") >= "2025-01-01")
    );
    let r = query_json(&["*", "--until", "2022-06", "--limit", "500"]);
    assert!(!r.hits().is_empty());
    assert!(
        r.hits()
            .iter()
            .all(|h| str_field(h, "date") <= "2022-06-30")
    );
}

#[test]
fn test_filters_do_not_change_scores() {
    let all = query_json(&["RCEP", "--limit", "50"]).hits();
    let zh = query_json(&["RCEP", "--lang", "zh", "--limit", "50"]).hits();
    assert!(!zh.is_empty() && zh.len() < all.len());
    for hit in &zh {
        assert_eq!(hit["lang"], "zh");
        let same = all
            .iter()
            .find(|h| h["id"] == hit["id"])
            .expect("also unfiltered");
        assert_eq!(same["score"], hit["score"]);
    }
}

#[test]
fn test_noise_is_not_findable() {
    for noise in [
        "\"Qiu Shanhe\"",
        "邱山河",
        "王小川",
        "Harbourline",
        "\"Fang Jiayi\"",
        "\"Meng Tao\"",
        "纠错",
    ] {
        let r = query_json(&[noise]);
        assert_eq!(r.code, 1, "{noise} should not be found: {}", r.stdout);
        assert!(r.stdout.is_empty());
    }
}

#[test]
fn test_speech_that_looks_like_noise_is_findable() {
    assert!(
        texts(&["\"photographed by\""])
            .iter()
            .any(|t| t.contains("Aerial images photographed by"))
    );
    assert!(texts(&["主要来源"]).iter().any(|t| t.contains("主要来源")));
    assert!(
        texts(&["\"following three aspects\""])
            .iter()
            .any(|t| t.ends_with(':'))
    );
}

#[test]
fn test_json_output_follows_the_schema() {
    for query in [
        "RCEP",
        "知识产权",
        "*",
        "\"bonded logistics park\"",
        "speaker:周岚",
    ] {
        let r = query_json(&[query, "--limit", "30"]);
        assert_eq!(r.code, 0, "{query}: {}", r.stderr);
        validate("hit.schema.json", &r.hits());
    }
}

#[test]
fn test_highlights_are_byte_ranges_of_matches() {
    for (query, expect) in [("rates", "rate"), ("产权", "产权"), ("ＲＣＥＰ", "rcep")] {
        // (An answer found through its question holds the words in the question only.)
        let hits = query_json(&[query, "--limit", "20"]).hits();
        for hit in hits.into_iter().filter(|h| h["via"].is_null()) {
            let text = str_field(&hit, "text");
            let ranges = hit["highlights"].as_array().expect("array");
            assert!(!ranges.is_empty(), "{query}: no highlight in {text}");
            for r in ranges {
                let (a, b) = (
                    r[0].as_u64().expect("start") as usize,
                    r[1].as_u64().expect("end") as usize,
                );
                let matched: String = text[a..b]
                    .chars()
                    .map(|c| {
                        let c = c as u32;
                        char::from_u32(if (0xFF01..=0xFF5E).contains(&c) {
                            c - 0xFEE0
                        } else {
                            c
                        })
                        .unwrap_or('?')
                    })
                    .collect();
                assert!(
                    matched.to_lowercase().contains(expect),
                    "{query}: highlighted {matched:?}"
                );
            }
            let snippet = str_field(&hit, "snippet");
            for r in hit["snippet_highlights"].as_array().expect("array") {
                let (a, b) = (
                    r[0].as_u64().expect("start") as usize,
                    r[1].as_u64().expect("end") as usize,
                );
                assert!(
                    snippet.get(a..b).is_some(),
                    "snippet range on char boundaries"
                );
            }
        }
    }
}

#[test]
fn test_hits_are_attributed() {
    let r = query_json(&["\"bonded logistics park\""]);
    let hit = &r.hits()[0];
    assert_eq!(hit["speaker"], "Lin Qiao");
    assert_eq!(hit["kind"], "answer");
    assert_eq!(hit["date"], "2023-04-18");
    assert_eq!(hit["lang"], "en");
    assert!(str_field(hit, "role").starts_with("Deputy Director General"));
    assert!(str_field(hit, "source").ends_with("2023-04-18-scio-customs-foreign-trade.txt"));
    let question = hit["question_id"]
        .as_str()
        .expect("an answer links its question");
    let q = query_json(&["*", "--limit", "1000"])
        .hits()
        .into_iter()
        .find(|h| h["id"] == question)
        .expect("question exists");
    assert_eq!(q["kind"], "question");
    assert_eq!(q["outlet"], "Southern Daily");

    let r = query_json(&["中国海警局", "--lang", "zh", "--limit", "20"]);
    let question = r
        .hits()
        .into_iter()
        .find(|h| h["kind"] == "question")
        .expect("a question mentions it");
    assert!(question["outlet"].is_string() && question["speaker"].is_null());
}

#[test]
fn test_text_output_for_people() {
    let r = query_text(&["\"bonded logistics park\""]);
    assert_eq!(r.code, 0);
    assert_has(
        &r.stdout,
        " 1. 2023-04-18  Lin Qiao, Deputy Director General",
    );
    assert!(
        r.stdout
            .contains("State Council Information Office Briefing on Customs Measures")
    );
    assert!(
        r.stdout.contains("⟦bonded logistics park⟧"),
        "matches are marked: {}",
        r.stdout
    );
    assert!(
        !r.stdout.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    let coloured = query_text(&["\"bonded logistics park\"", "--color", "always"]);
    assert!(coloured.stdout.contains('\u{1b}'));
}

#[test]
fn test_limit_and_offset() {
    let first = query_json(&["RCEP", "--limit", "2"]).hits();
    assert_eq!(first.len(), 2);
    let next = query_json(&["RCEP", "--limit", "2", "--offset", "2"]).hits();
    assert_eq!(next[0]["rank"], 3);
    let all = query_json(&["RCEP", "--limit", "4"]).hits();
    assert_eq!(all[2]["id"], next[0]["id"]);
    assert_eq!(
        query_json(&["*"]).hits().len(),
        10,
        "--limit defaults to 10"
    );
}

/// Runs the query under a pseudo-terminal (util-linux `script`), so stdout is a terminal.
fn query_on_terminal(no_color: bool) -> Option<String> {
    let script = std::path::Path::new("/usr/bin/script");
    if !script.is_file() {
        return None;
    }
    let line = format!(
        "{} query --index {} RCEP --limit 1",
        env!("CARGO_BIN_EXE_briefsearch"),
        crate::common::corpus_index().display()
    );
    let mut cmd = std::process::Command::new(script);
    cmd.args(["-qec", &line, "/dev/null"])
        .env_remove("NO_COLOR");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd.output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn test_colour_on_a_terminal_unless_no_color() {
    let Some(coloured) = query_on_terminal(false) else {
        return;
    };
    assert!(coloured.contains("\u{1b}[31mRCEP"), "{coloured:?}");
    let Some(plain) = query_on_terminal(true) else {
        return;
    };
    assert!(
        plain.contains("RCEP") && !plain.contains('\u{1b}'),
        "{plain:?}"
    );
}

#[test]
fn test_the_top_hits_are_the_top_of_the_full_ranking() {
    // A limited search must return exactly the head of the ranking of every match.
    for query in [
        "trade",
        "RCEP OR 关税 OR tariffs",
        "知识产权",
        "customs enterprises",
        "the",
    ] {
        let all = query_json(&[query, "--limit", "100000"]).hits();
        for limit in [1usize, 3, 10] {
            let head = query_json(&[query, "--limit", &limit.to_string()]).hits();
            let ids = |hits: &[serde_json::Value]| {
                hits.iter().map(|h| h["id"].clone()).collect::<Vec<_>>()
            };
            assert_eq!(
                ids(&head),
                ids(&all[..limit.min(all.len())]),
                "{query} --limit {limit}"
            );
        }
    }
}

#[test]
fn test_partial_hits_keep_fields_and_negations_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("2024-01-01-trade.txt");
    std::fs::write(
        &file,
        "Briefing on Trade Measures\n\nJanuary 1, 2024\n\n\
         Alice Smith: Tariffs on steel came up, and so did the trade war between the two.\n\n\
         Alice Smith: Tariffs and trade rules were discussed at length, and calmly.\n\n\
         Alice Smith: The weather today is sunny and the hall is full.\n\n\
         Bob Jones: Tariffs on grain will stay where they are this season.\n",
    )
    .expect("write");
    let idx = dir.path().join("idx");
    let r = crate::common::index(&idx, &[file.as_path()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let texts = |q: &str| -> Vec<String> {
        let mut c = crate::common::bin();
        c.args(["query", "--json", "--limit", "20", "--index"])
            .arg(&idx)
            .arg(q);
        crate::common::run(c)
            .hits()
            .iter()
            .map(|h| str_field(h, "text").to_string())
            .collect()
    };
    // A field narrows the search; it is not one of the words: a partial hit still holds one.
    let found = texts("speaker:\"Alice Smith\" tariffs floods");
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found.iter().all(|t| t.contains("Tariffs")), "{found:#?}");
    assert!(!found.iter().any(|t| t.contains("weather")), "{found:#?}");
    // What a NOT excludes is never loosened: a passage with "trade" but no "war" stays.
    let found = texts("tariffs -(trade war)");
    assert!(
        found.iter().any(|t| t.contains("trade rules")),
        "{found:#?}"
    );
    assert!(!found.iter().any(|t| t.contains("trade war")), "{found:#?}");
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn test_a_query_in_both_scripts_shows_both_languages_first() {
    for q in [
        "intellectual property OR 知识产权",
        "RCEP OR 区域全面经济伙伴关系",
    ] {
        let langs: Vec<String> = query_json(&[q, "--limit", "2"])
            .hits()
            .iter()
            .map(|h| str_field(h, "lang").to_string())
            .collect();
        assert!(
            langs.contains(&"en".to_string()) && langs.contains(&"zh".to_string()),
            "{q}: {langs:?}"
        );
        let chinese = query_json(&[q, "--limit", "5", "--lang", "zh"]).hits();
        assert!(chinese.iter().all(|h| h["lang"] == "zh"), "{q}");
    }
}
