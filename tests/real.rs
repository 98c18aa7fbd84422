//! End-to-end tests over the real archives. They run when `BRIEFSEARCH_REAL` points at the
//! folder of real archives (`.ci/run` sets it); without it they pass without doing anything,
//! so a fresh clone passes its tests.

mod common;

use std::path::PathBuf;

use common::{bin, index, run, str_field};

fn real() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("BRIEFSEARCH_REAL")?);
    dir.is_dir().then_some(dir)
}

#[test]
fn test_seed_transcript_is_understood() {
    let Some(real) = real() else { return };
    let seed = real.join("../seeds/000_44fc51c9987e9317.txt");
    if !seed.is_file() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    let r = index(&idx, &[&seed]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let query = |args: &[&str]| {
        let mut cmd = bin();
        cmd.args(["query", "--json", "--limit", "100", "--index"])
            .arg(&idx)
            .args(args);
        run(cmd)
    };
    let all = query(&["*"]).hits();
    assert!(all.iter().all(|h| h["date"] == "2023-04-23"));
    assert!(all.iter().all(|h| {
        str_field(h, "title").starts_with("State Council Affairs Office Holds Regular Briefing")
    }));
    let answers: Vec<_> = all.iter().filter(|h| h["kind"] == "answer").collect();
    assert!(answers.len() >= 6);
    assert!(answers.iter().all(|h| h["speaker"] == "Wu Haiping"));
    assert!(answers.iter().all(|h| {
        str_field(h, "role").starts_with("Director of the Comprehensive Business Department")
    }));
    let outlets: Vec<&str> = all
        .iter()
        .filter(|h| h["kind"] == "question")
        .map(|h| str_field(h, "outlet"))
        .collect();
    assert_eq!(outlets, ["China News Agency", "Southern Daily"]);
    for noise in [
        "\"Liu Jian\"",
        "\"Xu Xiang\"",
        "Guoxin",
        "\"Tao Yong\"",
        "Zhenghe",
        "正和港",
        "Quanzhou",
    ] {
        assert_eq!(query(&[noise]).code, 1, "{noise} is page noise");
    }
    let hit = &query(&["59.8"]).hits()[0];
    assert!(str_field(hit, "text").contains("59.8%"));
}
