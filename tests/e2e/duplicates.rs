//! End-to-end: near-duplicate passages (the same boilerplate answer on several dates) are
//! folded into the best-ranked one, in text, JSON and TSV; `--all` lists each; counts, facets
//! and trends still count every passage.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{assert_has, bin, count, index, run, str_field, validate};

/// The spokesperson's answer on chip controls, given word for word on two dates (the second
/// time with the date changed) and reworded on a third.
const BOILERPLATE: &str = "We have made our position on the chip export controls of the \
    United States clear on many occasions. The United States should stop politicising and \
    weaponising trade and technology issues, and stop disrupting the stability of global \
    industrial and supply chains. We will follow the developments closely and firmly \
    safeguard our rights and interests.";

const BOILERPLATE_ZH: &str = "中方已多次就美国对华芯片出口管制表明立场。美方应当停止将经贸科技问题\
    政治化、工具化、武器化，停止扰乱全球产供链稳定。中方将密切关注有关动向，坚定维护自身权益。";

fn briefing(date: &str, long_date: &str, question: &str, answer: &str, more: &str) -> String {
    format!(
        "Foreign Ministry Spokesperson's Regular Press Conference on {long_date}\n\n\
         {date}\n\n\
         Reporter from Reuters:\n\n{question}\n\n\
         Spokesperson Mao Ning:\n\n{answer}\n\n\
         Reporter from AFP:\n\nDo you have anything on the weather?\n\n\
         Spokesperson Mao Ning:\n\nThank you.\n\n{more}\n"
    )
}

fn briefing_zh(date: &str, long_date: &str, answer: &str) -> String {
    format!(
        "外交部发言人毛宁主持例行记者会（{long_date}）\n\n{date}\n\n\
         路透社记者：美方宣布进一步收紧对华芯片出口管制，中方有何评论？\n\n\
         毛宁：{answer}\n\n法新社记者：请问发言人有何消息发布？\n\n毛宁：谢谢。\n"
    )
}

/// The index of the fixture briefings, built once.
fn idx() -> &'static Path {
    static FIXTURE: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, idx) = FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let files = dir.path().join("briefings");
        std::fs::create_dir_all(&files).expect("mkdir");
        let write = |name: &str, text: String| {
            std::fs::write(files.join(name), text).expect("write");
        };
        write(
            "2023-10-16.txt",
            briefing(
                "2023-10-16",
                "October 16, 2023",
                "The United States announced new chip export controls. What is your comment?",
                &format!("On October 16, 2023: {BOILERPLATE}"),
                "The spokesperson also spoke about the harvest festival and rice exports.",
            ),
        );
        write(
            "2023-11-17.txt",
            briefing(
                "2023-11-17",
                "November 17, 2023",
                "Reports say the chip export controls will be extended. Any response?",
                &format!("On November 17, 2023: {BOILERPLATE}"),
                "The spokesperson also spoke about the football match and tourism.",
            ),
        );
        write(
            "2023-12-12.txt",
            briefing(
                "2023-12-12",
                "December 12, 2023",
                "What is your view on the chip export controls?",
                "The abuse of export controls on chips seriously harms the legitimate rights \
                 of Chinese companies, hurts the stability of the global chip supply chain and \
                 violates the principles of the market economy. No one benefits from it.",
                "The spokesperson also spoke about the new visa rules for students.",
            ),
        );
        write(
            "2023-10-16-zh.txt",
            briefing_zh("2023年10月16日", "2023年10月16日", BOILERPLATE_ZH),
        );
        write(
            "2023-11-17-zh.txt",
            briefing_zh("2023年11月17日", "2023年11月17日", BOILERPLATE_ZH),
        );
        let idx = dir.path().join("idx");
        let r = index(&idx, &[&files]);
        assert_eq!(r.code, 0, "indexing the fixture failed: {}", r.stderr);
        (dir, idx)
    });
    idx
}

fn query(args: &[&str]) -> crate::common::Run {
    let mut cmd = bin();
    cmd.arg("query").arg("--index").arg(idx()).args(args);
    run(cmd)
}

fn json(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let r = query(&all);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.hits()
}

fn ids(hits: &[Value]) -> Vec<&str> {
    hits.iter().map(|h| str_field(h, "id")).collect()
}

fn boilerplate(hits: &[Value]) -> Vec<&Value> {
    hits.iter()
        .filter(|h| str_field(h, "text").contains("politicising"))
        .collect()
}

#[test]
fn test_boilerplate_answer_is_shown_once_with_its_duplicate_in_json() {
    let hits = json(&["chip export controls", "--kind", "answer"]);
    validate("hit.schema.json", &hits);
    let shown = boilerplate(&hits);
    assert_eq!(shown.len(), 1, "{hits:?}");
    assert_eq!(shown[0]["duplicates"], 1, "{}", shown[0]);
    let dup = shown[0]["duplicate_ids"][0].as_str().expect("an id");
    assert!(!ids(&hits).contains(&dup), "{dup} is also a hit");
    // The two dates: one is the hit, the other its duplicate.
    let pair = [str_field(shown[0], "id"), dup];
    assert!(
        pair.iter().any(|id| id.contains("2023-10-16.txt")),
        "{pair:?}"
    );
    assert!(
        pair.iter().any(|id| id.contains("2023-11-17.txt")),
        "{pair:?}"
    );
    // The reworded answer is not a duplicate: a hit of its own.
    assert!(
        hits.iter().any(
            |h| str_field(h, "text").contains("abuse of export controls") && h["duplicates"] == 0
        ),
        "{hits:?}"
    );
}

#[test]
fn test_limit_counts_distinct_hits() {
    let args = ["chip export controls", "--limit", "3"];
    let all = json(&[&args[..], &["--all"]].concat());
    assert_eq!(boilerplate(&all).len(), 2, "{all:?}");
    let hits = json(&args);
    assert_eq!(hits.len(), 3);
    assert_eq!(boilerplate(&hits).len(), 1, "{hits:?}");
    let distinct: std::collections::HashSet<&str> = ids(&hits).into_iter().collect();
    assert_eq!(distinct.len(), 3);
    // The next page starts after the distinct hits of this one.
    let next = json(&[&args[..], &["--offset", "1"]].concat());
    assert_eq!(ids(&next)[..2], ids(&hits)[1..]);
    assert_eq!(next[0]["rank"], 2);
}

#[test]
fn test_text_output_says_more_like_this_with_the_dates() {
    let r = query(&[
        "chip export controls",
        "--kind",
        "answer",
        "--color",
        "never",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let more = r
        .stdout
        .lines()
        .find(|l| l.contains("more like this"))
        .unwrap_or_else(|| panic!("no duplicate line in:\n{}", r.stdout));
    assert!(
        more.trim() == "+1 more like this (2023-11-17)"
            || more.trim() == "+1 more like this (2023-10-16)",
        "{more}"
    );
    assert_eq!(r.stdout.matches("politicising").count(), 1, "{}", r.stdout);
    assert_has(
        &r.stderr,
        "1 near-duplicate folded into these (--all shows each)",
    );
}

#[test]
fn test_all_lists_every_duplicate_as_a_hit() {
    let folded = json(&["chip export controls", "--kind", "answer"]);
    let all = json(&["chip export controls", "--kind", "answer", "--all"]);
    validate("hit.schema.json", &all);
    assert_eq!(all.len(), folded.len() + 1);
    assert!(all.iter().all(|h| h["duplicates"] == 0));
    assert_eq!(boilerplate(&all).len(), 2);
    let r = query(&["chip export controls", "--kind", "answer", "--all"]);
    assert!(!r.stdout.contains("more like this"), "{}", r.stdout);
}

#[test]
fn test_chinese_boilerplate_is_folded_too() {
    let hits = json(&["芯片 出口管制", "--lang", "zh"]);
    let answers: Vec<&Value> = hits.iter().filter(|h| h["kind"] == "answer").collect();
    assert_eq!(answers.len(), 1, "{hits:?}");
    assert_eq!(answers[0]["duplicates"], 1);
    // The two questions are the same too, and folded as well.
    let questions: Vec<&Value> = hits.iter().filter(|h| h["kind"] == "question").collect();
    assert_eq!(questions.len(), 1, "{hits:?}");
}

/// The JSON Lines of `briefsearch COMMAND QUERY --by month --json` (`facets`, `trend`).
fn by_month(command: &str, query: &str) -> Vec<serde_json::Value> {
    let mut cmd = bin();
    cmd.args([command, query, "--by", "month", "--json", "--index"])
        .arg(idx());
    run(cmd).hits()
}

#[test]
fn test_counts_facets_and_trends_count_every_passage() {
    let all = json(&["politicising", "--all"]);
    assert_eq!(all.len(), 2);
    assert_eq!(json(&["politicising"]).len(), 1);
    assert_eq!(count(idx(), "politicising"), 2);
    let facets = by_month("facets", "politicising");
    let total: u64 = facets.iter().filter_map(|f| f["count"].as_u64()).sum();
    assert_eq!(total, 2, "{facets:?}");
    let trend = by_month("trend", "politicising");
    let total: u64 = trend.iter().filter_map(|b| b["passages"].as_u64()).sum();
    assert_eq!(total, 2, "{trend:?}");
    let r = query(&["politicising", "--color", "never"]);
    assert_has(&r.stderr, "1–1 of 2 matching passages");
}

#[test]
fn test_short_passages_are_never_folded() {
    // "Thank you." and "谢谢。" are in every briefing: each stays a hit of its own.
    let thanks = json(&["thank you", "--strict", "--lang", "en"]);
    let short: Vec<&Value> = thanks
        .iter()
        .filter(|h| str_field(h, "text") == "Thank you.")
        .collect();
    assert_eq!(short.len(), 3, "{thanks:?}");
    assert!(short.iter().all(|h| h["duplicates"] == 0));
    let xie = json(&["谢谢", "--strict", "--lang", "zh"]);
    assert_eq!(xie.len(), 2, "{xie:?}");
}

#[test]
fn test_duplicate_fields_can_be_chosen_in_json_and_tsv() {
    let hits = json(&["politicising", "--fields", "id,duplicates,duplicate_ids"]);
    let keys: Vec<&String> = hits[0].as_object().expect("object").keys().collect();
    assert_eq!(keys, ["id", "duplicates", "duplicate_ids"]);
    let r = query(&[
        "politicising",
        "--tsv",
        "--fields",
        "duplicates,duplicate_ids",
    ]);
    let mut lines = r.stdout.lines();
    assert_eq!(lines.next(), Some("duplicates\tduplicate_ids"));
    let row = lines.next().expect("a row");
    assert!(row.starts_with("1\t[\""), "{row}");
}

#[test]
fn test_date_order_and_groups_fold_nothing() {
    let by_date = json(&["politicising", "--sort", "date"]);
    assert_eq!(by_date.len(), 2);
    assert!(by_date.iter().all(|h| h["duplicates"] == 0));
    let groups = json(&["politicising", "--group", "briefing"]);
    assert_eq!(groups.len(), 2);
}

#[test]
fn test_batch_hits_fold_duplicates_too() {
    let mut cmd = bin();
    cmd.args(["query", "--batch", "--index"]).arg(idx());
    let r = crate::common::run_with_stdin(cmd, "q1\tpoliticising\n");
    let hits = r.hits();
    assert_eq!(hits.len(), 1, "{}", r.stdout);
    assert_eq!(hits[0]["duplicates"], 1);
    assert_eq!(hits[0]["query_id"], "q1");
}

/// The same answer in twelve briefings (2024-01-01 to 2024-01-12), the last time with a word
/// changed: most copies rank below the first hits, where folding must look for them.
fn repeated() -> &'static Path {
    static FIXTURE: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, idx) = FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let files = dir.path().join("briefings");
        std::fs::create_dir_all(&files).expect("mkdir");
        for day in 1..=12 {
            let answer = if day == 12 {
                BOILERPLATE.replace("firmly safeguard", "resolutely safeguard")
            } else {
                BOILERPLATE.to_string()
            };
            let text = briefing(
                &format!("2024-01-{day:02}"),
                &format!("January {day}, 2024"),
                &format!("Question number {day} on the chip export controls."),
                &answer,
                &format!("The spokesperson also announced visit number {day}."),
            );
            std::fs::write(files.join(format!("2024-01-{day:02}.txt")), text).expect("write");
        }
        let idx = dir.path().join("idx");
        let r = index(&idx, &[&files]);
        assert_eq!(r.code, 0, "indexing the fixture failed: {}", r.stderr);
        (dir, idx)
    });
    idx
}

fn query_repeated(args: &[&str]) -> Vec<Value> {
    let mut cmd = bin();
    cmd.args(["query", "--json", "--index"])
        .arg(repeated())
        .args(args);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.hits()
}

#[test]
fn test_duplicates_ranked_far_below_the_hit_are_all_found() {
    let hits = query_repeated(&["politicising", "--limit", "1"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["duplicates"], 11, "{hits:?}");
    let dup_ids: Vec<&str> = hits[0]["duplicate_ids"]
        .as_array()
        .expect("duplicate_ids")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(dup_ids.len(), 11);
    // In date order, the hit's own passage not among them; the reworded copy is one.
    let mut all_ids = dup_ids.clone();
    all_ids.push(str_field(&hits[0], "id"));
    let mut files: Vec<&str> = all_ids
        .iter()
        .filter_map(|id| id.rsplit('/').next())
        .collect();
    files.sort_unstable();
    files.dedup();
    assert_eq!(files.len(), 12, "{all_ids:?}");
    assert!(!dup_ids.contains(&str_field(&hits[0], "id")));
    let dates: Vec<&str> = dup_ids
        .iter()
        .filter_map(|id| id.rsplit('/').next())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted);
    assert!(dup_ids.iter().any(|id| id.contains("2024-01-12.txt")));
    // Text output names the first five dates and says there are more.
    let mut cmd = bin();
    cmd.args([
        "query",
        "politicising",
        "--limit",
        "1",
        "--color",
        "never",
        "--index",
    ])
    .arg(repeated());
    let r = run(cmd);
    assert_has(&r.stdout, "+11 more like this (2024-01-");
    assert_has(&r.stdout, ", …)");
}

#[test]
fn test_filters_and_tiers_apply_to_duplicates() {
    // Only the copies the filters let through are folded.
    let hits = query_repeated(&["politicising", "--since", "2024-01-07"]);
    let shown = boilerplate(&hits);
    assert_eq!(shown.len(), 1, "{hits:?}");
    assert_eq!(shown[0]["duplicates"], 5, "{hits:?}");
    // Passages with only some of the words are folded as well, also below the first hits.
    let partial = query_repeated(&["politicising unicorns", "--limit", "1"]);
    let shown = boilerplate(&partial);
    assert_eq!(shown.len(), 1, "{partial:?}");
    assert_eq!(shown[0]["partial"], true);
    assert_eq!(shown[0]["duplicates"], 11, "{partial:?}");
    // Everything is still counted.
    assert_eq!(count(repeated(), "politicising"), 12);
}

/// The ids of the duplicates of the one hit of `politicising` in the index at `idx`.
fn duplicate_ids(idx: &Path) -> Vec<String> {
    let mut cmd = bin();
    cmd.args(["query", "--json", "--limit", "1", "politicising", "--index"])
        .arg(idx);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hits = r.hits();
    assert_eq!(hits.len(), 1, "{hits:?}");
    hits[0]["duplicate_ids"]
        .as_array()
        .expect("duplicate_ids")
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

#[test]
fn test_duplicates_are_found_with_or_without_the_record_of_shared_bands() {
    // A copy of the index: the record is removed and spoilt below.
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    std::fs::create_dir_all(&idx).expect("mkdir");
    for entry in std::fs::read_dir(repeated()).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, idx.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    let record = idx.join("shared-bands.bin");
    assert!(record.is_file(), "indexing records the shared bands");
    assert!(shared_bands_current(&idx));
    let found = duplicate_ids(&idx);
    assert_eq!(found.len(), 11, "{found:?}");
    std::fs::remove_file(&record).expect("remove");
    assert!(!shared_bands_current(&idx));
    assert_eq!(duplicate_ids(&idx), found);
    std::fs::write(&record, b"BSBND001\x05\x00\x00\x00stale\x00\x00\x00").expect("write");
    assert!(!shared_bands_current(&idx));
    assert_eq!(duplicate_ids(&idx), found);
}

/// Whether `stats` says the record of shared bands is of the index at `idx` as it is.
fn shared_bands_current(idx: &Path) -> bool {
    let mut cmd = bin();
    cmd.args(["stats", "--json", "--index"]).arg(idx);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let stats: Value = serde_json::from_str(&r.stdout).expect("stats JSON");
    validate("stats.schema.json", std::slice::from_ref(&stats));
    stats["records"]["shared_bands"]
        .as_bool()
        .expect("records.shared_bands")
}

#[test]
fn test_duplicates_indexed_later_are_found() {
    // One copy, then eleven more in a second run: the record of shared bands made after the
    // first run (where no band was shared) is of another state of the index, and the copies
    // ranked below the first hits are found all the same.
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    for days in [1..=1, 2..=12] {
        let files = dir.path().join(format!("run{}", days.start()));
        std::fs::create_dir_all(&files).expect("mkdir");
        for day in days {
            let text = briefing(
                &format!("2024-01-{day:02}"),
                &format!("January {day}, 2024"),
                &format!("Question number {day} on the chip export controls."),
                BOILERPLATE,
                &format!("The spokesperson also announced visit number {day}."),
            );
            std::fs::write(files.join(format!("2024-01-{day:02}.txt")), text).expect("write");
        }
        let r = index(&idx, &[&files]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let found = duplicate_ids(&idx);
    assert_eq!(found.len(), 11, "{found:?}");
}
