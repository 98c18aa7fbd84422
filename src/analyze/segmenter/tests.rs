use super::*;

/// The added words as resolved from the parsed lists, the way the compiled table is meant
/// to give them: each word's frequency, the total and the longest word.
fn resolved_by_hand(lists: &[&WordList]) -> (Vec<(String, u64)>, u64, usize) {
    let mut freqs = std::collections::BTreeMap::new();
    for list in lists {
        for (word, freq) in list.iter() {
            let known = dictionary_freq(word).unwrap_or(0);
            freqs.insert(word.to_string(), freq.unwrap_or(known.max(DEFAULT_FREQ)));
        }
    }
    let mut total = TOTAL_FREQ;
    for (word, freq) in &freqs {
        total = total + freq - dictionary_freq(word).unwrap_or(0);
    }
    let max_chars = freqs.keys().map(|w| w.chars().count()).max().unwrap_or(0);
    (freqs.into_iter().collect(), total, max_chars)
}

#[test]
fn test_compiled_shipped_words_match_the_parsed_list() {
    let (words, total, max_chars) = resolved_by_hand(&[WordList::shipped()]);
    assert!(words.len() > 500, "the shipped list is read");
    let added = Added::resolve(&WordList::default());
    assert_eq!(added.all(), words);
    assert_eq!(added.total, total);
    assert_eq!(added.max_chars, max_chars);
}

#[test]
fn test_user_words_override_shipped_frequencies_and_total() {
    let shipped = WordList::shipped()
        .iter()
        .next()
        .map(|(w, _)| w.to_string());
    let shipped = shipped.expect("a shipped word");
    let text = format!("{shipped} 7\n仁爱礁礁盘 123\n长长久久的合作\n");
    let user = WordList::parse(&text, std::path::Path::new("words.txt")).expect("parses");
    let (words, total, max_chars) = resolved_by_hand(&[WordList::shipped(), &user]);
    let added = Added::resolve(&user);
    assert_eq!(added.all(), words);
    assert_eq!(added.total, total);
    assert_eq!(added.max_chars, max_chars);
    assert_eq!(added.user.get(&shipped).copied(), Some(7));
}

fn words(mode: Mode, text: &str) -> Vec<String> {
    let segmenter = Segmenter::new(mode, WordList::default());
    let mut out = Vec::new();
    segmenter.cut(text, false, |s, e, _| out.push(text[s..e].to_string()));
    out
}

#[test]
fn test_the_embedded_dictionary_is_built_in() {
    assert!(has_embedded_dictionary(), "data/jieba/dict.fst is broken");
}

/// The committed transducer must be the dictionary of the jieba-rs that is built: after
/// an upgrade, run `scripts/jieba-dict.sh`.
#[test]
fn test_the_embedded_dictionary_is_the_one_jieba_loads() {
    use super::super::jieba_dict::{JIEBA_VERSION, WORDS};
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
        .expect("Cargo.lock");
    let locked = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"jieba-rs\""))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"'))
        .expect("jieba-rs in Cargo.lock");
    assert_eq!(
        locked, JIEBA_VERSION,
        "data/jieba/dict.fst is from jieba-rs {JIEBA_VERSION}: run scripts/jieba-dict.sh"
    );
    let fst = DICTIONARY.as_ref().expect("dictionary");
    assert_eq!(fst.len(), WORDS);
    let jieba = Jieba::new();
    let mut stream = fst.stream();
    let mut missing = Vec::new();
    while let Some((word, _)) = fst::Streamer::next(&mut stream) {
        let word = std::str::from_utf8(word).expect("UTF-8 words");
        if !jieba.has_word(word) {
            missing.push(word.to_string());
        }
    }
    assert!(missing.is_empty(), "not in jieba's dictionary: {missing:?}");
}

#[test]
fn test_query_mode_segments_exactly_as_the_full_dictionary() {
    for text in [
        "跨境电商出口",
        "国务院新闻办公室举行海关稳外贸政策措施发布会",
        "中国海警局",
        "知识产权海关保护专项执法行动",
        "外交部发言人汪文斌主持例行记者会",
        "稳外贸",
        "侵华日军南京大屠杀遇难同胞纪念馆",
        "乒乓球拍卖完了",
        "中美元首巴厘岛会晤",
        "仁爱礁坐滩军舰",
        "中方坚持一个中国原则",
    ] {
        assert_eq!(words(Mode::Query, text), words(Mode::Full, text), "{text}");
    }
    // Every Han run of the Chinese sample briefings, through one growing query-time jieba
    // (as snippets and near-duplicate checks use it) and with the user's words too.
    let user =
        WordList::parse("银河联盟\n海关总署 50\n", std::path::Path::new("w.txt")).expect("list");
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/zh");
    let mut runs = 0;
    for words in [WordList::default(), user] {
        let full = Segmenter::new(Mode::Full, words.clone());
        let query = Segmenter::new(Mode::Query, words);
        for entry in std::fs::read_dir(corpus).expect("corpus/zh") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
            let folded: String = text.chars().map(crate::script::fold).collect();
            for run in folded
                .split(|c: char| !crate::script::is_han(c))
                .filter(|r| !r.is_empty())
            {
                assert_eq!(&*query.words(run), &*full.words(run), "{run}");
                runs += 1;
            }
        }
    }
    assert!(runs > 500, "{runs} runs");
}

#[test]
fn test_briefing_words_are_kept_whole() {
    for (text, cut) in [
        ("中美元首通话", "中美 元首 通话"),
        ("中美元首在巴厘岛举行会晤", "中美 元首 在 巴厘岛 举行 会晤"),
        ("两国元首通话", "两国元首 通话"),
        ("仁爱礁", "仁爱礁"),
        ("上合组织峰会", "上合组织 峰会"),
        ("坚持一个中国原则", "坚持 一个中国原则"),
        ("美元贬值", "美元 贬值"),
        ("中美洲国家", "中美洲 国家"),
    ] {
        assert_eq!(words(Mode::Full, text).join(" "), cut, "{text}");
    }
}

#[test]
fn test_user_words_cut_alike_in_both_modes() {
    let user =
        WordList::parse("银河联盟\n星港 50000\n", std::path::Path::new("words.txt")).expect("list");
    let full = Segmenter::new(Mode::Full, user.clone());
    let query = Segmenter::new(Mode::Query, user);
    for text in ["银河联盟与星港合作", "中美元首在星港会晤", "港口星港口"] {
        let mut a = Vec::new();
        full.cut(text, false, |s, e, _| a.push(text[s..e].to_string()));
        let mut b = Vec::new();
        query.cut(text, false, |s, e, _| b.push(text[s..e].to_string()));
        assert_eq!(a, b, "{text}");
        assert_eq!(&*full.words(text), &*query.words(text));
    }
    let mut a = Vec::new();
    full.cut("银河联盟", false, |s, e, _| a.push((s, e)));
    assert_eq!(a, [(0, "银河联盟".len())]);
}

#[test]
fn test_query_mode_never_loads_the_full_dictionary() {
    let segmenter = Segmenter::new(Mode::Query, WordList::default());
    segmenter.cut("稳外贸", false, |_, _, _| {});
    assert!(!segmenter.is_loaded());
}
