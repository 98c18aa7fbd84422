//! End-to-end: the edges where briefsearch meets scripts and people: `-l` without files,
//! `--batch` formats and queries without hits, `--facets --json`, `--sort -date` reading
//! order, whole ids in tables, highlight marks, singular and plural, `show` by source path,
//! empty folders, JSON in another form, and queries that start with `-`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::{
    assert_has, bin, corpus, corpus_index, run, run_with_stdin, str_field, validate,
};

fn cmd(args: &[&str]) -> crate::common::Run {
    let mut c = bin();
    c.args(args).arg("--index").arg(corpus_index());
    run(c)
}

fn index_stdin(idx: &Path, input: &str) -> crate::common::Run {
    let mut c = bin();
    c.args(["index", "-", "--index"]).arg(idx);
    run_with_stdin(c, input)
}

fn batch(args: &[&str], input: &str) -> crate::common::Run {
    let mut c = bin();
    c.args(["query", "--batch", "--index"])
        .arg(corpus_index())
        .args(args);
    run_with_stdin(c, input)
}

#[test]
fn test_files_of_briefings_read_from_stdin_are_their_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    let record = |id: &str| {
        format!(
            r#"{{"id": "{id}", "title": "Kiwi", "date": "2025-01-01", "turns": [{{"speaker": "X Y", "text": "The kiwi policy."}}]}}"#
        )
    };
    let r = index_stdin(
        &idx,
        &format!("{}\n{}\n", record("wire-2"), record("wire-1")),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = dir.path().join("kiwi.txt");
    fs::write(&file, "Kiwi briefing\n\nX Y:\n\nMore on kiwi.\n").expect("write");
    let mut c = bin();
    c.arg("index").arg("--index").arg(&idx).arg(&file);
    assert_eq!(run(c).code, 0);
    let mut c = bin();
    c.args(["query", "kiwi", "-l", "--index"]).arg(&idx);
    let r = run(c);
    assert_eq!(r.code, 0);
    let listed: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(listed, [file.to_str().expect("utf-8"), "wire-1", "wire-2"]);
    assert!(!r.stdout.contains("(stdin)"));
}

#[test]
fn test_batch_tells_queries_without_hits_from_missing_ones() {
    let r = batch(
        &["--limit", "2"],
        "q1\tRCEP\nq2\txylophone\nq3\t\"unclosed\n知识产权\n",
    );
    assert_eq!(
        r.code, 2,
        "a bad query fails the batch, after the others ran"
    );
    let lines = r.hits();
    validate("batch.schema.json", &lines);
    let trace: Vec<(String, Option<&str>)> = lines
        .iter()
        .map(|l| {
            (
                str_field(l, "query_id").to_string(),
                l.get("id")
                    .and(Some("hit"))
                    .or(l.get("error").and(Some("error"))),
            )
        })
        .collect();
    assert_eq!(
        trace,
        [
            ("q1".to_string(), Some("hit")),
            ("q1".to_string(), Some("hit")),
            ("q2".to_string(), None),
            ("q3".to_string(), Some("error")),
            ("4".to_string(), Some("hit")),
            ("4".to_string(), Some("hit")),
        ]
    );
    assert_eq!(lines[2], serde_json::json!({"query_id": "q2", "hits": 0}));
    let hits: Vec<Value> = lines
        .iter()
        .filter(|l| l.get("id").is_some())
        .cloned()
        .collect();
    validate("hit.schema.json", &hits);
}

#[test]
fn test_batch_prints_tsv_and_refuses_text() {
    let r = batch(
        &["--limit", "1", "--tsv", "--fields", "id,speaker"],
        "q1\tRCEP\nq2\txylophone\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(rows.len(), 3, "{}", r.stdout);
    assert_eq!(rows[0], "query_id\tid\tspeaker");
    assert!(
        rows[1].starts_with("q1\tcorpus/") || rows[1].starts_with("q1\t/"),
        "{}",
        rows[1]
    );
    assert_eq!(rows[2], "q2\t\t");
    let r = batch(&["--format", "text"], "RCEP\n");
    assert_eq!(r.code, 2);
    assert_has(&r.stderr, "`briefsearch query --batch` prints json, tsv");
}

#[test]
fn test_facets_in_json_follow_the_hits_as_facet_lines() {
    let r = cmd(&["query", "RCEP", "--facets", "--json", "--limit", "3"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines = r.hits();
    let (hits, facets): (Vec<Value>, Vec<Value>) =
        lines.iter().cloned().partition(|l| l.get("id").is_some());
    assert_eq!(hits.len(), 3);
    assert!(
        lines[..3].iter().all(|l| l.get("id").is_some()),
        "hits first"
    );
    validate("hit.schema.json", &hits);
    validate("facet.schema.json", &facets);
    let by: Vec<&str> = facets.iter().map(|f| str_field(f, "by")).collect();
    assert!(by.contains(&"speaker") && by.contains(&"month"), "{by:?}");
    let r = cmd(&["query", "RCEP", "--facets", "--tsv"]);
    assert_eq!(r.code, 2);
    assert_has(
        &r.stderr,
        "--facets prints under text or JSON hits, not in TSV",
    );
}

#[test]
fn test_newest_first_keeps_each_briefing_in_reading_order() {
    for query in ["*", "RCEP OR 关税 OR tariffs OR 知识产权"] {
        let hits = cmd(&["query", query, "--sort", "-date", "--json", "--limit", "80"]).hits();
        assert!(hits.len() > 20, "{query}");
        let dates: Vec<&str> = hits.iter().map(|h| str_field(h, "date")).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{query}: {dates:?}");
        let mut runs: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
        let mut order: Vec<&str> = Vec::new();
        for h in &hits {
            let briefing = str_field(h, "briefing_id");
            if order.last() != Some(&briefing) {
                assert!(!order.contains(&briefing), "{briefing} comes in one run");
                order.push(briefing);
            }
            let n = str_field(h, "id")
                .rsplit('#')
                .next()
                .and_then(|n| n.parse().ok());
            runs.entry(briefing)
                .or_default()
                .push(n.expect("passage number"));
        }
        for (briefing, ordinals) in runs {
            assert!(
                ordinals.windows(2).all(|w| w[0] < w[1]),
                "{query}: {briefing} in reading order: {ordinals:?}"
            );
        }
    }
}

#[test]
fn test_facets_by_briefing_print_whole_ids() {
    let ids: Vec<String> = cmd(&["facets", "--by", "briefing", "--json"])
        .hits()
        .iter()
        .map(|f| str_field(f, "value").to_string())
        .collect();
    assert!(ids.iter().any(|id| id.chars().count() > 40));
    let text = cmd(&["facets", "--by", "briefing"]);
    for id in &ids {
        assert!(
            text.stdout.lines().any(|l| l.ends_with(&format!("  {id}"))),
            "{id} whole at the end of its line:\n{}",
            text.stdout
        );
    }
    assert!(!text.stdout.contains('…'));
}

#[test]
fn test_counts_of_one_are_singular() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    let file = dir.path().join("one.txt");
    fs::write(
        &file,
        "Fruit briefing\n\nOn March 3, 2024, a briefing.\n\nModerator:\n\nThe plum harvest.\n",
    )
    .expect("write");
    let r = crate::common::index(&idx, &[&file]);
    assert_has(&r.stderr, "1 file: 1 new,");
    assert_has(&r.stderr, " passages written; the index holds 1 briefing (");
    let mut c = bin();
    c.args(["query", "plum", "--index"]).arg(&idx);
    assert_has(&run(c).stderr, "1–1 of 1 matching passage\n");
    let mut c = bin();
    c.args(["trend", "plum", "--by", "year", "--index"])
        .arg(&idx);
    assert_has(&run(c).stdout, " 1 passage, 1 briefing\n");
    let mut c = bin();
    c.args(["facets", "plum", "--by", "year", "--index"])
        .arg(&idx);
    assert_has(&run(c).stdout, "\n1 matching passage\n");
    let mut c = bin();
    c.args(["stats", "--index"]).arg(&idx);
    let stats = run(c).stdout;
    let segments = stats
        .lines()
        .find_map(|l| l.strip_prefix("size:"))
        .and_then(|l| l.split(", ").nth(1))
        .expect("a size line");
    let (n, noun) = segments.split_once(' ').expect("N segment(s)");
    assert_eq!(noun == "segment", n == "1", "{segments}");
}

#[test]
fn test_show_accepts_the_source_path_that_json_prints() {
    let hit = cmd(&[
        "query",
        "\"bonded logistics park\"",
        "--json",
        "--limit",
        "1",
    ])
    .hits()[0]
        .clone();
    let by_id = cmd(&["show", str_field(&hit, "briefing_id"), "--json"]);
    let by_source = cmd(&["show", str_field(&hit, "source"), "--json"]);
    assert_eq!(by_source.code, 0, "{}", by_source.stderr);
    assert_eq!(by_source.stdout, by_id.stdout);
    // The same file by a relative path, from the repository.
    let mut c = bin();
    c.current_dir(corpus().parent().expect("repository"))
        .args([
            "show",
            "./corpus/en/2023-04-18-scio-customs-foreign-trade.txt",
            "--json",
            "--index",
        ])
        .arg(corpus_index());
    assert_eq!(run(c).stdout, by_id.stdout);
    // A file of several briefings: say which.
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    let lines = dir.path().join("two.jsonl");
    let record = |id: &str| {
        format!(
            r#"{{"id": "{id}", "title": "T", "turns": [{{"speaker": "X Y", "text": "Some words."}}]}}"#
        )
    };
    fs::write(&lines, format!("{}\n{}\n", record("a-1"), record("a-2"))).expect("write");
    assert_eq!(crate::common::index(&idx, &[&lines]).code, 0);
    let mut c = bin();
    c.arg("show").arg(&lines).arg("--index").arg(&idx);
    let r = run(c);
    assert_eq!(r.code, 2);
    assert_has(
        &r.stderr,
        "holds 2 briefings; show one of them by its id: a-1, a-2",
    );
    let r = cmd(&["show", "no/such/file.txt"]);
    assert_eq!(r.code, 2);
    assert_has(
        &r.stderr,
        "no briefing, passage or indexed file 'no/such/file.txt'",
    );
}

#[test]
fn test_an_empty_folder_gets_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("drafts");
    fs::create_dir(&empty).expect("mkdir");
    fs::write(empty.join("notes.docx"), "not a transcript").expect("write");
    let idx = dir.path().join("idx");
    let r = crate::common::index(&idx, &[&empty]);
    assert_eq!(r.code, 0, "not an error: {}", r.stderr);
    assert_has(&r.stderr, "drafts: no transcript files");
    assert_has(&r.stderr, "nothing was indexed");
    // Beside a folder that has transcripts: the warning, and success.
    let r = crate::common::index(&idx, &[&empty, &corpus().join("en")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_has(&r.stderr, "drafts: no transcript files");
    assert!(!r.stderr.contains("nothing was indexed"));
}

/// Records in the shape of a structured archive of parallel briefings: not briefsearch's form.
const PARALLEL_LIST: &str = r#"[
 {"date": "2026-01-05", "en_title": "Regular Press Conference", "cn_title": "例行记者会",
  "en_pairs": [{"questioner": "AFP", "spokesperson": "Zhou Lan", "question": "Any comment?", "answer": "No."}],
  "cn_pairs": [{"questioner": "法新社", "spokesperson": "周岚", "question": "有何评论？", "answer": "没有。"}]},
 {"date": "2026-01-06", "en_title": "Regular Press Conference", "cn_title": "例行记者会",
  "en_pairs": [], "cn_pairs": []}
]"#;

#[test]
fn test_json_in_another_form_points_to_the_conversion() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("articles.json");
    fs::write(&file, PARALLEL_LIST).expect("write");
    let idx = dir.path().join("idx");
    let r = crate::common::index(&idx, &[&file]);
    assert_has(
        &r.stderr,
        "JSON in another form: a list of 2 records, not one briefing as in schema/briefing.schema.json",
    );
    assert_has(&r.stderr, "`jq` line");
    assert!(!r.stderr.contains("invalid type"), "{}", r.stderr);
    let r = index_stdin(&idx, PARALLEL_LIST);
    assert_has(
        &r.stderr,
        "skipped stdin: JSON in another form: a list of 2 records",
    );
    assert_eq!(
        r.stderr.matches("skipped stdin").count(),
        1,
        "said once: {}",
        r.stderr
    );
}

#[test]
fn test_a_query_starting_with_a_dash_gets_the_right_tip() {
    let r = cmd(&["query", "-tariff"]);
    assert_eq!(r.code, 2);
    assert_has(&r.stderr, "unexpected argument '-tariff'");
    assert_has(&r.stderr, "briefsearch query [OPTIONS] -- '-tariff'");
    assert!(!r.stderr.contains("'-- -t'"), "{}", r.stderr);
    let mut c = bin();
    c.args(["query", "--count", "--index"])
        .arg(corpus_index())
        .args(["--", "-tariff"]);
    let r = run(c);
    assert_eq!(r.code, 0, "after --, the query runs: {}", r.stderr);
    // After another word: the two are one query.
    let r = cmd(&["query", "RCEP", "-tariff"]);
    assert_eq!(r.code, 2);
    assert_has(
        &r.stderr,
        "quote it whole, as in briefsearch query 'RCEP -tariff'",
    );
}

#[test]
fn test_a_closed_stdout_ends_every_format_quietly() {
    let files: Vec<std::path::PathBuf> = ["en", "zh"]
        .iter()
        .flat_map(|lang| fs::read_dir(corpus().join(lang)).expect("corpus"))
        .map(|e| e.expect("entry").path())
        .collect();
    for args in [
        vec!["inspect", "--json"],
        vec!["inspect"],
        vec!["query", "*", "--json", "--limit", "1000"],
        vec!["query", "*", "--tsv", "--limit", "1000"],
    ] {
        let mut c = bin();
        c.args(&args).arg("--index").arg(corpus_index());
        if args[0] == "inspect" {
            c.args(&files);
        }
        let mut child = c
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawns");
        // Like `| head -0`: the reader goes away before anything is read.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("exits");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    }
}

#[test]
fn test_batch_explains_each_query_with_its_own_units() {
    let r = batch(
        &["--limit", "1", "--explain"],
        "q1\tRCEP\nq2\t关税\nq3\txylophone\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines = r.hits();
    validate("batch.schema.json", &lines);
    let typed: Vec<(String, Vec<String>)> = lines
        .iter()
        .filter(|l| l.get("id").is_some())
        .map(|h| {
            let units = h["explain"]["query"]
                .as_array()
                .expect("explain.query")
                .iter()
                .map(|u| str_field(u, "typed").to_string())
                .collect();
            (str_field(h, "query_id").to_string(), units)
        })
        .collect();
    assert_eq!(
        typed,
        [
            ("q1".to_string(), vec!["rcep".to_string()]),
            ("q2".to_string(), vec!["关税".to_string()]),
        ]
    );
    assert_eq!(
        lines.last(),
        Some(&serde_json::json!({"query_id": "q3", "hits": 0}))
    );
}
