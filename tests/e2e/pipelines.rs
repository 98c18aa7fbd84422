//! End-to-end: the edges where briefsearch meets scripts and people: `-l` without files,
//! `--batch` formats and queries without hits, `--facets --json`, `--sort -date` reading
//! order, whole ids in tables, highlight marks, singular and plural, `show` by source path,
//! empty folders, JSON in another form, and queries that start with `-`.

use std::fs;
use std::path::Path;

use crate::common::{assert_has, bin, run, run_with_stdin};

fn index_stdin(idx: &Path, input: &str) -> crate::common::Run {
    let mut c = bin();
    c.args(["index", "-", "--index"]).arg(idx);
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
