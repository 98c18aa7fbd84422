use super::*;
use fst::Streamer;

fn dictionary() -> Dictionary {
    Dictionary::new().expect("the built-in dictionaries open")
}

#[test]
fn test_normalize_en_keeps_acronyms_apart() {
    assert_eq!(
        normalize_en("Nuclear-Contaminated  water"),
        "nuclear contaminated water"
    );
    assert_eq!(normalize_en("U.S."), "u s");
    assert_eq!(normalize_en("WHO"), "WHO");
    assert_eq!(normalize_en("Who"), "who");
    assert_eq!(normalize_en("Ren’ai Jiao"), "ren ai jiao");
    assert_eq!(normalize_en("ＲＣＥＰ G20"), "RCEP G20");
    assert_eq!(normalize_en("—"), "");
}

#[test]
fn test_en_to_zh_general_entries() {
    let d = dictionary();
    assert_eq!(d.en_to_zh("hegemony").first(), Some(&"霸权"));
    assert!(d.en_to_zh("export").contains(&"出口"));
    assert!(d.en_to_zh("Climate Change").contains(&"气候变化"));
    // An inflected form is found through its lemma.
    assert!(d.en_to_zh("sanctions").contains(&"制裁"));
    assert!(d.en_to_zh("xyzzyq").is_empty());
}

#[test]
fn test_zh_to_en_general_entries_both_scripts() {
    let d = dictionary();
    assert_eq!(d.zh_to_en("霸权"), ["hegemony", "supremacy"]);
    assert_eq!(
        d.zh_to_en("出口"),
        ["exit", "speak", "export", "leave port"]
    );
    assert_eq!(d.zh_to_en("霸權"), d.zh_to_en("霸权"));
    assert!(d.zh_to_en("臺灣").contains(&"Taiwan"));
    assert!(d.zh_to_en("台灣").contains(&"Taiwan"));
}

#[test]
fn test_acronyms_and_words_stay_apart() {
    let d = dictionary();
    assert_eq!(d.en_to_zh("who"), ["谁"]);
    assert_eq!(d.en_to_zh("WHO").first(), Some(&"世界卫生组织"));
    assert!(d.en_to_zh("us").contains(&"我们"));
    assert_eq!(d.en_to_zh("US").first(), Some(&"美国"));
    // A lowercase acronym finds the lexicon's acronym, unless a dictionary knows the
    // lowercase form as a word of its own (ECDICT has a `sco`).
    assert_eq!(d.en_to_zh("brics").first(), Some(&"金砖国家"));
    assert_eq!(d.en_to_zh("SCO").first(), Some(&"上海合作组织"));
}

#[test]
fn test_traditional_word_finds_lexicon_entry_of_simplified_form() {
    let d = dictionary();
    assert_eq!(d.simplified("發言人"), Some("发言人"));
    assert_eq!(d.simplified("发言人"), None);
    assert_eq!(d.zh_to_en("發言人"), d.zh_to_en("发言人"));
    let taiwan = d.translate(Lang::Zh, "臺灣").expect("臺灣 is known");
    assert_eq!(taiwan.source, Source::Lexicon);
}

#[test]
fn test_briefing_lexicon_overrides_general_dictionary() {
    let d = dictionary();
    // ECDICT gives 中国 and 瓷器; the lexicon says what briefings mean.
    let china = d.translate(Lang::En, "China").expect("China is known");
    assert_eq!(china.source, Source::Lexicon);
    assert!(!china.candidates.contains(&"瓷器"));
    // ECDICT's multilateralism is wrong (多边贸易); the lexicon's is right.
    assert_eq!(d.en_to_zh("multilateralism"), ["多边主义"]);
    assert_eq!(d.zh_to_en("仁爱礁"), ["Ren'ai Jiao", "Second Thomas Shoal"]);
    assert!(d.en_to_zh("Second Thomas Shoal").contains(&"仁爱礁"));
    assert_eq!(d.zh_to_en("毛宁"), ["Mao Ning"]);
    assert_eq!(d.en_to_zh("mao ning"), ["毛宁"]);
}

#[test]
fn test_user_lexicon_comes_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.tsv");
    std::fs::write(
        &path,
        "# mine\n南海\tNanhai\n稳外贸\tstabilise foreign trade\n",
    )
    .unwrap();
    let mut d = dictionary();
    d.add_lexicon_file(&path).unwrap();
    assert_eq!(d.zh_to_en("南海").first(), Some(&"Nanhai"));
    assert!(d.zh_to_en("南海").contains(&"South China Sea"));
    assert_eq!(d.en_to_zh("stabilise foreign trade"), ["稳外贸"]);
}

#[test]
fn test_user_lexicon_malformed_line_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.tsv");
    std::fs::write(&path, "南海\tSouth China Sea\n\n南海 South China Sea\n").unwrap();
    let mut d = dictionary();
    let error = d.add_lexicon_file(&path).unwrap_err();
    let message = format!("{error:#}");
    assert!(
        message.contains(&format!("{}:3: ", path.display())),
        "{message}"
    );
}

#[test]
fn test_longest_phrase_prefers_multiword_terms() {
    let d = dictionary();
    let tokens = ["the", "south", "china", "sea", "waters"];
    let m = d.longest_phrase(Lang::En, &tokens, 1).expect("a match");
    assert_eq!(m.tokens, 3);
    assert_eq!(m.translation.candidates.first(), Some(&"南海"));
    let tokens = ["nuclear-contaminated", "water", "discharge"];
    let m = d.longest_phrase(Lang::En, &tokens, 0).expect("a match");
    assert_eq!((m.tokens, m.translation.candidates[0]), (2, "核污染水"));
    // Tokens from a lowercasing tokenizer still find a term written with an acronym.
    let m = d.longest_phrase(Lang::En, &["un", "security", "council"], 0);
    assert_eq!(
        m.expect("a match").translation.candidates[0],
        "联合国安理会"
    );
    let tokens = ["nuclear", "contaminated", "water"];
    let m = d.longest_phrase(Lang::En, &tokens, 0).expect("a match");
    assert_eq!((m.tokens, m.translation.candidates[0]), (3, "核污染水"));
    // A single word when no longer term starts there.
    let m = d
        .longest_phrase(Lang::En, &["export", "data"], 0)
        .expect("a match");
    assert_eq!(m.tokens, 1);
    assert!(d.longest_phrase(Lang::En, &["xyzzyq"], 0).is_none());
    assert!(d.longest_phrase(Lang::En, &["export"], 5).is_none());
}

#[test]
fn test_longest_phrase_chinese_tokens() {
    let d = dictionary();
    let tokens = ["坚持", "一个", "中国", "原则"];
    let m = d.longest_phrase(Lang::Zh, &tokens, 1).expect("a match");
    assert_eq!(m.tokens, 3);
    assert_eq!(m.translation.candidates[0], "one-China principle");
    let chars: Vec<String> = "外交部发言人表示".chars().map(String::from).collect();
    let chars: Vec<&str> = chars.iter().map(String::as_str).collect();
    let m = d.longest_phrase(Lang::Zh, &chars, 0).expect("a match");
    assert_eq!(m.tokens, 6);
    assert_eq!(m.translation.source, Source::Lexicon);
}

#[test]
fn test_committed_english_keys_are_normalised() {
    // The preparation script and normalize_en must agree, or keys would be unreachable.
    let d = dictionary();
    let mut stream = d.en_zh.map.keys();
    let mut checked = 0;
    while let Some(key) = stream.next() {
        let key = std::str::from_utf8(key).expect("keys are UTF-8");
        assert_eq!(normalize_en(key), key, "key {key:?}");
        checked += 1;
    }
    assert!(checked > 100_000, "{checked} keys");
}

/// Every spokesperson of the real parallel archive, in either script, translates to the
/// other script's name (runs when `BRIEFSEARCH_REAL` points at the real archives).
#[test]
fn test_real_parallel_spokespersons_translate_both_ways() {
    let Some(real) = std::env::var_os("BRIEFSEARCH_REAL") else {
        eprintln!("skipped: BRIEFSEARCH_REAL is not set");
        return;
    };
    let path = Path::new(&real)
        .join("mfa-parallel")
        .join("mfa_articles.json");
    let text = std::fs::read_to_string(&path).expect("the parallel archive is readable");
    let briefings: serde_json::Value = serde_json::from_str(&text).expect("it is JSON");
    let d = dictionary();
    let mut checked = 0;
    for briefing in briefings.as_array().expect("a list of briefings") {
        let (en, zh) = (&briefing["en_pairs"], &briefing["cn_pairs"]);
        let (Some(en), Some(zh)) = (en.as_array(), zh.as_array()) else {
            continue;
        };
        for (e, z) in en.iter().zip(zh).filter(|_| en.len() == zh.len()) {
            let (Some(e), Some(z)) = (e["spokesperson"].as_str(), z["spokesperson"].as_str())
            else {
                continue;
            };
            assert!(d.zh_to_en(z).contains(&e), "{z} -> {e}");
            assert!(d.en_to_zh(e).contains(&z), "{e} -> {z}");
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} pairs");
}

#[test]
fn test_shipped_lexicon_parses_and_is_large() {
    let parsed = Lexicon::parse(BRIEFING_LEXICON, "briefing-lexicon.tsv").expect("parses");
    assert!(parsed.len() >= 400, "{} entries", parsed.len());
    // The maps compiled at build time hold exactly what the file says, in its order.
    let d = dictionary();
    for (map, compiled) in [
        (&parsed.en_zh, &d.briefing_en_zh),
        (&parsed.zh_en, &d.briefing_zh_en),
    ] {
        assert_eq!(compiled.map.len(), map.len());
        for (key, values) in map {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            assert_eq!(compiled.get(key), Some(values), "{key}");
        }
    }
}
