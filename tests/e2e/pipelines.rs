//! End-to-end: the edges where briefsearch meets scripts and people: `-l` without files,
//! `--batch` formats and queries without hits, `--facets --json`, `--sort -date` reading
//! order, whole ids in tables, highlight marks, singular and plural, `show` by source path,
//! empty folders, JSON in another form, and queries that start with `-`.

use std::fs;

use crate::common::{assert_has, bin, run};

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
