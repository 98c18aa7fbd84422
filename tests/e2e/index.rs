//! End-to-end: `briefsearch index`: creating, adding, replacing, index location.

use std::fs;

use crate::common::{assert_has, bin, corpus, index, run};

fn count(index_dir: &std::path::Path, query: &str) -> usize {
    let mut cmd = bin();
    cmd.args(["query", "--json", "--limit", "10000", query])
        .arg("--index")
        .arg(index_dir);
    run(cmd).hits().len()
}

#[test]
fn test_indexing_twice_never_duplicates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    let first = index(&idx, &[&corpus()]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first
            .stderr
            .contains("14 files: 14 new, 0 changed, 0 unchanged, 0 removed, 0 skipped"),
        "{}",
        first.stderr
    );
    let all = count(&idx, "*");
    let second = index(&idx, &[&corpus()]);
    assert!(
        second
            .stderr
            .contains("14 files: 0 new, 0 changed, 14 unchanged"),
        "{}",
        second.stderr
    );
    // the same file named another way is still the same file
    let one = corpus()
        .join("en")
        .join("2023-04-18-scio-customs-foreign-trade.txt");
    let third = index(&idx, &[&one]);
    assert!(
        third
            .stderr
            .contains("1 file: 0 new, 0 changed, 1 unchanged"),
        "{}",
        third.stderr
    );
    assert_eq!(count(&idx, "*"), all);
}

#[test]
fn test_changed_file_replaces_its_passages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    let file = dir.path().join("briefing.txt");
    fs::write(
        &file,
        "Trade Briefing\n\nModerator:\n\nWelcome to the pineapple briefing.\n",
    )
    .expect("write");
    assert_eq!(index(&idx, &[&file]).code, 0);
    assert_eq!(count(&idx, "pineapple"), 1);
    fs::write(
        &file,
        "Trade Briefing\n\nModerator:\n\nWelcome to the mango briefing.\n",
    )
    .expect("write");
    let r = index(&idx, &[&file]);
    assert_has(&r.stderr, "0 new, 1 changed");
    assert_eq!(count(&idx, "pineapple"), 0);
    assert_eq!(count(&idx, "mango"), 1);
    assert_eq!(count(&idx, "*"), 1);
}

#[test]
fn test_index_location_flag_env_and_default() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("b.txt");
    fs::write(&file, "Briefing\n\nModerator:\n\nThe durian question.\n").expect("write");

    let mut cmd = bin();
    cmd.arg("index").arg(&file).current_dir(dir.path());
    assert_eq!(run(cmd).code, 0);
    assert!(
        dir.path().join(".briefsearch").join("meta.json").is_file(),
        "default is ./.briefsearch"
    );

    let env_dir = dir.path().join("from-env");
    let mut cmd = bin();
    cmd.arg("index")
        .arg(&file)
        .env("BRIEFSEARCH_INDEX", &env_dir);
    assert_eq!(run(cmd).code, 0);
    let mut cmd = bin();
    cmd.args(["query", "durian"])
        .env("BRIEFSEARCH_INDEX", &env_dir);
    assert_eq!(run(cmd).code, 0);

    let flag_dir = dir.path().join("from-flag");
    let mut cmd = bin();
    cmd.arg("index")
        .arg("--index")
        .arg(&flag_dir)
        .arg(&file)
        .env("BRIEFSEARCH_INDEX", &env_dir);
    assert_eq!(run(cmd).code, 0);
    assert!(
        flag_dir.join("meta.json").is_file(),
        "--index wins over the environment"
    );
}

#[test]
fn test_skipped_files_are_named_with_a_reason_and_good_files_indexed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in");
    fs::create_dir(&input).expect("mkdir");
    fs::write(
        input.join("good.txt"),
        "Briefing\n\nModerator:\n\nThe lychee question.\n",
    )
    .expect("write");
    fs::write(input.join("empty.txt"), "").expect("write");
    fs::write(input.join("binary"), b"\x89PNG\r\n\x1a\n\0\0\0IHDR").expect("write");
    fs::write(
        input.join("noise.txt"),
        "Title\n\nEditor/Dai Jun\n\n(photographed by Liu Jian)\n",
    )
    .expect("write");
    // Not transcripts: documentation beside them, and files of other types.
    fs::write(
        input.join("README.md"),
        "# About this archive\n\nNote: scraped in 2024.\n",
    )
    .expect("write");
    fs::write(input.join("photo.jpg"), b"\xff\xd8\xff\xe0").expect("write");
    let idx = dir.path().join("idx");
    let r = index(&idx, &[&input]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_has(&r.stderr, "empty.txt: empty file");
    assert_has(&r.stderr, "binary: binary data");
    assert_has(&r.stderr, "noise.txt: no speech found");
    assert!(
        r.stderr.contains("1 new") && r.stderr.contains("3 skipped"),
        "{}",
        r.stderr
    );
    assert_eq!(count(&idx, "lychee"), 1);

    let mut cmd = bin();
    cmd.arg("index")
        .arg("--strict")
        .arg("--index")
        .arg(&idx)
        .arg(&input);
    let strict = run(cmd);
    assert_eq!(strict.code, 2, "--strict turns skips into an error");
}

#[test]
fn test_briefing_ids_are_paths_under_the_indexed_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    assert_eq!(index(&idx, &[&corpus()]).code, 0);
    let mut cmd = bin();
    cmd.args(["query", "--json", "\"bonded logistics park\"", "--index"])
        .arg(&idx);
    let hit = &run(cmd).hits()[0];
    assert_eq!(
        hit["briefing_id"],
        "corpus/en/2023-04-18-scio-customs-foreign-trade.txt"
    );
    assert!(
        hit["id"].as_str().is_some_and(
            |id| id.starts_with("corpus/en/2023-04-18-scio-customs-foreign-trade.txt#")
        )
    );
}

#[test]
fn test_small_segments_are_merged_when_a_run_ends() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    let segments = || {
        let mut c = bin();
        c.args(["stats", "--json", "--index"]).arg(&idx);
        let r = run(c);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).expect("JSON");
        (v["segments"].as_u64(), v["passages"].as_u64())
    };
    let files: Vec<_> = fs::read_dir(corpus().join("en"))
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    assert!(files.len() >= 4);
    // One run per file: each commit adds a segment or two (one per indexing thread); small
    // segments never pile up past three.
    let mut passages = 0;
    for (n, file) in files.iter().take(4).enumerate() {
        let r = index(&idx, &[file.as_path()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let (segs, total) = segments();
        assert!(total > Some(passages), "passages grow");
        passages = total.unwrap_or(0);
        assert!(
            segs.is_some_and(|s| (1..=3).contains(&s)),
            "{segs:?} segments after run {}",
            n + 1
        );
    }
    // Nothing lost in the merge.
    let mut c = bin();
    c.args(["query", "*", "--count", "--index"]).arg(&idx);
    assert_eq!(run(c).stdout.trim(), passages.to_string());
}
