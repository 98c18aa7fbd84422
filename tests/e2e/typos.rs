//! End-to-end: words typed otherwise than the archive writes them. Spelling suggestions on
//! stderr (English by edit distance, Chinese by sound and by one character), fuzzy words
//! (`word~`, `word~1`, `word~2`), prefixes (`Taiw*`, `知识*`) with their cap, and the note that a
//! query found nothing; on probe passages written for these tests.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{assert_has, bin, index_passages, matching_ids, run, validate};

/// English probe passages: a name in many passages, words of one stem in several forms, and
/// words near one another in spelling with known frequencies.
fn english(dir: &TempDir) -> PathBuf {
    let idx = dir.path().join("idx");
    let mut passages: Vec<(String, String)> = vec![
        ("taiwan".into(), "Taiwan held elections in January.".into()),
        (
            "taiwanese".into(),
            "Taiwanese voters went to the polls.".into(),
        ),
        (
            "stabilizing".into(),
            "Measures for stabilizing foreign trade.".into(),
        ),
        (
            "stabilization".into(),
            "A stabilization fund was set up.".into(),
        ),
        ("stable".into(), "Prices remained stable.".into()),
        ("pension".into(), "The pension reform passed.".into()),
        ("pensive".into(), "A pensive mood in the room.".into()),
        ("pensive2".into(), "Pensive faces all round.".into()),
        (
            "rare".into(),
            "The quarantine of Fukusima fish was discussed.".into(),
        ),
    ];
    for i in 0..12 {
        passages.push((
            format!("fukushima{i}"),
            format!("Water released from Fukushima, report number {i}."),
        ));
    }
    for i in 0..5 {
        passages.push((
            format!("tension{i}"),
            format!("Tension rose at the border, day {i}."),
        ));
    }
    let refs: Vec<(&str, &str)> = passages
        .iter()
        .map(|(id, text)| (id.as_str(), text.as_str()))
        .collect();
    index_passages(&idx, "en", &refs);
    idx
}

fn query(idx: &Path, args: &[&str]) -> crate::common::Run {
    let mut cmd = bin();
    cmd.arg("query").arg("--index").arg(idx).args(args);
    run(cmd)
}

fn ids(idx: &Path, q: &str) -> Vec<String> {
    let mut ids = matching_ids(idx, q, &[]);
    ids.sort();
    ids
}

#[test]
fn test_a_word_the_index_lacks_gets_the_closest_words_as_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = english(&dir);
    let r = query(&idx, &["Fukushma"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert_has(&r.stderr, "Fukushma: did you mean Fukushima or Fukusima?");
    assert_has(&r.stderr, "no passage matches the query");
    // Equally close: the more frequent first. In the case typed; words as written, never
    // stems (stabilizing, not stabil).
    let r = query(&idx, &["fukushma"]);
    assert_has(&r.stderr, "fukushma: did you mean fukushima or fukusima?");
    let r = query(&idx, &["stabilizng"]);
    assert_has(&r.stderr, "stabilizng: did you mean stabilizing?");
    // Closest first, then the most frequent: pension (1 edit), then tension (2 edits, 5
    // passages) before pensive (2 edits, 2 passages).
    let r = query(&idx, &["pensiom"]);
    assert_has(
        &r.stderr,
        "pensiom: did you mean pension, tension or pensive?",
    );
    // With other words that match, the hits are shown and the suggestion still made.
    let r = query(&idx, &["Fukushma water"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_has(&r.stderr, "Fukushma: did you mean Fukushima or Fukusima?");
    // Scripts get the suggestion too (stdout is unchanged), with --count and -l; that nothing
    // matched, the exit status says.
    for args in [&["--json"][..], &["--tsv"], &["--count"], &["-l"]] {
        let r = query(&idx, &[args, &["Fukushma"]].concat());
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert_eq!(
            r.stderr, "Fukushma: did you mean Fukushima or Fukusima?\n",
            "{args:?}"
        );
    }
}

#[test]
fn test_a_rare_word_is_questioned_only_beside_a_far_more_frequent_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = english(&dir);
    // Fukusima is in one passage, Fukushima in twelve: a likely slip.
    let r = query(&idx, &["Fukusima"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_has(&r.stderr, "Fukusima: did you mean Fukushima?");
    // Pensive is in two passages, pension in one: nothing to say.
    let r = query(&idx, &["pensive"]);
    assert_eq!(r.code, 0);
    assert!(!r.stderr.contains("did you mean"), "{}", r.stderr);
    // Frequent words and words with no near neighbour get no suggestion.
    for q in ["Fukushima", "xylophone", "tension"] {
        let r = query(&idx, &[q]);
        assert!(!r.stderr.contains("did you mean"), "{q}: {}", r.stderr);
    }
}

#[test]
fn test_fuzzy_words_find_words_spelled_nearly_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = english(&dir);
    let fukushima: Vec<String> = ids(&idx, "Fukushima");
    assert_eq!(fukushima.len(), 12);
    // Eight letters: two edits by default; Fukusima (one passage) is one edit away too.
    let mut with_rare = fukushima.clone();
    with_rare.push("rare".into());
    with_rare.sort();
    assert_eq!(ids(&idx, "Fukushma~"), with_rare);
    assert_eq!(ids(&idx, "Fukushma~1"), with_rare);
    // Two edits away: only ~2 reaches it.
    assert!(ids(&idx, "Fukshma~1").is_empty());
    assert_eq!(ids(&idx, "Fukshma~2"), with_rare);
    let r = query(&idx, &["Fukshma~1"]);
    assert_eq!(r.code, 1);
    assert_has(
        &r.stderr,
        "Fukshma~1: no word of the index is spelled so or nearly so",
    );
    // Under NOT.
    assert_eq!(ids(&idx, "water -Fukushma~"), Vec::<String>::new());
}

#[test]
fn test_prefixes_find_words_as_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = english(&dir);
    assert_eq!(ids(&idx, "Taiw*"), ["taiwan", "taiwanese"]);
    // On the word as written, not its stem: stabiliz* is not `stabil` (stable).
    assert_eq!(ids(&idx, "stabiliz*"), ["stabilization", "stabilizing"]);
    assert_eq!(ids(&idx, "stabl*"), ["stable"]);
    // Highlighted as written.
    let r = query(&idx, &["Taiw*", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let snippets: Vec<String> = r
        .hits()
        .iter()
        .map(|h| h["snippet"].as_str().unwrap_or_default().to_string())
        .collect();
    for (hit, snippet) in r.hits().iter().zip(&snippets) {
        let ranges = hit["snippet_highlights"].as_array().expect("highlights");
        assert_eq!(ranges.len(), 1, "{snippet}");
        let from = ranges[0][0].as_u64().unwrap_or(0) as usize;
        let to = ranges[0][1].as_u64().unwrap_or(0) as usize;
        assert!(snippet[from..to].starts_with("Taiwan"), "{snippet}");
    }
    // A prefix of no word says so, and the query finds nothing (exit 1).
    let r = query(&idx, &["Taiwx*"]);
    assert_eq!(r.code, 1);
    assert_has(&r.stderr, "Taiwx*: no word of the index begins so");
    // A misplaced star is a syntax error with its column.
    let r = query(&idx, &["Tai*wan"]);
    assert_eq!(r.code, 2);
    assert_has(&r.stderr, "'*' stands only at the end of a word");
}

#[test]
fn test_explain_shows_what_a_prefix_or_fuzzy_word_stands_for() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = english(&dir);
    let r = query(&idx, &["Taiw*", "--explain"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_has(
        &r.stdout,
        "Taiw*: words taiwan taiwanes; stands for taiwan (1), taiwanese (1)",
    );
    let r = query(&idx, &["Fukushma~", "--explain", "--json", "--limit", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hits = r.hits();
    validate("hit.schema.json", &hits);
    let unit = &hits[0]["explain"]["query"][0];
    assert_eq!(unit["typed"], "Fukushma~");
    let expansions: Vec<(String, u64)> = unit["expansions"]
        .as_array()
        .expect("expansions")
        .iter()
        .map(|e: &Value| {
            (
                e["word"].as_str().unwrap_or_default().to_string(),
                e["passages"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        expansions,
        [("fukushima".to_string(), 12), ("fukusima".to_string(), 1)]
    );
}

#[test]
fn test_a_prefix_searches_its_200_most_frequent_words_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    // 250 words beginning with zq; the first ten in a second passage as well.
    let words: Vec<String> = (0..250).map(|i| format!("zq{i:03}")).collect();
    let all = words.join(" ");
    let some = words[..10].join(" ");
    index_passages(&idx, "en", &[("all", &all), ("some", &some)]);
    let r = query(&idx, &["zq*", "--explain", "--json", "--limit", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_has(
        &r.stderr,
        "zq*: 250 words of the index begin so; only the 200 most frequent are searched",
    );
    let hits = r.hits();
    let expansions = hits[0]["explain"]["query"][0]["expansions"]
        .as_array()
        .expect("expansions")
        .clone();
    assert_eq!(expansions.len(), 200);
    // The most frequent first.
    assert!(
        expansions[..10]
            .iter()
            .all(|e| e["passages"] == 2 && e["word"].as_str().is_some_and(|w| w < "zq010")),
        "{expansions:?}"
    );
    // Fewer than the cap: no notice.
    let r = query(&idx, &["zq1*"]);
    assert_eq!(r.code, 0);
    assert!(!r.stderr.contains("begin so"), "{}", r.stderr);
}

/// Chinese probe passages: words jieba knows, each in several passages.
fn chinese(dir: &TempDir) -> PathBuf {
    let idx = dir.path().join("idx");
    let mut passages: Vec<(String, String)> = Vec::new();
    for i in 0..4 {
        passages.push((format!("xj{i}"), format!("新疆棉花产业发展良好，第{i}次。")));
        passages.push((format!("hg{i}"), format!("海关总署发布了第{i}号公告。")));
        passages.push((format!("zs{i}"), format!("知识产权保护，第{i}次。")));
    }
    passages.push(("zsfz".into(), "知识分子座谈会。".into()));
    let refs: Vec<(&str, &str)> = passages
        .iter()
        .map(|(id, text)| (id.as_str(), text.as_str()))
        .collect();
    index_passages(&idx, "zh", &refs);
    idx
}

#[test]
fn test_chinese_suggestions_by_sound_and_by_one_character() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = chinese(&dir);
    // 新将 reads xinjiang, as 新疆 does.
    let r = query(&idx, &["新将"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_has(&r.stderr, "新将: did you mean 新疆?");
    // A wrong character that made jieba cut the word apart: the whole is suggested.
    let r = query(&idx, &["海关总属"]);
    assert_has(&r.stderr, "海关总属: did you mean 海关总署?");
    // One character off: by sound, or by any character in a longer word.
    let r = query(&idx, &["知识产全"]);
    assert_has(&r.stderr, "知识产全: did you mean 知识产权?");
    let r = query(&idx, &["知识产木"]);
    assert_has(&r.stderr, "知识产木: did you mean 知识产权?");
    // Traditional characters are the same words.
    let r = query(&idx, &["新將"]);
    assert_has(&r.stderr, "did you mean 新疆?");
}

#[test]
fn test_a_changed_first_character_is_suggested_with_or_without_the_reversed_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = chinese(&dir);
    let record = idx.join("reversed-words.fst");
    assert!(
        record.is_file(),
        "indexing records the Chinese words backwards"
    );
    // 木 does not read as 海 (hai): only a word with another first character is near.
    let suggested = || query(&idx, &["木关总署"]).stderr;
    assert_has(&suggested(), "木关总署: did you mean 海关总署?");
    // Without the record, or with one that is not of this index, the same suggestion.
    std::fs::remove_file(&record).expect("remove");
    assert_has(&suggested(), "木关总署: did you mean 海关总署?");
    std::fs::write(&record, b"BSREV001\x05\x00\x00\x00stale").expect("write");
    assert_has(&suggested(), "木关总署: did you mean 海关总署?");
}

#[test]
fn test_chinese_fuzzy_words_and_prefixes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = chinese(&dir);
    assert_eq!(ids(&idx, "新将~"), ["xj0", "xj1", "xj2", "xj3"]);
    assert_eq!(ids(&idx, "知识产全~"), ["zs0", "zs1", "zs2", "zs3"]);
    // A Chinese prefix is a prefix of words: 知识* finds 知识产权 and 知识分子.
    assert_eq!(ids(&idx, "知识*"), ["zs0", "zs1", "zs2", "zs3", "zsfz"]);
    let r = query(&idx, &["知识*", "--explain"]);
    assert_has(&r.stdout, "知识*: words ");
    assert_has(&r.stdout, "知识产权 (4)");
    assert_has(&r.stdout, "知识分子 (1)");
}
